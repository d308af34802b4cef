package lint_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/linttest"
)

// Without --resolve-digests a pin is shown, never applied: as the command
// that pins it, or, for a reference written through an ARG, where to pin.
func TestPinWithoutResolverIsDisplayed(t *testing.T) {
	src := "ARG BASE=python:3.13-slim\nFROM ${BASE} AS build\nFROM alpine:3.22\nUSER 10001\n"
	rep, err := linttest.Engine(t).Lint(context.Background(), []lint.Source{{Path: "Dockerfile", Kind: lint.KindDockerfile, Src: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{
		2: "python:3.13-slim comes from a variable (${BASE}): pin where it is set",
		3: "hardline lint --fix --fix-only IM002 --unsafe-fixes --resolve-digests Dockerfile  # pins alpine:3.22",
	}
	for _, f := range rep.Findings {
		if f.RuleID != "IM002" {
			continue
		}
		display, ok := want[f.Range.Line]
		if !ok {
			t.Errorf("line %d: unexpected IM002 finding (or a second one): %s", f.Range.Line, f.Message)
			continue
		}
		if len(f.Fixes) != 1 || f.Fixes[0].Applicability.String() != "display" || len(f.Fixes[0].Edits) != 0 ||
			!strings.Contains(f.Fixes[0].Display, display) {
			t.Errorf("line %d: fixes %+v, want one display fix saying %q", f.Range.Line, f.Fixes, display)
		}
		delete(want, f.Range.Line)
	}
	if len(want) > 0 {
		t.Errorf("no IM002 finding on lines %v", want)
	}
}

// The printed pin command quotes a path the shell would split or expand.
func TestPinAdviceQuotesThePath(t *testing.T) {
	src := "FROM alpine:3.22\nUSER 10001\n"
	rep, err := linttest.Engine(t).Lint(context.Background(), []lint.Source{{Path: "my app/$HOME's/Dockerfile", Kind: lint.KindDockerfile, Src: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if f.RuleID == "IM002" {
			if want := `--resolve-digests 'my app/$HOME'\''s/Dockerfile'  #`; len(f.Fixes) != 1 || !strings.Contains(f.Fixes[0].Display, want) {
				t.Errorf("display %+v, want it to hold %q", f.Fixes, want)
			}
			return
		}
	}
	t.Error("no IM002 finding")
}
