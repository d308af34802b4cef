package container_test

import (
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/container"
)

func TestLines(t *testing.T) {
	src := []byte("é x\r\nab\n\nlast")
	l := container.NewLines(src)
	for _, tc := range []struct {
		off, line, col int
	}{
		{0, 1, 1}, {2, 1, 2}, {3, 1, 3}, {6, 2, 1}, {9, 3, 1}, {10, 4, 1}, {14, 4, 5}, {99, 4, 5}, {-1, 1, 1},
	} {
		line, col := l.Pos(tc.off)
		if line != tc.line || col != tc.col {
			t.Errorf("Pos(%d) = %d:%d, want %d:%d", tc.off, line, col, tc.line, tc.col)
		}
	}
	if got := l.Offset(1, 3); got != 3 {
		t.Errorf("Offset(1, 3) = %d, want 3 (after a two-byte letter)", got)
	}
	if got := l.LineEnd(0); got != 4 {
		t.Errorf("LineEnd before CRLF = %d, want 4", got)
	}
	want := lint.Range{Line: 2, Column: 1, EndLine: 2, EndColumn: 3, Offset: 6, EndOffset: 8}
	if got := l.Range(6, 8); got != want {
		t.Errorf("Range(6, 8) = %+v, want %+v", got, want)
	}
}

func TestImage(t *testing.T) {
	img := container.NewImage("nginx", "nginx", false, "compose", lint.Range{})
	if img.Registry != "docker.io" || img.Repository != "library/nginx" || !img.Official || img.Unresolved {
		t.Errorf("nginx: %+v", img)
	}
	if img := container.NewImage("$IMAGE", "$IMAGE", true, "docker-run", lint.Range{}); !img.Unresolved || !img.Unknown {
		t.Errorf("$IMAGE: %+v", img)
	}
	// The parts written literally are kept, as in a Dockerfile.
	if img := container.NewImage("${REGISTRY}/app:latest", "/app:latest", true, "compose", lint.Range{}); !img.Unknown || img.Tag != "latest" {
		t.Errorf("${REGISTRY}/app:latest: %+v", img)
	}
	if img := container.NewImage("", "", false, "compose", lint.Range{}); !img.Unresolved || !img.Unknown {
		t.Errorf("an empty reference is unresolved: %+v", img)
	}
}

func TestDocumentInput(t *testing.T) {
	m := container.NewModel("run.sh", container.SourceShell)
	r := container.NewRun(container.KindCommand, "docker run", lint.Range{Line: 1, Column: 8, EndLine: 1, EndColumn: 11, Offset: 7, EndOffset: 10})
	img := container.NewImage("alpine:3.22", "alpine:3.22", false, "docker-run", lint.Range{Line: 1})
	r.Image = &img
	m.Containers = append(m.Containers, r)
	d := container.NewDocument(m, []byte("docker run alpine:3.22\n"))
	in := ast.NewTerm(d.Input())
	for _, path := range [][]string{
		{"type"}, {"source"}, {"containers"}, {"images"},
	} {
		ref := ast.MustParseRef("x." + path[0])
		if v, err := in.Value.Find(ref[1:]); err != nil || v == nil {
			t.Errorf("input has no %s: %v", path[0], err)
		}
	}
	if imgs := d.Model().Images; len(imgs) != 1 || imgs[0].Ref != "alpine:3.22" {
		t.Errorf("the document's images are its containers': %+v", imgs)
	}
	if got := d.Locate([]any{"containers", 0}); got.Line != 1 || got.EndColumn != 23 {
		t.Errorf("Locate = %+v, want the first line", got)
	}
}
