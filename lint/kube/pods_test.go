package kube

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const podSpec = `containers:
  - name: app
    image: app:1
initContainers:
  - name: init
    image: init:1
ephemeralContainers:
  - name: debug
    image: busybox`

// indentBlock indents every line of s but the first by n spaces.
func indentBlock(s string, n int) string {
	return strings.ReplaceAll(s, "\n", "\n"+strings.Repeat(" ", n))
}

func TestPodsEveryKind(t *testing.T) {
	template := "template:\n  metadata: {labels: {app: x}}\n  spec:\n    " + indentBlock(podSpec, 4)
	tests := []struct {
		kind, apiVersion, body string
		path, metaPath         string
	}{
		{"Pod", "v1", "metadata: {name: x, labels: {app: x}}\nspec:\n  " + indentBlock(podSpec, 2), `["spec"]`, `["metadata"]`},
		{"Deployment", "apps/v1", "spec:\n  " + indentBlock(template, 2), `["spec","template","spec"]`, `["spec","template","metadata"]`},
		{"StatefulSet", "apps/v1", "spec:\n  " + indentBlock(template, 2), `["spec","template","spec"]`, `["spec","template","metadata"]`},
		{"DaemonSet", "apps/v1", "spec:\n  " + indentBlock(template, 2), `["spec","template","spec"]`, `["spec","template","metadata"]`},
		{"ReplicaSet", "apps/v1", "spec:\n  " + indentBlock(template, 2), `["spec","template","spec"]`, `["spec","template","metadata"]`},
		{"ReplicationController", "v1", "spec:\n  " + indentBlock(template, 2), `["spec","template","spec"]`, `["spec","template","metadata"]`},
		{"Job", "batch/v1", "spec:\n  " + indentBlock(template, 2), `["spec","template","spec"]`, `["spec","template","metadata"]`},
		{
			"CronJob", "batch/v1", "spec:\n  schedule: '@daily'\n  jobTemplate:\n    spec:\n      " + indentBlock(template, 6),
			`["spec","jobTemplate","spec","template","spec"]`, `["spec","jobTemplate","spec","template","metadata"]`,
		},
		{"PodTemplate", "v1", indentBlock(template, 0), `["template","spec"]`, `["template","metadata"]`},
		{"Rollout", "argoproj.io/v1alpha1", "spec:\n  " + indentBlock(template, 2), `["spec","template","spec"]`, `["spec","template","metadata"]`},
		{"Service", "serving.knative.dev/v1", "spec:\n  " + indentBlock(template, 2), `["spec","template","spec"]`, `["spec","template","metadata"]`},
		{"Configuration", "serving.knative.dev/v1", "spec:\n  " + indentBlock(template, 2), `["spec","template","spec"]`, `["spec","template","metadata"]`},
		{"DeploymentConfig", "apps.openshift.io/v1", "spec:\n  " + indentBlock(template, 2), `["spec","template","spec"]`, `["spec","template","metadata"]`},
		{"CloneSet", "apps.kruise.io/v1alpha1", "spec:\n  " + indentBlock(template, 2), `["spec","template","spec"]`, `["spec","template","metadata"]`},
		{"StatefulSet", "apps.kruise.io/v1beta1", "spec:\n  " + indentBlock(template, 2), `["spec","template","spec"]`, `["spec","template","metadata"]`},
		{"DaemonSet", "apps.kruise.io/v1alpha1", "spec:\n  " + indentBlock(template, 2), `["spec","template","spec"]`, `["spec","template","metadata"]`},
	}
	for _, tc := range tests {
		t.Run(tc.apiVersion+"/"+tc.kind, func(t *testing.T) {
			src := "apiVersion: " + tc.apiVersion + "\nkind: " + tc.kind + "\n" + tc.body + "\n"
			for _, list := range []bool{false, true} {
				prefix := ""
				if list {
					src = "apiVersion: v1\nkind: List\nitems:\n  - " + indentBlock(strings.TrimSuffix(src, "\n"), 4) + "\n"
					prefix = `"items",0,`
				}
				docs := parse(t, "m.yaml", src)
				if len(docs) != 1 {
					t.Fatalf("got %d documents from\n%s", len(docs), src)
				}
				in := docs[0].Input()
				withPrefix := func(p string) any { return jsonOf(t, "["+prefix+p[1:]) }
				if diff := cmp.Diff(withPrefix(tc.path), field(t, in, "pods", 0, "path")); diff != "" {
					t.Errorf("pod path: -want +got:\n%s", diff)
				}
				if diff := cmp.Diff(withPrefix(tc.metaPath), field(t, in, "pods", 0, "metadata_path")); diff != "" {
					t.Errorf("metadata path: -want +got:\n%s", diff)
				}
				if diff := cmp.Diff(jsonOf(t, `{"labels": {"app": "x"}}`), deleteKey(field(t, in, "pods", 0, "metadata"), "name")); diff != "" {
					t.Errorf("metadata: -want +got:\n%s", diff)
				}
				var got []string
				for i := range 3 {
					c := as[map[string]any](t, field(t, in, "pods", 0, "containers", i))
					img := as[map[string]any](t, c["image"])
					got = append(got, as[string](t, c["type"])+"/"+as[string](t, c["name"])+"/"+as[string](t, img["source"]))
				}
				want := []string{"containers/app/container", "initContainers/init/initContainer", "ephemeralContainers/debug/ephemeralContainer"}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("containers: -want +got:\n%s", diff)
				}
				if n := len(as[[]any](t, field(t, in, "images"))); n != 3 {
					t.Errorf("got %d images", n)
				}
				imgPath := field(t, in, "pods", 0, "containers", 1, "image", "path")
				if diff := cmp.Diff(withPrefix(tc.path[:len(tc.path)-1]+`,"initContainers",0,"image"]`), imgPath); diff != "" {
					t.Errorf("image path: -want +got:\n%s", diff)
				}
				r := docs[0].Locate(toPath(t, imgPath))
				if got := src[r.Offset:r.EndOffset]; got != "image: init:1" {
					t.Errorf("Locate(image path) = %q", got)
				}
				ir := as[map[string]any](t, field(t, in, "pods", 0, "containers", 1, "image", "range"))
				if got := src[int(mustNumber(t, ir["offset"])):int(mustNumber(t, ir["endOffset"]))]; got != "init:1" {
					t.Errorf("image range covers %q", got)
				}
				if got := as[map[string]any](t, toGo(t, docs[0].Summary()))["has_pods"]; got != true {
					t.Errorf("has_pods = %v", got)
				}
				if n := docs[0].Notices(); len(n) != 0 {
					t.Errorf("a known kind gets notices: %v", n)
				}
			}
		})
	}
	t.Run("no pod", func(t *testing.T) {
		docs := parse(t, "m.yaml", "apiVersion: apps/v1\nkind: Deployment\nspec: {replicas: 1}\n")
		if got := as[[]any](t, field(t, docs[0].Input(), "pods")); len(got) != 0 {
			t.Errorf("pods = %v", got)
		}
	})
}

