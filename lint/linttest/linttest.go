// Package linttest checks rules against annotated inputs, in the manner of
// golang.org/x/tools/go/analysis/analysistest.
//
// A folder policies/testdata/<ID>/ holds Dockerfiles (*.Dockerfile),
// manifests (*.yaml), Compose files (*.compose.yaml), shell scripts (*.sh),
// Makefiles (*.mk) and GitHub Actions workflows (*.workflow.yml) in which
// every line that must get a finding of the rule is marked with a comment:
//
//	# want "DF001"
//	USER root
//
// A want comment on a line of its own applies to the next line that is not
// a comment or blank; at the end of a line (a YAML line, or another
// comment) it applies to that line.
// Every finding of the rule must be wanted and every want met. When
// <file>.golden exists it holds the file after the rule's fixes (safe and
// unsafe) are applied; applying them again must change nothing and linting
// the fixed file must not report the rule at a fixed line. <file>.diff
// holds the unified diff of the fixes.
package linttest

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hardline-dev/hardline/lint/rule"

	"github.com/google/go-cmp/cmp"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/compose"
	"github.com/hardline-dev/hardline/lint/container"
	"github.com/hardline-dev/hardline/lint/dockerfile"
	"github.com/hardline-dev/hardline/lint/fix"
	"github.com/hardline-dev/hardline/lint/kube"
	"github.com/hardline-dev/hardline/lint/shellrun"
	"github.com/hardline-dev/hardline/policies"
)

// Today is the date the end-of-life checks compare with in tests.
const Today = "2026-11-22"

var update = flag.Bool("update", false, "rewrite the .golden files of linttest") //nolint:gochecknoglobals // test flag

var wantPattern = regexp.MustCompile(`#\s*want((?:\s+"[A-Z]{2,}[0-9]{3}")+)\s*$`)

// Config is the data.hardline.config the harness lints with.
func Config() map[string]any {
	return map[string]any{
		"today":              Today,
		"trusted_registries": []any{"registry.example.com", "ghcr.io/acme"},
	}
}

// Engine returns an engine running every built-in rule with the test
// configuration.
func Engine(t testing.TB) *lint.Engine {
	t.Helper()
	cat, err := policies.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := lint.NewEngine(context.Background(), cat, lint.Options{Config: Config(), Parsers: Parsers()})
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// Parsers are the parsers of every kind of file.
func Parsers() map[lint.Kind]lint.Parser {
	return map[lint.Kind]lint.Parser{
		lint.KindDockerfile: dockerfile.Parser{},
		lint.KindYAML:       kube.Parser{},
		lint.KindCompose:    compose.Parser{},
		lint.KindShell:      shellrun.Parser{Source: container.SourceShell},
		lint.KindMakefile:   shellrun.Parser{Source: container.SourceMakefile},
		lint.KindWorkflow:   shellrun.Parser{Source: container.SourceWorkflow},
	}
}

// Run checks rule id against the files of dir/<id>.
func Run(t *testing.T, eng *lint.Engine, dir, id string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, id, "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, file := range files {
		kind := KindOf(file)
		if kind == lint.KindUnknown || strings.HasSuffix(file, ".golden") || strings.HasSuffix(file, ".diff") {
			continue
		}
		n++
		t.Run(filepath.Base(file), func(t *testing.T) { runFile(t, eng, file, kind, id) })
	}
	if n == 0 {
		t.Fatalf("no test inputs in %s", filepath.Join(dir, id))
	}
}

