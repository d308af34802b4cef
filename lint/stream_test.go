package lint_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/linttest"
)

// TestStreamOrder checks that Stream hands every file's findings over in
// the order of Lint's sorted report, whatever the order of the sources,
// and that reading ahead for the summaries of the rules over every
// manifest (when too many findings would be held) changes nothing.
func TestStreamOrder(t *testing.T) {
	dir := t.TempDir()
	var srcs []lint.Source
	for i := range 12 {
		var b bytes.Buffer
		for j := range 4 {
			if j > 0 {
				b.WriteString("---\n")
			}
			linttest.CorpusDoc(&b, i, j, 4)
		}
		path := filepath.Join(dir, fmt.Sprintf("app-%02d.yaml", i))
		if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, lint.Source{Path: path, Kind: lint.KindYAML})
	}
	srcs = append(srcs, lint.Source{Path: "../examples/insecure/Dockerfile", Kind: lint.KindDockerfile})
	slices.Reverse(srcs)
	eng := linttest.Engine(t)
	ctx := context.Background()
	want, err := eng.Lint(ctx, srcs)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(want.Findings, func(f lint.Finding) bool { return f.RuleID == "KS020" }) {
		t.Fatal("no finding of a rule over every manifest (KS020): the test checks nothing")
	}
	for _, hold := range []int{0, 10, 1 << 30} {
		t.Run(fmt.Sprint("hold ", hold), func(t *testing.T) {
			var got []lint.Finding
			var files []string
			rep, err := eng.StreamHolding(ctx, srcs, func(fs []lint.Finding) error {
				for _, f := range fs {
					if f.File != fs[0].File {
						t.Errorf("one call holds findings of %s and %s", fs[0].File, f.File)
					}
				}
				files = append(files, fs[0].File)
				got = append(got, fs...)
				return nil
			}, hold)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.IsSorted(files) || len(slices.Compact(slices.Clone(files))) != len(files) {
				t.Errorf("files handed over in the order %v", files)
			}
			rep.Findings = got
			if diff := cmp.Diff(want, rep, cmpopts.EquateEmpty(), cmp.AllowUnexported(lint.Finding{})); diff != "" {
				t.Errorf("-Lint +Stream:\n%s", diff)
			}
		})
	}
}

// TestStreamSinkError checks that an error of the sink stops the run and
// is returned.
func TestStreamSinkError(t *testing.T) {
	eng := linttest.Engine(t)
	srcs := []lint.Source{
		{Path: "../examples/insecure/Dockerfile", Kind: lint.KindDockerfile},
		{Path: "../examples/kubernetes/deployment-defaults.yaml", Kind: lint.KindYAML},
	}
	calls := 0
	stop := errors.New("disk full")
	_, err := eng.Stream(context.Background(), srcs, func([]lint.Finding) error {
		calls++
		return stop
	})
	if calls != 1 || err == nil || !errors.Is(err, stop) {
		t.Errorf("sink called %d times, error %v; want once, %v", calls, err, stop)
	}
}
