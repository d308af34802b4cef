// Package linttest checks rules against annotated inputs, in the manner of
// golang.org/x/tools/go/analysis/analysistest.
//
// A folder policies/testdata/<ID>/ holds Dockerfiles (*.Dockerfile),
// manifests (*.yaml), Compose files (*.compose.yaml), shell scripts (*.sh),
// Makefiles (*.mk) and GitHub Actions workflows (*.workflow.yml) in which
// every finding the rule must report is announced by a want comment naming
// the rule, the column the finding starts at and, optionally, a regular
// expression its message must match:
//
//	# want "DF001" col=1 msg="runs as root"
//	USER root
//
// A want comment on a line of its own applies to the next line that is not
// a comment or blank; at the end of a line (a YAML line, or another
// comment) it applies to that line. One comment may announce several
// findings: # want "KS006" col=9 "KS006" col=21. msg is a Go-quoted string.
// Every finding of the rule must be wanted and every want met: a finding
// with no want and a want with no finding both fail the test, naming the
// line and column.
//
// When <file>.golden exists it holds the file after the rule's fixes (safe
// and unsafe) are applied; applying them again must change nothing and
// linting the fixed file must leave no finding of the rule with a fix to
// apply. <file>.diff holds the unified diff of the fixes. A file that the
// rule's fixes change must have both (go test ./policies -run TestRules
// -update writes them, to be read before committing). A fix more automatic
// than the custom.fix of the rule's METADATA, or any fix of a rule that
// declares none, fails the test. RulesEngine pins images to made-up
// digests, so that the pinning fixes have goldens too.
//
// ExampleSources turns the bad and good examples of a rule's METADATA into
// files to lint.
package linttest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

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

// wantComment finds a want comment; the expectations follow it.
var wantComment = regexp.MustCompile(`#\s*want(\s|$)`)

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
	return newEngine(t, lint.Options{Config: Config(), Parsers: Parsers()})
}

// RulesEngine is Engine with Digests as its digest resolver, so that the
// fixes pinning an image to its digest are made and held in goldens.
func RulesEngine(t testing.TB) *lint.Engine {
	t.Helper()
	return newEngine(t, lint.Options{Config: Config(), Parsers: Parsers(), Digests: Digests{}})
}

