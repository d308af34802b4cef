# METADATA
# title: Secrets must not be written in environment variables
# description: |
#   environment (-e, --env) sets a literal value that looks like a secret,
#   by the same detector as KS025: the variable's name says password,
#   secret, token, API key, private key or credentials and its value is not
#   a reference, a path, a number or a boolean; or the value itself looks
#   like a credential (an AWS access key, a GitHub, GitLab, Slack, Stripe,
#   Google or npm token, a JWT, a private key, a URL with a password).
#   Values from variables ($DB_PASSWORD, ${DB_PASSWORD}) and names passed
#   without a value (-e DB_PASSWORD) are not literals.
# custom:
#   id: RT010
#   name: runtime-secret-in-env
#   severity: error
#   precision: medium
#   input: runtime
#   remediation: 'Use Compose secrets (secrets:, read from /run/secrets) or pass the value from the environment (-e DB_PASSWORD, DB_PASSWORD: ${DB_PASSWORD}); rotate the exposed credential.'
#   why: |
#     A Compose file or script is read by everyone with access to the
#     repository and ends up in CI logs, and a container's environment is
#     shown by docker inspect to anyone who can reach the daemon.
#   bad: |
#     services:
#       app:
#         image: app:1.4
#         environment:
#           DB_PASSWORD: s3cr3t-pa55
#     docker run -e API_TOKEN=abc123def456 app:1.4
#   good: |
#     services:
#       app:
#         image: app:1.4
#         environment:
#           DB_PASSWORD_FILE: /run/secrets/db_password
#         secrets: [db_password]
#     secrets:
#       db_password:
#         file: ./db_password.txt
#     docker run -e API_TOKEN app:1.4
#   references:
#     - https://docs.docker.com/compose/how-tos/use-secrets/
#     - https://cwe.mitre.org/data/definitions/798.html
package rules.runtime.RT010

import data.lib.result
import data.lib.runtime as rt
import data.lib.secrets

deny contains result.at(sprintf("%s sets env %s to %s: use a secret or pass it from the environment", [rt.describe(c), env.name, secrets.reason(env.name, env.value)]), env) if {
	some c in rt.containers
	some env in c.env
	env.has_value
	not env.unknown
	secrets.reason(env.name, env.value)
}