func deleteKey(v any, k string) any {
	if m, ok := v.(map[string]any); ok {
		delete(m, k)
	}
	return v
}

func toPath(t *testing.T, v any) []any {
	var out []any
	for _, x := range as[[]any](t, v) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		} else {
			out = append(out, int(mustNumber(t, x)))
		}
	}
	return out
}

func TestEffectiveSecurity(t *testing.T) {
	src := `apiVersion: v1
kind: Pod
spec:
  securityContext:
    runAsNonRoot: true
    runAsUser: 1000
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: plain
      image: a
    - name: own
      image: b
      securityContext:
        runAsNonRoot: false
        runAsGroup: 3000
        runAsUser: null
`
	docs := parse(t, "m.yaml", src)
	in := docs[0].Input()
	want := []string{
		`{"runAsNonRoot": {"value": true, "path": ["spec", "securityContext", "runAsNonRoot"]},
		  "runAsUser": {"value": 1000, "path": ["spec", "securityContext", "runAsUser"]},
		  "seccompProfile": {"value": {"type": "RuntimeDefault"}, "path": ["spec", "securityContext", "seccompProfile"]}}`,
		`{"runAsNonRoot": {"value": false, "path": ["spec", "containers", 1, "securityContext", "runAsNonRoot"]},
		  "runAsGroup": {"value": 3000, "path": ["spec", "containers", 1, "securityContext", "runAsGroup"]},
		  "runAsUser": {"value": 1000, "path": ["spec", "securityContext", "runAsUser"]},
		  "seccompProfile": {"value": {"type": "RuntimeDefault"}, "path": ["spec", "securityContext", "seccompProfile"]}}`,
	}
	for i, w := range want {
		t.Run(itoa(i), func(t *testing.T) {
			if diff := cmp.Diff(jsonOf(t, w), field(t, in, "pods", 0, "containers", i, "security")); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
	t.Run("nothing set", func(t *testing.T) {
		docs := parse(t, "m.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, image: a}]\n")
		if diff := cmp.Diff(map[string]any{}, field(t, docs[0].Input(), "pods", 0, "containers", 0, "security")); diff != "" {
			t.Errorf("-want +got:\n%s", diff)
		}
	})
}

func TestLocate(t *testing.T) {
	src := `# header
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: "wéb" # comment
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          args: [--a, --b]
          command:
            - run
          env:
            - {name: A, value: "x"}
          securityContext:
            privileged: true
      note: |
        line one
        line two
      plain: a
        b
`
	docs := parse(t, "m.yaml", src)
	tests := []struct {
		name string
		path []any
		want string // the text of the range
		line int
		col  int
	}{
		{"root", nil, "kind: Deployment", 4, 1},
		{"scalar entry", []any{"metadata", "name"}, `name: "wéb"`, 6, 3},
		{"block mapping value: just the key", []any{"spec", "template"}, "template", 8, 3},
		{"list item mapping", []any{"spec", "template", "spec", "containers", 0}, "name: web", 11, 11},
		{"scalar in a list", []any{"spec", "template", "spec", "containers", 0, "image"}, "image: nginx:1.27", 12, 11},
		{"one-line flow list", []any{"spec", "template", "spec", "containers", 0, "args"}, "args: [--a, --b]", 13, 11},
		{"flow list item", []any{"spec", "template", "spec", "containers", 0, "args", 1}, "--b", 13, 23},
		{"block list value", []any{"spec", "template", "spec", "containers", 0, "command"}, "command", 14, 11},
		{"flow mapping entry", []any{"spec", "template", "spec", "containers", 0, "env", 0, "value"}, `value: "x"`, 17, 25},
		{"missing leaf: deepest existing", []any{"spec", "template", "spec", "containers", 0, "securityContext", "runAsNonRoot"}, "securityContext", 18, 11},
		{"missing deep parents", []any{"spec", "template", "spec", "hostNetwork", "x"}, "spec", 9, 5},
		{"index out of range", []any{"spec", "template", "spec", "containers", 3, "image"}, "containers", 10, 7},
		{"wrong type", []any{"metadata", "name", "x"}, `name: "wéb"`, 6, 3},
		{"literal block scalar", []any{"spec", "template", "spec", "note"}, "note: |\n        line one\n        line two", 20, 7},
		{"multi-line plain scalar", []any{"spec", "template", "spec", "plain"}, "plain: a\n        b", 23, 7},
		{"missing top-level", []any{"status"}, "kind: Deployment", 4, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := docs[0].Locate(tc.path)
			checkRange(t, []byte(src), r)
			if got := src[r.Offset:r.EndOffset]; got != tc.want {
				t.Errorf("range text = %q, want %q", got, tc.want)
			}
			if r.Line != tc.line || r.Column != tc.col {
				t.Errorf("at %d:%d, want %d:%d", r.Line, r.Column, tc.line, tc.col)
			}
		})
	}
	t.Run("columns count code points", func(t *testing.T) {
		r := docs[0].Locate([]any{"metadata", "name"})
		if r.EndColumn != 14 || r.EndOffset-r.Offset != 12 {
			t.Errorf("got %+v", r)
		}
	})
	t.Run("CRLF and BOM", func(t *testing.T) {
		src := "\ufeffapiVersion: v1\r\nkind: Pod\r\nspec:\r\n  hostPID: true\r\n"
		docs := parse(t, "m.yaml", src)
		r := docs[0].Locate([]any{"spec", "hostPID"})
		if got := src[r.Offset:r.EndOffset]; got != "hostPID: true" || r.Line != 4 || r.Column != 3 || r.EndColumn != 16 {
			t.Errorf("got %q %+v", got, r)
		}
		r = docs[0].Locate([]any{"apiVersion"})
		if r.Line != 1 || r.Column != 1 || r.Offset != 3 {
			t.Errorf("first key after the BOM: %+v", r)
		}
	})
}

func TestListItemDocument(t *testing.T) {
	src := `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
  - apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: c
          image: nginx
`
	docs := parse(t, "m.yaml", src)
	if len(docs) != 2 {
		t.Fatalf("got %d documents", len(docs))
	}
	d := docs[1]
	for _, tc := range []struct {
		path []any
		want string
	}{
		{nil, "kind: Pod"},
		{[]any{"items", 1}, "kind: Pod"},
		{[]any{"items", 1, "status"}, "kind: Pod"},
		{[]any{"items", 1, "spec", "containers", 0, "image"}, "image: nginx"},
		{[]any{"items", 1, "spec", "containers", 0, "securityContext"}, "name: c"},
	} {
		r := d.Locate(tc.path)
		if got := src[r.Offset:r.EndOffset]; got != tc.want {
			t.Errorf("Locate(%v) = %q, want %q", tc.path, got, tc.want)
		}
	}
	if diff := cmp.Diff(jsonOf(t, `["items", 1]`), field(t, d.Summary(), "object_path")); diff != "" {
		t.Errorf("summary object_path: -want +got:\n%s", diff)
	}
	if got := field(t, d.Summary(), "namespace"); got != "" { // unset: the kubectl context decides
		t.Errorf("namespace = %v", got)
	}
	edits, err := d.Edit(lintIntent("set", []any{"items", 1, "spec", "containers", 0, "securityContext", "privileged"}, false))
	if err != nil {
		t.Fatal(err)
	}
	want := src + "          securityContext:\n            privileged: false\n"
	if got := applyEdits(t, src, edits); got != want {
		t.Errorf("edit: got\n%s", got)
	}
}

func TestArgoWorkflowContainers(t *testing.T) {
	src := `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: {name: w}
spec:
  workflowSpec:
    securityContext: {runAsNonRoot: false}
    templates:
      - name: main
        securityContext: {runAsNonRoot: true}
        container: {image: "main:1"}
        initContainers: [{name: init, image: "init:1"}]
      - name: other
        script: {image: "py:3", source: "print(1)"}
        sidecars: [{name: side, image: "side:1"}]
        containerSet:
          containers: [{name: a, image: "a:1"}]
      - name: steps
        steps: [[{name: s, template: main}]]
`
	docs := parse(t, "w.yaml", src)
	in := docs[0].Input()
	if diff := cmp.Diff(jsonOf(t, `["spec","workflowSpec"]`), field(t, in, "pods", 0, "path")); diff != "" {
		t.Errorf("pod path: -want +got:\n%s", diff)
	}
	containers := as[[]any](t, field(t, in, "pods", 0, "containers"))
	var got []string
	for i := range containers {
		c := as[map[string]any](t, field(t, in, "pods", 0, "containers", i))
		path := as[[]any](t, c["path"])
		sec := as[map[string]any](t, c["security"])
		nonRoot := as[map[string]any](t, sec["runAsNonRoot"])
		got = append(got, fmt.Sprintf("%s %v %v", c["type"], path[3:], nonRoot["value"]))
	}
	want := []string{
		"containers [0 container] true",
		"initContainers [0 initContainers 0] true",
		"containers [1 script] false",
		"containers [1 sidecars 0] false",
		"containers [1 containerSet containers 0] false",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("containers: -want +got:\n%s", diff)
	}
	if n := len(as[[]any](t, field(t, in, "images"))); n != 5 {
		t.Errorf("got %d images", n)
	}
}

func TestUnknownKindsNotices(t *testing.T) {
	src := `apiVersion: example.com/v1
kind: Runner
metadata: {name: r}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: c, image: "c:1"}]
---
apiVersion: example.com/v1
kind: Builder
metadata: {name: b}
spec:
  stages:
    - containers: [{name: c, image: "c:1"}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data: {containers: "x"}
---
apiVersion: example.com/v1
kind: Blueprint
metadata: {name: t, labels: {containers: [x]}}
template:
  spec:
    containers: [{name: c, image: "c:1"}]
`
	docs := parse(t, "u.yaml", src)
	notices := func(d *document) string {
		var out []string
		for _, n := range d.Notices() {
			out = append(out, n.Message)
		}
		return strings.Join(out, "\n")
	}
	if n := notices(docs[0]); !strings.Contains(n, "line 2: Runner \"r\" (example.com/v1) is read as a workload: its pod spec is at spec.jobTemplate.spec.template.spec") {
		t.Errorf("Runner notice: %q", n)
	}
	if got := len(as[[]any](t, field(t, docs[0].Input(), "pods", 0, "containers"))); got != 1 {
		t.Errorf("Runner: %d containers", got)
	}
	if n := notices(docs[1]); !strings.Contains(n, "Builder \"b\" (example.com/v1) has a containers list at spec.stages[0].containers") {
		t.Errorf("Builder notice: %q", n)
	}
	if n := notices(docs[2]); n != "" {
		t.Errorf("ConfigMap notice: %q", n)
	}
	if n := notices(docs[3]); !strings.Contains(n, "Blueprint \"t\" (example.com/v1) is read as a workload: its pod spec is at template.spec") {
		t.Errorf("Blueprint notice: %q", n)
	}
	// The configuration places a kind.
	p := Parser{Workloads: []Workload{{APIVersion: "example.com/v2", Kind: "Builder", PodSpec: []string{"spec", "stages"}}}}
	for _, d := range p.Parse("u.yaml", []byte(src)) {
		if n := as[*document](t, d).notices; len(n) != 0 && strings.Contains(n[0], "Builder") {
			t.Errorf("configured kind gets a notice: %v", n)
		}
	}
}
