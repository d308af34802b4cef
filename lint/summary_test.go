package lint_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/linttest"
	"github.com/hardline-dev/hardline/lint/rule"
	"github.com/hardline-dev/hardline/policies"
)

// A user's rule over every manifest that names no objects: with it, every
// object's summary is kept.
const everyObjectRule = `# METADATA
# title: Reads every object
# custom:
#   id: ACME901
#   name: every-object
#   severity: info
#   input: manifests
package rules.manifests.ACME901

deny contains {"msg": "never"} if {
	some o in input.objects
	o.kind == "never"
}
`

// The built-in rules over every manifest find the same on the objects
// their custom.objects select as on every object: their declarations
// leave out nothing they read. The inputs are every Kubernetes manifest
// of the rules' testdata and of examples/, linted together.
func TestDeclaredObjectsLoseNothing(t *testing.T) {
	srcs := manifestSources(t)
	builtin, err := policies.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	manifests := func(r rule.Rule) bool { return r.Input == rule.InputManifests }
	for _, r := range builtin.Rules {
		if manifests(r) {
			if len(r.Objects) == 0 {
				t.Errorf("%s reads every object: name the objects it reads in custom.objects", r.ID)
			}
		}
	}
	every := builtinWith(t, "ACME901_every_object.rego", everyObjectRule)
	run := func(cat *policies.Catalog, id string) []string {
		only := func(r rule.Rule) bool { return r.ID == id || r.ID == "ACME901" }
		eng, err := lint.NewEngine(context.Background(), cat, lint.Options{Config: linttest.Config(), Parsers: linttest.Parsers(), Enabled: only})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := eng.Lint(context.Background(), srcs)
		if rep == nil {
			t.Fatalf("no report: %v", err)
		}
		var out []string
		for _, f := range rep.Findings {
			if f.RuleID != "ACME901" {
				out = append(out, fmt.Sprintf("%s %s:%d:%d %s", f.RuleID, f.File, f.Range.Line, f.Range.Column, f.Message))
			}
		}
		return out
	}
	// Each rule alone: the objects another rule selects would hide a
	// rule's omission.
	for _, r := range builtin.Rules {
		if !manifests(r) {
			continue
		}
		selected, all := run(builtin, r.ID), run(every, r.ID)
		if len(all) == 0 {
			t.Errorf("%s: no findings on every object: the inputs do not exercise it", r.ID)
		}
		if !slices.Equal(selected, all) {
			t.Errorf("%s: findings on the selected objects differ from those on every object:\nselected:\n%s\nevery object:\n%s",
				r.ID, strings.Join(selected, "\n"), strings.Join(all, "\n"))
		}
	}
}
