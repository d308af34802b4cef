package rules.kubernetes.KS000_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS000

range := {"line": 4, "column": 2, "endLine": 4, "endColumn": 7, "offset": 30, "endOffset": 35}

with_errors(errors) := object.union(t.plain_input("v1", "ConfigMap", {"name": "x"}), {"errors": errors})

test_one_finding_per_error if {
	got := KS000.deny with input as with_errors([
		{"message": "yaml: line 4: mapping values are not allowed in this context", "range": range},
		{"message": "object has no kind", "range": range},
	])
	count(got) == 2
	{"msg": "invalid manifest: object has no kind", "range": range} in got
}

test_error_without_range_points_at_object if {
	got := KS000.deny with input as with_errors([{"message": "object has no kind"}])
	got == {{"msg": "invalid manifest: object has no kind", "path": []}}
}

test_valid_object_allowed if {
	count(KS000.deny) == 0 with input as t.pod_input(t.hardened_spec)
}
