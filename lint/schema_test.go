package lint_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/linttest"
	"github.com/hardline-dev/hardline/policies"
)

// compileSchema compiles docs/schema/name, offline.
func compileSchema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "docs", "schema", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.UseLoader(jsonschema.SchemeURLLoader{}) // no network, no files: only what is added
	if err := c.AddResource(name, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(name)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// jsonValue is v as encoding/json would decode it.
func jsonValue(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Every input the parsers give and every result the built-in rules return
// on their testdata and the examples match the published schemas
// (docs/schema).
func TestSchemas(t *testing.T) {
	inputSchema := compileSchema(t, "input.schema.json")
	resultSchema := compileSchema(t, "result.schema.json")
	type traced struct {
		input  ast.Value
		rule   string
		result ast.Value
	}
	var mu sync.Mutex
	var results []traced
	cat, err := policies.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := lint.NewEngine(context.Background(), cat, lint.Options{
		Config:  linttest.Config(),
		Parsers: linttest.Parsers(),
		Trace: func(input ast.Value, rule string, result ast.Value) {
			mu.Lock()
			defer mu.Unlock()
			results = append(results, traced{input, rule, result})
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	var srcs []lint.Source
	for _, root := range []string{"../policies/testdata", "../examples"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if k := linttest.KindOf(p); k != lint.KindUnknown {
				srcs = append(srcs, lint.Source{Path: p, Kind: k})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := eng.Lint(context.Background(), srcs); err != nil {
		t.Fatal(err)
	}
	parsers := linttest.Parsers()
	inputs := 0
	for _, s := range srcs {
		src, err := os.ReadFile(s.Path)
		if err != nil {
			t.Fatal(err)
		}
		for _, doc := range parsers[s.Kind].Parse(s.Path, src) {
			inputs++
			in, err := ast.JSON(doc.Input())
			if err != nil {
				t.Fatal(err)
			}
			if err := inputSchema.Validate(jsonValue(t, in)); err != nil {
				t.Errorf("%s: input does not match docs/schema/input.schema.json: %v", s.Path, err)
			}
		}
	}
	rules := map[string]bool{}
	manifests := false
	for _, r := range results {
		rules[r.rule] = true
		result, err := ast.JSON(r.result)
		if err != nil {
			t.Fatal(err)
		}
		if err := resultSchema.Validate(jsonValue(t, result)); err != nil {
			t.Errorf("%s: result does not match docs/schema/result.schema.json: %v", r.rule, err)
		}
		if in, err := ast.JSON(r.input); err == nil {
			if m, ok := in.(map[string]any); ok && m["type"] == "manifests" && !manifests {
				manifests = true
				if err := inputSchema.Validate(jsonValue(t, in)); err != nil {
					t.Errorf("manifests input does not match docs/schema/input.schema.json: %v", err)
				}
			}
		}
	}
	// The check must have seen something of every kind.
	if inputs < 100 || len(rules) < len(cat.Rules)/2 || !manifests {
		t.Errorf("checked %d inputs, results of %d rules, manifests input %v", inputs, len(rules), manifests)
	}
}
