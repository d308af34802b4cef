package lint_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/dockerfile"
	"github.com/hardline-dev/hardline/lint/kube"
	"github.com/hardline-dev/hardline/policies"
)

// userRule is a Dockerfile rule ACME900 whose deny set holds result.
func userRule(result string) string {
	return `# METADATA
# title: A rule under test
# description: Returns one result, whatever the input.
# custom:
#   id: ACME900
#   name: rule-under-test
#   severity: warning
#   input: dockerfile
#   remediation: None.
package rules.dockerfile.ACME900

deny contains ` + result + ` if input.type == "dockerfile"
`
}

// A result that does not have the documented shape is an error naming the
// rule, never a finding placed at 1:1 or silently dropped.
func TestMalformedResults(t *testing.T) {
	const src = "FROM alpine:3.22\nUSER 10001\n"
	for _, tc := range []struct {
		name, result, want string
	}{
		{"no position", `{"msg": "m"}`, "no position"},
		{"negative line", `{"msg": "m", "range": {"line": -5, "column": 1}}`, "lines and columns start at 1"},
		{"line past the end", `{"msg": "m", "range": {"line": 40, "column": 1}}`, "line 40 is past the end of the file (3 lines)"},
		{"end before start", `{"msg": "m", "range": {"line": 2, "column": 5, "endLine": 1, "endColumn": 1}}`, "the end 1:1 comes before the start 2:5"},
		{"offset past the end", `{"msg": "m", "range": {"line": 1, "column": 1, "offset": 0, "endOffset": 999}}`, "offset 999 is past the end"},
		{"fractional line", `{"msg": "m", "range": {"line": 1.5}}`, "want an integer"},
		{"message not a string", `{"msg": 3, "range": {"line": 1}}`, "msg: want a string, got 3"},
		{"not an object", `"just a string"`, "must be an object"},
		{"unknown severity", `{"msg": "m", "range": {"line": 1}, "severity": "critical"}`, "severity"},
		{"path of the wrong type", `{"msg": "m", "path": "spec"}`, "path: want an array"},
		{"negative index", `{"msg": "m", "path": ["spec", -1]}`, "index ≥ 0"},
		{"unknown fix intent", `{"msg": "m", "range": {"line": 1}, "fix": {"title": "t", "edits": [{"op": "rewrite"}]}}`, `unknown op "rewrite"`},
		{"replace without offsets", `{"msg": "m", "range": {"line": 1}, "fix": {"title": "t", "edits": [{"op": "replace", "range": {"line": 1}, "text": "x"}]}}`, "offset and endOffset"},
		{"unknown applicability", `{"msg": "m", "range": {"line": 1}, "fix": {"title": "t", "applicability": "maybe"}}`, "applicability"},
		{"pin_image without an image", `{"msg": "m", "range": {"line": 1}, "fix": {"title": "t", "edits": [{"op": "pin_image", "image": "alpine"}]}}`, "pin_image needs an image object"},
		{"image reference not a string", `{"msg": "m", "range": {"line": 1}, "fix": {"title": "t", "edits": [{"op": "pin_image", "image": {"raw": "alpine", "ref": 3}}]}}`, "image: ref: want a string, got 3"},
		{"image unresolved not a boolean", `{"msg": "m", "range": {"line": 1}, "fix": {"title": "t", "edits": [{"op": "pin_image", "image": {"ref": "alpine", "unresolved": "no"}}]}}`, "image: unresolved: want a boolean"},
		{"image range past the end", `{"msg": "m", "range": {"line": 1}, "fix": {"title": "t", "edits": [{"op": "pin_image", "image": {"ref": "alpine", "range": {"line": 9, "column": 1}}}]}}`, "image: range: line 9 is past the end"},
		{"image path of the wrong type", `{"msg": "m", "range": {"line": 1}, "fix": {"title": "t", "edits": [{"op": "pin_image", "image": {"ref": "alpine", "path": "spec"}}]}}`, "image: path: want an array"},
		{"edits not a list", `{"msg": "m", "range": {"line": 1}, "fix": {"title": "t", "edits": {"op": "replace"}}}`, "edits: want an array"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := lintWithUserRule(t, userRule(tc.result), src)
			if err == nil || !strings.Contains(err.Error(), "rule ACME900") || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want one naming ACME900 and saying %q", err, tc.want)
			}
			for _, f := range rep.Findings {
				if f.RuleID == "ACME900" {
					t.Errorf("a malformed result became a finding at %d:%d", f.Range.Line, f.Range.Column)
				}
			}
		})
	}
}

// A well-formed result with only a line gets the rest of its range from it.
func TestResultWithLineOnly(t *testing.T) {
	rep, err := lintWithUserRule(t, userRule(`{"msg": "m", "range": {"line": 2}}`), "FROM alpine:3.22\nUSER 10001\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings {
		if f.RuleID == "ACME900" {
			if want := (lint.Range{Line: 2, Column: 1, EndLine: 2, EndColumn: 1}); f.Range != want {
				t.Errorf("range %+v, want %+v", f.Range, want)
			}
			return
		}
	}
	t.Error("no ACME900 finding")
}

// builtinWith is the built-in catalogue with a user's rule in file name.
func builtinWith(t *testing.T, name, rule string) *policies.Catalog {
	t.Helper()
	cat, err := policies.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	user, err := policies.Load(fstest.MapFS{name: {Data: []byte(rule)}}, "acme", false)
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.Merge(user); err != nil {
		t.Fatal(err)
	}
	return cat
}

func lintWithUserRule(t *testing.T, rule, src string) (*lint.Report, error) {
	t.Helper()
	cat := builtinWith(t, "ACME900_rule.rego", rule)
	eng, err := lint.NewEngine(context.Background(), cat, lint.Options{
		Parsers: map[lint.Kind]lint.Parser{lint.KindDockerfile: dockerfile.Parser{}, lint.KindYAML: kube.Parser{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eng.Lint(context.Background(), []lint.Source{{Path: "Dockerfile", Kind: lint.KindDockerfile, Src: []byte(src)}})
	if rep == nil {
		t.Fatalf("no report: %v", err)
	}
	return rep, err
}
