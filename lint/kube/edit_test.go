package kube

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hardline-dev/hardline/lint"
)

type editCase struct {
	name  string
	path  string // file name, m.yaml by default
	src   string
	doc   int // index of the document among those Parse returns
	op    string
	at    []any
	value any
	want  string // the edited file; "" when no edit is expected
	err   error  // the error expected instead (errors.Is), or errAny
}

// errAny stands for any error.
var errAny = errors.New("any error")

const podYAML = `apiVersion: v1
kind: Pod
metadata:
  name: app # the app
spec:
  containers:
    - name: app
      image: nginx
      securityContext:
        allowPrivilegeEscalation: true  # set by the vendor
        runAsUser: 0
    - name: sidecar
      image: busybox
`

func container(i int, rest ...any) []any {
	return append([]any{"spec", "containers", i}, rest...)
}

func editCases() []editCase {
	return []editCase{
		{
			name: "set an existing scalar keeps the comment",
			src:  podYAML, op: "set", at: container(0, "securityContext", "allowPrivilegeEscalation"), value: false,
			want: strings.Replace(podYAML, "allowPrivilegeEscalation: true ", "allowPrivilegeEscalation: false ", 1),
		},
		{
			name: "set a missing field in a block mapping",
			src:  podYAML, op: "set", at: container(0, "securityContext", "runAsNonRoot"), value: true,
			want: strings.Replace(podYAML, "        runAsUser: 0\n", "        runAsUser: 0\n        runAsNonRoot: true\n", 1),
		},
		{
			name: "deep missing parents with a list",
			src:  podYAML, op: "add_to_list", at: container(1, "securityContext", "capabilities", "drop"), value: []any{"ALL"},
			want: podYAML + "      securityContext:\n        capabilities:\n          drop:\n            - ALL\n",
		},
		{
			name: "deep missing parents with a scalar",
			src:  podYAML, op: "set", at: container(1, "securityContext", "seccompProfile", "type"), value: "RuntimeDefault",
			want: podYAML + "      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n",
		},
		{
			name: "set a mapping value",
			src:  podYAML, op: "set", at: []any{"spec", "securityContext"}, value: map[string]any{"seccompProfile": map[string]any{"type": "RuntimeDefault"}, "runAsNonRoot": true},
			want: podYAML + "  securityContext:\n    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n",
		},
		{
			name: "compact list style is kept",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: b\n",
			op:   "add_to_list", at: container(0, "securityContext", "capabilities", "drop"), value: []any{"ALL", "NET_RAW"},
			want: "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: b\n    securityContext:\n      capabilities:\n        drop:\n        - ALL\n        - NET_RAW\n",
		},
		{
			name: "four-space indentation is kept",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n    containers:\n        -   name: a\n            image: b\n",
			op:   "set", at: container(0, "securityContext", "privileged"), value: false,
			want: "apiVersion: v1\nkind: Pod\nspec:\n    containers:\n        -   name: a\n            image: b\n            securityContext:\n                privileged: false\n",
		},
		{
			name: "flow mapping",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: {runAsUser: 1000}\n",
			op:   "set", at: []any{"spec", "securityContext", "runAsNonRoot"}, value: true,
			want: "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: {runAsUser: 1000, runAsNonRoot: true}\n",
		},
		{
			name: "empty flow mapping with missing parents",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: {}\n",
			op:   "set", at: []any{"spec", "securityContext", "seccompProfile", "type"}, value: "RuntimeDefault",
			want: "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: {seccompProfile: {type: RuntimeDefault}}\n",
		},
		{
			name: "flow list",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, securityContext: {capabilities: {drop: [NET_RAW]}}}]\n",
			op:   "add_to_list", at: container(0, "securityContext", "capabilities", "drop"), value: []any{"ALL", "NET_RAW"},
			want: "apiVersion: v1\nkind: Pod\nspec:\n  containers: [{name: a, securityContext: {capabilities: {drop: [NET_RAW, ALL]}}}]\n",
		},
		{
			name: "empty flow list",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      securityContext:\n        capabilities:\n          drop: []\n",
			op:   "add_to_list", at: container(0, "securityContext", "capabilities", "drop"), value: []any{"ALL"},
			want: "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      securityContext:\n        capabilities:\n          drop: [ALL]\n",
		},
		{
			name: "block list",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      securityContext:\n        capabilities:\n          drop:\n          - NET_RAW # raw\n      ports: []\n",
			op:   "add_to_list", at: container(0, "securityContext", "capabilities", "drop"), value: []any{"ALL"},
			want: "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      securityContext:\n        capabilities:\n          drop:\n          - NET_RAW # raw\n          - ALL\n      ports: []\n",
		},
		{
			name: "add_to_list with every value present",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  x:\n  - ALL\n",
			op:   "add_to_list", at: []any{"spec", "x"}, value: []any{"ALL"},
		},
		{
			name: "set to the current value",
			src:  podYAML, op: "set", at: container(0, "securityContext", "runAsUser"), value: 0,
		},
		{
			name: "CRLF",
			src:  "apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  hostNetwork: true\r\n",
			op:   "set", at: []any{"spec", "securityContext", "runAsNonRoot"}, value: true,
			want: "apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  hostNetwork: true\r\n  securityContext:\r\n    runAsNonRoot: true\r\n",
		},
		{
			name: "CRLF delete",
			src:  "apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  hostNetwork: true\r\n  hostPID: true\r\n",
			op:   "delete", at: []any{"spec", "hostNetwork"},
			want: "apiVersion: v1\r\nkind: Pod\r\nspec:\r\n  hostPID: true\r\n",
		},
		{
			name: "no final line break",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: true",
			op:   "set", at: []any{"spec", "hostPID"}, value: false,
			want: "apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: true\n  hostPID: false",
		},
		{
			name: "second document of a stream",
			src:  "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\napiVersion: v1\nkind: Pod\nspec:\n  hostIPC: true\n---\napiVersion: v1\nkind: ConfigMap\n",
			doc:  1, op: "set", at: []any{"spec", "hostIPC"}, value: false,
			want: "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\napiVersion: v1\nkind: Pod\nspec:\n  hostIPC: false\n---\napiVersion: v1\nkind: ConfigMap\n",
		},
		{
			name: "insert at the end of a document followed by another",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  hostIPC: true\n# trailing comment\n---\napiVersion: v1\nkind: ConfigMap\n",
			op:   "set", at: []any{"spec", "hostPID"}, value: false,
			want: "apiVersion: v1\nkind: Pod\nspec:\n  hostIPC: true\n  hostPID: false\n# trailing comment\n---\napiVersion: v1\nkind: ConfigMap\n",
		},
		{
			name: "item of a List",
			src:  "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n- apiVersion: v1\n  kind: Pod\n  spec:\n    hostNetwork: true\n",
			doc:  1, op: "delete", at: []any{"items", 1, "spec", "hostNetwork"},
			want: "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n- apiVersion: v1\n  kind: Pod\n  spec: {}\n",
		},
		{
			name: "JSON manifest",
			path: "pod.json",
			src:  "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\",\n  \"spec\": {\n    \"containers\": [\n      {\n        \"name\": \"app\",\n        \"image\": \"nginx\"\n      }\n    ]\n  }\n}\n",
			op:   "add_to_list", at: container(0, "securityContext", "capabilities", "drop"), value: []any{"ALL"},
			want: "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\",\n  \"spec\": {\n    \"containers\": [\n      {\n        \"name\": \"app\",\n        \"image\": \"nginx\",\n        \"securityContext\": {\"capabilities\": {\"drop\": [\"ALL\"]}}\n      }\n    ]\n  }\n}\n",
		},
		{
			name: "JSON delete",
			path: "pod.json",
			src:  "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\",\n  \"spec\": {\n    \"hostNetwork\": true,\n    \"hostPID\": true\n  }\n}\n",
			op:   "delete", at: []any{"spec", "hostPID"},
			want: "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\",\n  \"spec\": {\n    \"hostNetwork\": true\n  }\n}\n",
		},
		{
			name: "JSON set a string",
			path: "pod.json",
			src:  `{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"name": "a", "imagePullPolicy": "IfNotPresent"}]}}`,
			op:   "set", at: container(0, "imagePullPolicy"), value: "Always",
			want: `{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"name": "a", "imagePullPolicy": "Always"}]}}`,
		},
		{
			name: "delete an entry with its comment",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: true # why not\n  dnsPolicy: Default\n",
			op:   "delete", at: []any{"spec", "hostNetwork"},
			want: "apiVersion: v1\nkind: Pod\nspec:\n  dnsPolicy: Default\n",
		},
		{
			name: "delete a block entry",
			src:  podYAML, op: "delete", at: container(0, "securityContext"),
			want: strings.Replace(podYAML, "      securityContext:\n        allowPrivilegeEscalation: true  # set by the vendor\n        runAsUser: 0\n", "", 1),
		},
		{
			name: "delete the first entry after a dash",
			src:  podYAML, op: "delete", at: container(1, "name"),
			want: strings.Replace(podYAML, "    - name: sidecar\n      image: busybox\n", "    - image: busybox\n", 1),
		},
		{
			name: "delete the only entry",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n    privileged: true\n  x: 1\n",
			op:   "delete", at: []any{"spec", "securityContext", "privileged"},
			want: "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: {}\n  x: 1\n",
		},
		{
			name: "delete a list item",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  drop:\n    - A\n    - B\n    - C\n",
			op:   "delete", at: []any{"spec", "drop", 1},
			want: "apiVersion: v1\nkind: Pod\nspec:\n  drop:\n    - A\n    - C\n",
		},
		{
			name: "delete from a flow mapping",
			src:  "apiVersion: v1\nkind: Pod\nspec: {hostNetwork: true, hostPID: true, hostIPC: false}\n",
			op:   "delete", at: []any{"spec", "hostPID"},
			want: "apiVersion: v1\nkind: Pod\nspec: {hostNetwork: true, hostIPC: false}\n",
		},
		{
			name: "delete the last of a flow list",
			src:  "apiVersion: v1\nkind: Pod\nspec: {add: [SYS_ADMIN, NET_ADMIN]}\n",
			op:   "delete", at: []any{"spec", "add", 1},
			want: "apiVersion: v1\nkind: Pod\nspec: {add: [SYS_ADMIN]}\n",
		},
		{
			name: "delete a missing field",
			src:  podYAML, op: "delete", at: container(0, "securityContext", "privileged"),
		},
		{
			name: "set an empty value",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n  x: 1\n",
			op:   "set", at: []any{"spec", "securityContext", "runAsNonRoot"}, value: true,
			want: "apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n    runAsNonRoot: true\n  x: 1\n",
		},
		{
			name: "set a null value",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: null # todo\n",
			op:   "set", at: []any{"spec", "securityContext", "runAsNonRoot"}, value: true,
			want: "apiVersion: v1\nkind: Pod\nspec:\n  securityContext:\n    runAsNonRoot: true # todo\n",
		},
		{
			name: "set an empty scalar",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork:\n",
			op:   "set", at: []any{"spec", "hostNetwork"}, value: false,
			want: "apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: false\n",
		},
		{
			name: "strings that look like other types are quoted",
			src:  podYAML, op: "set", at: container(1, "env"), value: []any{map[string]any{"name": "A", "value": "true"}, map[string]any{"name": "B", "value": "0777"}, map[string]any{"name": "C", "value": "a: b"}},
			want: podYAML + "      env:\n        - name: A\n          value: \"true\"\n        - name: B\n          value: \"0777\"\n        - name: C\n          value: \"a: b\"\n",
		},
		{
			name: "a tagged scalar",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: !!bool \"true\"\n",
			op:   "set", at: []any{"spec", "hostNetwork"}, value: false,
			want: "apiVersion: v1\nkind: Pod\nspec:\n  hostNetwork: false\n",
		},
		{
			name: "replace a block mapping with a scalar",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  x:\n    a: 1\n    b: 2\n  y: 3\n",
			op:   "set", at: []any{"spec", "x"}, value: "none",
			want: "apiVersion: v1\nkind: Pod\nspec:\n  x: none\n  y: 3\n",
		},
		{
			name: "insert after a literal block scalar",
			src:  "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: |\n    line\n\n    more\n\n",
			op:   "set", at: []any{"data", "b"}, value: "x",
			want: "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: |\n    line\n\n    more\n  b: x\n\n",
		},
		{
			name: "insert after a kept block scalar",
			src:  "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: |+\n    line\n\n---\n",
			op:   "set", at: []any{"data", "b"}, value: "x",
			want: "apiVersion: v1\nkind: ConfigMap\ndata:\n  a: |+\n    line\n\n  b: x\n---\n",
		},
		{
			name: "replace an alias value",
			src:  "apiVersion: v1\nkind: Pod\nx: &img nginx\nspec:\n  containers:\n    - {name: a, image: *img}\n",
			op:   "set", at: container(0, "image"), value: "nginx:1.27",
			want: "apiVersion: v1\nkind: Pod\nx: &img nginx\nspec:\n  containers:\n    - {name: a, image: nginx:1.27}\n",
		},
		{
			name: "override a merged field",
			src:  "apiVersion: v1\nkind: Pod\nx: &base\n  name: a\n  image: nginx\nspec:\n  containers:\n    - <<: *base\n      name: b\n",
			op:   "set", at: container(0, "image"), value: "nginx:1.27",
			want: "apiVersion: v1\nkind: Pod\nx: &base\n  name: a\n  image: nginx\nspec:\n  containers:\n    - <<: *base\n      name: b\n      image: nginx:1.27\n",
		},
		{
			name: "refuse to edit through an alias",
			src:  "apiVersion: v1\nkind: Pod\nx: &sc\n  runAsUser: 0\nspec:\n  securityContext: *sc\n",
			op:   "set", at: []any{"spec", "securityContext", "runAsNonRoot"}, value: true,
			err: ErrAlias,
		},
		{
			name: "refuse to edit an anchor others use",
			src:  "apiVersion: v1\nkind: Pod\nspec:\n  securityContext: &sc\n    runAsUser: 0\n  other: *sc\n",
			op:   "set", at: []any{"spec", "securityContext", "runAsUser"}, value: 1000,
			err: ErrAlias,
		},
		{
			name: "refuse to add to an aliased list",
			src:  "apiVersion: v1\nkind: Pod\nx: &d [NET_RAW]\nspec:\n  drop: *d\n",
			op:   "add_to_list", at: []any{"spec", "drop"}, value: []any{"ALL"},
			err: ErrAlias,
		},
		{
			name: "refuse to edit inside a merged field",
			src:  "apiVersion: v1\nkind: Pod\nx: &base\n  securityContext: {runAsUser: 0}\nspec:\n  <<: *base\n",
			op:   "set", at: []any{"spec", "securityContext", "runAsNonRoot"}, value: true,
			err: ErrMerge,
		},
		{
			name: "refuse to create a list item",
			src:  podYAML, op: "set", at: container(5, "image"), value: "x",
			err: errAny,
		},
		{
			name: "refuse to set below a scalar",
			src:  podYAML, op: "set", at: container(0, "image", "x"), value: "x",
			err: errAny,
		},
	}
}

