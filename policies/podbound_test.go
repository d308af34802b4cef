package policies

import (
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// A rule is left out for objects without pods only when each of its deny
// bodies iterates over the pods or the containers.
func TestPodBound(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       bool
	}{
		{"containers through the alias", "some [_, c] in k8s.containers\n\tc.name == \"x\"", true},
		{"pods", "some i, pod in input.pods\n\ti > 0", true},
		{"containers after another test", "input.kind == \"Pod\"\n\tsome pair in data.lib.kubernetes.containers", true},
		{"no pods at all", "count(input.pods) == 0", false},
		{"negated", "not input.pods[0]", false},
		{"images", "some img in input.images", false},
		{"iteration inside a comprehension", "n := count([c | some c in k8s.containers])\n\tn == 0", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "package rules.kubernetes.X\n\nimport data.lib.kubernetes as k8s\n\ndeny contains \"m\" if {\n\t" + tc.body + "\n}\n"
			m, err := ast.ParseModuleWithOpts("x.rego", src, ast.ParserOptions{RegoVersion: ast.RegoV1})
			if err != nil {
				t.Fatal(err)
			}
			if got := podBound(m); got != tc.want {
				t.Errorf("podBound = %v, want %v", got, tc.want)
			}
		})
	}
	// Two deny rules: both must be bound.
	src := "package rules.kubernetes.X\n\ndeny contains \"a\" if {\n\tsome p in input.pods\n}\n\ndeny contains \"b\" if input.kind == \"Service\"\n"
	m := ast.MustParseModuleWithOpts(src, ast.ParserOptions{RegoVersion: ast.RegoV1})
	if podBound(m) {
		t.Error("a module with a deny rule that does not look at pods is pod bound")
	}
}
