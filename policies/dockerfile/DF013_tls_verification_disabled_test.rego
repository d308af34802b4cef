package rules.dockerfile.DF013_test

import data.lib.dockerfile_test as fx
import data.rules.dockerfile.DF013

run(c) := fx.single("alpine:3.22", [fx.run(1, 0, [c])])

test_curl_insecure_denied_at_option if {
	c := fx.command(2, "curl", "curl", ["-k", "https://example.com/tool"], 0, 0)
	res := DF013.deny with input as run(c)
	res == {{"msg": "curl -k disables TLS certificate verification", "range": c.arg_ranges[0]}}
}

test_insecure_commands_denied if {
	every c in [
		fx.command(2, "curl", "curl", ["-fsSLk", "https://example.com/tool"], 0, 0),
		fx.command(2, "curl", "curl", ["--insecure", "https://example.com/tool"], 0, 0),
		fx.command(2, "wget", "wget", ["--no-check-certificate", "https://example.com/tool"], 0, 0),
		fx.command(2, "pip", "pip", ["install", "--trusted-host", "pypi.example.com", "app"], 0, 0),
		fx.command(2, "pip3", "pip3", ["install", "--trusted-host=pypi.example.com", "app"], 0, 0),
		fx.command(2, "python3", "python3", ["-m", "pip", "install", "--trusted-host", "x", "app"], 0, 0),
		fx.command(2, "git", "git", ["-c", "http.sslVerify=false", "clone", "https://example.com/r.git"], 0, 0),
		fx.command(2, "git", "git", ["config", "--global", "http.sslVerify", "false"], 0, 0),
		fx.command(2, "git", "git", ["config", "--global", "http.https://example.com/.sslVerify", "false"], 0, 0),
		fx.command(2, "npm", "npm", ["config", "set", "strict-ssl", "false"], 0, 0),
		fx.command(2, "yarn", "yarn", ["config", "set", "strict-ssl", "false"], 0, 0),
		fx.command(2, "npm", "npm", ["install", "--strict-ssl=false"], 0, 0),
		fx.command(2, "apt-get", "apt-get", ["-o", "Acquire::https::Verify-Peer=false", "update"], 0, 0),
		fx.command(2, "sudo", "curl", ["curl", "-k", "https://example.com/tool"], 0, 0),
	] {
		count(DF013.deny) == 1 with input as run(c)
	}
}

test_verified_commands_allowed if {
	every c in [
		fx.command(2, "curl", "curl", ["-fsSL", "https://example.com/tool"], 0, 0),
		fx.command(2, "curl", "curl", ["--cacert", "/etc/ssl/corp.pem", "https://example.com/tool"], 0, 0),
		fx.command(2, "wget", "wget", ["-k", "-r", "https://example.com/site/"], 0, 0),
		fx.command(2, "pip", "pip", ["install", "--index-url", "https://pypi.example.com/simple", "app"], 0, 0),
		fx.command(2, "git", "git", ["config", "--global", "http.sslVerify", "true"], 0, 0),
		fx.command(2, "git", "git", ["config", "--get", "http.sslVerify"], 0, 0),
		fx.command(2, "npm", "npm", ["config", "set", "strict-ssl", "true"], 0, 0),
		fx.command(2, "echo", "echo", ["curl", "-k"], 0, 0),
		fx.command(2, "apt-get", "apt-get", ["-o", "Acquire::Retries=3", "update"], 0, 0),
	] {
		count(DF013.deny) == 0 with input as run(c)
	}
}

test_insecure_env_denied if {
	doc := fx.single("node:22-alpine", [fx.instruction(1, 0, "env", ["NODE_TLS_REJECT_UNAUTHORIZED", "0"])])
	res := DF013.deny with input as doc
	res == {{"msg": "setting NODE_TLS_REJECT_UNAUTHORIZED=0 with ENV disables TLS certificate verification", "range": doc.instructions[1].range}}
}

test_insecure_env_and_arg_values_denied if {
	every inst in [
		fx.instruction(1, 0, "env", ["GIT_SSL_NO_VERIFY", "true"]),
		fx.instruction(1, 0, "env", ["GIT_SSL_NO_VERIFY=1"]),
		fx.instruction(1, 0, "env", ["PYTHONHTTPSVERIFY", "0"]),
		fx.instruction(1, 0, "env", ["NPM_CONFIG_STRICT_SSL", "false"]),
		fx.instruction(1, 0, "arg", ["NODE_TLS_REJECT_UNAUTHORIZED=0"]),
	] {
		count(DF013.deny) == 1 with input as fx.single("alpine:3.22", [inst])
	}
}

test_safe_env_allowed if {
	every inst in [
		fx.instruction(1, 0, "env", ["NODE_TLS_REJECT_UNAUTHORIZED", "1"]),
		fx.instruction(1, 0, "env", ["GIT_SSL_NO_VERIFY", "false"]),
		fx.instruction(1, 0, "env", ["NODE_EXTRA_CA_CERTS", "/etc/ssl/corp.pem"]),
		fx.instruction(1, 0, "arg", ["NODE_TLS_REJECT_UNAUTHORIZED"]),
	] {
		count(DF013.deny) == 0 with input as fx.single("alpine:3.22", [inst])
	}
}
