package dockerfile

import (
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hardline-dev/hardline/lint"
)

// The model's Rego input is built term by term: no JSON round trip.

func str(s string) *ast.Term { return ast.StringTerm(s) }

func num(i int) *ast.Term { return ast.IntNumberTerm(i) }

func item(k string, v *ast.Term) [2]*ast.Term { return ast.Item(ast.StringTerm(k), v) }

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

func rangeTerm(r lint.Range) *ast.Term {
	return ast.ObjectTerm(
		item("line", num(r.Line)),
		item("column", num(r.Column)),
		item("endLine", num(r.EndLine)),
		item("endColumn", num(r.EndColumn)),
		item("offset", num(r.Offset)),
		item("endOffset", num(r.EndOffset)),
	)
}

func rangePtr(r *lint.Range) *ast.Term { return rangeTerm(*r) }

func messageTerm(m *Message) *ast.Term {
	return ast.ObjectTerm(item("message", str(m.Message)), item("range", rangeTerm(m.Range)))
}

func argTerm(a *Arg) *ast.Term {
	return ast.ObjectTerm(
		item("name", str(a.Name)),
		item("value", str(a.Value)),
		item("has_value", ast.BooleanTerm(a.HasValue)),
		item("range", rangeTerm(a.Range)),
	)
}

// imageTerm returns the Rego value of an image reference.
func imageTerm(img *Image) *ast.Term {
	return ast.ObjectTerm(
		item("raw", str(img.Raw)),
		item("ref", str(img.Ref)),
		item("registry", str(img.Registry)),
		item("repository", str(img.Repository)),
		item("name", str(img.Name)),
		item("tag", str(img.Tag)),
		item("digest", str(img.Digest)),
		item("official", ast.BooleanTerm(img.Official)),
		item("unresolved", ast.BooleanTerm(img.Unresolved)),
		item("source", str(img.Source)),
		item("range", rangeTerm(img.Range)),
	)
}

func baseTerm(b *Base) *ast.Term {
	items := [][2]*ast.Term{item("kind", str(b.Kind))}
	switch {
	case b.Kind == KindImage && b.Image != nil:
		items = append(items, item("image", imageTerm(b.Image)))
	case b.Kind == KindStage:
		items = append(items, item("stage", num(b.Stage)))
	}
	return ast.ObjectTerm(items...)
}

func stageTerm(s *Stage) *ast.Term {
	items := [][2]*ast.Term{
		item("index", num(s.Index)),
		item("name", str(s.Name)),
		item("final", ast.BooleanTerm(s.Final)),
		item("from", num(s.From)),
		item("base", baseTerm(&s.Base)),
		item("root", baseTerm(&s.Root)),
		item("instructions", ints(s.Instructions)),
	}
	if u := s.User; u != nil {
		items = append(items, item("user", ast.ObjectTerm(
			item("user", str(u.User)),
			item("group", str(u.Group)),
			item("raw", str(u.Raw)),
			item("instruction", num(u.Instruction)),
			item("inherited", ast.BooleanTerm(u.Inherited)),
			item("range", rangeTerm(u.Range)),
		)))
	}
	return ast.ObjectTerm(items...)
}

func commandTerm(c *Command) *ast.Term {
	return ast.ObjectTerm(
		item("name", str(c.Name)),
		item("exec", str(c.Exec)),
		item("args", strs(c.Args)),
		item("arg_ranges", list(c.ArgRanges, rangePtr)),
		item("range", rangeTerm(c.Range)),
		item("pipeline", num(c.Pipeline)),
		item("position", num(c.Position)),
	)
}

func heredocTerm(h *Heredoc) *ast.Term {
	return ast.ObjectTerm(
		item("name", str(h.Name)),
		item("content", str(h.Content)),
		item("range", rangeTerm(h.Range)),
	)
}

func instructionTerm(in *Instruction) *ast.Term {
	names := make([]string, 0, len(in.Flags))
	for k := range in.Flags {
		names = append(names, k)
	}
	slices.Sort(names)
	flags := make([][2]*ast.Term, len(names))
	for i, k := range names {
		flags[i] = item(k, strs(in.Flags[k]))
	}
	return ast.ObjectTerm(
		item("index", num(in.Index)),
		item("stage", num(in.Stage)),
		item("cmd", str(in.Cmd)),
		item("args", strs(in.Args)),
		item("json", ast.BooleanTerm(in.JSON)),
		item("flags", ast.ObjectTerm(flags...)),
		item("original", str(in.Original)),
		item("range", rangeTerm(in.Range)),
		item("keyword_range", rangeTerm(in.KeywordRange)),
		item("args_range", rangeTerm(in.ArgsRange)),
		item("heredocs", list(in.Heredocs, heredocTerm)),
		item("commands", list(in.Commands, commandTerm)),
		item("comments", strs(in.Comments)),
	)
}

// Value returns the model as the Rego input of docs/policies.md.
func (m *Model) Value() ast.Value {
	names := make([]string, 0, len(m.Directives))
	for k := range m.Directives {
		names = append(names, k)
	}
	slices.Sort(names)
	dirs := make([][2]*ast.Term, len(names))
	for i, k := range names {
		dirs[i] = item(k, str(m.Directives[k]))
	}
	return ast.NewObject(
		item("type", str("dockerfile")),
		item("path", str(m.Path)),
		item("directives", ast.ObjectTerm(dirs...)),
		item("errors", list(m.Errors, messageTerm)),
		item("warnings", list(m.Warnings, messageTerm)),
		item("args", list(m.Args, argTerm)),
		item("stages", list(m.Stages, stageTerm)),
		item("instructions", list(m.Instructions, instructionTerm)),
		item("images", list(m.Images, imageTerm)),
	)
}
