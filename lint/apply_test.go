package lint_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/linttest"
)

func TestUnifiedDiff(t *testing.T) {
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"equal", "a\n", "a\n", ""},
		{
			"insert in the middle", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nnew\n5\n6\n7\n8\n",
			"--- a/f\n+++ b/f\n@@ -2,6 +2,7 @@\n 2\n 3\n 4\n+new\n 5\n 6\n 7\n",
		},
		{
			"two distant changes make two hunks", "a\n1\n2\n3\n4\n5\n6\n7\n8\nb\n", "A\n1\n2\n3\n4\n5\n6\n7\n8\nB\n",
			"--- a/f\n+++ b/f\n@@ -1,4 +1,4 @@\n-a\n+A\n 1\n 2\n 3\n@@ -7,4 +7,4 @@\n 6\n 7\n 8\n-b\n+B\n",
		},
		{
			"no final newline", "a\nb", "a\nc",
			"--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, lint.UnifiedDiff("f", []byte(tc.old), []byte(tc.new))); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
}

func TestApplyEditsRejectsOverlaps(t *testing.T) {
	edits := []lint.Edit{
		{Range: lint.Range{Offset: 0, EndOffset: 3}, NewText: "x"},
		{Range: lint.Range{Offset: 2, EndOffset: 4}, NewText: "y"},
	}
	if _, err := lint.ApplyEdits([]byte("abcdef"), edits); err == nil {
		t.Error("overlapping edits applied")
	}
	got, err := lint.ApplyEdits([]byte("abcdef"), edits[:1])
	if err != nil || string(got) != "xdef" {
		t.Errorf("got %q, %v", got, err)
	}
}

func TestWriteFixed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Dockerfile")
	if err := os.WriteFile(path, []byte("FROM a\n"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := lint.WriteFixed(lint.Fixed{File: path, Original: []byte("FROM b\n"), Content: []byte("x")}); !errors.Is(err, lint.ErrChanged) {
		t.Errorf("a file changed since it was read was overwritten (err %v)", err)
	}
	if err := lint.WriteFixed(lint.Fixed{File: path, Original: []byte("FROM a\n"), Content: []byte("FROM a\nUSER 1\n")}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	info, _ := os.Stat(path)
	if string(got) != "FROM a\nUSER 1\n" || info.Mode().Perm() != 0o640 {
		t.Errorf("content %q mode %v", got, info.Mode().Perm())
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

// Two fixes that each create the missing securityContext conflict; the
// second applies in the next pass.
func TestFixPasses(t *testing.T) {
	src := `apiVersion: v1
kind: Pod
metadata:
  name: p # the pod
spec:
  securityContext:
    runAsUser: 1000
  containers:
    - name: a
      image: alpine:3.22
`
	eng := linttest.Engine(t)
	fixed, rep, err := eng.Fix(context.Background(), []lint.Source{{Path: "pod.yaml", Kind: lint.KindYAML, Src: []byte(src)}}, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(fixed) != 1 {
		t.Fatalf("fixed %d files", len(fixed))
	}
	out := string(fixed[0].Content)
	for _, want := range []string{"# the pod", "allowPrivilegeEscalation: false", "runAsNonRoot: true"} {
		if !strings.Contains(out, want) {
			t.Errorf("fixed file lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "      securityContext:\n"); n != 1 {
		t.Errorf("the container's securityContext written %d times:\n%s", n, out)
	}
	for _, f := range rep.Findings {
		for _, fix := range f.Fixes {
			if fix.Applicability.String() == "safe" {
				t.Errorf("safe fix left after fixing: %s %s", f.RuleID, fix.Title)
			}
		}
	}
}
