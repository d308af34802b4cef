# METADATA
# title: Do not disable TLS certificate verification
# description: |
#   A build step turns off certificate checks: curl -k or --insecure, wget
#   --no-check-certificate, pip --trusted-host, git http.sslVerify=false,
#   npm or yarn strict-ssl false, apt Verify-Peer=false, or an ENV such as
#   NODE_TLS_REJECT_UNAUTHORIZED=0 or GIT_SSL_NO_VERIFY (also as an ARG,
#   which RUN steps see as an environment variable). Anyone on the network
#   path can then serve the build whatever they like.
# custom:
#   id: DF013
#   name: tls-verification-disabled
#   severity: warning
#   input: dockerfile
#   remediation: Keep verification on. If a proxy or private registry uses its own CA, add the CA certificate to the image's trust store (update-ca-certificates) or point the tool at it (--cacert, PIP_CERT, NODE_EXTRA_CA_CERTS).
#   bad: |
#     RUN curl -k https://example.com/tool -o /usr/local/bin/tool
#     ENV NODE_TLS_REJECT_UNAUTHORIZED=0
#   good: |
#     COPY corp-ca.crt /usr/local/share/ca-certificates/
#     RUN update-ca-certificates && curl -fsSL https://example.com/tool -o /usr/local/bin/tool
#   references:
#     - https://cwe.mitre.org/data/definitions/295.html
#     - https://curl.se/docs/sslcerts.html
package rules.dockerfile.DF013

import data.lib.dockerfile as df
import data.lib.result

deny contains result.at_range(msg, df.arg_range(c, i)) if {
	some [_, c] in df.running(tls_programs)
	kind := tool(c.exec)
	start := df.arg_start(c)
	some i, word in c.args
	i >= start
	disables_verification(kind, c, i, word)
	msg := sprintf("%s %s disables TLS certificate verification", [c.exec, word])
}

deny contains result.at(msg, inst) if {
	some [inst, name, value] in df.assignments
	insecure_env(upper(name), lower(value))
	msg := sprintf("setting %s=%s with %s disables TLS certificate verification", [name, value, upper(inst.cmd)])
}

# tls_programs are the programs of the file whose options can disable
# verification (see disables_verification): the words of other commands
# are not read.
tls_programs := {"curl", "wget", "git", "npm", "yarn", "pnpm", "apt-get", "apt"} | {p |
	some p in df.programs
	startswith(p, "p")
	tool(p)
}

# tool is the kind of program whose options disable verification, by the
# program's name.
tool(p) := p if {
	p in {"curl", "wget", "git"}
} else := "npm" if {
	p in {"npm", "yarn", "pnpm"}
} else := "apt" if {
	p in {"apt-get", "apt"}
} else := "pip" if {
	startswith(p, "p")
	regex.match(`^(pip|python)[0-9.]*$`, p)
}

disables_verification("curl", _, _, word) if curl_insecure(word)

disables_verification("wget", _, _, word) if word == "--no-check-certificate"

disables_verification("pip", c, _, word) if {
	pip(c)
	regex.match(`^--trusted-host(=.*)?$`, word)
}

# git -c http.sslVerify=false, git config http.sslVerify false
disables_verification("git", c, i, word) if {
	regex.match(`^(?i)http\.([^ ]*\.)?sslverify(=(false|no|off|0))?$`, word)
	off(setting_value(c, i, word))
}

# npm config set strict-ssl false, yarn config set strict-ssl false, --strict-ssl=false
disables_verification("npm", c, i, word) if {
	regex.match(`^(--)?strict-ssl(=.*)?$`, lower(word))
	off(setting_value(c, i, word))
}

# apt-get -o Acquire::https::Verify-Peer=false
disables_verification("apt", _, _, word) if {
	regex.match(`(?i)^Acquire::https::(.*::)?Verify-(Peer|Host)=(false|no|off|0)$`, word)
}

curl_insecure(word) if word == "--insecure"

curl_insecure(word) if regex.match(`^-[a-zA-Z]*k[a-zA-Z]*$`, word)

pip(c) if regex.match(`^pip[0-9.]*$`, c.exec)

pip(c) if {
	regex.match(`^python[0-9.]*$`, c.exec)
	some [_, word] in df.exec_args(c)
	word == "pip"
}

# setting_value is the value of a key=value word, or the word after the key.
setting_value(c, i, word) := substring(word, indexof(word, "=") + 1, -1) if {
	contains(word, "=")
} else := c.args[i + 1]

off(value) if lower(value) in {"false", "no", "off", "0"}

insecure_env("NODE_TLS_REJECT_UNAUTHORIZED", "0")

insecure_env("PYTHONHTTPSVERIFY", "0")

insecure_env("NPM_CONFIG_STRICT_SSL", "false")

insecure_env("GIT_SSL_NO_VERIFY", value) if not value in {"", "0", "false", "no"}
