package policies_test

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hardline-dev/hardline/lint/rule"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hardline-dev/hardline/formats"
	"github.com/hardline-dev/hardline/lint/linttest"
	"github.com/hardline-dev/hardline/policies"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/rules.md")

func builtin(t *testing.T) *policies.Catalog {
	t.Helper()
	cat, err := policies.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestRego runs every built-in _test.rego.
func TestRego(t *testing.T) {
	res, err := policies.RunTests(context.Background(), builtin(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) < 50 {
		t.Fatalf("only %d Rego tests ran", len(res))
	}
	for _, r := range res {
		if r.Fail {
			t.Errorf("%s.%s (%s): %s", r.Package, r.Name, r.File, r.Output)
		}
	}
}

// TestCatalog checks that every rule is complete: METADATA, a _test.rego
// and annotated testdata.
func TestCatalog(t *testing.T) {
	cat := builtin(t)
	if len(cat.Rules) < 30 {
		t.Fatalf("only %d rules", len(cat.Rules))
	}
	for _, r := range cat.Rules {
		t.Run(r.ID, func(t *testing.T) {
			if r.Description == "" || r.Remediation == "" {
				t.Errorf("%s: METADATA needs a description and custom.remediation", r.File)
			}
			if r.Title != strings.TrimSuffix(r.Title, ".") {
				t.Errorf("%s: title %q ends with a period", r.File, r.Title)
			}
			// A rule the engine implements (its policy is deny := set())
			// is checked by its testdata alone: a _test.rego of it could
			// not fail.
			test := strings.TrimSuffix(r.File, ".rego") + "_test.rego"
			_, hasTest := cat.Tests[test]
			switch engine := engineRule(parseBuiltin(t, r.File)); {
			case engine && hasTest:
				t.Errorf("%s: the engine reports %s, so %s cannot fail: remove it and test with testdata/%s", r.File, r.ID, test, r.ID)
			case !engine && !hasTest:
				t.Errorf("%s: no %s", r.File, test)
			}
			if wantPrefix := map[rule.Input]string{
				rule.InputDockerfile: "DF", rule.InputImage: "IM",
				rule.InputKubernetes: "KS", rule.InputManifests: "KS",
				rule.InputRuntime: "RT",
			}[r.Input]; !strings.HasPrefix(r.ID, wantPrefix) {
				t.Errorf("%s: a rule over %s input has an ID starting with %s", r.ID, r.Input, wantPrefix)
			}
			if _, err := os.Stat(filepath.Join("testdata", r.ID)); err != nil {
				t.Errorf("%s: no annotated inputs: %v", r.ID, err)
			}
			// Code scanning: files that cannot be parsed and stale
			// suppressions are no security alerts; what gives away the
			// node is critical.
			score, security := r.EffectiveSecuritySeverity()
			switch r.ID {
			case "DF000", "KS000", "RT000", "DF010", "DF014", "KS030":
				if security {
					t.Errorf("%s: reports no security problem: set custom.security_severity: none", r.ID)
				}
			case "KS006", "KS007", "KS008", "KS019", "KS040", "RT001", "RT007", "RT008":
				if score < 9 {
					t.Errorf("%s: security severity %.1f, want critical (9.0 or more)", r.ID, score)
				}
			default:
				if !security || score < 0.1 || score > 10 {
					t.Errorf("%s: security severity %.1f, %v", r.ID, score, security)
				}
			}
		})
	}
}

// engineRule reports whether m only declares deny := set(): the engine
// computes the rule's findings itself (unused suppressions).
// parseBuiltin parses a built-in policy file.
func parseBuiltin(t *testing.T, file string) *ast.Module {
	t.Helper()
	src, err := fs.ReadFile(policies.Files, file)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ast.ParseModuleWithOpts(file, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func engineRule(m *ast.Module) bool {
	if m == nil || len(m.Rules) != 1 {
		return false
	}
	r := m.Rules[0]
	return r.Head.Name.Equal(ast.Var("deny")) && r.Head.Value != nil && r.Head.Value.Equal(ast.SetTerm()) && r.Body.Equal(ast.NewBody(ast.NewExpr(ast.BooleanTerm(true))))
}

// ruleModule is a user's rule XX001 over input, with custom's further
// METADATA lines.
func ruleModule(input, custom string) fstest.MapFS {
	return fstest.MapFS{"XX001.rego": {Data: []byte("# METADATA\n# title: T\n# custom:\n#   id: XX001\n#   name: x\n#   severity: warning\n#   input: " + input + "\n" + custom + "package rules." + input + ".XX001\n")}}
}

func TestSecuritySeverityMetadata(t *testing.T) {
	for _, tc := range []struct {
		custom  string
		score   float64
		ok      bool
		precise string
		err     string
	}{
		{"", 5.5, true, "high", ""},
		{"#   security_severity: 9.5\n#   precision: medium\n", 9.5, true, "medium", ""},
		{"#   security_severity: 7\n", 7, true, "high", ""},
		{"#   security_severity: none\n", 0, false, "high", ""},
		{"#   security_severity: 11\n", 0, false, "", "want a number from 0.1 to 10.0"},
		{"#   security_severity: high\n", 0, false, "", "want a number from 0.1 to 10.0"},
		{"#   precision: exact\n", 0, false, "", "want high, medium or low"},
	} {
		cat, err := policies.Load(ruleModule("dockerfile", tc.custom), "", false)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.custom, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", tc.custom, err)
		}
		r := cat.Rules[0]
		if score, ok := r.EffectiveSecuritySeverity(); score != tc.score || ok != tc.ok || r.EffectivePrecision() != tc.precise {
			t.Errorf("%q: %v %v %s, want %v %v %s", tc.custom, score, ok, r.EffectivePrecision(), tc.score, tc.ok, tc.precise)
		}
	}
}

// custom.objects names kinds, or pods, and only for rules over every
// manifest.
func TestObjectsMetadata(t *testing.T) {
	for _, tc := range []struct {
		input, objects string
		want           []string
		err            string
	}{
		{"manifests", "", nil, ""},
		{"manifests", "#   objects: [pods, NetworkPolicy]\n", []string{"pods", "NetworkPolicy"}, ""},
		{"manifests", "#   objects: [networkpolicy]\n", nil, `custom.objects "networkpolicy": want a kind`},
		{"manifests", "#   objects: [\"\"]\n", nil, `custom.objects "": want a kind`},
		{"manifests", "#   objects: {kind: Pod}\n", nil, "custom.objects: want a list of kinds"},
		{"kubernetes", "#   objects: [Pod]\n", nil, "custom.objects is for rules over every manifest"},
	} {
		cat, err := policies.Load(ruleModule(tc.input, tc.objects), "", false)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.objects, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%q: %v", tc.objects, err)
		}
		if got := cat.Rules[0].Objects; !slices.Equal(got, tc.want) {
			t.Errorf("%q: objects %q, want %q", tc.objects, got, tc.want)
		}
	}
}

// TestRules checks each rule against its annotated inputs in testdata/<ID>.
func TestRules(t *testing.T) {
	eng := linttest.RulesEngine(t)
	for _, r := range builtin(t).Rules {
		t.Run(r.ID, func(t *testing.T) { linttest.Run(t, eng, "testdata", r.ID) })
	}
}

// TestRulesDoc fails when docs/rules.md is not what the METADATA makes.
func TestRulesDoc(t *testing.T) {
	var got bytes.Buffer
	if err := formats.RulesMarkdown(&got, builtin(t).Rules); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "docs", "rules.md")
	if *updateDocs {
		if err := os.WriteFile(path, got.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got.String()); diff != "" {
		t.Errorf("docs/rules.md is stale; run go test ./policies -run TestRulesDoc -update-docs (-want +got):\n%s", diff)
	}

	// The README's rule table, between its markers.
	readmePath := filepath.Join("..", "README.md")
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- rules -->\n", "<!-- /rules -->"
	before, rest, ok1 := strings.Cut(string(readme), begin)
	_, after, ok2 := strings.Cut(rest, end)
	if !ok1 || !ok2 {
		t.Fatalf("README.md has no %q ... %q section", begin, end)
	}
	fresh := before + begin + formats.RulesTable(builtin(t).Rules, "docs/rules.md") + end + after
	if *updateDocs {
		if err := os.WriteFile(readmePath, []byte(fresh), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if fresh != string(readme) {
		t.Errorf("README.md's rule table is stale; run go test ./policies -run TestRulesDoc -update-docs")
	}
}
