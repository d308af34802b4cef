# METADATA
# title: Images should define a HEALTHCHECK
# description: |
#   The final stage has no HEALTHCHECK (or disables it with HEALTHCHECK NONE),
#   and does not inherit one from an earlier stage it is built FROM. Docker and
#   Swarm then cannot tell a hung application from a healthy one. Kubernetes
#   ignores HEALTHCHECK and uses probes instead: if the image only runs there,
#   suppress this rule and define liveness and readiness probes.
# custom:
#   id: DF009
#   name: no-healthcheck
#   severity: info
#   input: dockerfile
#   remediation: Add a HEALTHCHECK that checks the application cheaply (an HTTP health endpoint, a status command) and exits non-zero when it is unhealthy.
#   bad: |
#     FROM nginx:1.27
#     COPY site /usr/share/nginx/html
#   good: |
#     FROM nginx:1.27
#     COPY site /usr/share/nginx/html
#     HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost/ || exit 1
#   references:
#     - https://docs.docker.com/reference/dockerfile/#healthcheck
package rules.dockerfile.DF009

import data.lib.dockerfile as df
import data.lib.result

deny contains result.at("the final stage has no HEALTHCHECK", df.final_from) if {
	df.final_stage
	count(healthchecks) == 0
}

deny contains result.at(msg, df.final_from) if {
	last := input.instructions[max({inst.index | some inst in healthchecks})]
	upper(last.args[0]) == "NONE"
	msg := "the final stage disables its health check (HEALTHCHECK NONE)"
}

# healthchecks are the HEALTHCHECK instructions of the stages the image is
# built from; the last one is the one that applies.
healthchecks := {inst | some inst in df.instructions("healthcheck"); df.in_image(inst)}
