package policies

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hardline-dev/hardline/lint/rule"
)

// The collecting rules are built as syntax trees: they must be the rules
// their Rego source parses to.
func TestCollectRules(t *testing.T) {
	src := `package hardline.main

kubernetes contains [id, r] if {
	some id
	some r in data.rules.kubernetes[id].deny
}

kubernetes_nopods contains ["KS020", r] if {
	some r in data.rules.kubernetes.KS020.deny
}

kubernetes_nopods contains ["KS050", r] if {
	input.kind == "ConfigMap"
	some r in data.rules.kubernetes.KS050.deny
}

kubernetes_nopods contains ["KS043", r] if {
	input.kind in {"ClusterRole", "Role"}
	some r in data.rules.kubernetes.KS043.deny
}
`
	want := ast.MustParseModuleWithOpts(src, ast.ParserOptions{RegoVersion: ast.RegoV1})
	got := &ast.Module{Package: &ast.Package{Path: mainPackage()}}
	got.Rules = []*ast.Rule{
		collectInput("kubernetes", rule.InputKubernetes),
		collectRule("kubernetes_nopods", ast.MustParseRef("data.rules.kubernetes.KS020"), nil),
		collectRule("kubernetes_nopods", ast.MustParseRef("data.rules.kubernetes.KS050"), []string{"ConfigMap"}),
		collectRule("kubernetes_nopods", ast.MustParseRef("data.rules.kubernetes.KS043"), []string{"ClusterRole", "Role"}),
	}
	if !got.Equal(want) {
		t.Errorf("built:\n%v\nwant:\n%v", got, want)
	}
	for _, r := range got.Rules {
		ast.WalkTerms(r, func(term *ast.Term) bool {
			if term.Location == nil || term.Location.File != mainFile {
				t.Errorf("%v has no location in %s", term, mainFile)
			}
			return false
		})
	}
}

// The built-in catalogue reads each file up to its package line: it must
// find what reading the whole file finds.
func TestBuiltinHeaders(t *testing.T) {
	lazy, err := Load(Files, "", true)
	if err != nil {
		t.Fatal(err)
	}
	full, err := Load(Files, "", false)
	if err != nil {
		t.Fatal(err)
	}
	if len(lazy.Rules) != len(full.Rules) || len(lazy.modules) != len(full.modules) {
		t.Fatalf("%d rules in %d modules, want %d in %d", len(lazy.Rules), len(lazy.modules), len(full.Rules), len(full.modules))
	}
	for i, r := range full.Rules {
		r.Builtin = true
		if diff := cmp.Diff(r, lazy.Rules[i]); diff != "" {
			t.Errorf("%s: -full +header:\n%s", r.File, diff)
		}
	}
	for file, m := range full.modules {
		l := lazy.modules[file]
		if l == nil {
			t.Errorf("%s: not in the built-in catalogue", file)
			continue
		}
		if l.parsed != nil || !l.pkg.Equal(m.pkg) || l.src != m.src {
			t.Errorf("%s: package %v, want %v", file, l.pkg, m.pkg)
		}
	}
}

// A program holds the helpers its rules use and no other.
func TestCompileHelpers(t *testing.T) {
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		in        rule.Input
		want, not []string
	}{
		{rule.InputDockerfile, []string{"lib/dockerfile.rego", "lib/result.rego"}, []string{"lib/kubernetes.rego", "lib/runtime.rego"}},
		{rule.InputKubernetes, []string{"lib/kubernetes.rego", "lib/result.rego"}, []string{"lib/dockerfile.rego", "lib/runtime.rego"}},
	} {
		t.Run(string(tc.in), func(t *testing.T) {
			p, err := cat.Compile(nil, []Query{{Name: "q", Inputs: []rule.Input{tc.in}}})
			if err != nil {
				t.Fatal(err)
			}
			for _, file := range tc.want {
				if _, ok := p.compiler.Modules[file]; !ok {
					t.Errorf("%s is not compiled", file)
				}
			}
			for _, file := range tc.not {
				if _, ok := p.compiler.Modules[file]; ok {
					t.Errorf("%s is compiled", file)
				}
			}
		})
	}
}

// The built-in policies pass every check of the compiler, which programs
// of built-in modules alone skip (checkOnlyStages): each input's rules
// with their helpers, and all of them together.
func TestBuiltinPoliciesPassEveryCheck(t *testing.T) {
	cat, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	inputs := []rule.Input{rule.InputDockerfile, rule.InputKubernetes, rule.InputImage, rule.InputManifests, rule.InputRuntime}
	var queries []Query
	for _, in := range inputs {
		queries = append(queries, Query{Name: string(in), Inputs: []rule.Input{in}})
	}
	queries = append(queries,
		Query{Name: "kubernetes without pods", Inputs: []rule.Input{rule.InputKubernetes}, WithoutPods: true},
		Query{Name: "all", Inputs: inputs})
	for _, q := range queries {
		if _, err := cat.compile(nil, []Query{q}, false); err != nil {
			t.Errorf("%s: %v", q.Name, err)
		}
	}
}
