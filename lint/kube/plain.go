package kube

import (
	"bytes"
	"errors"
	"io"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/hardline-dev/hardline/lint"
)

// PlainDoc is one mapping document of a YAML file that need not be a
// Kubernetes object (a Helm chart's values file, a Kustomize patch): fields
// are found in it by path and fix intents become edits of its bytes, with
// the same guarantees as on manifests.
type PlainDoc struct{ d *document }

// ParsePlain returns the documents of src whose root is a mapping, in
// order; a document that is not a mapping is nil. It fails only when src
// is not YAML.
func ParsePlain(path string, src []byte) ([]*PlainDoc, error) {
	f := newFile(path, src)
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var out []*PlainDoc
	for i := 0; ; i++ {
		n := new(yaml.Node)
		err := decode(dec, n)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		var pd *PlainDoc
		if len(n.Content) > 0 && n.Content[0].Kind == yaml.MappingNode {
			root := n.Content[0]
			y := &yamlDoc{f: f, index: i, root: root}
			pd = &PlainDoc{d: &document{y: y, f: f, objPath: []any{}, obj: root, plain: true}}
		}
		out = append(out, pd)
	}
}

// Lookup returns the range of the node at path and whether the whole path
// exists; when it does not, the range is that of its deepest existing
// ancestor.
func (p *PlainDoc) Lookup(path []any) (lint.Range, bool) {
	n := p.d.obj
	for _, e := range path {
		n = deref(n)
		if n == nil {
			return p.d.Locate(path), false
		}
		switch n.Kind {
		case yaml.MappingNode:
			key, ok := e.(string)
			if !ok {
				return p.d.Locate(path), false
			}
			_, v := lookup(n, key)
			if v == nil {
				return p.d.Locate(path), false
			}
			n = v
		case yaml.SequenceNode:
			i, ok := pathIndex(e)
			if !ok || i < 0 || i >= len(n.Content) {
				return p.d.Locate(path), false
			}
			n = n.Content[i]
		default:
			return p.d.Locate(path), false
		}
	}
	return p.d.Locate(path), true
}

// Has reports whether the node at path (from the document root) is
// written in the document.
func (d *document) Has(path []any) bool {
	if d.y == nil {
		return false
	}
	_, ok := (&PlainDoc{d: &document{y: d.y, f: d.f, objPath: []any{}, obj: d.y.root}}).Lookup(path)
	return ok
}

// Root is the document's root mapping.
func (p *PlainDoc) Root() *yaml.Node { return p.d.obj }

// Edit turns the YAML intents of one fix ("set", "delete", "add_to_list",
// with paths from the document root) into edits of the file.
func (p *PlainDoc) Edit(ins []lint.Intent) ([]lint.Edit, error) { return p.d.EditAll(ins) }
