package rules.dockerfile.DF008_test

import data.lib.dockerfile_test as fx
import data.rules.dockerfile.DF008

expose(ports) := fx.single("alpine:3.22", [fx.instruction(1, 0, "expose", ports)])

test_expose_22_denied if {
	doc := expose(["22"])
	res := DF008.deny with input as doc
	res == {{"msg": "the SSH port is exposed (EXPOSE 22); containers should not run an SSH server", "range": doc.instructions[1].range}}
}

test_ssh_port_forms_denied if {
	every ports in [["22/tcp"], ["22/TCP"], ["80", "22", "443"], ["20-25"], ["1-1024/tcp"]] {
		count(DF008.deny) == 1 with input as expose(ports)
	}
}

test_other_ports_allowed if {
	every ports in [["80"], ["2222"], ["220"], ["22/udp"], ["8000-9000"], ["23-30"], ["${PORT}"]] {
		count(DF008.deny) == 0 with input as expose(ports)
	}
}

test_only_stages_of_the_image_count if {
	builder := [fx.instruction(1, 0, "expose", ["22"])]
	count(DF008.deny) == 0 with input as fx.two_stages("alpine:3.22", builder, "alpine:3.22", [])
	count(DF008.deny) == 1 with input as fx.two_stages("alpine:3.22", builder, "builder", [])
}
