package policies

import "github.com/open-policy-agent/opa/v1/ast"

// Rules that only look at pods cost evaluation time on every object that
// has none (a Service, a ConfigMap), about 5 µs each. A query with
// Query.WithoutPods leaves those rules out.

// podCollections are the references whose elements exist only when the
// object has pods: an empty input.pods makes them empty.
func podCollections() []ast.Ref {
	return []ast.Ref{
		{ast.InputRootDocument, ast.InternedTerm("pods")},
		{ast.DefaultRootDocument, ast.InternedTerm("lib"), ast.InternedTerm("kubernetes"), ast.InternedTerm("containers")},
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
