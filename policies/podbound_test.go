package policies

import (
	"slices"
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
		{"images, which come from pods", "some img in input.images", true},
		{"images through lib.image", "some img in data.lib.image.images", true},
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

// A rule is skipped on objects of other kinds only when each of its deny
// bodies requires the kind at its top level.
func TestKindBound(t *testing.T) {
	for _, tc := range []struct {
		name, denies string
		want         []string
	}{
		{"equality", "deny contains 1 if {\n\tinput.kind == \"Service\"\n}", []string{"Service"}},
		{"reversed, after another test", "deny contains 1 if {\n\tcount(input.pods) == 0\n\t\"Ingress\" == input.kind\n}", []string{"Ingress"}},
		{"in a set, every body", "deny contains 1 if input.kind in {\"Role\", \"ClusterRole\"}\n\ndeny contains 2 if {\n\tinput.kind == \"Role\"\n}", []string{"ClusterRole", "Role"}},
		{"in an array", "deny contains 1 if input.kind in [\"Namespace\"]", []string{"Namespace"}},
		{"one body without", "deny contains 1 if input.kind == \"Service\"\n\ndeny contains 2 if input.namespace == \"x\"", nil},
		{"negated", "deny contains 1 if not input.kind == \"Service\"", nil},
		{"another field", "deny contains 1 if input.object.kind == \"Service\"", nil},
		{"a variable", "deny contains 1 if {\n\tk := \"Service\"\n\tinput.kind == k\n}", nil},
		{"a set with a non-string", "deny contains 1 if input.kind in {\"Role\", 1}", nil},
		{"inside a comprehension", "deny contains 1 if {\n\tx := [1 | input.kind == \"Service\"]\n\tcount(x) > 0\n}", nil},
		{"no deny", "allow if input.kind == \"Service\"", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "package rules.kubernetes.X\n\n" + tc.denies + "\n"
			m, err := ast.ParseModuleWithOpts("x.rego", src, ast.ParserOptions{RegoVersion: ast.RegoV1})
			if err != nil {
				t.Fatal(err)
			}
			got, ok := kindBound(m)
			if ok != (tc.want != nil) || !slices.Equal(got, tc.want) {
				t.Errorf("kindBound = %v, %v; want %v", got, ok, tc.want)
			}
		})
	}
}
