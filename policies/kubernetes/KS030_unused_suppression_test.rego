package rules.kubernetes.KS030_test

import data.rules.kubernetes.KS030

# Unused suppressions are found by the engine (lint/suppress.go, tested with
# policies/testdata/KS030); the policy itself never reports.
test_reports_nothing_by_itself if {
	count(KS030.deny) == 0 with input as {"type": "kubernetes"}
}