func runFile(t *testing.T, eng *lint.Engine, file string, kind lint.Kind, id string) {
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eng.Lint(context.Background(), []lint.Source{{Path: file, Kind: kind, Src: src}})
	if err != nil {
		t.Fatal(err)
	}
	want := wants(src, id)
	var got []int
	for _, f := range rep.Findings {
		if f.RuleID == id {
			got = append(got, f.Range.Line)
		}
	}
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: lines with a %s finding (-want +got):\n%s\nfindings:\n%s", file, id, diff, describe(rep))
	}

	golden := file + ".golden"
	fixed := fixedBy(t, rep, id, src)
	if _, err := os.Stat(golden); err != nil && !*update {
		return
	}
	if *update {
		if err := os.WriteFile(golden, fixed, 0o600); err != nil { //nolint:gosec // golden is <input>.golden beside a testdata file the test globbed
			t.Fatal(err)
		}
	}
	wantFixed, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(wantFixed), string(fixed)); diff != "" {
		t.Errorf("%s: fixed output (-want +got):\n%s", file, diff)
	}
	// The diff --diff prints, next to it, so that a reviewer sees exactly
	// which lines a fix touches.
	diffGolden := file + ".diff"
	gotDiff := fix.Diff(filepath.ToSlash(file), src, fixed)
	if *update {
		if err := os.WriteFile(diffGolden, []byte(gotDiff), 0o600); err != nil { //nolint:gosec // beside a testdata file the test globbed
			t.Fatal(err)
		}
	}
	wantDiff, err := os.ReadFile(diffGolden)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(wantDiff), gotDiff); diff != "" {
		t.Errorf("%s: diff (-want +got):\n%s", file, diff)
	}
	// The fixed file must not have the findings fixed, and fixing it
	// again must change nothing.
	again, err := eng.Lint(context.Background(), []lint.Source{{Path: file, Kind: kind, Src: fixed}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range again.Findings {
		if f.RuleID == id && len(f.Fixes) > 0 && f.Fixes[0].Applicability != rule.ApplicabilityDisplay {
			t.Errorf("%s: after fixing, %s still reports %d:%d %s", file, id, f.Range.Line, f.Range.Column, f.Message)
		}
	}
	if twice := fixedBy(t, again, id, fixed); !bytes.Equal(twice, fixed) {
		t.Errorf("%s: fixing twice changed the file again:\n%s", file, cmp.Diff(string(fixed), string(twice)))
	}
}

// fixedBy applies the fixes of rule id (safe and unsafe) to src.
func fixedBy(t *testing.T, rep *lint.Report, id string, src []byte) []byte {
	t.Helper()
	only := *rep
	only.Findings = nil
	for _, f := range rep.Findings {
		if f.RuleID == id {
			only.Findings = append(only.Findings, f)
		}
	}
	out := src
	for _, fe := range fix.Select(&only, fix.Selection{Unsafe: true}) {
		var err error
		if out, err = fix.Apply(src, fe.Edits); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// wants returns the lines annotated with a want comment naming id.
func wants(src []byte, id string) []int {
	lines := strings.Split(string(src), "\n")
	var out []int
	pending := 0
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		m := wantPattern.FindStringSubmatchIndex(line)
		if len(m) >= 4 && strings.Contains(line[m[2]:m[3]], `"`+id+`"`) {
			if strings.TrimSpace(line[:m[0]]) == "" {
				pending++ // a want comment on its own line
				continue
			}
			out = append(out, i+1)
			continue
		}
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		for ; pending > 0; pending-- {
			out = append(out, i+1)
		}
	}
	slices.Sort(out)
	return out
}

func describe(rep *lint.Report) string {
	var b strings.Builder
	for _, f := range rep.Findings {
		fmt.Fprintf(&b, "  %d:%d %s %s\n", f.Range.Line, f.Range.Column, f.RuleID, f.Message)
	}
	return b.String()
}

// KindOf is the kind of a testdata file: by name, with *.compose.yaml
// read as Compose files and *.workflow.yml as GitHub Actions workflows.
func KindOf(file string) lint.Kind {
	switch {
	case strings.HasSuffix(file, ".compose.yaml"), strings.HasSuffix(file, ".compose.yml"):
		return lint.KindCompose
	case strings.HasSuffix(file, ".workflow.yml"):
		return lint.KindWorkflow
	}
	return lint.Classify(file)
}
