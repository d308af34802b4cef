package dockerfile_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/hardline-dev/hardline/lint/dockerfile"
	"github.com/hardline-dev/hardline/lint/linttest"
	"github.com/hardline-dev/hardline/lint/rule"
	"github.com/hardline-dev/hardline/policies"
)

// indexQuery reads what the model precomputes (input.programs,
// Command.arg_start) through the helpers that use it.
const indexQuery = `
running := {p: sort([[inst.index, c.range.offset] | some [inst, c] in data.lib.dockerfile.running({p})]) | some p in data.lib.dockerfile.programs}
starts := sort([[inst.index, c.range.offset, data.lib.dockerfile.arg_start(c)] | some [inst, c] in data.lib.dockerfile.commands])
`

// The fields the model precomputes for speed agree with the Rego helpers'
// own definitions, which run when an input lacks them (a policy's tests, a
// hand-written input): on every Dockerfile of the rule testdata, the
// examples and the benchmark corpus.
func TestPrecomputedFieldsMatchHelpers(t *testing.T) {
	cat, err := policies.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	prog, err := cat.Compile(nil, []policies.Query{{Name: "dockerfile", Inputs: []rule.Input{rule.InputDockerfile}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	pq, err := prog.PrepareBody(ctx, ast.MustParseBody(indexQuery), nil)
	if err != nil {
		t.Fatal(err)
	}
	files := dockerfiles(t)
	commands := 0
	for name, src := range files {
		t.Run(name, func(t *testing.T) {
			m := dockerfile.ParseModel(name, src)
			for _, in := range m.Instructions {
				commands += len(in.Commands)
			}
			fast := eval(ctx, t, pq, m, false)
			slow := eval(ctx, t, pq, m, true)
			if diff := cmp.Diff(slow, fast); diff != "" {
				t.Errorf("precomputed (+) and computed (-) differ:\n%s", diff)
			}
		})
	}
	if commands < 100 {
		t.Fatalf("only %d commands read: the test reads too few files", commands)
	}
}

// dockerfiles are the Dockerfiles of the rule testdata, the examples, this
// package's testdata and the benchmark corpus, by name.
func dockerfiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, root := range []string{"../../policies/testdata", "../../examples", "testdata"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.Contains(filepath.Base(p), "Dockerfile") || strings.HasSuffix(p, ".golden") {
				return err
			}
			src, err := os.ReadFile(p)
			files[p] = src
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := range linttest.CorpusDockerfileKinds {
		var b bytes.Buffer
		linttest.CorpusDockerfile(&b, i)
		files["corpus-"+string(rune('0'+i))] = b.Bytes()
	}
	return files
}

// The Rego input built term by term is the model's JSON form, which
// docs/schema/input.schema.json describes.
func TestValueIsTheModelAsJSON(t *testing.T) {
	files := dockerfiles(t)
	for name, src := range files {
		t.Run(name, func(t *testing.T) {
			m := dockerfile.ParseModel(name, src)
			b, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			var in map[string]any
			if err := json.Unmarshal(b, &in); err != nil {
				t.Fatal(err)
			}
			in["type"] = "dockerfile"
			want, err := ast.InterfaceToValue(in)
			if err != nil {
				t.Fatal(err)
			}
			if got := m.Value(); got.Compare(want) != 0 {
				t.Errorf("Value() = %v\nwant %v", got, want)
			}
		})
	}
}

// eval evaluates the query on the model's input; bare removes the fields
// the model precomputes.
func eval(ctx context.Context, t *testing.T, pq rego.PreparedEvalQuery, m *dockerfile.Model, bare bool) any {
	t.Helper()
	var opts []rego.EvalOption
	if bare {
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		var in map[string]any
		if err := json.Unmarshal(b, &in); err != nil {
			t.Fatal(err)
		}
		in["type"] = "dockerfile"
		delete(in, "programs")
		insts, _ := in["instructions"].([]any)
		for _, inst := range insts {
			obj, _ := inst.(map[string]any)
			cs, _ := obj["commands"].([]any)
			for _, c := range cs {
				if cmd, ok := c.(map[string]any); ok {
					delete(cmd, "arg_start")
				}
			}
		}
		opts = append(opts, rego.EvalInput(in))
	} else {
		opts = append(opts, rego.EvalParsedInput(m.Value()))
	}
	rs, err := pq.Eval(ctx, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 {
		t.Fatalf("%d results", len(rs))
	}
	return rs[0].Bindings
}

// A wrapper's option value that names the program is not where the
// program's arguments start.
func TestArgStartSkipsWrapperOptions(t *testing.T) {
	for src, want := range map[string]int{
		"FROM alpine\nRUN sudo -u bash bash -c id\n":       3,
		"FROM alpine\nRUN env -u curl curl -k https://x\n": 3,
		"FROM alpine\nRUN curl -k https://x\n":             0,
		"FROM alpine\nRUN sudo -u root\n":                  2,
	} {
		m := dockerfile.ParseModel("Dockerfile", []byte(src))
		cmds := m.Instructions[len(m.Instructions)-1].Commands
		if len(cmds) == 0 || cmds[0].ArgStart != want {
			t.Errorf("%q: commands %+v, want arg_start %d", src, cmds, want)
		}
	}
}
