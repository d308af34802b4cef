package rules.dockerfile.DF006_test

import data.lib.dockerfile_test as fx
import data.rules.dockerfile.DF006

run(commands) := fx.single("alpine:3.22", [fx.run(1, 0, commands)])

curl := fx.command(2, "curl", "curl", ["-fsSL", "https://example.com/install.sh"], 0, 0)

test_curl_into_sh_denied_at_shell if {
	sh := fx.command(2, "sh", "sh", [], 0, 1)
	res := DF006.deny with input as run([curl, sh])
	res == {{"msg": "curl output is piped into sh, which runs the downloaded script unverified", "range": sh.range}}
}

test_wget_into_bash_denied if {
	wget := fx.command(2, "wget", "wget", ["-qO-", "https://example.com/install.sh"], 3, 0)
	bash := fx.command(2, "bash", "bash", [], 3, 1)
	count(DF006.deny) == 1 with input as run([wget, bash])
}

test_through_tee_denied if {
	tee := fx.command(2, "tee", "tee", ["/tmp/install.sh"], 0, 1)
	sh := fx.command(2, "sh", "sh", [], 0, 2)
	count(DF006.deny) == 1 with input as run([curl, tee, sh])
}

test_through_sudo_denied if {
	sudo_sh := fx.command(2, "sudo", "sh", ["-E", "sh"], 0, 1)
	count(DF006.deny) == 1 with input as run([curl, sudo_sh])
}

test_shell_path_and_stdin_options_denied if {
	every shell in [
		fx.command(2, "/bin/bash", "bash", [], 0, 1),
		fx.command(2, "bash", "bash", ["-s", "--", "--version", "1.2"], 0, 1),
		fx.command(2, "sh", "sh", ["-"], 0, 1),
		fx.command(2, "sh", "sh", ["-x"], 0, 1),
		fx.command(2, "zsh", "zsh", [], 0, 1),
	] {
		count(DF006.deny) == 1 with input as run([curl, shell])
	}
}

test_download_to_file_then_run_allowed if {
	download := fx.command(2, "curl", "curl", ["-fsSLo", "/tmp/i.sh", "https://example.com/i.sh"], 0, 0)
	sh := fx.command(2, "sh", "sh", ["/tmp/i.sh"], 1, 0)
	count(DF006.deny) == 0 with input as run([download, sh])
}

test_shell_not_reading_stdin_allowed if {
	every shell in [
		fx.command(2, "sh", "sh", ["-c", "tar xz -C /opt"], 0, 1),
		fx.command(2, "bash", "bash", ["-ec", "cat > /tmp/x"], 0, 1),
		fx.command(2, "bash", "bash", ["/tmp/script.sh"], 0, 1),
	] {
		count(DF006.deny) == 0 with input as run([curl, shell])
	}
}

test_other_programs_allowed if {
	every other in [
		fx.command(2, "tar", "tar", ["xz"], 0, 1),
		fx.command(2, "python3", "python3", [], 0, 1),
		fx.command(2, "gpg", "gpg", ["--dearmor"], 0, 1),
	] {
		count(DF006.deny) == 0 with input as run([curl, other])
	}
}

test_shell_before_download_allowed if {
	sh := fx.command(2, "sh", "sh", ["-c", "echo url"], 0, 0)
	curl_after := fx.command(2, "curl", "curl", ["-K", "-"], 0, 1)
	count(DF006.deny) == 0 with input as run([sh, curl_after])
}
