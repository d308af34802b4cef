package policies

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"

	"github.com/hardline-dev/hardline/lint/rule"
)

// mainFile is the file name of the module holding the queries.
const mainFile = "hardline/main.rego"

// mainPackage is the package of the queries.
func mainPackage() ast.Ref {
	return ast.Ref{ast.DefaultRootDocument, ast.InternedTerm("hardline"), ast.InternedTerm("main")}
}

// A Query collects the results of the deny rules of some inputs, as
// [id, result] pairs: what is evaluated for one kind of document.
type Query struct {
	Name   string
	Inputs []rule.Input
	// WithoutPods leaves out the built-in Kubernetes rules that cannot
	// find anything in an object without pods (see podBound). Such a
	// query is not compiled when a user's policy adds to the Kubernetes
	// helpers.
	WithoutPods bool
}

// Program is a set of rules compiled once with the queries that collect
// their results. It is safe for concurrent use.
type Program struct {
	compiler *ast.Compiler
	queries  []string
	// rules are the packages of the rules compiled, by ID.
	rules map[string]ast.Ref
}

// Compile compiles the queries together with the rules they collect that
// enabled selects (nil selects all), the helpers those rules use, and
// every module of a user's policies that is not a rule, used or not, so
// that its errors are reported.
func (c *Catalog) Compile(enabled func(rule.Rule) bool, queries []Query) (*Program, error) {
	return c.compile(enabled, queries, !c.hasUserModules())
}

