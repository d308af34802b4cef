package lint_test

import (
	"context"
	"testing"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/dockerfile"
	"github.com/hardline-dev/hardline/lint/kube"
	"github.com/hardline-dev/hardline/lint/linttest"
)

// FuzzSuppressions lints fuzzed Dockerfiles and manifests that hold
// suppression comments, in data and in comments. It checks that nothing
// panics, that the parsers' data spans lie within the file, and that every
// finding reporting a suppression points at a "#" of the file.
func FuzzSuppressions(f *testing.F) {
	for _, s := range []string{
		"FROM ubuntu:22.04\n# hardline ignore=DF001 reason\nUSER root\n",
		"FROM ubuntu:22.04\nCOPY <<EOT /x\n# hardline global ignore=DF001\nEOT\n",
		"FROM a\nRUN <<EOF\n# hardline global ignore=all\nEOF\n# hardline global ignore=DF009\n",
		"apiVersion: v1\nkind: Pod\nmetadata:\n  name: p # hardline ignore=KS006\n  annotations:\n    a: |\n      # hardline global ignore=KS006\n",
		"a: 'x # hardline global ignore=KS001'\nb: \"y\n  # hardline global ignore=KS001\"\n# hardline global ignore=KS999\n",
		"k: >+\n  # hardline global ignore=KS006\n\n# hardline ignore=KS006\n",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	eng := linttest.Engine(f)
	f.Fuzz(func(t *testing.T, src string, yaml bool) {
		if len(src) > 4096 {
			return
		}
		kind, path := lint.KindDockerfile, "Dockerfile"
		var spans [][2]int
		if yaml {
			kind, path = lint.KindYAML, "fuzz.yaml"
			spans = kube.Parser{}.DataSpans([]byte(src))
		} else {
			spans = dockerfile.Parser{}.DataSpans([]byte(src))
		}
		for _, sp := range spans {
			if sp[0] < 0 || sp[0] > sp[1] || sp[1] > len(src) {
				t.Fatalf("data span %v outside the file of %d bytes", sp, len(src))
			}
		}
		rep, err := eng.Lint(context.Background(), []lint.Source{{Path: path, Kind: kind, Src: []byte(src)}})
		if err != nil {
			return // an evaluation error is not what this target looks for
		}
		for _, fd := range rep.Findings {
			if fd.RuleID != lint.UnusedDockerfileRule && fd.RuleID != lint.UnusedManifestRule {
				continue
			}
			r := fd.Range
			if r.Offset < 0 || r.Offset >= len(src) || src[r.Offset] != '#' {
				t.Fatalf("%s at offset %d does not point at a '#': %q", fd.RuleID, r.Offset, src)
			}
			for _, sp := range spans {
				if r.Offset >= sp[0] && r.Offset < sp[1] {
					t.Fatalf("%s reports a suppression inside data %v: %q", fd.RuleID, sp, src)
				}
			}
		}
	})
}
