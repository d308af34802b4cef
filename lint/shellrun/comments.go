package shellrun

import (
	"bytes"

	"mvdan.cc/sh/v3/syntax"

	"github.com/hardline-dev/hardline/lint/container"
	"github.com/hardline-dev/hardline/lint/kube"
)

// DataSpans implements lint.DataSpanner: where a "#" is text and not a
// comment. In a workflow, the YAML's quoted and block scalars (a run: |
// script is one: its shell comments are not suppressions); in a shell
// script, quoted strings and heredoc bodies. A Makefile, or a script that
// does not parse, reports none.
func (p Parser) DataSpans(src []byte) [][2]int {
	switch p.Source {
	case container.SourceWorkflow:
		return kube.YAMLDataSpans(src)
	case container.SourceMakefile:
		return nil
	}
	f, err := syntax.NewParser().Parse(bytes.NewReader(src), "")
	if err != nil {
		return nil
	}
	var spans [][2]int
	add := func(n syntax.Node) {
		if n != nil && n.Pos().IsValid() && n.End().IsValid() {
			spans = append(spans, [2]int{int(n.Pos().Offset()), int(n.End().Offset())})
		}
	}
	syntax.Walk(f, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.SglQuoted, *syntax.DblQuoted:
			add(n)
		case *syntax.Redirect:
			if n.Hdoc != nil {
				add(n.Hdoc)
			}
		}
		return true
	})
	return spans
}