// compile is Compile, leaving out the checkOnlyStages when skipChecks is
// set.
func (c *Catalog) compile(enabled func(rule.Rule) bool, queries []Query, skipChecks bool) (*Program, error) {
	inputs := map[rule.Input]bool{}
	for _, q := range queries {
		for _, in := range q.Inputs {
			inputs[in] = true
		}
	}
	modules := map[string]*ast.Module{}
	var errs []error
	caps := ast.CapabilitiesForThisVersion()
	add := func(file string) {
		m, err := c.modules[file].parse(file, caps)
		if err != nil {
			errs = append(errs, err)
			return
		}
		modules[file] = m
	}
	isRule := map[string]bool{}
	var selected []rule.Rule
	for _, r := range c.Rules {
		isRule[r.File] = true
		if (enabled == nil || enabled(r)) && inputs[r.Input] {
			selected = append(selected, r)
			add(r.File)
		}
	}
	for _, file := range slices.Sorted(maps.Keys(c.modules)) {
		if !isRule[file] && !c.modules[file].builtin {
			add(file)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	p := &Program{rules: map[string]ast.Ref{}}
	for _, r := range selected {
		p.rules[r.ID] = modules[r.File].Package.Path
	}
	main := &ast.Module{Package: &ast.Package{Path: mainPackage(), Location: mainLocation()}}
	main.SetRegoVersionSpan(ast.RegoVersionSpanOf(ast.RegoV1))
	for _, q := range queries {
		rules, ok := c.collect(q, selected, modules)
		if !ok {
			continue
		}
		for _, r := range rules {
			r.Module = main
			main.Rules = append(main.Rules, r)
		}
		p.queries = append(p.queries, q.Name)
	}
	modules[mainFile] = main
	c.addHelpers(modules, isRule, caps)
	p.compiler = ast.NewCompiler().WithCapabilities(sandbox(caps)).WithEnablePrintStatements(false)
	if skipChecks {
		p.compiler.WithSkipStages(checkOnlyStages()...)
	}
	p.compiler.Compile(modules)
	if p.compiler.Failed() {
		return nil, fmt.Errorf("compile policies: %w", CompileError(p.compiler.Errors))
	}
	return p, nil
}

// checkOnlyStages are the compiler stages that only look for errors. The
// built-in policies have none (TestBuiltinPoliciesPassEveryCheck compiles
// them with every stage), so a program of built-in modules alone skips
// them: they were a fifth of compiling, which a one-file run pays in full.
// Undefined functions are still checked: a helper module left out by
// mistake would otherwise make its callers silently find nothing.
func checkOnlyStages() []ast.StageID {
	return []ast.StageID{
		ast.StageCheckUnusedImports,
		ast.StageCheckKeywordOverrides,
		ast.StageCheckDuplicateImports,
		ast.StageCheckVoidCalls,
		ast.StageCheckRuleConflicts,
		ast.StageCheckRecursion,
		ast.StageCheckTypes,
		ast.StageCheckDeprecatedBuiltins,
		ast.StageBuildRequiredCapabilities,
	}
}

// hasUserModules reports whether the catalogue holds a user's module.
func (c *Catalog) hasUserModules() bool {
	for _, m := range c.modules {
		if !m.builtin {
			return true
		}
	}
	return false
}

// addHelpers adds to modules the built-in modules that are not rules and
// that the modules refer to, directly or through one another.
func (c *Catalog) addHelpers(modules map[string]*ast.Module, isRule map[string]bool, caps *ast.Capabilities) {
	var helpers []string
	for _, file := range slices.Sorted(maps.Keys(c.modules)) {
		if _, added := modules[file]; !added && !isRule[file] && c.modules[file].builtin {
			helpers = append(helpers, file)
		}
	}
	var used []ast.Ref
	for _, m := range modules {
		used = append(used, dataRefs(m)...)
	}
	for len(used) > 0 {
		ref := used[len(used)-1]
		used = used[:len(used)-1]
		helpers = slices.DeleteFunc(helpers, func(file string) bool {
			pkg := c.modules[file].pkg
			if !pkg.HasPrefix(ref) && !ref.HasPrefix(pkg) {
				return false
			}
			m, err := c.modules[file].parse(file, caps)
			if err != nil {
				// A built-in module parses: a test compiles them all.
				return false
			}
			modules[file] = m
			used = append(used, dataRefs(m)...)
			return true
		})
	}
}

// dataRefs are the ground prefixes of the references to data a module
// makes, imports included.
func dataRefs(m *ast.Module) []ast.Ref {
	var out []ast.Ref
	visit := func(ref ast.Ref) bool {
		if ref.HasPrefix(ast.DefaultRootRef) {
			out = append(out, ref.GroundPrefix())
		}
		return false
	}
	for _, imp := range m.Imports {
		if ref, ok := imp.Path.Value.(ast.Ref); ok {
			visit(ref)
		}
	}
	for _, r := range m.Rules {
		ast.WalkRefs(r, visit)
	}
	return out
}

// collect returns the rules of the main module that make up query q over
// the selected rules: for each input,
//
//	name contains [id, r] if {
//		some id
//		some r in data.rules.<input>[id].deny
//	}
//
// or, without pods, one rule for each Kubernetes and image rule that is
// not pod bound (images come from pods), guarded by the kinds every deny
// rule of it requires, if any (see kindBound), so that OPA's rule index
// passes over it on objects of other kinds:
//
//	name contains ["<ID>", r] if {
//		input.kind in {"Role", "ClusterRole"} # when it requires kinds
//		some r in data.rules.<input>.<ID>.deny
//	}
//
// (One rule per Kubernetes rule costs more than the enumeration of every
// rule on objects with pods, which most rules look at.)
// ok is false when the query cannot be compiled (see Query.WithoutPods).
func (c *Catalog) collect(q Query, selected []rule.Rule, modules map[string]*ast.Module) (rules []*ast.Rule, ok bool) {
	if q.WithoutPods {
		for _, lib := range []string{"kubernetes", "image"} {
			ref := ast.Ref{ast.DefaultRootDocument, ast.InternedTerm("lib"), ast.InternedTerm(lib)}
			for _, m := range c.modules {
				if !m.builtin && m.pkg.HasPrefix(ref) {
					// The containers or images may come from elsewhere.
					return nil, false
				}
			}
		}
	}
	for _, in := range q.Inputs {
		if !q.WithoutPods || in != rule.InputKubernetes && in != rule.InputImage {
			rules = append(rules, collectInput(q.Name, in))
			continue
		}
		// selected is sorted by ID, the last segment of each package.
		for _, r := range selected {
			if r.Input != in {
				continue
			}
			m := modules[r.File]
			// Only the built-in rules are judged: a user's package may
			// have more deny rules in another file.
			builtin := r.Builtin && c.modules[r.File].builtin
			if builtin && podBound(m) {
				continue
			}
			var kinds []string
			if builtin {
				kinds, _ = kindBound(m)
			}
			rules = append(rules, collectRule(q.Name, m.Package.Path, kinds))
		}
	}
	return rules, true
}

// collectInput is the rule collecting the deny results of every rule of
// an input, with the last segment of its package as the ID.
func collectInput(name string, in rule.Input) *ast.Rule {
	id, r := ast.VarTerm("id"), ast.VarTerm("r")
	rules := ast.Ref{ast.DefaultRootDocument, ast.StringTerm("rules"), ast.StringTerm(string(in)), id, ast.StringTerm("deny")}
	return collectRule0(name, id, ast.NewBody(
		ast.NewExpr(&ast.SomeDecl{Symbols: []*ast.Term{id}}),
		someIn(r, ast.NewTerm(rules)),
	), r)
}

// collectRule is the rule collecting the deny results of the rule of
// package pkg, with its last segment as the ID, on objects of kinds (any
// object when kinds is empty).
func collectRule(name string, pkg ast.Ref, kinds []string) *ast.Rule {
	r := ast.VarTerm("r")
	var exprs []*ast.Expr
	switch kind := ast.NewTerm(inputKind()); len(kinds) {
	case 0:
	case 1:
		exprs = append(exprs, ast.Equal.Expr(kind, ast.StringTerm(kinds[0])))
	default:
		set := make([]*ast.Term, len(kinds))
		for i, k := range kinds {
			set[i] = ast.StringTerm(k)
		}
		exprs = append(exprs, ast.Member.Expr(kind, ast.SetTerm(set...)))
	}
	exprs = append(exprs, someIn(r, ast.NewTerm(pkg.Append(ast.StringTerm("deny")))))
	return collectRule0(name, pkg[len(pkg)-1].Copy(), ast.NewBody(exprs...), r)
}

// someIn is the expression `some x in coll`.
func someIn(x, coll *ast.Term) *ast.Expr {
	return ast.NewExpr(&ast.SomeDecl{Symbols: []*ast.Term{ast.CallTerm(ast.NewTerm(ast.Member.Ref()), x, coll)}})
}

// collectRule0 is `name contains [id, r] if { body }`, placed in the main
// module's file.
func collectRule0(name string, id *ast.Term, body ast.Body, r *ast.Term) *ast.Rule {
	head := ast.RefHead(ast.Ref{ast.VarTerm(name)})
	head.Name = ast.Var(name)
	head.Key = ast.ArrayTerm(id, r)
	rl := &ast.Rule{Head: head, Body: body}
	loc := mainLocation()
	ast.WalkNodes(rl, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Rule:
			n.Location = loc
		case *ast.Head:
			n.Location = loc
		case *ast.Expr:
			n.Location = loc
		case *ast.Term:
			n.Location = loc
		case *ast.SomeDecl:
			n.Location = loc
		}
		return false
	})
	return rl
}

