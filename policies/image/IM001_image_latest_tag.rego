# METADATA
# title: Images must not use the latest tag
# description: |
#   A reference with no tag, or the tag latest, names whatever image was pushed
#   last: builds and deployments stop being reproducible, a rollback may not
#   roll back, and a compromised or broken push reaches you silently.
# custom:
#   id: IM001
#   name: image-latest-tag
#   severity: warning
#   input: image
#   remediation: Name a version tag (python:3.12-slim), or better, pin the digest as well; IM002 does not report these references again.
#   why: |
#     "latest" is only a default name, not the newest version: it moves whenever
#     the publisher pushes, so two builds of the same commit can get different
#     images, and nobody can tell from the file which one runs.
#   bad: |
#     FROM python
#     FROM node:latest
#   good: |
#     FROM python:3.12-slim
#     FROM node:22-alpine@sha256:...
#   fix: unsafe
#   fix_reason: the fix pins the digest the tag points to now (only with --resolve-digests), so what runs today stays the same, but the image no longer follows the tag and gets no updates or security patches until someone bumps the digest (let Renovate or Dependabot do it); in Kubernetes an image without a tag is then no longer pulled on every start
#   references:
#     - https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
#     - https://kubernetes.io/docs/concepts/containers/images/#image-names
package rules.image.IM001

import data.lib.image

deny contains finding(sprintf("image %s uses the implicit latest tag", [img.ref]), img) if {
	some img in image.images
	not image.unknown(img)
	not image.scratch(img)
	not image.pinned(img)
	image.tag(img) == ""
}

deny contains finding(sprintf("image %s uses the latest tag", [img.ref]), img) if {
	some img in image.images
	not image.scratch(img)
	not image.pinned(img)
	image.tag(img) == "latest"
}

# finding offers to pin the reference to its digest, which makes latest
# immutable (the same intent as IM002's fix); not when variables leave the
# reference unknown.
finding(msg, img) := image.at_with_fix(msg, img, {
	"title": sprintf("Pin %s to its current digest", [img.ref]),
	"edits": [{"op": "pin_image", "image": img}],
}) if {
	not image.unknown(img)
} else := image.at(msg, img)
