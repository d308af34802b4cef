package kube

import (
	"bytes"
	"errors"
	"io"

	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// DataSpans implements lint.DataSpanner (see YAMLDataSpans).
func (Parser) DataSpans(src []byte) [][2]int { return YAMLDataSpans(src) }

// YAMLDataSpans returns the byte ranges of the quoted and block (| and >)
// scalars of every document of a YAML stream, where a "#" is text and not
// a comment. Whatever follows a part of the stream that cannot be read is
// data too, since where its comments are is unknown.
func YAMLDataSpans(src []byte) [][2]int {
	f := newFile("", src)
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var spans [][2]int
	prevEnd := 0
	for {
		n := new(yaml.Node)
		err := decode(dec, n)
		if errors.Is(err, io.EOF) {
			return spans
		}
		if err != nil {
			return append(spans, [2]int{prevEnd, len(src)})
		}
		f.dataSpans(n, -1, 0, &spans)
		prevEnd = max(prevEnd, f.end(n, -1))
	}
}

func (f *file) dataSpans(n *yaml.Node, parentIndent, depth int, spans *[][2]int) {
	if n == nil || depth > maxDepth {
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
			c, _ := f.content(n)
			*spans = append(*spans, [2]int{c, f.scalarEnd(n, parentIndent)})
		}
	case yaml.DocumentNode:
		for _, c := range n.Content {
			f.dataSpans(c, -1, depth+1, spans)
		}
	case yaml.MappingNode, yaml.SequenceNode:
		ind := f.indent(n)
		for _, c := range n.Content {
			f.dataSpans(c, ind, depth+1, spans)
		}
	}
}