func mainLocation() *ast.Location { return ast.NewLocation(nil, mainFile, 1, 1) }

// Queries are the names of the queries compiled.
func (p *Program) Queries() []string { return slices.Clone(p.queries) }

// Prepare prepares query name for evaluation, with store as data.
func (p *Program) Prepare(ctx context.Context, name string, store storage.Store) (rego.PreparedEvalQuery, error) {
	if !slices.Contains(p.queries, name) {
		return rego.PreparedEvalQuery{}, fmt.Errorf("no query %s compiled", name)
	}
	return p.prepare(ctx, mainPackage().Append(ast.StringTerm(name)), store)
}

// PrepareRule prepares the deny set of one compiled rule alone, with
// store as data.
func (p *Program) PrepareRule(ctx context.Context, id string, store storage.Store) (rego.PreparedEvalQuery, error) {
	pkg, ok := p.rules[id]
	if !ok {
		return rego.PreparedEvalQuery{}, fmt.Errorf("prepare rule %s: not compiled", id)
	}
	return p.prepare(ctx, pkg.Append(ast.StringTerm("deny")), store)
}

// PrepareBody prepares a query of the caller's, such as a test reading
// the helpers, over the program, with store as data (nil: none).
func (p *Program) PrepareBody(ctx context.Context, query ast.Body, store storage.Store) (rego.PreparedEvalQuery, error) {
	opts := []func(*rego.Rego){rego.ParsedQuery(query), rego.Compiler(p.compiler)}
	if store != nil {
		opts = append(opts, rego.Store(store))
	}
	return rego.New(opts...).PrepareForEval(ctx)
}

func (p *Program) prepare(ctx context.Context, ref ast.Ref, store storage.Store) (rego.PreparedEvalQuery, error) {
	term := ast.NewTerm(ref)
	term.Location = mainLocation()
	query := ast.NewBody(ast.NewExpr(term))
	query[0].Location = term.Location
	return rego.New(rego.ParsedQuery(query), rego.Compiler(p.compiler), rego.Store(store)).PrepareForEval(ctx)
}
