package helm_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hardline-dev/hardline/lint/render/helm"
)

// childArg makes the test binary serve as the child process.
const childArg = "serve-helm-child"

func TestMain(m *testing.M) {
	if len(os.Args) == 2 && os.Args[1] == childArg {
		if err := helm.ServeChild(context.Background(), os.Stdin, os.Stdout, os.Getenv); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(2)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// child runs renders in this test binary, as hardline runs them in itself.
func child(t *testing.T, limit int64, timeout time.Duration) *helm.Child {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatalf("no executable to run as a child: %v", err)
	}
	return &helm.Child{Path: exe, Args: []string{childArg}, MemoryLimit: limit, Timeout: timeout}
}

func TestChildRendersAsInProcess(t *testing.T) {
	ctx := context.Background()
	const chart = "../../../examples/helm/webapp"
	opts := helm.Options{Set: []string{"image.tag=1.29.1"}, Namespace: "shop"}
	in := helm.Render(ctx, chart, opts)
	opts.Child = child(t, 0, 0)
	out := helm.Render(ctx, chart, opts)
	if len(in.Rendered) == 0 || !bytes.Equal(in.Rendered, out.Rendered) {
		t.Errorf("rendered in a child:\n%s\nin process:\n%s", out.Rendered, in.Rendered)
	}
	if len(out.Findings) != len(in.Findings) || len(out.Docs) != len(in.Docs) {
		t.Errorf("child: %d findings, %d documents; in process: %d, %d", len(out.Findings), len(out.Docs), len(in.Findings), len(in.Docs))
	}
}

// hostileChart writes a chart whose template runs body.
func hostileChart(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	write(t, dir, "Chart.yaml", "apiVersion: v2\nname: app\nversion: 0.1.0\n")
	write(t, dir, "templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: |\n"+body+"\n")
	return dir
}

func TestChildBoundsMemory(t *testing.T) {
	// A hundred million repetitions: gigabytes of output if nothing stops it.
	dir := hostileChart(t, `{{- range until 100000000 }}    xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{{ end }}`)
	u := helm.Render(context.Background(), dir, helm.Options{Child: child(t, 64<<20, time.Minute)})
	if len(u.Findings) != 1 || !strings.Contains(u.Findings[0].Message, "more than 64 MiB of memory") ||
		!strings.HasSuffix(u.Findings[0].File, "/Chart.yaml") {
		t.Fatalf("findings %+v, want one at Chart.yaml about the memory limit", u.Findings)
	}
}

func TestChildBoundsTime(t *testing.T) {
	// Loops without allocating: only the deadline stops it.
	dir := hostileChart(t, `{{- range until 2000000000 }}{{ end }}`)
	u := helm.Render(context.Background(), dir, helm.Options{Child: child(t, 0, 500*time.Millisecond)})
	if len(u.Findings) != 1 || !strings.Contains(u.Findings[0].Message, "took longer than 500ms") {
		t.Fatalf("findings %+v, want one about the deadline", u.Findings)
	}
}

func TestChildReportsTemplateErrors(t *testing.T) {
	dir := hostileChart(t, `{{ fail "no\n::error::spoofed" }}`)
	u := helm.Render(context.Background(), dir, helm.Options{Child: child(t, 0, 0)})
	if len(u.Findings) != 1 || !strings.Contains(u.Findings[0].Message, "spoofed") ||
		!strings.HasSuffix(u.Findings[0].File, "/templates/cm.yaml") {
		t.Fatalf("findings %+v, want the template's error at its template", u.Findings)
	}
}

func TestChildBoundsOutput(t *testing.T) {
	// Forty million bytes: past the output limit, within the memory limit.
	dir := hostileChart(t, `    {{ repeat 40000000 "a" }}`)
	for _, ch := range []*helm.Child{nil, child(t, 0, 0)} {
		u := helm.Render(context.Background(), dir, helm.Options{Child: ch})
		if len(u.Findings) != 1 || !strings.Contains(u.Findings[0].Message, "rendered output larger than 32 MiB") {
			t.Errorf("child %v: findings %+v, want one about the output limit", ch != nil, u.Findings)
		}
	}
}
