package policies

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// allowedBuiltins are the built-in functions policies may call: pure
// functions of their arguments. Anything else OPA offers is refused when
// policies compile; excludedBuiltins says why for each family. See
// docs/security.md.
func allowedBuiltins() []string {
	return []string{
		// Operators, comparison and assignment.
		"and", "assign", "div", "eq", "equal", "gt", "gte", "internal.member_2", "internal.member_3",
		"internal.print", "internal.template_string", "internal.test_case", "lt", "lte", "minus", "mul",
		"neq", "or", "plus", "print", "rem", "trace",
		// Numbers.
		"abs", "ceil", "floor", "format_int", "numbers.range", "numbers.range_step", "round", "to_number",
		"bits.and", "bits.lsh", "bits.negate", "bits.or", "bits.rsh", "bits.xor",
		// Aggregates, arrays, sets and objects.
		"all", "any", "count", "max", "min", "product", "sort", "sum",
		"array.concat", "array.flatten", "array.reverse", "array.slice",
		"intersection", "set_diff", "union",
		"object.filter", "object.get", "object.keys", "object.remove", "object.subset", "object.union", "object.union_n",
		"json.filter", "json.patch", "json.remove", "walk",
		"graph.reachable", "graph.reachable_paths",
		// Types.
		"cast_array", "cast_boolean", "cast_null", "cast_object", "cast_set", "cast_string",
		"is_array", "is_boolean", "is_null", "is_number", "is_object", "is_set", "is_string", "type_name",
		// Strings and regular expressions (RE2: linear time).
		"concat", "contains", "endswith", "indexof", "indexof_n", "lower", "replace", "split", "sprintf",
		"startswith", "strings.any_prefix_match", "strings.any_suffix_match", "strings.count",
		"strings.render_template", "strings.replace_n", "strings.reverse", "strings.split_n", "substring",
		"trim", "trim_left", "trim_prefix", "trim_right", "trim_space", "trim_suffix", "upper",
		"glob.match", "glob.quote_meta",
		"re_match", "regex.find_all_string_submatch_n", "regex.find_n", "regex.globs_match", "regex.is_valid",
		"regex.match", "regex.replace", "regex.split", "regex.template_match",
		// Encodings.
		"base64.decode", "base64.encode", "base64.is_valid", "base64url.decode", "base64url.encode",
		"base64url.encode_no_pad", "hex.decode", "hex.encode", "urlquery.decode", "urlquery.decode_object",
		"urlquery.encode", "urlquery.encode_object", "uri.is_valid", "uri.parse",
		"json.is_valid", "json.marshal", "json.marshal_with_options", "json.unmarshal",
		"yaml.is_valid", "yaml.marshal", "yaml.unmarshal",
		"graphql.is_valid", "graphql.parse", "graphql.parse_and_verify", "graphql.parse_query",
		"graphql.parse_schema", "graphql.schema_is_valid",
		// Versions, units, network addresses (no lookups), identifiers.
		"semver.compare", "semver.is_valid", "units.parse", "units.parse_bytes", "uuid.parse",
		"net.cidr_contains", "net.cidr_contains_matches", "net.cidr_expand", "net.cidr_intersects",
		"net.cidr_is_valid", "net.cidr_merge", "net.cidr_overlap",
		// Time from values, never from the clock.
		"time.add_date", "time.clock", "time.date", "time.diff", "time.format", "time.parse_duration_ns",
		"time.parse_ns", "time.parse_rfc3339_ns", "time.weekday",
		// Hashes, signatures checked against given keys, certificates parsed
		// without being verified against the clock.
		"crypto.hmac.equal", "crypto.hmac.md5", "crypto.hmac.sha1", "crypto.hmac.sha256", "crypto.hmac.sha512",
		"crypto.md5", "crypto.sha1", "crypto.sha256", "crypto.parse_private_keys",
		"crypto.x509.parse_certificate_request", "crypto.x509.parse_certificates", "crypto.x509.parse_keypair",
		"crypto.x509.parse_rsa_private_key",
		"io.jwt.decode", "io.jwt.verify_eddsa", "io.jwt.verify_es256", "io.jwt.verify_es384", "io.jwt.verify_es512",
		"io.jwt.verify_hs256", "io.jwt.verify_hs384", "io.jwt.verify_hs512", "io.jwt.verify_ps256",
		"io.jwt.verify_ps384", "io.jwt.verify_ps512", "io.jwt.verify_rs256", "io.jwt.verify_rs384", "io.jwt.verify_rs512",
		// Policy metadata and parsing.
		"rego.metadata.chain", "rego.metadata.rule", "rego.parse_module",
	}
}

