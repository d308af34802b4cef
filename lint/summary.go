package lint

import (
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hardline-dev/hardline/lint/rule"
)

// summaries hold the summaries of Kubernetes objects until the
// rules over every manifest run. Each is copied out of its document (whose
// terms would otherwise keep the whole converted document alive), and the
// strings, numbers and empty collections they repeat (file names, kinds,
// namespaces, labels) are shared within a file: a file of many objects
// holds a few hundred bytes for each.
type summaries struct {
	strings map[string]*ast.Term
	numbers map[string]*ast.Term
	empty   struct{ object, array *ast.Term }
}

func newSummaries() *summaries {
	s := &summaries{strings: map[string]*ast.Term{}, numbers: map[string]*ast.Term{}}
	s.empty.object = ast.ObjectTerm()
	s.empty.array = ast.ArrayTerm()
	return s
}

// copy returns v copied with shared terms.
func (s *summaries) copy(v ast.Value) ast.Value { return s.term(ast.NewTerm(v)).Value }

func (s *summaries) term(t *ast.Term) *ast.Term {
	switch v := t.Value.(type) {
	case ast.String:
		if c, ok := s.strings[string(v)]; ok {
			return c
		}
		c := ast.StringTerm(string(v))
		s.strings[string(v)] = c
		return c
	case ast.Number:
		if c, ok := s.numbers[string(v)]; ok {
			return c
		}
		c := ast.NewTerm(v)
		s.numbers[string(v)] = c
		return c
	case ast.Boolean:
		return ast.InternedTerm(bool(v))
	case ast.Null:
		return ast.NullTerm()
	case *ast.Array:
		if v.Len() == 0 {
			return s.empty.array
		}
		elems := make([]*ast.Term, v.Len())
		for i := range elems {
			elems[i] = s.term(v.Elem(i))
		}
		return ast.ArrayTerm(elems...)
	case ast.Object:
		if v.Len() == 0 {
			return s.empty.object
		}
		items := make([][2]*ast.Term, 0, v.Len())
		v.Foreach(func(k, x *ast.Term) {
			items = append(items, [2]*ast.Term{s.term(k), s.term(x)})
		})
		return ast.ObjectTerm(items...)
	case ast.Set:
		items := make([]*ast.Term, 0, v.Len())
		v.Foreach(func(x *ast.Term) { items = append(items, s.term(x)) })
		return ast.SetTerm(items...)
	}
	return t.Copy()
}

// objectSelection is which objects' summaries the enabled rules over
// every manifest read (rule.Rule.Objects): the others are not kept. A run
// of many objects those rules ignore (ConfigMaps, Secrets, Services)
// holds nothing for them.
type objectSelection struct {
	all   bool
	pods  bool
	kinds map[string]bool
}

func selectObjects(rules map[string]rule.Rule) objectSelection {
	s := objectSelection{kinds: map[string]bool{}}
	for _, r := range rules {
		if r.Input != rule.InputManifests {
			continue
		}
		if len(r.Objects) == 0 {
			s.all = true
		}
		for _, o := range r.Objects {
			if o == rule.ObjectsWithPods {
				s.pods = true
			} else {
				s.kinds[o] = true
			}
		}
	}
	return s
}

// keeps reports whether the summary sum is selected.
func (s objectSelection) keeps(sum ast.Value) bool {
	if s.all {
		return true
	}
	obj, ok := sum.(ast.Object)
	if !ok {
		return false
	}
	if t := obj.Get(ast.InternedTerm("has_pods")); s.pods && t != nil {
		if b, ok := t.Value.(ast.Boolean); ok && bool(b) {
			return true
		}
	}
	if t := obj.Get(ast.InternedTerm("kind")); t != nil {
		kind, ok := t.Value.(ast.String)
		return ok && s.kinds[string(kind)]
	}
	return false
}