func newEngine(t testing.TB, opts lint.Options) *lint.Engine {
	t.Helper()
	cat, err := policies.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := lint.NewEngine(context.Background(), cat, opts)
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

// Digests resolves every image reference, without a registry, to a digest
// made from the reference: sha256 of "digest of <ref>".
type Digests struct{}

// Resolve returns the made-up digest of ref.
func (Digests) Resolve(_ context.Context, ref string) (string, error) {
	sum := sha256.Sum256([]byte("digest of " + ref))
	return "sha256:" + hex.EncodeToString(sum[:]), nil
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
	wanted, err := wants(src, id)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var got []lint.Finding
	for _, f := range rep.Findings {
		if f.RuleID == id {
			got = append(got, f)
		}
	}
	for _, msg := range match(wanted, got, id, src) {
		t.Errorf("%s:%s", file, msg)
	}
	checkApplicability(t, file, rep, id)

	golden := file + ".golden"
	fixed := fixedBy(t, rep, id, src)
	if _, err := os.Stat(golden); err != nil {
		switch {
		case bytes.Equal(fixed, src):
			return // no fix changes the file: nothing to hold
		case !*update:
			t.Errorf("%s: the fixes of %s change this file but it has no %s: run go test ./policies -run 'TestRules/%s' -update and check the new files", file, id, filepath.Base(golden), id)
			return
		}
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

// A want is one finding a want comment announces.
type want struct {
	line, col int
	msg       *regexp.Regexp // nil: any message
	text      string         // as written, for error messages
	at        int            // line of the comment
}

// wants reads the want comments of src that name id. Comments that name
// other rules are checked for syntax and skipped; a want of id that pins no
// column is an error.
func wants(src []byte, id string) ([]want, error) {
	lines := strings.Split(string(src), "\n")
	var out, pending []want
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		if loc := wantComment.FindStringIndex(line); loc != nil {
			ws, err := parseWant(line[loc[1]:], id)
			if err != nil {
				return nil, fmt.Errorf("%d: %s: %w", i+1, strings.TrimSpace(line[loc[0]:]), err)
			}
			for j := range ws {
				ws[j].at = i + 1
			}
			if strings.TrimSpace(line[:loc[0]]) == "" {
				pending = append(pending, ws...) // a want comment on its own line
				continue
			}
			for _, w := range ws {
				w.line = i + 1
				out = append(out, w)
			}
			continue
		}
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		for _, w := range pending {
			w.line = i + 1
			out = append(out, w)
		}
		pending = nil
	}
	if len(pending) > 0 {
		return nil, fmt.Errorf("%d: want comment %s with no line after it", pending[0].at, pending[0].text)
	}
	return out, nil
}

// parseWant reads the expectations of a want comment, s starting at the
// first quoted rule ID: "ID" [col=N] [msg="regexp"], repeated. It returns
// those that name id.
func parseWant(s, id string) ([]want, error) {
	var out []want
	cur := -1 // index in out of the expectation being read, -1 for another rule's
	other := false
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		switch {
		case s[0] == '"':
			q, err := strconv.QuotedPrefix(s)
			if err != nil {
				return nil, fmt.Errorf("unterminated rule ID: %w", err)
			}
			s = s[len(q):]
			rid, _ := strconv.Unquote(q)
			if !ruleID.MatchString(rid) {
				return nil, fmt.Errorf("%s is not a rule ID", q)
			}
			other = rid != id
			cur = -1
			if !other {
				out = append(out, want{text: q})
				cur = len(out) - 1
			}
		case strings.HasPrefix(s, "col="):
			end := strings.IndexFunc(s, unicode.IsSpace)
			if end < 0 {
				end = len(s)
			}
			n, err := strconv.Atoi(s[len("col="):end])
			if err != nil || n < 1 {
				return nil, fmt.Errorf("%s: want col=N with N a column from 1", s[:end])
			}
			if cur < 0 && !other {
				return nil, errors.New("col= before any rule ID")
			}
			if cur >= 0 {
				if out[cur].col != 0 {
					return nil, fmt.Errorf("%s has two columns", out[cur].text)
				}
				out[cur].col = n
				out[cur].text += " " + s[:end]
			}
			s = s[end:]
		case strings.HasPrefix(s, "msg="):
			q, err := strconv.QuotedPrefix(s[len("msg="):])
			if err != nil {
				return nil, fmt.Errorf("msg= wants a Go-quoted regular expression: %w", err)
			}
			pat, _ := strconv.Unquote(q)
			re, err := regexp.Compile(pat)
			if err != nil {
				return nil, fmt.Errorf("msg=%s: %w", q, err)
			}
			if cur < 0 && !other {
				return nil, errors.New("msg= before any rule ID")
			}
			if cur >= 0 {
				if out[cur].msg != nil {
					return nil, fmt.Errorf("%s has two messages", out[cur].text)
				}
				out[cur].msg = re
				out[cur].text += " msg=" + q
			}
			s = s[len("msg=")+len(q):]
		default:
			return nil, fmt.Errorf("unexpected %q: want \"ID\" col=N msg=\"regexp\"", s)
		}
	}
	if cur < 0 && !other {
		return nil, errors.New(`want comment names no rule: # want "ID" col=N`)
	}
	for _, w := range out {
		if w.col == 0 {
			return nil, fmt.Errorf("%s pins no column: add col=N, the column the finding starts at", w.text)
		}
	}
	return out, nil
}

var ruleID = regexp.MustCompile(`^[A-Z]{2,}[0-9]{3}$`)

// match pairs each finding with a want on its line, at its column and
// matching its message, and describes what is left on either side.
func match(wanted []want, got []lint.Finding, id string, src []byte) []string {
	// Wants with a message are matched first, so that one without cannot
	// take the finding a more precise one needs.
	order := slices.Clone(wanted)
	slices.SortStableFunc(order, func(a, b want) int {
		return boolRank(a.msg == nil) - boolRank(b.msg == nil)
	})
	used := make([]bool, len(got))
	var out []string
	for _, w := range order {
		found := false
		for i, f := range got {
			if !used[i] && f.Range.Line == w.line && f.Range.Column == w.col && (w.msg == nil || w.msg.MatchString(f.Message)) {
				used[i], found = true, true
				break
			}
		}
		if found {
			continue
		}
		var near []string
		for _, f := range got {
			if f.Range.Line == w.line {
				near = append(near, fmt.Sprintf("%d:%d %s", f.Range.Line, f.Range.Column, f.Message))
			}
		}
		what := "no " + id + " finding on that line"
		if len(near) > 0 {
			what = id + " findings on that line: " + strings.Join(near, "; ")
		}
		out = append(out, fmt.Sprintf("%d:%d: want %s (comment on line %d) is not met: %s\n%s", w.line, w.col, w.text, w.at, what, caret(src, w.line, w.col)))
	}
	for i, f := range got {
		if !used[i] {
			out = append(out, fmt.Sprintf("%d:%d: %s finding with no want: %s\n%s\n\tannounce it with # want %q col=%d", f.Range.Line, f.Range.Column, id, f.Message, caret(src, f.Range.Line, f.Range.Column), id, f.Range.Column))
		}
	}
	slices.Sort(out)
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// caret shows line n of src with a caret under column col.
func caret(src []byte, n, col int) string {
	lines := strings.Split(string(src), "\n")
	if n < 1 || n > len(lines) {
		return fmt.Sprintf("\t(line %d is not in the file)", n)
	}
	line := strings.TrimRight(lines[n-1], "\r")
	pad := strings.Map(func(r rune) rune {
		if r == '\t' {
			return r
		}
		return ' '
	}, line[:min(max(col-1, 0), len(line))])
	return fmt.Sprintf("\t%s\n\t%s^", line, pad)
}

// checkApplicability fails when a finding of id carries a fix more
// automatic than the rule's METADATA declares (a rule may offer a lesser
// fix where the safe one does not apply: unsafe when it changes what the
// file sets, display when a digest is not resolved), or any fix when
// METADATA declares none.
func checkApplicability(t *testing.T, file string, rep *lint.Report, id string) {
	t.Helper()
	var declared rule.Applicability
	for _, r := range rep.Rules {
		if r.ID == id {
			declared = r.Fix
		}
	}
	for _, f := range rep.Findings {
		if f.RuleID != id {
			continue
		}
		for _, fx := range f.Fixes {
			switch {
			case declared == 0:
				t.Errorf("%s:%d:%d: %s offers fix %q but its METADATA declares no custom.fix", file, f.Range.Line, f.Range.Column, id, fx.Title)
			case fx.Applicability < declared:
				t.Errorf("%s:%d:%d: %s fix %q is %s, more automatic than the custom.fix: %s its METADATA declares", file, f.Range.Line, f.Range.Column, id, fx.Title, fx.Applicability, declared)
			}
		}
	}
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
