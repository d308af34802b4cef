package lint_test

import (
	"context"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/rule"
	"github.com/hardline-dev/hardline/policies"
)

// The engine normalizes trusted_registries once, as lib.image's
// normalize_entry does for each document when it is not given them.
func TestTrustedPrefixMatchesRego(t *testing.T) {
	cat, err := policies.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	prog, err := cat.Compile(nil, []policies.Query{{Name: "image", Inputs: []rule.Input{rule.InputImage}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	pq, err := prog.PrepareBody(ctx, ast.MustParseBody(`x := data.lib.image.normalize_entry(input)`), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, entry := range []string{
		"registry.example.com", "https://Registry.Example.com/", "http://ghcr.io/acme//", "  index.docker.io/library ",
		"registry-1.docker.io", "registry.hub.docker.com/bitnami", "ghcr.io/ACME/App", "docker.io/", "a/b/c/",
		"localhost:5000", "HTTPS://quay.io", "http://https://x", "", "/", "https://", "//x",
	} {
		rs, err := pq.Eval(ctx, rego.EvalInput(entry))
		if err != nil || len(rs) != 1 {
			t.Fatalf("normalize_entry(%q): %v, %v", entry, rs, err)
		}
		if want, got := rs[0].Bindings["x"], lint.TrustedPrefix(entry); got != want {
			t.Errorf("TrustedPrefix(%q) = %q, normalize_entry gives %q", entry, got, want)
		}
	}
}
