package kube

import (
	"bytes"
	"strings"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/hardline-dev/hardline/lint"
)

var _ lint.Placer = Parser{}

// Placer implements lint.Placer: it builds, when asked, the document of
// one object for placing results and editing, without converting any
// object for Rego (its Input and Summary are nil). The objects it finds
// are those Parse reads. It decodes the file's YAML stream forward and
// holds one document at a time: asked for documents in increasing order,
// it reads the file once; asked for an earlier one, it starts again.
func (p Parser) Placer(path string, src []byte) func(index int, objPath []any) lint.Document {
	f := newFile(path, src)
	f.namespace = p.Namespace
	utf16 := bytes.HasPrefix(src, []byte{0xFE, 0xFF}) || bytes.HasPrefix(src, []byte{0xFF, 0xFE})
	bang := bytes.IndexByte(src, '!') >= 0
	var (
		dec    *yaml.Decoder
		next   int  // the index of the document dec decodes next
		broken bool // dec cannot read past next
		cur    *yamlDoc
	)
	// doc is document index, or nil when it is not an object or cannot be
	// read.
	doc := func(index int) *yamlDoc {
		if cur != nil && cur.index == index {
			return cur
		}
		if dec == nil || index < next {
			dec, next, broken = yaml.NewDecoder(bytes.NewReader(src)), 0, false
		}
		cur = nil
		for !broken && next <= index {
			n := new(yaml.Node)
			if err := decode(dec, n); err != nil {
				broken = true // at the end, or unreadable from here on
				break
			}
			next++
			if next <= index || len(n.Content) == 0 {
				continue
			}
			if bang {
				f.markNonSpecific(n, 0)
			}
			cur = &yamlDoc{f: f, index: index, root: n.Content[0]}
		}
		return cur
	}
	return func(index int, objPath []any) lint.Document {
		if utf16 || index < 0 {
			return nil
		}
		y := doc(index)
		if y == nil {
			return nil
		}
		root := y.root
		kind, ok := objectKind(root)
		if !ok {
			return nil
		}
		_, items := lookup(root, "items")
		items = deref(items)
		if !strings.HasSuffix(kind, "List") || items == nil || items.Kind != yaml.SequenceNode {
			if len(objPath) > 0 {
				return nil
			}
			return &document{y: y, f: f, objPath: []any{}, obj: root}
		}
		// The items of a List, as Parse reads them.
		for i, item := range items.Content {
			it := deref(item)
			if it == nil {
				continue
			}
			if _, ok := objectKind(it); !ok {
				continue
			}
			if objPath == nil || isItem(objPath, i) {
				return &document{y: y, f: f, objPath: []any{"items", i}, obj: it}
			}
		}
		return nil
	}
}

// isItem reports whether objPath is ["items", i].
func isItem(objPath []any, i int) bool {
	return len(objPath) == 2 && objPath[0] == "items" && objPath[1] == i
}
