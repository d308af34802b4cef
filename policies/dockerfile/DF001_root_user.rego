# METADATA
# title: Containers must not run as root
# description: |
#   The final stage has no USER instruction and its base image runs as root, or
#   its last USER is root (root, 0, root:group, 0:group). Processes in the
#   container then run as UID 0, and a container escape or a writable host
#   mount gives root on the node.
# custom:
#   id: DF001
#   name: root-user
#   severity: warning
#   input: dockerfile
#   remediation: Create an unprivileged user and switch to it with USER before the CMD or ENTRYPOINT, or use a base image that runs as non-root (distroless :nonroot, Chainguard).
#   why: |
#     Root in a container is root on the host as far as the kernel is concerned:
#     it owns files on mounted volumes, may load capabilities the runtime grants,
#     and turns any container breakout into full control of the node. Images run
#     as root unless a USER says otherwise; Docker Official Images do not set one.
#   bad: |
#     FROM python:3.12-slim
#     COPY app /app
#     CMD ["python", "/app/main.py"]
#   good: |
#     FROM python:3.12-slim
#     RUN useradd --uid 10001 --no-create-home app
#     COPY app /app
#     USER 10001
#     CMD ["python", "/app/main.py"]
#   fix: safe
#   fix_reason: adding a USER line with an unprivileged UID before the final CMD changes who runs the process, not what runs; files the process writes must be writable by that UID
#   references:
#     - https://docs.docker.com/reference/dockerfile/#user
#     - https://docs.docker.com/build/building/best-practices/#user
#     - https://kubernetes.io/docs/concepts/security/pod-security-standards/
package rules.dockerfile.DF001

import data.lib.dockerfile as df
import data.lib.image
import data.lib.result

deny contains result.at_range(sprintf("the final stage runs as root (USER %s)", [user.raw]), user.range) if {
	user := df.final_stage.user
	df.root_user(user.user)
}

deny contains result.at(msg, df.final_from) if {
	stage := df.final_stage
	not stage.user
	stage.root.kind == "scratch"
	msg := "the final stage runs as root: it is built FROM scratch and no USER sets another user"
}

deny contains result.at(msg, df.final_from) if {
	stage := df.final_stage
	not stage.user
	img := df.root_image
	not image.unknown(img)
	not image.non_root_default(img)
	msg := sprintf("the final stage runs as root: %s runs as root by default and no USER sets another user", [img.ref])
}
