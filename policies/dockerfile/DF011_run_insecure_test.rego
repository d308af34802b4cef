package rules.dockerfile.DF011_test

import data.lib.dockerfile_test as fx
import data.rules.dockerfile.DF011

run(flags) := fx.single("alpine:3.22", [fx.flagged(fx.run(1, 0, [fx.command(2, "make", "make", ["test"], 0, 0)]), flags)])

test_security_insecure_denied if {
	doc := run({"security": ["insecure"]})
	res := DF011.deny with input as doc
	res == {{
		"msg": "the build step runs without the sandbox, with full privileges on the builder (RUN --security=insecure)",
		"range": doc.instructions[1].range,
	}}
}

test_security_sandbox_allowed if {
	count(DF011.deny) == 0 with input as run({"security": ["sandbox"]})
}

test_other_flags_allowed if {
	count(DF011.deny) == 0 with input as run({})
	count(DF011.deny) == 0 with input as run({"mount": ["type=cache,target=/root/.cache"], "network": ["none"]})
}
