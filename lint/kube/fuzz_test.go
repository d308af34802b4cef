package kube

import (
	"testing"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
)

// objectPaths lists the paths (from the document root) of the nodes of the
// document's object, at most limit of them.
func objectPaths(d *document, limit int) [][]any {
	obj, ok := d.Input().(ast.Object)
	if !ok {
		return nil
	}
	root := obj.Get(ast.StringTerm("object"))
	if root == nil {
		return nil
	}
	var out [][]any
	var walk func(t *ast.Term, path []any, depth int)
	walk = func(t *ast.Term, path []any, depth int) {
		if len(out) >= limit || depth > 12 {
			return
		}
		out = append(out, path)
		switch v := t.Value.(type) {
		case ast.Object:
			for _, k := range v.Keys() {
				if s, ok := k.Value.(ast.String); ok {
					walk(v.Get(k), appendPath(path, string(s)), depth+1)
				}
			}
		case *ast.Array:
			for i := range v.Len() {
				walk(v.Elem(i), appendPath(path, i), depth+1)
			}
		}
	}
	walk(root, appendPath(d.objPath), 0)
	return out
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(podYAML))
	f.Add([]byte("apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\nroleRef: {kind: Role, name: r}\nsubjects:\n  - kind: ServiceAccount\n    name: default\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r}\nrules:\n  - {apiGroups: [\"\"], resources: [secrets], verbs: [get]}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		check := func(r lintRange) { checkRange(t, src, r) }
		for _, ld := range (Parser{}).Parse("fuzz.yaml", src) {
			d := as[*document](t, ld)
			walkRanges(d.Input(), check)
			if s := d.Summary(); s != nil {
				walkRanges(s, check)
			}
			check(d.Locate(nil))
			for _, p := range objectPaths(d, 200) {
				check(d.Locate(p))
				check(d.Locate(appendPath(p, "missing", 3)))
			}
		}
	})
}

// FuzzEdit applies an intent to a node of the parsed object and checks that
// the edited file parses to the same objects plus the intended change.
func FuzzEdit(f *testing.F) {
	f.Add([]byte(podYAML), uint8(0), uint16(7), uint8(1), uint8(0))
	f.Add([]byte(podYAML), uint8(1), uint16(12), uint8(0), uint8(0))
	f.Add([]byte(podYAML), uint8(2), uint16(3), uint8(2), uint8(4))
	for _, tc := range editCases() {
		if tc.err == nil {
			f.Add([]byte(tc.src), uint8(0), uint16(len(tc.src)), uint8(3), uint8(2))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, op uint8, pathSel uint16, extra uint8, val uint8) {
		if !utf8.Valid(src) {
			return
		}
		docs := parse(t, "fuzz.yaml", string(src))
		for i, d := range docs {
			if d.y == nil {
				continue
			}
			paths := objectPaths(d, 500)
			if len(paths) == 0 {
				continue
			}
			path := paths[int(pathSel)%len(paths)]
			if len(path) == len(d.objPath) || path[len(d.objPath)] == "apiVersion" || path[len(d.objPath)] == "kind" {
				continue // the object would change identity
			}
			for e := range int(extra % 4) {
				path = appendPath(path, [...]string{"securityContext", "capabilities", "drop", "x"}[e])
			}
			ops := [...]string{"set", "delete", "add_to_list"}
			o := ops[int(op)%len(ops)]
			values := [...]any{true, 1000, "a: b", "ALL", map[string]any{"type": "RuntimeDefault"}, []any{"x", 2}, nil, "", "#x", "- y"}
			value := values[int(val)%len(values)]
			if o == "add_to_list" {
				value = []any{value, "ALL"}
			}
			edits, err := d.Edit(lintIntent(o, path, value))
			if err != nil {
				continue
			}
			for _, e := range edits {
				checkRange(t, src, e.Range)
			}
			after := applyEdits(t, string(src), edits)
			checkReparse(t, "fuzz.yaml", string(src), after, i, o, path, value)
		}
	})
}
