package policies

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is the outcome of one Rego test rule.
type TestResult struct {
	File    string
	Package string
	Name    string
	Fail    bool
	// Output says why a test failed or could not run.
	Output string
}

// RunTests runs the _test.rego files of cat that include selects, with
// every policy module of cat loaded, under the same capabilities as linting.
func RunTests(ctx context.Context, cat *Catalog, include func(file string) bool) ([]TestResult, error) {
	modules := map[string]*ast.Module{}
	var errs []error
	caps := ast.CapabilitiesForThisVersion()
	for name, m := range cat.modules {
		mod, err := m.parse(name, caps)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		modules[name] = mod
	}
	for _, name := range slices.Sorted(maps.Keys(cat.Tests)) {
		if include != nil && !include(name) {
			continue
		}
		m, err := ast.ParseModuleWithOpts(name, cat.Tests[name], ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1, Capabilities: caps})
		if err != nil {
			errs = append(errs, fmt.Errorf("parse policy: %w", err))
			continue
		}
		modules[name] = m
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	compiler := ast.NewCompiler().WithCapabilities(sandbox(caps)).WithEnablePrintStatements(true)
	store := inmem.New()
	txn, err := store.NewTransaction(ctx)
	if err != nil {
		return nil, fmt.Errorf("run policy tests: %w", err)
	}
	defer store.Abort(ctx, txn)
	ch, err := tester.NewRunner().SetCompiler(compiler).SetStore(store).SetModules(modules).EnableTracing(false).RunTests(ctx, txn)
	if err != nil {
		return nil, fmt.Errorf("run policy tests: %w", CompileError(err))
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{Package: strings.TrimPrefix(r.Package, "data."), Name: r.Name, Fail: r.Fail || r.Error != nil}
		if r.Location != nil {
			tr.File = r.Location.File
		}
		switch {
		case r.Error != nil:
			tr.Output = r.Error.Error()
		case r.Fail && r.FailedAt != nil:
			tr.Output = fmt.Sprintf("failed at %s: %s", r.FailedAt.Location, r.FailedAt)
		}
		if tr.Fail && tr.Output == "" {
			tr.Output = "the test's body was false or undefined"
		}
		if len(r.Output) > 0 {
			tr.Output = strings.TrimSpace(tr.Output + "\n" + string(r.Output))
		}
		out = append(out, tr)
	}
	slices.SortFunc(out, func(a, b TestResult) int {
		return strings.Compare(a.Package+"."+a.Name, b.Package+"."+b.Name)
	})
	return out, nil
}