func TestEdit(t *testing.T) {
	for _, tc := range editCases() {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path
			if path == "" {
				path = "m.yaml"
			}
			docs := parse(t, path, tc.src)
			if tc.doc >= len(docs) {
				t.Fatalf("only %d documents", len(docs))
			}
			d := docs[tc.doc]
			edits, err := d.Edit(lintIntent(tc.op, tc.at, tc.value))
			if tc.err != nil {
				if err == nil || (!errors.Is(tc.err, errAny) && !errors.Is(err, tc.err)) {
					t.Fatalf("got error %v, want %v (edits %v)", err, tc.err, edits)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range edits {
				if e.File != path {
					t.Errorf("edit of file %q", e.File)
				}
				checkRange(t, []byte(tc.src), e.Range)
			}
			got := applyEdits(t, tc.src, edits)
			want := tc.want
			if want == "" {
				want = tc.src
				if len(edits) != 0 {
					t.Errorf("want no edit, got %v", edits)
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
			checkReparse(t, path, tc.src, got, tc.doc, tc.op, tc.at, tc.value)
			// Fixes are idempotent: the same intent on the result changes
			// nothing (but deleting a list item deletes the next).
			if _, index := tc.at[len(tc.at)-1].(int); !index || tc.op != "delete" {
				again, err := parse(t, path, got)[tc.doc].Edit(lintIntent(tc.op, tc.at, tc.value))
				if err != nil || len(again) != 0 {
					t.Errorf("the intent again gives %v, %v", again, err)
				}
			}
		})
	}
}

func TestExamples(t *testing.T) {
	files, err := filepath.Glob("../../examples/kubernetes/*.yaml")
	if err != nil || len(files) == 0 {
		t.Skip("no examples")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			docs := parse(t, file, string(src))
			if len(docs) == 0 {
				t.Fatal("no objects")
			}
			for i, d := range docs {
				if d.y == nil {
					t.Fatalf("error: %v", d.Input())
				}
				walkRanges(d.Input(), func(r lintRange) { checkRange(t, src, r) })
				// Every container can be hardened with a fix that parses back.
				var containers []any
				for _, pod := range as[[]any](t, field(t, d.Input(), "pods")) {
					containers = append(containers, as[[]any](t, as[map[string]any](t, pod)["containers"])...)
				}
				for _, c := range containers {
					p := toPath(t, as[map[string]any](t, c)["path"])
					for _, in := range []struct {
						op    string
						at    []any
						value any
					}{
						{"set", appendPath(p, "securityContext", "allowPrivilegeEscalation"), false},
						{"add_to_list", appendPath(p, "securityContext", "capabilities", "drop"), []any{"ALL"}},
						{"delete", appendPath(p, "securityContext", "privileged"), nil},
					} {
						edits, err := d.Edit(lintIntent(in.op, in.at, in.value))
						if err != nil {
							t.Fatalf("%s %v: %v", in.op, in.at, err)
						}
						checkReparse(t, file, string(src), applyEdits(t, string(src), edits), i, in.op, in.at, in.value)
					}
				}
			}
		})
	}
}

