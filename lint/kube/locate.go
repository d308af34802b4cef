package kube

import (
	"encoding/json"
	"math"
	"strconv"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/hardline-dev/hardline/lint"
)

// Locate implements lint.Document. The object itself is at its "kind"
// entry. For a mapping entry the range runs from
// the start of the key to the end of the value when the value is a scalar,
// an alias or a one-line flow collection, and covers just the key when the
// value is a block collection. The path follows aliases and merge keys.
func (d *document) Locate(path []any) lint.Range {
	if d.y == nil {
		return d.errRange
	}
	f := d.f
	objRange := f.headRange(d.obj, -1)
	if k, v := lookup(d.obj, "kind"); k != nil {
		objRange = f.entryRange(k, v, f.indent(d.obj))
	}
	cur := d.y.root
	r := objRange
	for _, p := range path {
		n := deref(cur)
		if n == nil {
			break
		}
		if n == d.obj {
			r = objRange
		}
		switch n.Kind {
		case yaml.MappingNode:
			key, ok := p.(string)
			if !ok {
				return r
			}
			k, v := lookup(n, key)
			if k == nil {
				return r
			}
			r = f.entryRange(k, v, f.indent(n))
			cur = v
		case yaml.SequenceNode:
			i, ok := pathIndex(p)
			if !ok || i < 0 || i >= len(n.Content) {
				return r
			}
			cur = n.Content[i]
			r = f.headRange(cur, f.indent(n))
		case yaml.ScalarNode, yaml.AliasNode, yaml.DocumentNode:
			return r
		}
	}
	if deref(cur) == d.obj {
		r = objRange
	}
	return r
}

// pathIndex converts a path element to a list index: Rego numbers arrive
// as json.Number or float64.
func pathIndex(p any) (int, bool) {
	switch p := p.(type) {
	case int:
		return p, true
	case int64:
		if p < math.MinInt32 || p > math.MaxInt32 {
			return 0, false
		}
		return int(p), true
	case float64:
		if p != math.Trunc(p) || math.Abs(p) > math.MaxInt32 {
			return 0, false
		}
		return int(p), true
	case json.Number:
		i, err := strconv.Atoi(string(p))
		return i, err == nil
	}
	return 0, false
}

// entryRange is the range of a mapping entry: key to value end, or only the
// key when the value is a collection spanning lines.
func (f *file) entryRange(k, v *yaml.Node, indent int) lint.Range {
	start := f.start(k)
	end := f.end(k, indent)
	if v != nil {
		ve := f.end(v, indent)
		if v.Kind == yaml.ScalarNode || v.Kind == yaml.AliasNode || f.lineIndex(ve) == f.lineIndex(start) {
			end = max(end, ve)
		}
	}
	return f.rng(start, end)
}

// headRange is the range of node n as a finding should show it: all of a
// scalar, an alias or a one-line collection, else its first entry or line.
func (f *file) headRange(n *yaml.Node, parentIndent int) lint.Range {
	start := f.start(n)
	switch n.Kind {
	case yaml.ScalarNode, yaml.AliasNode:
		return f.rng(start, f.end(n, parentIndent))
	case yaml.MappingNode, yaml.SequenceNode:
		end := f.end(n, parentIndent)
		if f.lineIndex(end) == f.lineIndex(start) || len(n.Content) == 0 {
			return f.rng(start, end)
		}
		if f.isFlow(n) {
			return f.rng(start, f.trimmedLineEnd(start))
		}
		if n.Kind == yaml.MappingNode {
			r := f.entryRange(n.Content[0], n.Content[1], f.indent(n))
			return f.rng(start, r.EndOffset)
		}
		r := f.headRange(n.Content[0], f.indent(n))
		return f.rng(start, r.EndOffset)
	case yaml.DocumentNode:
	}
	return f.rng(start, start)
}

// trimmedLineEnd returns the end of the text of the line holding off,
// without trailing blanks.
func (f *file) trimmedLineEnd(off int) int {
	e := f.lineEnd(off)
	for e > off && isSpace(f.src, e-1) {
		e--
	}
	return e
}
