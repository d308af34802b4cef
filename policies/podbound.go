package policies

import (
	"maps"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Rules that only look at pods cost evaluation time on every object that
// has none (a Service, a ConfigMap), about 5 µs each. A query with
// Query.WithoutPods leaves those rules out.

// podCollections are the references whose elements exist only when the
// object has pods: an empty input.pods makes them empty (a Kubernetes
// object's images are those of its pods' containers).
func podCollections() []ast.Ref {
	return []ast.Ref{
		{ast.InputRootDocument, ast.InternedTerm("pods")},
		{ast.DefaultRootDocument, ast.InternedTerm("lib"), ast.InternedTerm("kubernetes"), ast.InternedTerm("containers")},
		{ast.InputRootDocument, ast.InternedTerm("images")},
		{ast.DefaultRootDocument, ast.InternedTerm("lib"), ast.InternedTerm("image"), ast.InternedTerm("images")},
	}
}

// podBound reports whether every deny rule of m iterates, at the top level
// of its body, over the object's pods or containers: on an object without
// pods such a rule cannot find anything.
func podBound(m *ast.Module) bool {
	aliases := map[ast.Var]ast.Ref{}
	for _, imp := range m.Imports {
		ref, ok := imp.Path.Value.(ast.Ref)
		if !ok {
			continue
		}
		name := imp.Alias
		if name == "" {
			if s, ok := ref[len(ref)-1].Value.(ast.String); ok {
				name = ast.Var(s)
			}
		}
		aliases[name] = ref
	}
	colls := podCollections()
	denies := 0
	for _, r := range m.Rules {
		if ref := r.Head.Ref(); len(ref) != 1 || !ref[0].Equal(ast.VarTerm("deny")) {
			continue
		}
		denies++
		if !iteratesPods(r.Body, aliases, colls) {
			return false
		}
	}
	return denies > 0
}

// iteratesPods reports whether a top-level expression of body is
// `some ... in C` for a pod collection C.
func iteratesPods(body ast.Body, aliases map[ast.Var]ast.Ref, colls []ast.Ref) bool {
	for _, expr := range body {
		decl, ok := expr.Terms.(*ast.SomeDecl)
		if !ok || expr.Negated || len(expr.With) > 0 {
			continue
		}
		for _, sym := range decl.Symbols {
			call, ok := sym.Value.(ast.Call)
			if !ok || len(call) < 3 {
				continue
			}
			if op, ok := call[0].Value.(ast.Ref); !ok || !op.Equal(ast.Member.Ref()) && !op.Equal(ast.MemberWithKey.Ref()) {
				continue
			}
			coll, ok := call[len(call)-1].Value.(ast.Ref)
			if !ok {
				continue
			}
			if v, ok := coll[0].Value.(ast.Var); ok {
				if full, ok := aliases[v]; ok {
					coll = full.Concat(coll[1:])
				}
			}
			for _, c := range colls {
				if coll.Equal(c) {
					return true
				}
			}
		}
	}
	return false
}

// kindBound returns the kinds of object that every deny rule of m requires
// at the top level of its body, as `input.kind == "X"` or `input.kind in
// {"X", "Y"}`, and whether each does: on an object of another kind such a
// rule cannot find anything, and the query collecting its results skips it
// through OPA's rule index (see Catalog.collect).
func kindBound(m *ast.Module) ([]string, bool) {
	kinds := map[string]bool{}
	denies := 0
	for _, r := range m.Rules {
		if ref := r.Head.Ref(); len(ref) != 1 || !ref[0].Equal(ast.VarTerm("deny")) {
			continue
		}
		denies++
		ks, ok := requiredKinds(r.Body)
		if !ok {
			return nil, false
		}
		for _, k := range ks {
			kinds[k] = true
		}
	}
	if denies == 0 {
		return nil, false
	}
	return slices.Sorted(maps.Keys(kinds)), true
}

// requiredKinds returns the kinds a top-level expression of body requires
// input.kind to be among.
func requiredKinds(body ast.Body) ([]string, bool) {
	kind := ast.NewTerm(inputKind())
	for _, expr := range body {
		if expr.Negated || len(expr.With) > 0 || !expr.IsCall() || len(expr.Operands()) != 2 {
			continue
		}
		op, args := expr.Operator(), expr.Operands()
		switch {
		case op.Equal(ast.Equal.Ref()) || op.Equal(ast.Equality.Ref()):
			for i, a := range args {
				if s, ok := args[1-i].Value.(ast.String); ok && a.Equal(kind) {
					return []string{string(s)}, true
				}
			}
		case op.Equal(ast.Member.Ref()) && args[0].Equal(kind):
			if ks, ok := stringElems(args[1]); ok {
				return ks, true
			}
		}
	}
	return nil, false
}

// stringElems are the elements of a set or array of strings.
func stringElems(t *ast.Term) ([]string, bool) {
	var elems []*ast.Term
	switch v := t.Value.(type) {
	case ast.Set:
		elems = v.Slice()
	case *ast.Array:
		v.Foreach(func(e *ast.Term) { elems = append(elems, e) })
	default:
		return nil, false
	}
	out := make([]string, 0, len(elems))
	for _, e := range elems {
		s, ok := e.Value.(ast.String)
		if !ok {
			return nil, false
		}
		out = append(out, string(s))
	}
	return out, len(out) > 0
}

// inputKind is the reference input.kind.
func inputKind() ast.Ref { return ast.Ref{ast.InputRootDocument, ast.InternedTerm("kind")} }
