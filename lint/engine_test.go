package lint_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/kube"
	"github.com/hardline-dev/hardline/lint/rule"
	"github.com/hardline-dev/hardline/policies"
)

// An engine made WithConfig runs the same compiled rules with its own
// data: each sees its own Kubernetes version.
func TestWithConfig(t *testing.T) {
	cat, err := policies.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	old, err := lint.NewEngine(ctx, cat, lint.Options{
		Config:  map[string]any{"kube_version": "1.15"},
		Enabled: func(r rule.Rule) bool { return r.ID == "KS021" },
		Parsers: map[lint.Kind]lint.Parser{lint.KindYAML: kube.Parser{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	src := []byte("apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\n")
	message := func(eng *lint.Engine) string {
		t.Helper()
		rep, err := eng.Lint(ctx, []lint.Source{{Path: "ingress.yaml", Kind: lint.KindYAML, Src: src}})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Findings) != 1 {
			t.Fatalf("%d findings, want 1: %+v", len(rep.Findings), rep.Findings)
		}
		return fmt.Sprintf("%v: %s", rep.Findings[0].Severity, rep.Findings[0].Message)
	}
	before := message(old)
	newer, err := old.WithConfig(ctx, map[string]any{"kube_version": "1.22"})
	if err != nil {
		t.Fatal(err)
	}
	if got := message(newer); got == before {
		t.Errorf("kubernetes 1.22 and 1.15 both give %q", got)
	}
	if got := message(old); got != before {
		t.Errorf("the first engine now gives %q, want %q", got, before)
	}
}

// A fix's YAML intents are kept only for a source that asks for them.
func TestIntentsKeptOnRequest(t *testing.T) {
	cat, err := policies.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := lint.NewEngine(context.Background(), cat, lint.Options{
		Parsers: map[lint.Kind]lint.Parser{lint.KindYAML: kube.Parser{}},
		Enabled: func(r rule.Rule) bool { return r.ID == "KS002" },
	})
	if err != nil {
		t.Fatal(err)
	}
	src := []byte("apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - {name: web, image: web}\n")
	for _, keep := range []bool{false, true} {
		rep, err := eng.Lint(context.Background(), []lint.Source{{Path: "pod.yaml", Kind: lint.KindYAML, Src: src, Intents: keep}})
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Findings) != 1 || len(rep.Findings[0].Fixes) != 1 || len(rep.Findings[0].Fixes[0].Edits) == 0 {
			t.Fatalf("Intents %v: want one KS002 finding with a fix, got %+v", keep, rep.Findings)
		}
		if got := len(rep.Findings[0].Fixes[0].Intents) > 0; got != keep {
			t.Errorf("Intents %v: the fix holds intents: %v", keep, got)
		}
	}
}

// privilegedPods is a file of n Pods web-0, web-1, ..., each with one
// KS006 finding.
func privilegedPods(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "---\napiVersion: v1\nkind: Pod\nmetadata: {name: web-%d}\nspec:\n  containers:\n    - {name: web, image: web, securityContext: {privileged: true}}\n", i)
	}
	return []byte(b.String())
}

// The file timeout is not a bound on a whole file of many documents: six
// documents that take 150 ms each (a trace that sleeps after each
// evaluation) finish under a 500 ms timeout. A rule that loops is cut off
// (TestFileTimeoutStopsTheFile; hostile_test.go in cmd/hardline).
func TestFileTimeoutPerDocument(t *testing.T) {
	cat, err := policies.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := lint.NewEngine(context.Background(), cat, lint.Options{
		Parsers:     map[lint.Kind]lint.Parser{lint.KindYAML: kube.Parser{}},
		Enabled:     func(r rule.Rule) bool { return r.ID == "KS006" },
		FileTimeout: 500 * time.Millisecond,
		Workers:     1, // one document after the other: 900 ms in all
		Trace:       func(ast.Value, string, ast.Value) { time.Sleep(150 * time.Millisecond) },
	})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eng.Lint(context.Background(), []lint.Source{{Path: "pods.yaml", Kind: lint.KindYAML, Src: privilegedPods(6)}})
	if err != nil || len(rep.Findings) != 6 {
		t.Errorf("want six findings and no error, got %d findings, error %v", len(rep.Findings), err)
	}
}

// A user's rule that loops on the fourth document of a file: the file's
// error names the rule once, although several documents are evaluated at
// once, and only the documents before it keep their findings.
func TestFileTimeoutStopsTheFile(t *testing.T) {
	const slow = `# METADATA
# title: Slow on web-3
# custom:
#   id: ACME902
#   name: slow-on-web-3
#   severity: warning
#   input: kubernetes
package rules.kubernetes.ACME902

deny contains {"msg": "slow", "path": ["metadata"]} if {
	input.object.metadata.name == "web-3"
	n := count([x | some x in numbers.range(1, 100000); some y in numbers.range(1, 100000); x == y + 1000000])
	n > 0
}
`
	eng, err := lint.NewEngine(context.Background(), builtinWith(t, "ACME902_slow.rego", slow), lint.Options{
		Parsers:     map[lint.Kind]lint.Parser{lint.KindYAML: kube.Parser{}},
		Enabled:     func(r rule.Rule) bool { return r.ID == "KS006" || r.ID == "ACME902" },
		FileTimeout: time.Second,
		Workers:     4,
	})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eng.Lint(context.Background(), []lint.Source{{Path: "pods.yaml", Kind: lint.KindYAML, Src: privilegedPods(12)}})
	if err == nil || strings.Count(err.Error(), "file-timeout") != 1 || !strings.Contains(err.Error(), "pods.yaml (rule ACME902)") {
		t.Fatalf("want one error naming ACME902, got %v", err)
	}
	if len(rep.Findings) != 3 {
		t.Errorf("want the three findings of the documents before web-3, got %d", len(rep.Findings))
	}
	// The documents read ahead of web-3 count for nothing.
	if rep.Documents != 4 {
		t.Errorf("%d documents counted, want web-0 to web-3", rep.Documents)
	}
}

// The documents of a file are parsed while earlier ones are evaluated and
// their fixes made: a fix that replaces a mapping (which converts the value
// there) must not share the parser's tables. Run with -race.
func TestDocumentsEditedWhileParsing(t *testing.T) {
	cat, err := policies.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var src strings.Builder
	for i := range 40 {
		fmt.Fprintf(&src, "---\napiVersion: v1\nkind: Pod\nmetadata: {name: web-%d}\nspec:\n  containers:\n    - name: web\n      image: web\n      securityContext:\n        allowPrivilegeEscalation: {key-%d: true}\n", i, i)
		fmt.Fprintf(&src, "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-%d}\ndata: {other-key-%d: v}\n", i, i)
	}
	eng, err := lint.NewEngine(context.Background(), cat, lint.Options{
		Parsers: map[lint.Kind]lint.Parser{lint.KindYAML: kube.Parser{}},
		Enabled: func(r rule.Rule) bool { return r.ID == "KS002" },
		Workers: 4,
	})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eng.Lint(context.Background(), []lint.Source{{Path: "pods.yaml", Kind: lint.KindYAML, Src: []byte(src.String())}})
	if err != nil {
		t.Fatal(err)
	}
	fixed := 0
	for _, f := range rep.Findings {
		if len(f.Fixes) > 0 && len(f.Fixes[0].Edits) > 0 {
			fixed++
		}
	}
	if fixed != 40 {
		t.Errorf("%d KS002 findings with a fix, want 40 (findings: %d)", fixed, len(rep.Findings))
	}
}
