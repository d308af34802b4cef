package fix_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hardline-dev/hardline/lint/rule"

	"github.com/google/go-cmp/cmp"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/fix"
	"github.com/hardline-dev/hardline/lint/linttest"
)

func TestDiff(t *testing.T) {
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
			if diff := cmp.Diff(tc.want, fix.Diff("f", []byte(tc.old), []byte(tc.new))); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
}

func edit(off, end int, text string) lint.Edit {
	return lint.Edit{Range: lint.Range{Offset: off, EndOffset: end}, NewText: text}
}

func TestApplyRejectsOverlaps(t *testing.T) {
	edits := []lint.Edit{edit(0, 3, "x"), edit(2, 4, "y")}
	if _, err := fix.Apply([]byte("abcdef"), edits); err == nil {
		t.Error("overlapping edits applied")
	}
	if _, err := fix.Apply([]byte("abc"), []lint.Edit{edit(2, 9, "")}); err == nil {
		t.Error("an edit past the end of the file applied")
	}
	got, err := fix.Apply([]byte("abcdef"), []lint.Edit{edit(0, 3, "x"), edit(3, 3, "+"), edit(5, 6, "")})
	if err != nil || string(got) != "x+de" {
		t.Errorf("got %q, %v", got, err)
	}
}

// Select keeps the first of two fixes whose edits overlap, or insert at the
// same offset, and sorts the edits it keeps.
func TestSelect(t *testing.T) {
	safe := func(edits ...lint.Edit) []lint.Fix {
		return []lint.Fix{{Title: "t", Applicability: rule.ApplicabilitySafe, Edits: edits}}
	}
	rep := &lint.Report{Findings: []lint.Finding{
		{File: "f", Fixes: safe(edit(10, 12, "a"))},
		{File: "f", Fixes: safe(edit(11, 13, "overlaps"))},
		{File: "f", Fixes: safe(edit(2, 2, "b"), edit(20, 20, "c"))},
		{File: "f", Fixes: safe(edit(20, 20, "same insertion point"))},
		{File: "f", Fixes: safe(edit(12, 12, "touches the end of a"))},
		{File: "f", Fixes: []lint.Fix{{Title: "t", Applicability: rule.ApplicabilityUnsafe, Edits: []lint.Edit{edit(30, 31, "unsafe")}}}},
		{File: "f", Fixes: safe(edit(40, 41, "suppressed")), Suppression: &lint.Suppression{Kind: "comment"}},
	}}
	got := fix.Select(rep, fix.Selection{})
	if len(got) != 1 || got[0].Fixes != 3 {
		t.Fatalf("got %+v", got)
	}
	var texts []string
	for _, e := range got[0].Edits {
		texts = append(texts, e.NewText)
	}
	if want := []string{"b", "a", "touches the end of a", "c"}; !cmp.Equal(texts, want) {
		t.Errorf("edits %q, want %q", texts, want)
	}
	if got := fix.Select(rep, fix.Selection{Unsafe: true}); len(got[0].Edits) != 5 {
		t.Errorf("with unsafe fixes: %d edits", len(got[0].Edits))
	}
}

// A fix of a rendered manifest edits the files its edits name (a template
// and a values file): it is counted once, in the file of its first edit,
// and a later fix overlapping one of its edits in either file is left out.
func TestSelectAcrossFiles(t *testing.T) {
	in := func(file string, e lint.Edit) lint.Edit { e.File = file; return e }
	safe := func(edits ...lint.Edit) []lint.Fix {
		return []lint.Fix{{Title: "t", Applicability: rule.ApplicabilitySafe, Edits: edits}}
	}
	rep := &lint.Report{Findings: []lint.Finding{
		{File: "rendered.yaml", Fixes: safe(in("templates/pod.yaml", edit(10, 12, "a")), in("values.yaml", edit(3, 4, "b")))},
		{File: "rendered.yaml", Fixes: safe(in("values.yaml", edit(3, 5, "overlaps b")))},
		{File: "rendered.yaml", Fixes: safe(in("values.yaml", edit(8, 9, "c")))},
		{File: "Dockerfile", Fixes: safe(edit(0, 1, "no file named: the finding's"))},
	}}
	got := fix.Select(rep, fix.Selection{})
	type summary struct {
		File  string
		Texts []string
		Fixes int
	}
	var sums []summary
	for _, fe := range got {
		s := summary{File: fe.File, Fixes: fe.Fixes}
		for _, e := range fe.Edits {
			s.Texts = append(s.Texts, e.NewText)
		}
		sums = append(sums, s)
	}
	want := []summary{
		{"Dockerfile", []string{"no file named: the finding's"}, 1},
		{"templates/pod.yaml", []string{"a"}, 1},
		{"values.yaml", []string{"b", "c"}, 1},
	}
	if !cmp.Equal(sums, want) {
		t.Errorf("got %+v, want %+v", sums, want)
	}
}

// Two fixes that each create the missing securityContext conflict; the
// second applies in the next pass.
func TestRunPasses(t *testing.T) {
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
	fixed, rep, err := fix.Run(context.Background(), eng, []lint.Source{{Path: "pod.yaml", Kind: lint.KindYAML, Src: []byte(src)}}, fix.Selection{})
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
		for _, fx := range f.Fixes {
			if fx.Applicability == rule.ApplicabilitySafe {
				t.Errorf("safe fix left after fixing: %s %s", f.RuleID, fx.Title)
			}
		}
	}
}

// Fixing every document of a file of many gives the same result as fixing
// each document alone: fixes are computed on the document, whatever comes
// before and after it in the file.
func TestRunManyDocuments(t *testing.T) {
	doc := func(i int) string {
		return fmt.Sprintf("# pod %d\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p%d\nspec:\n  containers:\n    - name: a\n      image: alpine:3.22\n      securityContext: {runAsUser: 10%d}\n", i, i, i)
	}
	eng := linttest.Engine(t)
	ctx := context.Background()
	var whole, want strings.Builder
	for i := range 30 {
		if i > 0 {
			whole.WriteString("---\n")
			want.WriteString("---\n")
		}
		whole.WriteString(doc(i))
		fixed, _, err := fix.Run(ctx, eng, []lint.Source{{Path: "one.yaml", Kind: lint.KindYAML, Src: []byte(doc(i))}}, fix.Selection{Unsafe: true})
		if err != nil || len(fixed) != 1 {
			t.Fatalf("document %d: %d fixed, %v", i, len(fixed), err)
		}
		want.Write(fixed[0].Content)
	}
	fixed, _, err := fix.Run(ctx, eng, []lint.Source{{Path: "all.yaml", Kind: lint.KindYAML, Src: []byte(whole.String())}}, fix.Selection{Unsafe: true})
	if err != nil || len(fixed) != 1 {
		t.Fatalf("%d fixed, %v", len(fixed), err)
	}
	if diff := cmp.Diff(want.String(), string(fixed[0].Content)); diff != "" {
		t.Errorf("-each alone +all at once:\n%s", diff)
	}
}
