package dockerfile

import (
	"maps"
	"slices"
	"strconv"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hardline-dev/hardline/lint"
)

// The model's Rego input is built term by term: no JSON round trip.

// converter builds the terms of one model, sharing the key terms, and
// allocates terms by the slab: an input holds thousands of them, all
// dropped together when the file is done.
type converter struct {
	keys map[string]*ast.Term
	slab []ast.Term
}

// slabSize is the number of terms allocated at once.
const slabSize = 256

// term returns a new term holding v.
func (c *converter) term(v ast.Value) *ast.Term {
	if len(c.slab) == 0 {
		c.slab = make([]ast.Term, slabSize)
	}
	t := &c.slab[0]
	c.slab = c.slab[1:]
	t.Value = v
	return t
}

func (c *converter) item(k string, v *ast.Term) [2]*ast.Term { return [2]*ast.Term{c.key(k), v} }

// key is the term of an object key, shared by the file's objects.
func (c *converter) key(k string) *ast.Term {
	t, ok := c.keys[k]
	if !ok {
		t = ast.StringTerm(k)
		c.keys[k] = t
	}
	return t
}

func (c *converter) str(s string) *ast.Term { return c.term(ast.String(s)) }

// internedInts is the bound under which OPA interns integer terms.
const internedInts = 512

func (c *converter) num(i int) *ast.Term {
	if i >= -1 && i < internedInts {
		return ast.InternedTerm(i)
	}
	return c.term(ast.Number(strconv.Itoa(i)))
}

func boolean(b bool) *ast.Term { return ast.InternedTerm(b) }

func (c *converter) obj(items ...[2]*ast.Term) *ast.Term { return c.term(ast.NewObject(items...)) }

func (c *converter) arr(ts ...*ast.Term) *ast.Term { return c.term(ast.NewArray(ts...)) }

func (c *converter) strs(ss []string) *ast.Term {
	ts := make([]*ast.Term, len(ss))
	for i, s := range ss {
		ts[i] = c.str(s)
	}
	return c.arr(ts...)
}

func (c *converter) ints(is []int) *ast.Term {
	ts := make([]*ast.Term, len(is))
	for i, n := range is {
		ts[i] = c.num(n)
	}
	return c.arr(ts...)
}

func list[T any](c *converter, xs []T, f func(*T) *ast.Term) *ast.Term {
	ts := make([]*ast.Term, len(xs))
	for i := range xs {
		ts[i] = f(&xs[i])
	}
	return c.arr(ts...)
}

// refsTerm converts [instruction, command] index pairs.
func (c *converter) refsTerm(refs [][2]int) *ast.Term {
	ts := make([]*ast.Term, len(refs))
	for i, r := range refs {
		ts[i] = c.arr(c.num(r[0]), c.num(r[1]))
	}
	return c.arr(ts...)
}

func (c *converter) rangeTerm(r lint.Range) *ast.Term {
	return c.obj(
		c.item("line", c.num(r.Line)),
		c.item("column", c.num(r.Column)),
		c.item("endLine", c.num(r.EndLine)),
		c.item("endColumn", c.num(r.EndColumn)),
		c.item("offset", c.num(r.Offset)),
		c.item("endOffset", c.num(r.EndOffset)),
	)
}

func (c *converter) rangePtr(r *lint.Range) *ast.Term { return c.rangeTerm(*r) }

func (c *converter) messageTerm(m *Message) *ast.Term {
	return c.obj(c.item("message", c.str(m.Message)), c.item("range", c.rangeTerm(m.Range)))
}

func (c *converter) argTerm(a *Arg) *ast.Term {
	return c.obj(
		c.item("name", c.str(a.Name)),
		c.item("value", c.str(a.Value)),
		c.item("has_value", boolean(a.HasValue)),
		c.item("range", c.rangeTerm(a.Range)),
	)
}

// imageTerm returns the Rego value of an image reference.
func (c *converter) imageTerm(img *Image) *ast.Term {
	return c.obj(append(lint.ImageItems(*img, c.key, c.str), c.item("range", c.rangeTerm(img.Range)))...)
}

