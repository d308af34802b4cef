package kube

import (
	"reflect"
	"slices"
	"strings"
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

// TestModel checks the typed model of an object: its pods and containers
// with their paths, the security settings in effect (a pod's setting
// shared by the containers that inherit it, a null one unset) and the
// images; read for its summary only, the pods are the same without
// containers.
func TestModel(t *testing.T) {
	src := `apiVersion: v1
kind: List
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web, namespace: prod}
  spec:
    template:
      metadata: {labels: {app: web}}
      spec:
        securityContext: {runAsNonRoot: true, runAsUser: 1000, runAsGroup: null}
        initContainers:
        - name: init
          image: busybox:1.36
        containers:
        - name: web
          image: ghcr.io/acme/web@sha256:` + strings.Repeat("a", 64) + `
          securityContext: {runAsNonRoot: false, seccompProfile: {type: RuntimeDefault}}
        - name: sidecar
`
	pod := []any{"items", 0, "spec", "template", "spec"}
	check := func(t *testing.T, p Parser, containers bool) {
		t.Helper()
		docs := p.Parse("m.yaml", []byte(src))
		if len(docs) != 1 {
			t.Fatalf("%d documents, want 1", len(docs))
		}
		d, ok := docs[0].(*document)
		if !ok {
			t.Fatalf("document of type %T", docs[0])
		}
		o := d.model
		if o.File != "m.yaml" || o.Document != 0 || !reflect.DeepEqual(o.Path, []any{"items", 0}) ||
			o.APIVersion != "apps/v1" || o.Kind != "Deployment" || o.Name != "web" || o.Namespace != "prod" {
			t.Fatalf("object %+v", o)
		}
		if len(o.Pods) != 1 {
			t.Fatalf("%d pods, want 1", len(o.Pods))
		}
		p0 := o.Pods[0]
		if !reflect.DeepEqual(p0.Path, pod) || !reflect.DeepEqual(p0.MetadataPath, []any{"items", 0, "spec", "template", "metadata"}) || p0.Metadata == nil || p0.Template {
			t.Errorf("pod %+v", p0)
		}
		if !containers {
			if len(p0.Containers) != 0 {
				t.Errorf("%d containers read for the summary only", len(p0.Containers))
			}
			return
		}
		type want struct {
			list  string
			index int
			name  string
		}
		wants := []want{{"containers", 0, "web"}, {"containers", 1, "sidecar"}, {"initContainers", 0, "init"}}
		if len(p0.Containers) != len(wants) {
			t.Fatalf("%d containers, want %d", len(p0.Containers), len(wants))
		}
		for i, w := range wants {
			c := p0.Containers[i]
			if c.List != w.list || c.Index != w.index || c.Name != w.name || !reflect.DeepEqual(c.Path, append(slices.Clone(pod), w.list, w.index)) {
				t.Errorf("container %d: %s %d %q at %v", i, c.List, c.Index, c.Name, c.Path)
			}
		}
		web, sidecar, init := p0.Containers[0].Security, p0.Containers[1].Security, p0.Containers[2].Security
		setting := func(s Security, name string) *Setting {
			names := securityFields()
			return s[slices.Index(names[:], name)]
		}
		if s := setting(web, "runAsNonRoot"); s == nil || s.Value.String() != "false" || !reflect.DeepEqual(s.Path, []any{"items", 0, "spec", "template", "spec", "containers", 0, "securityContext", "runAsNonRoot"}) {
			t.Errorf("web runAsNonRoot: %+v", s)
		}
		for _, name := range []string{"runAsUser", "runAsNonRoot"} {
			if name == "runAsNonRoot" && setting(sidecar, name) == setting(web, name) {
				t.Error("web's own runAsNonRoot shared")
			}
			if s := setting(sidecar, name); s == nil || s != setting(init, name) || !reflect.DeepEqual(s.Path, append(slices.Clone(pod), "securityContext", name)) {
				t.Errorf("%s inherited from the pod: %+v, %+v", name, s, setting(init, name))
			}
		}
		if s := setting(sidecar, "runAsGroup"); s != nil {
			t.Errorf("a null runAsGroup is set: %+v", s)
		}
		if s := setting(web, "seccompProfile"); s == nil || setting(sidecar, "seccompProfile") != nil {
			t.Error("seccompProfile not the web container's only")
		}
		img := p0.Containers[0].Image
		if img == nil || !img.Pinned || img.Registry != "ghcr.io" || img.Source != "container" || img.Range.Line != 17 ||
			!reflect.DeepEqual(img.Path, append(slices.Clone(pod), "containers", 0, "image")) {
			t.Errorf("web image %+v", img)
		}
		if p0.Containers[1].Image != nil {
			t.Errorf("sidecar image %+v", p0.Containers[1].Image)
		}
	}
	t.Run("linted", func(t *testing.T) { check(t, Parser{}, true) })
	t.Run("summary", func(t *testing.T) { check(t, Parser{summaryOnly: true}, false) })
}
