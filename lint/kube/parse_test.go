package kube

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// obj is what TestParseStream checks of each document.
type obj struct {
	Doc      int
	Path     string // object_path as JSON
	Kind     string
	Name     string
	KindLine int // line of the summary range (the kind: entry)
}

func summarize(t *testing.T, docs []*document) []obj {
	t.Helper()
	var out []obj
	for _, d := range docs {
		in := d.Input()
		o := obj{
			Doc:  int(mustNumber(t, field(t, in, "document"))),
			Kind: str(field(t, in, "kind")),
			Name: str(field(t, in, "name")),
		}
		p, _ := jsonMarshal(field(t, in, "object_path"))
		o.Path = p
		if s := d.Summary(); s != nil {
			o.KindLine = int(mustNumber(t, field(t, s, "range", "line")))
		}
		out = append(out, o)
	}
	return out
}

func TestParseStream(t *testing.T) {
	tests := []struct {
		name string
		path string
		src  string
		want []obj
	}{
		{
			name: "multi-document stream with markers, empty documents and comments",
			src: `# leading comment
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: a}
...
---
# only a comment: an empty document
---
---
apiVersion: v1
# a comment inside
kind: ConfigMap
metadata:
  name: b
...
`,
			want: []obj{
				{Doc: 0, Path: "[]", Kind: "ServiceAccount", Name: "a", KindLine: 4},
				{Doc: 3, Path: "[]", Kind: "ConfigMap", Name: "b", KindLine: 13},
			},
		},
		{
			name: "document without a leading marker and trailing marker",
			src:  "kind: Secret\napiVersion: v1\nmetadata:\n  name: s\n---\n",
			want: []obj{{Doc: 0, Path: "[]", Kind: "Secret", Name: "s", KindLine: 1}},
		},
		{
			name: "List items",
			src: `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Service
  metadata: {name: svc}
- not: an object
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
`,
			want: []obj{
				{Doc: 0, Path: `["items",0]`, Kind: "Service", Name: "svc", KindLine: 5},
				{Doc: 0, Path: `["items",2]`, Kind: "Deployment", Name: "web", KindLine: 9},
			},
		},
		{
			name: "typed list kind",
			src:  "apiVersion: v1\nkind: ConfigMapList\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n",
			want: []obj{{Doc: 0, Path: `["items",0]`, Kind: "ConfigMap", Name: "x", KindLine: 4}},
		},
		{
			name: "a kind ending in List without items is an object",
			src:  "apiVersion: example.com/v1\nkind: AllowList\nspec: {}\n",
			want: []obj{{Doc: 0, Path: "[]", Kind: "AllowList", KindLine: 2}},
		},
		{
			name: "JSON manifest",
			path: "pod.json",
			src: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "p"},
  "spec": {"containers": [{"name": "c", "image": "nginx"}]}
}
`,
			want: []obj{{Doc: 0, Path: "[]", Kind: "Pod", Name: "p", KindLine: 3}},
		},
		{
			name: "GitHub workflow is not Kubernetes",
			src: `name: CI
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
`,
		},
		{
			name: "docker compose file is not Kubernetes",
			src: `services:
  web:
    image: nginx
    ports: ["80:80"]
`,
		},
		{
			name: "Helm values are not Kubernetes",
			src: `replicaCount: 1
image:
  repository: nginx
  tag: ""
kind: not-enough-without-apiVersion
`,
		},
		{
			name: "non-string apiVersion is not Kubernetes",
			src:  "apiVersion: 1\nkind: Pod\n",
		},
		{
			name: "scalar and list documents",
			src:  "just a string\n---\n- a\n- b\n---\n",
		},
		{
			name: "CRLF line endings",
			src:  "apiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: ns\r\n---\r\napiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\n",
			want: []obj{
				{Doc: 0, Path: "[]", Kind: "Namespace", Name: "ns", KindLine: 2},
				{Doc: 1, Path: "[]", Kind: "Pod", Name: "p", KindLine: 7},
			},
		},
		{
			name: "UTF-8 byte order mark",
			src:  "\ufeffapiVersion: v1\nkind: Pod\nmetadata: {name: p}\n",
			want: []obj{{Doc: 0, Path: "[]", Kind: "Pod", Name: "p", KindLine: 2}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path
			if path == "" {
				path = "m.yaml"
			}
			docs := parse(t, path, tc.src)
			if diff := cmp.Diff(tc.want, summarize(t, docs)); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
			for _, d := range docs {
				if errs := as[[]any](t, field(t, d.Input(), "errors")); len(errs) != 0 {
					t.Errorf("unexpected errors %v", errs)
				}
				walkRanges(d.Input(), func(r lintRange) { checkRange(t, []byte(tc.src), r) })
			}
		})
	}
}

func TestParseJSONObject(t *testing.T) {
	src := `{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": {"a": "1"}},
 "spec": {"hostNetwork": true, "containers": [{"name": "c", "image": "nginx", "ports": [{"containerPort": 80}]}]}}`
	docs := parse(t, "p.json", src)
	if len(docs) != 1 {
		t.Fatalf("got %d documents", len(docs))
	}
	want := jsonOf(t, src)
	if diff := cmp.Diff(want, field(t, docs[0].Input(), "object")); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
}

func TestAnchorsAndMerges(t *testing.T) {
	src := `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: &labels
    app: web
    tier: front
spec:
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels:
        <<: *labels
        tier: back
    spec:
      containers:
        - &base
          name: web
          image: &img nginx:1.27
          securityContext: &sc
            runAsNonRoot: true
        - <<: *base
          name: sidecar
          securityContext:
            <<: [*sc, {runAsUser: 5}]
            runAsUser: 7
        - {name: third, image: *img}
`
	docs := parse(t, "m.yaml", src)
	if len(docs) != 1 {
		t.Fatalf("got %d documents", len(docs))
	}
	in := docs[0].Input()
	tests := []struct {
		path []any
		want string
	}{
		{[]any{"object", "spec", "selector", "matchLabels"}, `{"app": "web", "tier": "front"}`},
		{[]any{"object", "spec", "template", "metadata", "labels"}, `{"app": "web", "tier": "back"}`},
		{[]any{"object", "spec", "template", "spec", "containers", 1}, `{"name": "sidecar", "image": "nginx:1.27", "securityContext": {"runAsNonRoot": true, "runAsUser": 7}}`},
		{[]any{"object", "spec", "template", "spec", "containers", 2, "image"}, `"nginx:1.27"`},
		{[]any{"pods", 0, "containers", 1, "security", "runAsNonRoot", "value"}, `true`},
		{[]any{"images", 2, "raw"}, `"nginx:1.27"`},
	}
	for _, tc := range tests {
		t.Run(pathString(tc.path), func(t *testing.T) {
			if diff := cmp.Diff(jsonOf(t, tc.want), field(t, in, tc.path...)); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
	if errs := as[[]any](t, field(t, in, "errors")); len(errs) != 0 {
		t.Errorf("unexpected errors %v", errs)
	}
	// The image range of the third container is the alias as written there.
	r := docs[0].Locate([]any{"spec", "template", "spec", "containers", 2, "image"})
	if got := src[r.Offset:r.EndOffset]; got != "image: *img" {
		t.Errorf("Locate through alias = %q", got)
	}
}

func TestScalars(t *testing.T) {
	src := `apiVersion: v1
kind: ConfigMap
data:
  quotedTrue: "true"
  true: true
  upper: TRUE
  "yes": yes
  "on": On
  "n": n
  octal: 0777
  octal12: 0o17
  hex: 0x1F
  under: 1_000
  float: 1e3
  half: .5
  inf: .inf
  nul: null
  tilde: ~
  empty:
  date: 2024-01-02
  str: !!str 12
  int: !!int "3"
  big: 9223372036854775808
  bigger: 18446744073709551616
  custom: !Ref value
  folded: >-
    a
    b
  literal: |
    x
     y
  single: 'it''s'
  double: "a\tb\u00e9"
`
	docs := parse(t, "m.yaml", src)
	want := `{"quotedTrue": "true", "true": true, "upper": true, "yes": true, "on": true, "n": false, "octal": 511, "octal12": 15,
	"hex": 31, "under": 1000, "float": 1e3, "half": 0.5, "inf": ".inf", "nul": null, "tilde": null, "empty": null,
	"date": "2024-01-02", "str": "12", "int": 3, "big": 9223372036854775808, "bigger": 1.8446744073709552e+19,
	"custom": "value", "folded": "a b", "literal": "x\n y\n", "single": "it's", "double": "a\tb\u00e9"}`
	if diff := cmp.Diff(jsonOf(t, want), field(t, docs[0].Input(), "object", "data"), cmp.Comparer(numbersEqual)); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
}

func TestParseErrors(t *testing.T) {
	ok := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n---\n"
	tests := []struct {
		name    string
		src     string
		objects int    // objects before the error
		line    int    // line of the error
		message string // part of the message
	}{
		{"mapping value in a plain scalar", ok + "apiVersion: v1\nkind: Pod\nmetadata: name: x\n", 2, 11, "mapping values are not allowed"},
		{"bad indentation", ok + "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n labels: {}\n", 2, 13, "did not find expected key"},
		{"bad indentation deep", ok + "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      image: b\n     args: []\n", 2, 15, "did not find expected '-' indicator"},
		{"tab indentation", ok + "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n", 2, 12, "found character that cannot start any token"},
		{"unterminated quote", ok + "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"x\n", 2, 12, "found unexpected end of stream"},
		{"unclosed flow sequence", ok + "apiVersion: v1\nkind: Pod\nspec: [a, b\nfoo: 1\n", 2, 11, "did not find expected ',' or ']'"},
		{"unknown anchor", ok + "apiVersion: v1\nkind: Pod\nspec: *nope\n", 2, 11, "unknown anchor 'nope' referenced"},
		{"invalid UTF-8", ok + "apiVersion: v1\nkind: Pod\nmetadata: {name: \xff}\n", 0, 11, "invalid leading UTF-8 octet"},
		{"broken document without apiVersion", ok + "replicas: [\n", 2, 9, "did not find expected node content"},
		{"error on the first line", "kind: a: b\napiVersion: v1\n", 0, 1, "mapping values are not allowed"},
		{"template", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n  labels: {{- include \"x\" . }}\n", 0, 5, "template"},
		{"self-referencing anchor", ok + "apiVersion: v1\nkind: Pod\nspec: &a\n  x: *a\n", 2, 12, "contains an alias to itself"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			docs := parse(t, "m.yaml", tc.src)
			if len(docs) != tc.objects+1 {
				t.Fatalf("got %d documents, want %d objects and an error", len(docs), tc.objects)
			}
			for _, d := range docs[:tc.objects] {
				if d.y == nil {
					t.Fatalf("error document before the last")
				}
			}
			e := docs[len(docs)-1]
			in := e.Input()
			if got := field(t, in, "type"); got != "kubernetes" {
				t.Errorf("type = %v", got)
			}
			if got := field(t, in, "path"); got != "m.yaml" {
				t.Errorf("path = %v", got)
			}
			errs, _ := field(t, in, "errors").([]any)
			if len(errs) != 1 {
				t.Fatalf("errors = %v", errs)
			}
			msg := as[string](t, field(t, in, "errors", 0, "message"))
			if !strings.Contains(msg, tc.message) {
				t.Errorf("message %q lacks %q", msg, tc.message)
			}
			r := e.Locate(nil)
			if r.Line != tc.line {
				t.Errorf("error at line %d, want %d (%s)", r.Line, tc.line, msg)
			}
			checkRange(t, []byte(tc.src), r)
			if got := field(t, in, "errors", 0, "range", "line"); got != num(tc.line) {
				t.Errorf("errors[0].range.line = %v", got)
			}
			if e.Summary() != nil {
				t.Errorf("an error document has a summary")
			}
			if _, err := e.Edit(lintIntent("delete", []any{"spec"}, nil)); err == nil {
				t.Errorf("Edit on an error document succeeded")
			}
		})
	}
}

func TestBrokenOtherYAML(t *testing.T) {
	for _, src := range []string{
		"name: CI\non: [push\njobs: {}\n",
		"services:\n  web:\n    image: nginx\n   ports: []\n",
	} {
		for _, d := range parse(t, "m.yaml", src) {
			if d.y == nil {
				t.Errorf("%q: error document %v", src, d.Input())
			}
		}
	}
}

func TestDuplicateKeys(t *testing.T) {
	src := "apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: false\n  hostNetwork: true\n"
	docs := parse(t, "m.yaml", src)
	if len(docs) != 1 {
		t.Fatalf("got %d documents", len(docs))
	}
	in := docs[0].Input()
	if got := field(t, in, "object", "spec", "hostNetwork"); got != true {
		t.Errorf("the last duplicate should win, got %v", got)
	}
	if got := field(t, in, "errors", 0, "message"); got != `duplicate key "hostNetwork" in a mapping` {
		t.Errorf("errors[0] = %v", got)
	}
	if got := field(t, in, "errors", 0, "range", "line"); got != num(5) {
		t.Errorf("error line = %v", got)
	}
	if r := docs[0].Locate([]any{"spec", "hostNetwork"}); r.Line != 5 {
		t.Errorf("Locate finds line %d, want the winning entry on line 5", r.Line)
	}
}

func TestExcessiveAliasing(t *testing.T) {
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: ConfigMap\ndata:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 9; i++ {
		b.WriteString("  a" + itoa(i) + ": &a" + itoa(i) + " [")
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + itoa(i-1))
		}
		b.WriteString("]\n")
	}
	docs := parse(t, "m.yaml", b.String())
	if len(docs) != 1 || docs[0].y != nil {
		t.Fatalf("want one error document, got %d", len(docs))
	}
	if msg := field(t, docs[0].Input(), "errors", 0, "message"); msg != "document contains excessive aliasing" {
		t.Errorf("message = %v", msg)
	}
}

func TestSummary(t *testing.T) {
	src := `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  namespace: ignored
  labels: {pod-security.kubernetes.io/enforce: restricted}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress]}
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: job
  annotations: {a: b}
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: c, image: busybox}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: r}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
automountServiceAccountToken: false
`
	docs := parse(t, "m.yaml", src)
	want := []string{
		`{"file": "m.yaml", "document": 0, "object_path": [], "apiVersion": "v1", "kind": "Namespace", "name": "shop",
		  "namespace": "", "labels": {"pod-security.kubernetes.io/enforce": "restricted"}, "annotations": {},
		  "has_pods": false, "spec": {},
		  "range": {"line": 2, "column": 1, "endLine": 2, "endColumn": 16, "offset": 15, "endOffset": 30}}`,
		`{"file": "m.yaml", "document": 1, "object_path": [], "apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
		  "name": "deny", "namespace": "shop", "labels": {}, "annotations": {}, "has_pods": false,
		  "spec": {"podSelector": {}, "policyTypes": ["Ingress"]},
		  "range": {"line": 9, "column": 1, "endLine": 9, "endColumn": 20, "offset": 171, "endOffset": 190}}`,
		`{"file": "m.yaml", "document": 2, "object_path": [], "apiVersion": "batch/v1", "kind": "CronJob", "name": "job",
		  "namespace": "", "labels": {}, "annotations": {"a": "b"}, "has_pods": true,
		  "pods": [{"path": ["spec", "jobTemplate", "spec", "template", "spec"], "serviceAccountName": "", "automountServiceAccountToken": null}],
		  "range": {"line": 14, "column": 1, "endLine": 14, "endColumn": 14, "offset": 304, "endOffset": 317}}`,
		`{"file": "m.yaml", "document": 3, "object_path": [], "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
		  "name": "r", "namespace": "", "labels": {}, "annotations": {}, "has_pods": false,
		  "range": {"line": 27, "column": 1, "endLine": 27, "endColumn": 18, "offset": 542, "endOffset": 559},
		  "rules": [], "rule_ranges": [], "subjects": [], "subject_ranges": [], "aggregationRule": {}, "roleRef": {},
		  "roleRef_range": {"line": 27, "column": 1, "endLine": 27, "endColumn": 18, "offset": 542, "endOffset": 559}}`,
		`{"file": "m.yaml", "document": 4, "object_path": [], "apiVersion": "v1", "kind": "ServiceAccount",
		  "name": "web", "namespace": "shop", "labels": {}, "annotations": {}, "has_pods": false,
		  "automountServiceAccountToken": false,
		  "range": {"line": 31, "column": 1, "endLine": 31, "endColumn": 21, "offset": 599, "endOffset": 619}}`,
	}
	if len(docs) != len(want) {
		t.Fatalf("got %d documents", len(docs))
	}
	for i, d := range docs {
		if diff := cmp.Diff(jsonOf(t, want[i]), toGo(t, d.Summary())); diff != "" {
			t.Errorf("document %d: -want +got:\n%s", i, diff)
		}
	}
	if got := field(t, docs[0].Input(), "namespace"); got != "ignored" {
		t.Errorf("input namespace = %v, want it as written", got)
	}
	if got := field(t, docs[2].Input(), "namespace"); got != "" {
		t.Errorf("input namespace = %v, want it as written", got)
	}
}

func TestRBACSummaryPositions(t *testing.T) {
	src := `apiVersion: v1
