package policies_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/linttest"
)

// TestExamples replays each rule's METADATA examples: every file the bad
// example stands for raises the rule, no file of the good one does (see
// linttest.ExampleSources for how fragments are completed).
func TestExamples(t *testing.T) {
	eng := linttest.Engine(t)
	unreadable := map[string]bool{"DF000": true, "KS000": true, "RT000": true}
	for _, r := range builtin(t).Rules {
		t.Run(r.ID, func(t *testing.T) {
			if r.Bad == "" || r.Good == "" {
				t.Fatalf("%s: METADATA needs custom.bad and custom.good examples", r.File)
			}
			for _, ex := range []struct {
				name, text string
				bad        bool
			}{{"bad", r.Bad, true}, {"good", r.Good, false}} {
				srcs, err := linttest.ExampleSources(r, ex.text)
				if err != nil {
					t.Fatalf("%s example: %v", ex.name, err)
				}
				for _, src := range srcs {
					rep, err := eng.Lint(context.Background(), []lint.Source{src})
					if err != nil {
						t.Fatal(err)
					}
					var found []string
					for _, f := range rep.Findings {
						switch {
						case f.RuleID == r.ID:
							found = append(found, fmt.Sprintf("%d:%d %s", f.Range.Line, f.Range.Column, f.Message))
						case unreadable[f.RuleID]:
							// An example that cannot be read shows nothing of the rule.
							t.Errorf("%s: the %s example is no valid file: %s %d:%d %s; linted as %s:\n%s", r.File, ex.name, f.RuleID, f.Range.Line, f.Range.Column, f.Message, src.Path, src.Src)
						}
					}
					switch {
					case ex.bad && len(found) == 0:
						t.Errorf("%s: the bad example does not raise %s; linted as %s:\n%s", r.File, r.ID, src.Path, src.Src)
					case !ex.bad && len(found) > 0:
						t.Errorf("%s: the good example raises %s:\n\t%s\nlinted as %s:\n%s", r.File, r.ID, strings.Join(found, "\n\t"), src.Path, src.Src)
					}
				}
				if len(srcs) == 0 {
					t.Errorf("%s: the %s example makes no file", r.File, ex.name)
				}
			}
		})
	}
}
