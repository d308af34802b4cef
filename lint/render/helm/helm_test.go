package helm_test

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
	"github.com/hardline-dev/hardline/lint/render/helm"
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
		fmt.Fprintf(&b, "%s:%d %s %s [%s] %s\n", f.File, f.Range.Line, f.RuleID, f.Mapping, fixKinds(f.Fixes), f.Message)
	}
	return b.String()
}

func fixKinds(fs []lint.Fix) string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%v:%d", f.Applicability, len(f.Edits)))
	}
	return strings.Join(out, ",")
}

func TestExampleChart(t *testing.T) {
	ctx := context.Background()
	u := helm.Render(ctx, "../../../examples/helm/webapp", helm.Options{})
	rep, err := render.Lint(ctx, newEngine(t), u)
	if err != nil {
		t.Fatal(err)
	}
	got := summary(rep)
	for _, want := range []string{
		"../../../examples/helm/webapp/values.yaml:17 KS002 values [safe:1]",
		"../../../examples/helm/webapp/templates/deployment.yaml:24 IM002 source",
		"../../../examples/helm/webapp/templates/tests/test-connection.yaml:12 IM001 source",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
	for _, f := range rep.Findings {
		if f.RuleID == "KS002" && f.Mapping == render.MapValues {
			if e := f.Fixes[0].Edits[0]; e.File != "../../../examples/helm/webapp/values.yaml" || !strings.Contains(e.NewText, "allowPrivilegeEscalation: false") {
				t.Errorf("KS002 fix edits %s with %q", e.File, e.NewText)
			}
		}
	}
}

func TestMissingDependencyIsANotice(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: redis\n    version: 1.0.0\n    repository: https://charts.example.com\n")
	write(t, dir, "templates/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n")
	u := helm.Render(context.Background(), dir, helm.Options{Namespace: "shop", Release: "r1"})
	if len(u.Notices) != 1 || !strings.Contains(u.Notices[0].Message, "redis is not in charts/") {
		t.Errorf("notices %+v, want one about redis", u.Notices)
	}
	if !strings.Contains(string(u.Rendered), "namespace: shop") {
		t.Errorf("the release namespace is not set:\n%s", u.Rendered)
	}
	rep, err := render.Lint(context.Background(), newEngine(t), u)
	if err != nil {
		t.Fatal(err)
	}
	if got := summary(rep); !strings.Contains(got, "/templates/pod.yaml:10 KS006 source") {
		t.Errorf("no KS006 at the template's privileged line:\n%s", got)
	}
}

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkRenderExampleChart measures rendering alone, and rendering
// with linting and mapping, of the example chart.
func BenchmarkRenderExampleChart(b *testing.B) {
	ctx := context.Background()
	b.Run("render", func(b *testing.B) {
		for b.Loop() {
			helm.Render(ctx, "../../../examples/helm/webapp", helm.Options{})
		}
	})
	eng := newEngine(b)
	b.Run("render+lint", func(b *testing.B) {
		for b.Loop() {
			if _, err := render.Lint(ctx, eng, helm.Render(ctx, "../../../examples/helm/webapp", helm.Options{})); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestValuesOverridesPlaceFindings(t *testing.T) {
	override := filepath.Join(t.TempDir(), "prod.yaml")
	if err := os.WriteFile(override, []byte("replicaCount: 3\nsecurityContext:\n  privileged: true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	u := helm.Render(ctx, "../../../examples/helm/webapp", helm.Options{ValuesFiles: []string{override}, Set: []string{"image.tag=1.29.1"}})
	rep, err := render.Lint(ctx, newEngine(t), u)
	if err != nil {
		t.Fatal(err)
	}
	got := summary(rep)
	if want := filepath.ToSlash(override) + ":3 KS006 values"; !strings.Contains(got, want) {
		t.Errorf("no %q in:\n%s", want, got)
	}
	if !strings.Contains(string(u.Rendered), "nginx:1.29.1") {
		t.Errorf("--helm-set image.tag not applied:\n%s", u.Rendered)
	}
	// With overrides, values.yaml is not edited: the fixes are displayed.
	for _, f := range rep.Findings {
		for _, fix := range f.Fixes {
			if len(fix.Edits) > 0 {
				t.Errorf("%s has an edit with --helm-values: %+v", f.RuleID, fix.Edits)
			}
		}
	}
}

func TestDependencyFromChartsDir(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n  - name: cache\n    version: 0.1.0\n")
	write(t, dir, "values.yaml", "cache:\n  hostNetwork: true\n")
	write(t, dir, "charts/cache/Chart.yaml", "apiVersion: v2\nname: cache\nversion: 0.1.0\n")
	write(t, dir, "charts/cache/values.yaml", "hostNetwork: false\nsecurityContext: {}\n")
	write(t, dir, "charts/cache/templates/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: cache\nspec:\n"+
		"  hostNetwork: {{ .Values.hostNetwork }}\n  containers:\n    - name: c\n      image: redis:7.4\n"+
		"      securityContext:\n        {{- toYaml .Values.securityContext | nindent 8 }}\n")
	u := helm.Render(context.Background(), dir, helm.Options{})
	if len(u.Notices) != 0 || len(u.Findings) != 0 {
		t.Fatalf("notices %+v, findings %+v", u.Notices, u.Findings)
	}
	rep, err := render.Lint(context.Background(), newEngine(t), u)
	if err != nil {
		t.Fatal(err)
	}
	got := summary(rep)
	for _, want := range []string{
		"/charts/cache/templates/pod.yaml:6 KS007 source",
		"/charts/cache/values.yaml:2 KS002 values [display:0]",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
}

func TestObjectMappingNamesTheRenderedObject(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n")
	write(t, dir, "templates/_pod.tpl", "{{- define \"app.spec\" -}}\ncontainers:\n  - name: a\n    image: nginx:1.27\n    securityContext:\n      privileged: true\n{{- end }}\n")
	write(t, dir, "templates/pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  {{- include \"app.spec\" . | nindent 2 }}\n")
	u := helm.Render(context.Background(), dir, helm.Options{})
	rep, err := render.Lint(context.Background(), newEngine(t), u)
	if err != nil {
		t.Fatal(err)
	}
	got := summary(rep)
	// The key is written in a helper, not in the template: the object's
	// kind line, with the rendered object named.
	if !strings.Contains(got, "/templates/pod.yaml:2 KS006 object [display:0]") || !strings.Contains(got, "(in the rendered Pod/p)") {
		t.Errorf("no KS006 at the object with its name:\n%s", got)
	}
}
