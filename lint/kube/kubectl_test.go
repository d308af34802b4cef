package kube

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
	sigsyaml "sigs.k8s.io/yaml"
)

// kubectlCorpus holds documents whose scalars and structure YAML 1.2 and
// YAML 1.1 read differently: the model must hold what kubectl sends.
func kubectlCorpus() map[string]string {
	return map[string]string{
		"yaml11 booleans": `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: on
  hostPID: y
  hostIPC: Yes
  automountServiceAccountToken: NO
  enableServiceLinks: Off
  shareProcessNamespace: n
  containers:
    - name: a
      image: nginx
      securityContext:
        privileged: yes
        allowPrivilegeEscalation: no
        readOnlyRootFilesystem: ON
        runAsNonRoot: True
      stdin: OFF
      tty: N
`,
		"binary kind": "apiVersion: !!binary djE=\nkind: !!binary UG9k\nmetadata:\n  name: !!binary |\n    d2Vi\nspec: {containers: [{name: a, image: nginx}]}\n",
		"numbers": `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  securityContext:
    runAsUser: 0x3E8
    runAsGroup: 0o17
    fsGroup: 0755
    supplementalGroups: [1_000, +5, -0b11, 0b101, 1e3, .5, 1.0, 9223372036854775808, 18446744073709551616]
  terminationGracePeriodSeconds: 030
  containers:
    - name: a
      image: nginx
      ports: [{containerPort: 8_080, hostPort: 0x50}]
`,
		"merge keys": `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
x-base: &base
  privileged: false
  runAsNonRoot: true
x-other: &other
  privileged: true
  readOnlyRootFilesystem: true
spec:
  template:
    spec:
      containers:
        - name: first
          image: nginx
          securityContext:
            privileged: true
            <<: *base
        - name: second
          image: nginx
          securityContext:
            <<: [*base, *other]
            readOnlyRootFilesystem: false
        - name: third
          image: nginx
          securityContext:
            <<: *other
            privileged: false
`,
		"keys": `apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data:
  on: a
  "off": b
  1: c
  0x10: d
  1.5: e
  2024-01-02: f
  y: g
`,
		"strings that look like other types": `apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data:
  a: "yes"
  b: 'on'
  c: !!str y
  d: |
    yes
  e: 2024-01-02
  f: 1.2.3
  g: 0x
  h: 08
  i: 1__0
  j: -.5
  k: +.inf.x
  l: !Custom value
  m: ! on
  n: !!timestamp 2001-12-14
`,
		"tagged values": `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  hostNetwork: !!bool "yes"
  priority: !!int "12"
  containers:
    - name: a
      image: !!str nginx
      securityContext:
        runAsUser: !!float 1
`,
		"anchors and aliases": `apiVersion: v1
kind: List
items:
  - &pod
    apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec:
      containers: [{name: a, image: nginx, securityContext: &sc {privileged: on}}]
  - apiVersion: v1
    kind: Pod
    metadata: {name: b}
    spec:
      <<: *pod
      containers: [{name: b, image: nginx, securityContext: *sc}]
`,
	}
}

// kubectlJSON decodes src as kubectl does: sigs.k8s.io/yaml, then JSON.
func kubectlJSON(src []byte) (any, error) {
	j, err := sigsyaml.YAMLToJSON(src)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(j))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// at follows path (keys and indices) in a decoded JSON value.
func at(v any, path []any) (any, bool) {
	for _, p := range path {
		switch p := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil, false
			}
			if v, ok = m[p]; !ok {
				return nil, false
			}
		case int:
			l, ok := v.([]any)
			if !ok || p < 0 || p >= len(l) {
				return nil, false
			}
			v = l[p]
		}
	}
	return v, true
}

// modelObject returns the object of a document as JSON values.
func modelObject(t testing.TB, d *document) any {
	t.Helper()
	obj, ok := d.Input().(ast.Object)
	if !ok {
		t.Fatalf("input is a %T", d.Input())
	}
	return toGo(t, obj.Get(ast.StringTerm("object")))
}

// sameAsKubectl checks that every object hardline reads from the first
// YAML document of src is what kubectl sends to the cluster.
func sameAsKubectl(t *testing.T, src []byte, want any) {
	t.Helper()
	for _, ld := range (Parser{}).Parse("k.yaml", src) {
		d := as[*document](t, ld)
		if d.y == nil || d.y.index != 0 {
			continue
		}
		w, ok := at(want, d.objPath)
		if !ok {
			t.Errorf("kubectl has no object at %v", d.objPath)
			continue
		}
		if diff := cmp.Diff(w, modelObject(t, d), cmp.Comparer(numbersEqual)); diff != "" {
			t.Errorf("object at %v: -kubectl +hardline:\n%s", d.objPath, diff)
		}
	}
}

func TestDecodesAsKubectl(t *testing.T) {
	for name, src := range kubectlCorpus() {
		t.Run(name, func(t *testing.T) {
			want, err := kubectlJSON([]byte(src))
			if err != nil {
				t.Fatalf("kubectl cannot read the test document: %v", err)
			}
			docs := parse(t, "k.yaml", src)
			if len(docs) == 0 {
				t.Fatal("no object read")
			}
			sameAsKubectl(t, []byte(src), want)
		})
	}
}

// TestDecodesFuzzSeedsAsKubectl runs the property over the stored seeds.
func TestDecodesFuzzSeedsAsKubectl(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzParse", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			src, ok := fuzzSeed(b)
			if !ok {
				t.Skip("not a []byte seed")
			}
			kubectlProperty(t, src)
		})
	}
}

// fuzzSeed reads a seed file of go test -fuzz holding one []byte.
func fuzzSeed(b []byte) ([]byte, bool) {
	lines := strings.SplitN(string(b), "\n", 2)
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "go test fuzz v1") {
		return nil, false
	}
	body := strings.TrimSpace(lines[1])
	body, ok := strings.CutPrefix(body, "[]byte(")
	if !ok {
		return nil, false
	}
	body = strings.TrimSuffix(body, ")")
	s, err := strconv.Unquote(body)
	if err != nil {
		return nil, false
	}
	return []byte(s), true
}

// kubectlProperty: when kubectl reads the first document of src as a
// Kubernetes object, hardline reads it too (or reports why it cannot), and
// what it reads is what kubectl sends.
func kubectlProperty(t *testing.T, src []byte) {
	t.Helper()
	want, err := kubectlJSON(src)
	if err != nil {
		return
	}
	m, ok := want.(map[string]any)
	if !ok {
		return
	}
	_, ok1 := m["apiVersion"].(string)
	kind, ok2 := m["kind"].(string)
	if !ok1 || !ok2 {
		return
	}
	_, items := m["items"].([]any)
	list := strings.HasSuffix(kind, "List") && items // hardline reads the items
	if !list && len((Parser{}).Parse("k.yaml", src)) == 0 {
		t.Fatalf("kubectl reads an object; hardline reads nothing and reports nothing")
	}
	sameAsKubectl(t, src, want)
}

func FuzzDecodeAsKubectl(f *testing.F) {
	for _, src := range kubectlCorpus() {
		f.Add([]byte(src))
	}
	f.Add([]byte(podYAML))
	f.Fuzz(kubectlProperty)
}
