# METADATA
# title: Dockerfile parser warnings
# description: |
#   The parser accepted the Dockerfile but warned about it: an empty
#   continuation line, a deprecated form, a flag it does not know. These
#   usually point at a mistake, and may become errors in later versions of
#   Docker.
# custom:
#   id: DF010
#   name: parse-warning
#   severity: info
#   security_severity: none
#   input: dockerfile
#   remediation: Change the line as the warning says.
#   bad: |
#     RUN apt-get update && \
#
#         apt-get install -y curl
#   good: |
#     RUN apt-get update && \
#         apt-get install -y curl
#   references:
#     - https://docs.docker.com/reference/build-checks/
package rules.dockerfile.DF010

import data.lib.result

deny contains result.at(w.message, w) if some w in input.warnings