func (c *converter) baseTerm(b *Base) *ast.Term {
	items := [][2]*ast.Term{c.item("kind", c.str(b.Kind))}
	switch {
	case b.Kind == KindImage && b.Image != nil:
		items = append(items, c.item("image", c.imageTerm(b.Image)))
	case b.Kind == KindStage:
		items = append(items, c.item("stage", c.num(b.Stage)))
	}
	return c.obj(items...)
}

func (c *converter) stageTerm(s *Stage) *ast.Term {
	items := [][2]*ast.Term{
		c.item("index", c.num(s.Index)),
		c.item("name", c.str(s.Name)),
		c.item("final", boolean(s.Final)),
		c.item("from", c.num(s.From)),
		c.item("base", c.baseTerm(&s.Base)),
		c.item("root", c.baseTerm(&s.Root)),
		c.item("instructions", c.ints(s.Instructions)),
	}
	if u := s.User; u != nil {
		items = append(items, c.item("user", c.obj(
			c.item("user", c.str(u.User)),
			c.item("group", c.str(u.Group)),
			c.item("raw", c.str(u.Raw)),
			c.item("instruction", c.num(u.Instruction)),
			c.item("inherited", boolean(u.Inherited)),
			c.item("range", c.rangeTerm(u.Range)),
		)))
	}
	return c.obj(items...)
}

func (c *converter) commandTerm(cmd *Command) *ast.Term {
	return c.obj(
		c.item("name", c.str(cmd.Name)),
		c.item("exec", c.str(cmd.Exec)),
		c.item("args", c.strs(cmd.Args)),
		c.item("arg_ranges", list(c, cmd.ArgRanges, c.rangePtr)),
		c.item("arg_start", c.num(cmd.ArgStart)),
		c.item("range", c.rangeTerm(cmd.Range)),
		c.item("pipeline", c.num(cmd.Pipeline)),
		c.item("position", c.num(cmd.Position)),
	)
}

func (c *converter) heredocTerm(h *Heredoc) *ast.Term {
	return c.obj(
		c.item("name", c.str(h.Name)),
		c.item("content", c.str(h.Content)),
		c.item("range", c.rangeTerm(h.Range)),
	)
}

// sortedObject converts a map to an object term, keys in sorted order.
func sortedObject[V any](c *converter, m map[string]V, value func(V) *ast.Term) *ast.Term {
	items := make([][2]*ast.Term, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		items = append(items, c.item(k, value(m[k])))
	}
	return c.obj(items...)
}

func (c *converter) instructionTerm(in *Instruction) *ast.Term {
	return c.obj(
		c.item("index", c.num(in.Index)),
		c.item("stage", c.num(in.Stage)),
		c.item("cmd", c.str(in.Cmd)),
		c.item("args", c.strs(in.Args)),
		c.item("json", boolean(in.JSON)),
		c.item("flags", sortedObject(c, in.Flags, c.strs)),
		c.item("original", c.str(in.Original)),
		c.item("range", c.rangeTerm(in.Range)),
		c.item("keyword_range", c.rangeTerm(in.KeywordRange)),
		c.item("args_range", c.rangeTerm(in.ArgsRange)),
		c.item("heredocs", list(c, in.Heredocs, c.heredocTerm)),
		c.item("commands", list(c, in.Commands, c.commandTerm)),
		c.item("comments", c.strs(in.Comments)),
	)
}

// Value returns the model as the Rego input of docs/policies.md.
func (m *Model) Value() ast.Value {
	c := &converter{keys: map[string]*ast.Term{}}
	return ast.NewObject(
		c.item("type", ast.StringTerm("dockerfile")),
		c.item("path", c.str(m.Path)),
		c.item("directives", sortedObject(c, m.Directives, c.str)),
		c.item("errors", list(c, m.Errors, c.messageTerm)),
		c.item("warnings", list(c, m.Warnings, c.messageTerm)),
		c.item("args", list(c, m.Args, c.argTerm)),
		c.item("stages", list(c, m.Stages, c.stageTerm)),
		c.item("instructions", list(c, m.Instructions, c.instructionTerm)),
		c.item("images", list(c, m.Images, c.imageTerm)),
		c.item("programs", sortedObject(c, m.Programs, c.refsTerm)),
	)
}
