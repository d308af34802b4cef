# METADATA
# title: Dockerfiles must parse
# description: |
#   The Dockerfile has a syntax error that the parser reports: an unknown
#   instruction, a missing FROM, a malformed flag or heredoc. Docker will
#   refuse to build it, and the other rules see only what could be read. A
#   file larger than max-file-size (20 MiB unless configured) is reported here
#   too, unread.
# custom:
#   id: DF000
#   name: invalid-dockerfile
#   severity: error
#   security_severity: none
#   input: dockerfile
#   remediation: Fix the syntax error at the reported position.
#   bad: |
#     FORM python:3.12
#   good: |
#     FROM python:3.12
#   references:
#     - https://docs.docker.com/reference/dockerfile/
package rules.dockerfile.DF000

import data.lib.result

deny contains result.at(e.message, e) if some e in input.errors
