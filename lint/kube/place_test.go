package kube

import (
	"slices"
	"testing"

	"github.com/hardline-dev/hardline/lint"
)

// The Placer finds the objects Parse reads, and their documents place
// paths and edit as those of Parse do.
func TestPlacerAgreesWithParse(t *testing.T) {
	src := "# leading comment\n" +
		"apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  type: NodePort\n" +
		"---\nnot: an object\n" +
		"---\napiVersion: v1\nkind: List\nitems:\n  - just a string\n" +
		"  - apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: b}\n    spec:\n      template:\n        spec:\n          containers:\n            - name: app\n              image: nginx\n" +
		"  - apiVersion: v1\n    kind: Pod\n    metadata: {name: c}\n    spec: {containers: [{name: x, image: y}]}\n" +
		"---\napiVersion: v1\nkind: ConfigList\nitems: none\n"
	docs := parse(t, "m.yaml", src)
	place := (Parser{}).Placer("m.yaml", []byte(src))
	paths := [][]any{
		{"kind"},
		{"metadata", "name"},
		{"spec", "type"},
		{"spec", "missing", "deep"},
		{"spec", "template", "spec", "containers", 0, "image"},
		{"spec", "containers", 0, "name"},
	}
	if len(docs) != 4 {
		t.Fatalf("parsed %d documents, want 4", len(docs))
	}
	seen := map[int]bool{}
	for _, d := range docs {
		first := !seen[d.y.index]
		seen[d.y.index] = true
		for _, objPath := range [][]any{d.objPath, nil} {
			if objPath == nil && !first {
				continue
			}
			got := place(d.y.index, objPath)
			if got == nil {
				t.Fatalf("document %d at %v: not found", d.y.index, objPath)
			}
			for _, p := range paths {
				if w, g := d.Locate(p), got.Locate(p); w != g {
					t.Errorf("document %d at %v: Locate(%v) = %+v, want %+v", d.y.index, objPath, p, g, w)
				}
			}
			in := lint.Intent{Op: "set", Path: []any{"metadata", "labels", "team"}, Value: "x"}
			we, werr := d.Edit(in)
			ge, gerr := got.Edit(in)
			if !slices.Equal(we, ge) || (werr == nil) != (gerr == nil) {
				t.Errorf("document %d at %v: Edit = %v, %v; want %v, %v", d.y.index, objPath, ge, gerr, we, werr)
			}
		}
	}
	for _, c := range []struct {
		index   int
		objPath []any
	}{{1, nil}, {2, []any{}}, {2, []any{"items", 0}}, {2, []any{"items", 9}}, {0, []any{"items", 1}}, {9, nil}, {-1, nil}} {
		if d := place(c.index, c.objPath); d != nil {
			t.Errorf("place(%d, %v) = a document, want none", c.index, c.objPath)
		}
	}
}
