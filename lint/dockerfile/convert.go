package dockerfile

import (
	"maps"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hardline-dev/hardline/lint"
)

// The model's Rego input is built term by term: no JSON round trip.

// converter builds the terms of one model, sharing the key terms.
type converter struct {
	keys map[string]*ast.Term
}

func (c *converter) item(k string, v *ast.Term) [2]*ast.Term {
	t, ok := c.keys[k]
	if !ok {
		t = ast.StringTerm(k)
		c.keys[k] = t
	}
	return [2]*ast.Term{t, v}
}

func str(s string) *ast.Term { return ast.StringTerm(s) }

func num(i int) *ast.Term { return ast.InternedTerm(i) }

func boolean(b bool) *ast.Term { return ast.InternedTerm(b) }

func strs(ss []string) *ast.Term {
	ts := make([]*ast.Term, len(ss))
	for i, s := range ss {
		ts[i] = str(s)
	}
	return ast.ArrayTerm(ts...)
}

func ints(is []int) *ast.Term {
	ts := make([]*ast.Term, len(is))
	for i, n := range is {
		ts[i] = num(n)
	}
	return ast.ArrayTerm(ts...)
}

func list[T any](xs []T, f func(*T) *ast.Term) *ast.Term {
	ts := make([]*ast.Term, len(xs))
	for i := range xs {
		ts[i] = f(&xs[i])
	}
	return ast.ArrayTerm(ts...)
}

// refsTerm converts [instruction, command] index pairs.
func refsTerm(refs [][2]int) *ast.Term {
	ts := make([]*ast.Term, len(refs))
	for i, r := range refs {
		ts[i] = ast.ArrayTerm(num(r[0]), num(r[1]))
	}
	return ast.ArrayTerm(ts...)
}

func (c *converter) rangeTerm(r lint.Range) *ast.Term {
	return ast.ObjectTerm(
		c.item("line", num(r.Line)),
		c.item("column", num(r.Column)),
		c.item("endLine", num(r.EndLine)),
		c.item("endColumn", num(r.EndColumn)),
		c.item("offset", num(r.Offset)),
		c.item("endOffset", num(r.EndOffset)),
	)
}

func (c *converter) rangePtr(r *lint.Range) *ast.Term { return c.rangeTerm(*r) }

func (c *converter) messageTerm(m *Message) *ast.Term {
	return ast.ObjectTerm(c.item("message", str(m.Message)), c.item("range", c.rangeTerm(m.Range)))
}

func (c *converter) argTerm(a *Arg) *ast.Term {
	return ast.ObjectTerm(
		c.item("name", str(a.Name)),
		c.item("value", str(a.Value)),
		c.item("has_value", boolean(a.HasValue)),
		c.item("range", c.rangeTerm(a.Range)),
	)
}

// imageTerm returns the Rego value of an image reference.
func (c *converter) imageTerm(img *Image) *ast.Term {
	return ast.ObjectTerm(
		c.item("raw", str(img.Raw)),
		c.item("ref", str(img.Ref)),
		c.item("registry", str(img.Registry)),
		c.item("repository", str(img.Repository)),
		c.item("name", str(img.Name)),
		c.item("tag", str(img.Tag)),
		c.item("digest", str(img.Digest)),
		c.item("official", boolean(img.Official)),
		c.item("unresolved", boolean(img.Unresolved)),
		c.item("source", str(img.Source)),
		c.item("range", c.rangeTerm(img.Range)),
	)
}

func (c *converter) baseTerm(b *Base) *ast.Term {
	items := [][2]*ast.Term{c.item("kind", str(b.Kind))}
	switch {
	case b.Kind == KindImage && b.Image != nil:
		items = append(items, c.item("image", c.imageTerm(b.Image)))
	case b.Kind == KindStage:
		items = append(items, c.item("stage", num(b.Stage)))
	}
	return ast.ObjectTerm(items...)
}

func (c *converter) stageTerm(s *Stage) *ast.Term {
	items := [][2]*ast.Term{
		c.item("index", num(s.Index)),
		c.item("name", str(s.Name)),
		c.item("final", boolean(s.Final)),
		c.item("from", num(s.From)),
		c.item("base", c.baseTerm(&s.Base)),
		c.item("root", c.baseTerm(&s.Root)),
		c.item("instructions", ints(s.Instructions)),
	}
	if u := s.User; u != nil {
		items = append(items, c.item("user", ast.ObjectTerm(
			c.item("user", str(u.User)),
			c.item("group", str(u.Group)),
			c.item("raw", str(u.Raw)),
			c.item("instruction", num(u.Instruction)),
			c.item("inherited", boolean(u.Inherited)),
			c.item("range", c.rangeTerm(u.Range)),
		)))
	}
	return ast.ObjectTerm(items...)
}

func (c *converter) commandTerm(cmd *Command) *ast.Term {
	return ast.ObjectTerm(
		c.item("name", str(cmd.Name)),
		c.item("exec", str(cmd.Exec)),
		c.item("args", strs(cmd.Args)),
		c.item("arg_ranges", list(cmd.ArgRanges, c.rangePtr)),
		c.item("arg_start", num(cmd.ArgStart)),
		c.item("range", c.rangeTerm(cmd.Range)),
		c.item("pipeline", num(cmd.Pipeline)),
		c.item("position", num(cmd.Position)),
	)
}

func (c *converter) heredocTerm(h *Heredoc) *ast.Term {
	return ast.ObjectTerm(
		c.item("name", str(h.Name)),
		c.item("content", str(h.Content)),
		c.item("range", c.rangeTerm(h.Range)),
	)
}

// sortedObject converts a map to an object term, keys in sorted order.
func sortedObject[V any](c *converter, m map[string]V, value func(V) *ast.Term) *ast.Term {
	items := make([][2]*ast.Term, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		items = append(items, c.item(k, value(m[k])))
	}
	return ast.ObjectTerm(items...)
}

func (c *converter) instructionTerm(in *Instruction) *ast.Term {
	return ast.ObjectTerm(
		c.item("index", num(in.Index)),
		c.item("stage", num(in.Stage)),
		c.item("cmd", str(in.Cmd)),
		c.item("args", strs(in.Args)),
		c.item("json", boolean(in.JSON)),
		c.item("flags", sortedObject(c, in.Flags, strs)),
		c.item("original", str(in.Original)),
		c.item("range", c.rangeTerm(in.Range)),
		c.item("keyword_range", c.rangeTerm(in.KeywordRange)),
		c.item("args_range", c.rangeTerm(in.ArgsRange)),
		c.item("heredocs", list(in.Heredocs, c.heredocTerm)),
		c.item("commands", list(in.Commands, c.commandTerm)),
		c.item("comments", strs(in.Comments)),
	)
}

// Value returns the model as the Rego input of docs/policies.md.
func (m *Model) Value() ast.Value {
	c := &converter{keys: map[string]*ast.Term{}}
	return ast.NewObject(
		c.item("type", str("dockerfile")),
		c.item("path", str(m.Path)),
		c.item("directives", sortedObject(c, m.Directives, str)),
		c.item("errors", list(m.Errors, c.messageTerm)),
		c.item("warnings", list(m.Warnings, c.messageTerm)),
		c.item("args", list(m.Args, c.argTerm)),
		c.item("stages", list(m.Stages, c.stageTerm)),
		c.item("instructions", list(m.Instructions, c.instructionTerm)),
		c.item("images", list(m.Images, c.imageTerm)),
		c.item("programs", sortedObject(c, m.Programs, refsTerm)),
	)
}