// checkReparse parses the edited text and checks that every object is as
// before but the edited one, which has the intended change.
func checkReparse(t *testing.T, path, before, after string, doc int, op string, at []any, value any) {
	t.Helper()
	old := parse(t, path, before)
	docs := parse(t, path, after)
	if len(docs) != len(old) {
		t.Fatalf("the edit changed the number of documents from %d to %d:\n%s", len(old), len(docs), after)
	}
	for i, d := range docs {
		if old[i].y == nil && d.y == nil {
			continue // an error before, an error still
		}
		if d.y == nil {
			t.Fatalf("the edited file does not parse: %v\n%s", field(t, d.Input(), "errors"), after)
		}
		want := field(t, old[i].Input(), "object")
		if i == doc {
			rel := at[len(old[i].objPath):]
			want = applyOp(t, want, op, rel, value)
		}
		if diff := cmp.Diff(want, field(t, d.Input(), "object"), cmp.Comparer(numbersEqual)); diff != "" {
			t.Errorf("document %d after the edit: -want +got:\n%s\n%s", i, diff, after)
		}
	}
}

// applyOp applies an intent to plain Go data, as the edit should.
func applyOp(t *testing.T, v any, op string, path []any, value any) any {
	t.Helper()
	norm := func(x any) any {
		n, err := normValue(x)
		if err != nil {
			t.Fatal(err)
		}
		return toGo(t, valueTerm(n))
	}
	if len(path) == 0 {
		switch op {
		case "set":
			return norm(value)
		case "add_to_list":
			list, _ := v.([]any)
			for _, x := range as[[]any](t, value) {
				x = norm(x)
				if !slices.ContainsFunc(list, func(y any) bool { return cmp.Equal(x, y, cmp.Comparer(numbersEqual)) }) {
					list = append(list, x)
				}
			}
			return list
		}
		t.Fatalf("bad op %s", op)
	}
	switch k := path[0].(type) {
	case string:
		m, ok := v.(map[string]any)
		if op == "delete" && (!ok || m[k] == nil && len(path) > 1) {
			return v // nothing to delete
		}
		if !ok {
			m = map[string]any{}
		}
		if op == "delete" && len(path) == 1 {
			delete(m, k)
			return m
		}
		m[k] = applyOp(t, m[k], op, path[1:], value)
		return m
	case int:
		l, ok := v.([]any)
		if op == "delete" && (!ok || k >= len(l)) {
			return v
		}
		if op == "delete" && len(path) == 1 {
			return slices.Delete(l, k, k+1)
		}
		l[k] = applyOp(t, l[k], op, path[1:], value)
		return l
	}
	t.Fatalf("bad path %v", path)
	return nil
}

