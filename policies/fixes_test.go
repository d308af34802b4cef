package policies_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/linttest"
	"github.com/hardline-dev/hardline/lint/rule"
)

// TestFixGoldens holds each rule's METADATA custom.fix to its testdata:
// a rule that declares a fix offers it, at the declared applicability, on
// some annotated input, and a safe or unsafe fix changes a file whose
// .golden holds the result; a rule that declares none has no golden.
// (linttest.Run checks that every file its fixes change has a golden.)
func TestFixGoldens(t *testing.T) {
	eng := linttest.RulesEngine(t)
	for _, r := range builtin(t).Rules {
		t.Run(r.ID, func(t *testing.T) {
			inputs, goldens := 0, 0
			changed := false
			offered := map[rule.Applicability]bool{}
			files, err := filepath.Glob(filepath.Join("testdata", r.ID, "*"))
			if err != nil {
				t.Fatal(err)
			}
			for _, file := range files {
				if input, ok := strings.CutSuffix(file, ".golden"); ok {
					goldens++
					fixed, err := os.ReadFile(file)
					if err != nil {
						t.Fatal(err)
					}
					src, err := os.ReadFile(input)
					if err != nil {
						t.Fatalf("%s has no input: %v", file, err)
					}
					changed = changed || !bytes.Equal(fixed, src)
					continue
				}
				kind := linttest.KindOf(file)
				if kind == lint.KindUnknown || strings.HasSuffix(file, ".diff") {
					continue
				}
				inputs++
				src, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				rep, err := eng.Lint(context.Background(), []lint.Source{{Path: file, Kind: kind, Src: src}})
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range rep.Findings {
					if f.RuleID == r.ID {
						for _, fx := range f.Fixes {
							offered[fx.Applicability] = true
						}
					}
				}
			}
			switch r.Fix {
			case 0:
				if goldens > 0 {
					t.Errorf("%s declares no custom.fix in %s but testdata/%s holds %d .golden files", r.ID, r.File, r.ID, goldens)
				}
			case rule.ApplicabilitySafe, rule.ApplicabilityUnsafe:
				if !changed {
					t.Errorf("%s declares custom.fix: %s in %s but no .golden in testdata/%s holds a file its fixes change", r.ID, r.Fix, r.File, r.ID)
				}
			case rule.ApplicabilityDisplay:
			}
			if r.Fix != 0 && !offered[r.Fix] {
				t.Errorf("%s declares custom.fix: %s in %s but offers no %s fix on the %d inputs of testdata/%s", r.ID, r.Fix, r.File, r.Fix, inputs, r.ID)
			}
		})
	}
}
