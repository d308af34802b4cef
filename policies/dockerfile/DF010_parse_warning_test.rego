package rules.dockerfile.DF010_test

import data.rules.dockerfile.DF010

r := {"line": 2, "column": 1, "endLine": 2, "endColumn": 1, "offset": 25, "endOffset": 25}

test_each_warning_reported_at_its_range if {
	res := DF010.deny with input as {
		"type": "dockerfile", "path": "Dockerfile", "errors": [],
		"warnings": [{"message": "empty continuation line", "range": r}],
		"args": [], "stages": [], "instructions": [], "images": [],
	}
	res == {{"msg": "empty continuation line", "range": r}}
}

test_no_warnings_allowed if {
	count(DF010.deny) == 0 with input as {
		"type": "dockerfile", "path": "Dockerfile", "errors": [{"message": "unknown instruction: FORM", "range": r}],
		"warnings": [], "args": [], "stages": [], "instructions": [], "images": [],
	}
}
