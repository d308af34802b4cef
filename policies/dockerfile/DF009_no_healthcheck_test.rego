package rules.dockerfile.DF009_test

import data.lib.dockerfile_test as fx
import data.rules.dockerfile.DF009

check(i, s) := fx.instruction(i, s, "healthcheck", ["CMD", "curl -fsS http://localhost/ || exit 1"])

none(i, s) := fx.instruction(i, s, "healthcheck", ["NONE"])

test_missing_healthcheck_denied_at_final_from if {
	doc := fx.single("nginx:1.27", [fx.instruction(1, 0, "copy", ["site", "/usr/share/nginx/html"])])
	res := DF009.deny with input as doc
	res == {{"msg": "the final stage has no HEALTHCHECK", "range": doc.instructions[0].range}}
}

test_healthcheck_allowed if {
	count(DF009.deny) == 0 with input as fx.single("nginx:1.27", [check(1, 0)])
}

test_healthcheck_none_denied if {
	doc := fx.single("nginx:1.27", [none(1, 0)])
	res := DF009.deny with input as doc
	res == {{"msg": "the final stage disables its health check (HEALTHCHECK NONE)", "range": doc.instructions[0].range}}
}

test_lowercase_none_denied if {
	count(DF009.deny) == 1 with input as fx.single("nginx:1.27", [fx.instruction(1, 0, "healthcheck", ["none"])])
}

test_last_healthcheck_applies if {
	count(DF009.deny) == 1 with input as fx.single("nginx:1.27", [check(1, 0), none(2, 0)])
	count(DF009.deny) == 0 with input as fx.single("nginx:1.27", [none(1, 0), check(2, 0)])
}

test_inherited_from_parent_stage_allowed if {
	count(DF009.deny) == 0 with input as fx.two_stages("nginx:1.27", [check(1, 0)], "builder", [])
}

test_parent_healthcheck_overridden_by_none_denied if {
	count(DF009.deny) == 1 with input as fx.two_stages("nginx:1.27", [check(1, 0)], "builder", [none(3, 1)])
}

test_healthcheck_in_unrelated_stage_does_not_count if {
	count(DF009.deny) == 1 with input as fx.two_stages("nginx:1.27", [check(1, 0)], "alpine:3.22", [])
}

test_no_stages_no_finding if {
	count(DF009.deny) == 0 with input as {"type": "dockerfile", "errors": [], "stages": [], "instructions": [], "images": []}
}
