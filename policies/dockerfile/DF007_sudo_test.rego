package rules.dockerfile.DF007_test

import data.lib.dockerfile_test as fx
import data.rules.dockerfile.DF007

run(c) := fx.single("alpine:3.22", [fx.run(1, 0, [c])])

test_sudo_command_denied if {
	c := fx.command(2, "sudo", "apt-get", ["apt-get", "install", "-y", "curl"], 0, 0)
	res := DF007.deny with input as run(c)
	res == {{"msg": "sudo runs apt-get; build steps already run as root unless USER changed it", "range": c.range}}
}

test_sudo_by_path_denied if {
	count(DF007.deny) == 1 with input as run(fx.command(2, "/usr/bin/sudo", "make", ["-E", "make", "install"], 0, 0))
}

test_sudo_behind_wrapper_denied_at_sudo if {
	c := fx.command(2, "env", "apt-get", ["DEBIAN_FRONTEND=noninteractive", "sudo", "apt-get", "update"], 0, 0)
	res := DF007.deny with input as run(c)
	res == {{"msg": "sudo runs apt-get through env; build steps already run as root unless USER changed it", "range": c.arg_ranges[1]}}
}

test_sudo_package_allowed if {
	count(DF007.deny) == 0 with input as run(fx.command(2, "apt-get", "apt-get", ["install", "-y", "sudo"], 0, 0))
	count(DF007.deny) == 0 with input as run(fx.command(2, "apk", "apk", ["add", "--no-cache", "sudo"], 0, 0))
}

test_sudo_as_argument_of_the_real_program_allowed if {
	count(DF007.deny) == 0 with input as run(fx.command(2, "xargs", "apt-get", ["apt-get", "install", "-y", "sudo"], 0, 0))
	count(DF007.deny) == 0 with input as run(fx.command(2, "echo", "echo", ["sudo", "is", "not", "used"], 0, 0))
}
