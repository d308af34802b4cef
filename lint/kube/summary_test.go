package kube_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hardline-dev/hardline/lint/kube"
)

// TestSummariesAsDocuments checks that the summary-only reading gives the
// summaries of the documents, in order, over every manifest of examples/,
// policies/testdata and the fuzz corpus, with and without workloads of the
// configuration.
func TestSummariesAsDocuments(t *testing.T) {
	var files []string
	for _, root := range []string{"../../examples", "../../policies/testdata", "testdata"} {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(files) < 50 {
		t.Fatalf("only %d manifests found", len(files))
	}
	parsers := []kube.Parser{
		{},
		{Namespace: "team", Workloads: []kube.Workload{{Kind: "Widget", PodSpec: []string{"spec", "pod"}}}},
	}
	compared := 0
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range parsers {
			var want []ast.Value
			for d := range p.Documents(file, src) {
				if sum := d.Summary(); sum != nil {
					want = append(want, sum)
				}
			}
			got := slices.Collect(p.Summaries(file, src))
			if len(got) != len(want) {
				t.Errorf("%s: %d summaries, want %d", file, len(got), len(want))
				continue
			}
			for i := range want {
				if ast.Compare(got[i], want[i]) != 0 {
					t.Errorf("%s: summary %d:\n got %v\nwant %v", file, i, got[i], want[i])
				}
			}
			compared += len(want)
		}
	}
	if compared < 100 {
		t.Errorf("only %d summaries compared", compared)
	}
}