// excludedBuiltins are the built-in functions policies may not call, with
// the reason.
func excludedBuiltins() map[string]string {
	return map[string]string{
		"http.send":              "reaches the network",
		"net.lookup_ip_addr":     "reaches the network (DNS)",
		"providers.aws.sign_req": "signs requests for the network with credentials",
		"opa.runtime":            "reads the environment and the configuration of the process",
		"time.now_ns":            "reads the clock",
		"io.jwt.decode_verify":   "reads the clock (expiry and not-before checks)",
		"io.jwt.encode_sign":     "is randomised (signatures) and meant for issuing tokens",
		"io.jwt.encode_sign_raw": "is randomised (signatures) and meant for issuing tokens",
		"rand.intn":              "is random",
		"uuid.rfc4122":           "is random",
		"json.verify_schema":     "fetches $ref schemas from files and the network",
		"json.match_schema":      "fetches $ref schemas from files and the network",

		"crypto.x509.parse_and_verify_certificates":              "reads the clock (certificate validity)",
		"crypto.x509.parse_and_verify_certificates_with_options": "reads the clock (certificate validity)",
	}
}

// AllowedBuiltins returns the names of the built-in functions policies may
// call, sorted.
func AllowedBuiltins() []string {
	out := allowedBuiltins()
	slices.Sort(out)
	return out
}

// ExcludedBuiltin says why a built-in function is not available to
// policies; ok is false for a function that is available or unknown.
func ExcludedBuiltin(name string) (reason string, ok bool) {
	reason, ok = excludedBuiltins()[name]
	return reason, ok
}

// Capabilities are the built-in functions policies may call: only those of
// the allow-list, and no network access.
func Capabilities() *ast.Capabilities {
	return sandbox(ast.CapabilitiesForThisVersion())
}

// sandbox is a copy of caps with only the built-in functions of the
// allow-list, and no network access.
func sandbox(all *ast.Capabilities) *ast.Capabilities {
	caps := *all
	caps.Builtins = slices.Clone(all.Builtins)
	allowed := allowedBuiltins()
	kept := caps.Builtins[:0]
	for _, b := range caps.Builtins {
		if slices.Contains(allowed, b.Name) {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return &caps
}

var undefinedFunction = regexp.MustCompile(`undefined function ([A-Za-z0-9_.]+)`)

// CompileError explains a compile error that calls a built-in function
// policies may not use.
func CompileError(err error) error {
	excluded := excludedBuiltins()
	var notes []string
	for _, m := range undefinedFunction.FindAllStringSubmatch(err.Error(), -1) {
		note := m[1] + " is not available to policies"
		if reason, ok := excluded[m[1]]; ok {
			note += ": it " + reason
		}
		if !slices.Contains(notes, note) {
			notes = append(notes, note)
		}
	}
	if len(notes) == 0 {
		return err
	}
	return fmt.Errorf("%w (%s; policies run in a sandbox of pure built-in functions, see docs/security.md)", err, strings.Join(notes, "; "))
}

// ErrReserved is the error for a user policy that defines a package or
// rule ID of hardline's own.
var ErrReserved = errors.New("reserved for hardline's built-in policies")
