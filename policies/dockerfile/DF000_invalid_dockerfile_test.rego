package rules.dockerfile.DF000_test

import data.rules.dockerfile.DF000

r := {"line": 3, "column": 1, "endLine": 3, "endColumn": 17, "offset": 30, "endOffset": 46}

test_each_error_reported_at_its_range if {
	res := DF000.deny with input as {
		"type": "dockerfile", "path": "Dockerfile",
		"errors": [
			{"message": "unknown instruction: FORM", "range": r},
			{"message": "no FROM instruction", "range": {"line": 1, "column": 1, "endLine": 1, "endColumn": 1, "offset": 0, "endOffset": 0}},
		],
		"warnings": [], "args": [], "stages": [], "instructions": [], "images": [],
	}
	count(res) == 2
	{"msg": "unknown instruction: FORM", "range": r} in res
}

test_no_errors_allowed if {
	count(DF000.deny) == 0 with input as {
		"type": "dockerfile", "path": "Dockerfile", "errors": [], "warnings": [{"message": "empty continuation line", "range": r}],
		"args": [], "stages": [], "instructions": [], "images": [],
	}
}

test_missing_errors_field_allowed if {
	count(DF000.deny) == 0 with input as {"type": "dockerfile", "instructions": []}
}