func TestEditUnsupported(t *testing.T) {
	d := parse(t, "m.yaml", podYAML)[0]
	for _, in := range []lint.Intent{
		{Op: "replace", Path: []any{"spec"}},
		{Op: "set"},
		{Op: "set", Path: []any{"spec", 1.5}},
		{Op: "set", Path: []any{"spec", "x"}, Value: struct{}{}},
		{Op: "delete", Path: []any{"spec", "containers", "x"}},
		{Op: "delete", Path: []any{"spec", 0}},
	} {
		if _, err := d.Edit(in); err == nil {
			t.Errorf("%+v: no error", in)
		}
	}
}

func TestEditAll(t *testing.T) {
	tests := []struct {
		name string
		src  string
		ins  []lint.Intent
		want string
	}{
		{
			name: "two intents create the same parent once",
			src:  podYAML,
			ins: []lint.Intent{
				{Op: "set", Path: container(1, "securityContext", "runAsNonRoot"), Value: true},
				{Op: "add_to_list", Path: container(1, "securityContext", "capabilities", "drop"), Values: []any{"ALL"}},
				{Op: "set", Path: container(0, "securityContext", "allowPrivilegeEscalation"), Value: false},
			},
			want: strings.Replace(podYAML, "allowPrivilegeEscalation: true ", "allowPrivilegeEscalation: false ", 1) +
				"      securityContext:\n        runAsNonRoot: true\n        capabilities:\n          drop:\n            - ALL\n",
		},
		{
			name: "CRLF and non-ASCII text",
			src:  "apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: é}\r\nspec:\r\n  hostPID: true\r\n",
			ins: []lint.Intent{
				{Op: "delete", Path: []any{"spec", "hostPID"}},
				{Op: "set", Path: []any{"spec", "hostIPC"}, Value: false},
				{Op: "set", Path: []any{"metadata", "name"}, Value: "è"},
			},
			want: "apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: è}\r\nspec: {hostIPC: false}\r\n",
		},
		{
			name: "nothing to do",
			src:  podYAML,
			ins:  []lint.Intent{{Op: "delete", Path: container(0, "securityContext", "privileged")}},
			want: podYAML,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := parse(t, "m.yaml", tc.src)[0]
			edits, err := d.EditAll(tc.ins)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range edits {
				checkRange(t, []byte(tc.src), e.Range)
			}
			if diff := cmp.Diff(tc.want, applyEdits(t, tc.src, edits)); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
	if _, err := parse(t, "m.yaml", podYAML)[0].EditAll([]lint.Intent{{Op: "set", Path: []any{"x", "y"}, Value: 1}, {Op: "bad"}}); err == nil {
		t.Error("a bad intent gave no error")
	}
}

func TestEditSinglePairMapping(t *testing.T) {
	src := "apiVersion: v1\nkind: Pod\nx: [a: 1]\n"
	d := parse(t, "m.yaml", src)[0]
	for _, in := range []lint.Intent{
		{Op: "set", Path: []any{"x", 0, "b"}, Value: 2},
		{Op: "delete", Path: []any{"x", 0, "a"}},
	} {
		if edits, err := d.Edit(in); err == nil {
			t.Errorf("%v: got %v", in, applyEdits(t, src, edits))
		}
	}
	edits, err := d.Edit(lint.Intent{Op: "set", Path: []any{"x", 0, "a"}, Value: 2})
	if err != nil || applyEdits(t, src, edits) != "apiVersion: v1\nkind: Pod\nx: [a: 2]\n" {
		t.Errorf("got %v, %v", edits, err)
	}
}

// TestNormPath checks that a path the engine decoded (strings and ints) is
// used as it is, and that another is converted in a copy.
func TestNormPath(t *testing.T) {
	decoded := []any{"spec", "containers", 0, "image"}
	if got, err := normPath(decoded); err != nil || &got[0] != &decoded[0] {
		t.Errorf("normPath(%v) = %v, %v: want the path itself", decoded, got, err)
	}
	if n := testing.AllocsPerRun(10, func() { _, _ = normPath(decoded) }); n != 0 {
		t.Errorf("normPath of a decoded path allocates %v times", n)
	}
	other := []any{"spec", float64(2), json.Number("3")}
	got, err := normPath(other)
	if err != nil || !cmp.Equal(got, []any{"spec", 2, 3}) {
		t.Errorf("normPath(%v) = %v, %v", other, got, err)
	}
	if other[1] != float64(2) {
		t.Errorf("normPath changed its argument: %v", other)
	}
	if _, err := normPath([]any{"spec", 1.5}); err == nil {
		t.Error("normPath accepts a fractional index")
	}
}
