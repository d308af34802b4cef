package kustomize_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/kube"
	"github.com/hardline-dev/hardline/lint/render"
	"github.com/hardline-dev/hardline/lint/render/kustomize"
	"github.com/hardline-dev/hardline/policies"
)

func newEngine(t testing.TB) *lint.Engine {
	t.Helper()
	cat, err := policies.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := lint.NewEngine(context.Background(), cat, lint.Options{
		Config:  map[string]any{"today": "2026-12-01"},
		Parsers: map[lint.Kind]lint.Parser{lint.KindYAML: kube.Parser{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func summary(rep *lint.Report) string {
	var b strings.Builder
	for _, f := range rep.Findings {
		var fixes []string
		for _, x := range f.Fixes {
			fixes = append(fixes, fmt.Sprintf("%v:%d", x.Applicability, len(x.Edits)))
		}
		fmt.Fprintf(&b, "%s:%d %s %s [%s] %s\n", f.File, f.Range.Line, f.RuleID, f.Mapping, strings.Join(fixes, ","), f.Message)
	}
	for _, n := range rep.Notices {
		fmt.Fprintf(&b, "notice %s: %s\n", n.File, n.Message)
	}
	return b.String()
}

func TestExampleOverlay(t *testing.T) {
	ctx := context.Background()
	u := kustomize.Build(ctx, "../../../examples/kustomize/overlays/prod", kustomize.Options{Root: "../../../examples/kustomize"})
	rep, err := render.Lint(ctx, newEngine(t), u)
	if err != nil {
		t.Fatal(err)
	}
	got := summary(rep)
	const patch = "../../../examples/kustomize/overlays/prod/debug-sidecar.yaml"
	for _, want := range []string{
		patch + ":16 KS006 source [unsafe:1]",
		patch + ":12 KS002 source [safe:1]",
		patch + ":14 IM001 source",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "/base/") {
		t.Errorf("findings in the hardened base:\n%s", got)
	}
	if !strings.Contains(string(u.Rendered), "namespace: shop") {
		t.Errorf("the overlay's namespace is not applied:\n%s", u.Rendered)
	}
}

func TestRemoteBaseIsANotice(t *testing.T) {
	for _, ref := range []string{
		"https://github.com/example/app//deploy?ref=v1",
		"github.com/example/app/deploy",
		"git@github.com:example/app.git",
		"example.com/org/repo/deploy",
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "kustomization.yaml"), []byte("resources:\n  - "+ref+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		u := kustomize.Build(context.Background(), filepath.ToSlash(dir), kustomize.Options{})
		if len(u.Rendered) != 0 || len(u.Findings) != 0 || len(u.Notices) != 1 || !strings.Contains(u.Notices[0].Message, "remote") {
			t.Errorf("%s: rendered %d bytes, findings %+v, notices %+v; want one notice", ref, len(u.Rendered), u.Findings, u.Notices)
		}
	}
}

func TestBuildErrorIsKS000(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "kustomization.yaml"), []byte("resources:\n  - missing.yaml\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	u := kustomize.Build(context.Background(), filepath.ToSlash(dir), kustomize.Options{})
	if len(u.Findings) != 1 || u.Findings[0].RuleID != "KS000" || !strings.HasSuffix(u.Findings[0].File, "kustomization.yaml") {
		t.Errorf("findings %+v, want one KS000 at kustomization.yaml", u.Findings)
	}
}

// BenchmarkBuildExampleOverlay measures building alone, and building with
// linting and mapping, of the example overlay.
func BenchmarkBuildExampleOverlay(b *testing.B) {
	ctx := context.Background()
	opts := kustomize.Options{Root: "../../../examples/kustomize"}
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			kustomize.Build(ctx, "../../../examples/kustomize/overlays/prod", opts)
		}
	})
	eng := newEngine(b)
	b.Run("build+lint", func(b *testing.B) {
		for b.Loop() {
			if _, err := render.Lint(ctx, eng, kustomize.Build(ctx, "../../../examples/kustomize/overlays/prod", opts)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
