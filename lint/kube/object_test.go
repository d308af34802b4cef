package kube

import (
	"reflect"
	"testing"

	"github.com/hardline-dev/hardline/lint"
)

// TestObjectAccess checks what the engine reads of an object without its
// Rego input: its place, whether it may hold pods, and its annotations
// with their paths.
func TestObjectAccess(t *testing.T) {
	src := `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      annotations: {hardline.dev/ignore: "KS011 limits from the LimitRange", other: x}
    spec:
      template:
        metadata:
          annotations: {hardline.dev/ignore: KS003}
        spec:
          containers: [{name: web, image: nginx:1.27}]
  - apiVersion: v1
    kind: Service
    metadata: {name: web, annotations: {hardline.dev/ignore: 12}}
---
apiVersion: v1
kind: Pod
metadata: {name: p, annotations: {hardline.dev/ignore: KS001}}
spec: {containers: [{name: c, image: busybox:1.36}]}
---
kind: [broken
`
	docs := (Parser{}).Parse("m.yaml", []byte(src))
	if len(docs) != 4 {
		t.Fatalf("%d documents, want 4", len(docs))
	}
	type want struct {
		doc         int
		path        []any
		pods        bool
		annotations []lint.Annotation
	}
	wants := []want{
		{0, []any{"items", 0}, true, []lint.Annotation{
			{Value: "KS011 limits from the LimitRange", Path: []any{"items", 0, "metadata", "annotations", "hardline.dev/ignore"}},
			{Value: "KS003", Path: []any{"items", 0, "spec", "template", "metadata", "annotations", "hardline.dev/ignore"}},
		}},
		{0, []any{"items", 1}, false, nil}, // 12 is not a string
		{1, []any{}, true, []lint.Annotation{
			// A Pod's metadata is its pod's too: the engine keeps one.
			{Value: "KS001", Path: []any{"metadata", "annotations", "hardline.dev/ignore"}},
			{Value: "KS001", Path: []any{"metadata", "annotations", "hardline.dev/ignore"}},
		}},
		{2, []any{}, true, nil}, // broken: may hold pods
	}
	for i, w := range wants {
		o, ok := docs[i].(lint.Object)
		if !ok {
			t.Fatalf("document %d is no lint.Object", i)
		}
		doc, path := o.Place()
		if doc != w.doc || !reflect.DeepEqual(path, w.path) {
			t.Errorf("document %d: Place() = %d, %v; want %d, %v", i, doc, path, w.doc, w.path)
		}
		if got := o.MayHavePods(); got != w.pods {
			t.Errorf("document %d: MayHavePods() = %v, want %v", i, got, w.pods)
		}
		if got := o.Annotations("hardline.dev/ignore"); !reflect.DeepEqual(got, w.annotations) {
			t.Errorf("document %d: Annotations() = %v, want %v", i, got, w.annotations)
		}
	}
}
