package rules.dockerfile.DF014_test

import data.rules.dockerfile.DF014

# Unused suppressions are found by the engine (lint/suppress.go, tested with
# policies/testdata/DF014); the policy itself never reports.
test_reports_nothing_by_itself if {
	count(DF014.deny) == 0 with input as {"type": "dockerfile"}
}
