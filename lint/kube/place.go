package kube

import (
	"bytes"
	"errors"
	"io"
	"strings"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/hardline-dev/hardline/lint"
)

var _ lint.Placer = Parser{}

// Placer implements lint.Placer: it decodes the file's YAML stream once and
// builds, when asked, the document of one object for placing results and
// editing, without converting any object for Rego (its Input and Summary
// are nil). The objects it finds are those Parse reads.
func (p Parser) Placer(path string, src []byte) func(index int, objPath []any) lint.Document {
	f := newFile(path, src)
	f.namespace = p.Namespace
	var roots []*yaml.Node
	if !bytes.HasPrefix(src, []byte{0xFE, 0xFF}) && !bytes.HasPrefix(src, []byte{0xFF, 0xFE}) {
		dec := yaml.NewDecoder(bytes.NewReader(src))
		bang := bytes.IndexByte(src, '!') >= 0
		for {
			n := new(yaml.Node)
			if err := decode(dec, n); err != nil {
				if !errors.Is(err, io.EOF) {
					roots = append(roots, nil) // unreadable from here on
				}
				break
			}
			if bang {
				f.markNonSpecific(n, 0)
			}
			roots = append(roots, n)
		}
	}
	docs := map[int]*yamlDoc{}
	return func(index int, objPath []any) lint.Document {
		if index < 0 || index >= len(roots) || roots[index] == nil || len(roots[index].Content) == 0 {
			return nil
		}
		root := roots[index].Content[0]
		kind, ok := objectKind(root)
		if !ok {
			return nil
		}
		y := docs[index]
		if y == nil {
			y = &yamlDoc{f: f, index: index, root: root}
			docs[index] = y
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
