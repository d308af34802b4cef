# METADATA
# title: Compose files must load
# description: |
#   The Compose file cannot be loaded as Docker Compose would load it: the
#   YAML does not parse, a setting has the wrong type or is unknown, or an
#   extends cannot be resolved. hardline checks nothing else in the file
#   until it loads.
# custom:
#   id: RT000
#   name: invalid-compose
#   severity: error
#   security_severity: none
#   input: runtime
#   remediation: Fix the error at the position given; docker compose config reports the same problems.
#   why: |
#     A file Compose rejects does not run, and a file hardline cannot load is
#     a file whose settings nobody checked.
#   bad: |
#     services:
#       web:
#         image: app:1.4
#         privileged: maybe
#   good: |
#     services:
#       web:
#         image: app:1.4
#         privileged: false
#   references:
#     - https://docs.docker.com/reference/compose-file/
package rules.runtime.RT000

import data.lib.result

deny contains result.at(sprintf("invalid Compose file: %s", [e.message]), e) if {
	input.source == "compose"
	some e in input.errors
}