kind: List
items:
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata: {name: reader, namespace: shop, labels: {team: a}}
    rules:
      - apiGroups: [""]
        resources: ["secrets"]
        verbs: ["get"]
      - {apiGroups: [apps], resources: [deployments], verbs: [list]}
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: reader, namespace: shop}
    roleRef:
      apiGroup: rbac.authorization.k8s.io
      kind: Role
      name: reader
    subjects:
      - kind: ServiceAccount
        name: default
      - {kind: Group, name: system:authenticated}
---
apiVersion: example.com/v1
kind: Role
metadata: {name: not-rbac}
rules: [x]
`
	docs := parse(t, "rbac.yaml", src)
	if len(docs) != 3 {
		t.Fatalf("got %d documents", len(docs))
	}
	text := func(r any) string {
		m := as[map[string]any](t, r)
		start, end := int(mustNumber(t, m["offset"])), int(mustNumber(t, m["endOffset"]))
		return src[start:end]
	}
	role, binding := docs[0].Summary(), docs[1].Summary()
	for _, tc := range []struct {
		name string
		got  any
		want string
	}{
		{"first rule", field(t, role, "rule_ranges", 0), `apiGroups: [""]`},
		{"flow rule", field(t, role, "rule_ranges", 1), `{apiGroups: [apps], resources: [deployments], verbs: [list]}`},
		{"roleRef", field(t, binding, "roleRef_range"), "roleRef"},
		{"first subject", field(t, binding, "subject_ranges", 0), "kind: ServiceAccount"},
		{"flow subject", field(t, binding, "subject_ranges", 1), "{kind: Group, name: system:authenticated}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := text(tc.got); got != tc.want {
				t.Errorf("range covers %q, want %q", got, tc.want)
			}
		})
	}
	if diff := cmp.Diff(jsonOf(t, `[{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]},
		{"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["list"]}]`), field(t, role, "rules")); diff != "" {
		t.Errorf("rules: -want +got:\n%s", diff)
	}
	if diff := cmp.Diff(jsonOf(t, `{"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "reader"}`), field(t, binding, "roleRef")); diff != "" {
		t.Errorf("roleRef: -want +got:\n%s", diff)
	}
	if got := field(t, binding, "subjects", 1, "name"); got != "system:authenticated" {
		t.Errorf("subjects[1].name = %v", got)
	}
	if got := field(t, docs[2].Summary(), "rules"); got != nil {
		t.Errorf("a Role of another API group has rules in its summary: %v", got)
	}
}

// An error without a line (yaml.v3's internal errors) is placed at the
// start of its document: after the documents before it, not on line 1.
func TestErrorWithoutLine(t *testing.T) {
	src := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\n"
	f := newFile("x.yaml", []byte(src))
	if r := f.errorWithoutLine("internal error", 0); r.Line != 1 {
		t.Errorf("first document: line %d, want 1", r.Line)
	}
	prevEnd := strings.Index(src, "name: a") + len("name: a")
	if r := f.errorWithoutLine("internal error", prevEnd); r.Line != 5 {
		t.Errorf("second document: line %d, want 5", r.Line)
	}
}
