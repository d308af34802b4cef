package rules.dockerfile.DF003_test

import data.lib.dockerfile_test as fx
import data.rules.dockerfile.DF003

chmod(args) := fx.single("alpine:3.22", [fx.run(1, 0, [fx.command(2, "chmod", "chmod", args, 0, 0)])])

test_chmod_777_denied_at_mode if {
	doc := chmod(["777", "/app"])
	res := DF003.deny with input as doc
	res == {{"msg": "chmod 777 makes /app writable by every user", "range": doc.instructions[1].commands[0].arg_ranges[0]}}
}

test_recursive_chmod_denied_at_mode if {
	doc := chmod(["-R", "777", "/app", "/data"])
	res := DF003.deny with input as doc
	res == {{"msg": "chmod 777 makes /app /data writable by every user", "range": doc.instructions[1].commands[0].arg_ranges[1]}}
}

test_world_writable_modes_denied if {
	every args in [
		["666", "/etc/app.conf"],
		["0777", "/app"],
		["0666", "/app/x"],
		["2777", "/shared"],
		["--recursive", "777", "/app"],
		["-Rv", "776", "/app"],
		["--", "777", "/app"],
		["o+w", "/app"],
		["a+rwx", "/app"],
		["go=rw", "/app"],
		["u+x,o+w", "/app"],
		["ugo+rwx", "/app"],
	] {
		count(DF003.deny) == 1 with input as chmod(args)
	}
}

test_safe_modes_allowed if {
	every args in [
		["755", "/app"],
		["644", "/app/x"],
		["0775", "/app"],
		["1777", "/tmp"],
		["+x", "/entrypoint.sh"],
		["+w", "/app"],
		["u+w", "/app"],
		["g+w", "/app"],
		["o-w", "/app"],
		["a-w", "/app"],
		["-w", "/app"],
		["-R", "go-w", "/app"],
		["--reference=/etc/passwd", "/app"],
	] {
		count(DF003.deny) == 0 with input as chmod(args)
	}
}

test_sudo_chmod_denied_at_mode if {
	doc := fx.single("alpine:3.22", [fx.run(1, 0, [fx.command(2, "sudo", "chmod", ["chmod", "777", "/app"], 0, 0)])])
	res := DF003.deny with input as doc
	res == {{"msg": "chmod 777 makes /app writable by every user", "range": doc.instructions[1].commands[0].arg_ranges[1]}}
}

test_chmod_as_an_argument_allowed if {
	doc := fx.single("alpine:3.22", [fx.run(1, 0, [fx.command(2, "echo", "echo", ["chmod", "777", "/app"], 0, 0)])])
	count(DF003.deny) == 0 with input as doc
}

test_copy_chmod_denied if {
	doc := fx.single("alpine:3.22", [fx.flagged(fx.instruction(1, 0, "copy", ["app", "/app"]), {"chmod": ["777"]})])
	res := DF003.deny with input as doc
	res == {{"msg": "copied files are made writable by every user (COPY --chmod=777)", "range": doc.instructions[1].range}}
}

test_add_chmod_denied if {
	doc := fx.single("alpine:3.22", [fx.flagged(fx.instruction(1, 0, "add", ["app.tgz", "/app"]), {"chmod": ["0666"]})])
	count(DF003.deny) == 1 with input as doc
}

test_copy_safe_chmod_allowed if {
	doc := fx.single("alpine:3.22", [fx.flagged(fx.instruction(1, 0, "copy", ["app", "/app"]), {"chmod": ["755"], "chown": ["app:app"]})])
	count(DF003.deny) == 0 with input as doc
}
