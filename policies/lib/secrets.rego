# METADATA
# description: |
#   The secret detector of KS025, KS050 and RT010: a literal value that looks like
#   a credential, by the variable's name or by the value itself.
package lib.secrets

# reason says why the value of variable name looks like a secret (never the
# value itself); undefined when it does not.
reason(name, value) := sprintf("a literal %s", [kinds[0]]) if {
	regex.match(any_value_pattern, value)
	kinds := sort([kind | some kind, pattern in value_patterns; regex.match(pattern, value)])
	count(kinds) > 0
} else := "a literal value that looks like a secret" if {
	secret_name(name)
	not harmless(value)
}

# Credentials recognisable by their value, whatever the variable's name.
value_patterns := {
	"aws access key": `\b(AKIA|ASIA)[0-9A-Z]{16}\b`,
	"github token": `\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b`,
	"gitlab token": `\bglpat-[A-Za-z0-9_-]{20,}`,
	"slack token": `\bxox[abposr]-[A-Za-z0-9-]{10,}`,
	"slack webhook url": `https://hooks\.slack\.com/services/[A-Za-z0-9/]+`,
	"stripe key": `\b[sr]k_live_[A-Za-z0-9]{16,}`,
	"google api key": `\bAIza[A-Za-z0-9_-]{35}`,
	"npm token": `\bnpm_[A-Za-z0-9]{36}\b`,
	"private key": `-----BEGIN ([A-Z]+ )*PRIVATE KEY( BLOCK)?-----`,
	"json web token": `\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`,
	"url with a password": `[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@$]+:[^/\s@$(){}]+@`,
}

# any_value_pattern matches what one of value_patterns matches: one regex
# for the common case of a value that is no credential (a test checks that
# it is the alternation of value_patterns).
any_value_pattern := `(?:\b(AKIA|ASIA)[0-9A-Z]{16}\b)|(?:\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b)|(?:\bglpat-[A-Za-z0-9_-]{20,})|(?:\bAIza[A-Za-z0-9_-]{35})|(?:\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})|(?:\bnpm_[A-Za-z0-9]{36}\b)|(?:-----BEGIN ([A-Z]+ )*PRIVATE KEY( BLOCK)?-----)|(?:\bxox[abposr]-[A-Za-z0-9-]{10,})|(?:https://hooks\.slack\.com/services/[A-Za-z0-9/]+)|(?:\b[sr]k_live_[A-Za-z0-9]{16,})|(?:[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@$]+:[^/\s@$(){}]+@)`

# secret_name holds for variable names such as DB_PASSWORD, apiToken or
# AWS_SECRET_ACCESS_KEY, but not SECRET_NAME, TOKEN_URL or PASSWORD_FILE.
secret_name(name) if {
	is_string(name)
	n := upper(name)
	regex.match(`(PASSWORDS?|PASSWD|PASSPHRASE|SECRETS?|TOKENS?|CREDENTIALS?|(API|ACCESS|PRIVATE|AUTH|ENCRYPTION|SIGNING|CLIENT|LICENSE)_?KEY)([^A-Z]|$)|(^|[^A-Z])(PWD|PASS|PSK)([^A-Z]|$)`, n)
	not regex.match(`[_.-]?(FILE|PATH|DIR|NAME|URL|URI|ENDPOINT|HOST|PORT|HEADER|ENABLED|ENABLE|DISABLED|REQUIRED|LENGTH|SIZE|TTL|EXPIRY|EXPIRATION|EXPIRES|LIFETIME|TIMEOUT|TYPE|KIND|ID|REF|ARN|MODE|POLICY|LOCATION|FORMAT|ALGORITHM|ALG|VERSION|ISSUER|AUDIENCE|SCOPES?|COUNT|LIMIT|MIN|MAX|ROTATION|PROVIDER|STORE|BACKEND|MOUNT|KEYS?_ID)$`, n)
}

# harmless values: empty, booleans, numbers, paths, references, templates and
# URLs without credentials.
harmless(value) if trim_space(value) == ""

harmless(value) if lower(trim_space(value)) in {"true", "false", "yes", "no", "on", "off", "enabled", "disabled", "none", "null", "nil", "required", "optional"}

harmless(value) if regex.match(`^[0-9]+([.][0-9]+)?[smhd]?$`, trim_space(value))

harmless(value) if regex.match(`^(/|\./|\.\./|~/|file:)`, trim_space(value))

harmless(value) if contains(value, "$(")

harmless(value) if contains(value, "${")

harmless(value) if contains(value, "{{")

harmless(value) if regex.match(`^<[^>]*>$`, trim_space(value))

harmless(value) if {
	regex.match(`^[A-Za-z][A-Za-z0-9+.-]*://`, value)
	not regex.match(`://[^/\s@]+@`, value)
}
