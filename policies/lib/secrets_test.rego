package lib.secrets_test

import data.lib.secrets

test_any_value_pattern_is_the_alternation_of_value_patterns if {
	secrets.any_value_pattern == concat("|", [sprintf("(?:%s)", [p]) | some p in secrets.value_patterns])
}

test_reason_names_the_credential if {
	secrets.reason("X", "AKIAABCDEFGHIJKLMNOP") == "a literal aws access key"
	secrets.reason("URL", "postgres://app:hunter2@db/app") == "a literal url with a password"
}

test_reason_by_name if secrets.reason("DB_PASSWORD", "hunter2") == "a literal value that looks like a secret"

test_no_reason_for_plain_values if not secrets.reason("LOG_LEVEL", "info")
