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
	"github.com/hardline-dev/hardline/policies"
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
	// Objects in a List: the results of rules over every manifest name
	// them by their place in it (object_path).
	list := filepath.Join(dir, "list.yaml")
	if err := os.WriteFile(list, []byte(`apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: settings, namespace: team-0}
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: listed, namespace: team-0}
  spec:
    selector: {matchLabels: {app: listed}}
    template:
      metadata: {labels: {app: listed}}
      spec:
        containers:
        - name: app
          image: registry.example.com/listed:1.0
`), 0o600); err != nil {
		t.Fatal(err)
	}
	srcs = append(srcs,
		lint.Source{Path: list, Kind: lint.KindYAML},
		lint.Source{Path: "../examples/insecure/Dockerfile", Kind: lint.KindDockerfile})
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
	// Results placed by a path, with a fix: in the files read for their
	// summaries first, they are placed as the file is linted, not by
	// reading it again, and must come out the same.
	for _, file := range []string{filepath.Join(dir, "app-00.yaml"), list} {
		if !slices.ContainsFunc(want.Findings, func(f lint.Finding) bool { return f.RuleID == "KS023" && f.File == file && len(f.Fixes) > 0 }) {
			t.Fatalf("no KS023 finding with a fix in %s: the test checks nothing", file)
		}
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

// TestStreamInParts checks that a file handed over in parts, as its
// documents are done, makes the report Lint makes of it whole: the same
// findings in the same order, suppressed alike, with the findings of
// suppressions that silence nothing (of a line, an object or the file)
// and of the rules over every manifest in their places. It runs on every
// YAML file of the examples and testdata and on a file of many documents
// that suppresses in every way.
func TestStreamInParts(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("# hardline global ignore=KS011 limits come from the namespace's LimitRange\n")
	// A List (kubectl get -o yaml) of Pods, some privileged, some with an
	// annotation: handed over item by item too.
	listStart := bytes.Count(b.Bytes(), []byte("\n")) + 1
	b.WriteString("apiVersion: v1\nkind: List\nitems:\n")
	for j := range 40 {
		fmt.Fprintf(&b, "  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: item-%d\n", j)
		if j%3 == 0 {
			b.WriteString("      annotations:\n        hardline.dev/ignore: \"KS006,KS011,KS023 a device plugin\"\n")
		}
		fmt.Fprintf(&b, "    spec:\n      containers:\n        - name: c\n          image: registry.example.com/app:1.%d\n", j)
		if j%2 == 0 {
			b.WriteString("          securityContext:\n            privileged: true\n")
		}
	}
	listEnd := bytes.Count(b.Bytes(), []byte("\n"))
	for j := range 60 {
		b.WriteString("---\n")
		switch j % 6 {
		case 1:
			fmt.Fprintf(&b, `apiVersion: v1
kind: Pod
metadata:
  name: pod-%d
  annotations:
    hardline.dev/ignore: "KS003,KS999 writes to /data KS006"
spec:
  containers:
    - name: app
      image: registry.example.com/app:1.%d
      # hardline ignore=KS006 a device plugin
      securityContext:
        privileged: true
`, j, j)
		case 3:
			fmt.Fprintf(&b, `# hardline ignore=KS019 nothing here
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a-%d, annotations: {hardline.dev/ignore: "KS001 runs as root by design"}}
    spec: {containers: [{name: c, image: nginx}]}
  - apiVersion: v1
    kind: Pod
    metadata: {name: b-%d}
    spec: {containers: [{name: c, image: nginx}]}
`, j, j)
		case 5:
			if j == 29 {
				// Silencing nothing, it holds what follows it.
				b.WriteString("# hardline global ignore=KS019 no Windows nodes\n")
			}
			fallthrough
		default:
			linttest.CorpusDoc(&b, 0, j, 4)
		}
	}
	dir := t.TempDir()
	many := filepath.Join(dir, "many.yaml")
	if err := os.WriteFile(many, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	srcs := append([]lint.Source{{Path: many, Kind: lint.KindYAML}}, manifestSources(t)...)
	cat, err := policies.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, inline := range []bool{true, false} {
		eng, err := lint.NewEngine(ctx, cat, lint.Options{Config: linttest.Config(), Parsers: linttest.Parsers(), NoInlineSuppressions: !inline})
		if err != nil {
			t.Fatal(err)
		}
		t.Run(fmt.Sprint("inline suppressions ", inline), func(t *testing.T) {
			// calls counts the calls that hand over findings of the List.
			stream := func(srcs []lint.Source, hold int, partSize int64) (*lint.Report, int) {
				var got []lint.Finding
				calls := 0
				rep, err := eng.StreamInParts(ctx, srcs, func(fs []lint.Finding) error {
					if fs[0].File == many && fs[0].Range.Line > listStart && fs[0].Range.Line <= listEnd {
						calls++
					}
					got = append(got, fs...)
					return nil
				}, hold, partSize)
				if err != nil {
					t.Fatal(err)
				}
				rep.Findings = got
				return rep, calls
			}
			// Linted once the summaries are read (hold 0); stopped past
			// the findings it may hold, then read for its summaries and
			// linted again (hold 100, the file alone); linted whole while
			// its findings are held (a big hold).
			for _, srcs := range [][]lint.Source{srcs, srcs[:1]} {
				want, _ := stream(srcs, 1<<30, 1<<62)
				for _, hold := range []int{0, 100, 1 << 30} {
					got, calls := stream(srcs, hold, 0)
					if parts := hold < 1<<30; parts != (calls > 10) {
						t.Errorf("%d files, hold %d: %s handed over in %d calls", len(srcs), hold, many, calls)
					}
					if diff := cmp.Diff(want, got, cmpopts.EquateEmpty(), cmp.AllowUnexported(lint.Finding{})); diff != "" {
						t.Errorf("%d files, hold %d: -whole +in parts:\n%s", len(srcs), hold, diff)
					}
				}
			}
			want, _ := stream(srcs, 1<<30, 1<<62)
			count := func(ok func(lint.Finding) bool) int {
				n := 0
				for _, f := range want.Findings {
					if f.File == many && ok(f) {
						n++
					}
				}
				return n
			}
			suppressed := count(func(f lint.Finding) bool { return f.Suppression != nil })
			unused := count(func(f lint.Finding) bool { return f.RuleID == lint.UnusedManifestRule })
			manifests := count(func(f lint.Finding) bool { return f.RuleID == "KS020" || f.RuleID == "KS023" })
			// KS023's results are placed by a path in their object as it is
			// linted, some of them suppressed by the object's annotation.
			placed := count(func(f lint.Finding) bool { return f.RuleID == "KS023" && len(f.Fixes) > 0 })
			placedSuppressed := count(func(f lint.Finding) bool { return f.RuleID == "KS023" && f.Suppression != nil })
			if inline && (suppressed == 0 || unused < 3 || placedSuppressed == 0) || manifests == 0 || placed == 0 {
				t.Errorf("%s has %d suppressed findings, %d of suppressions silencing nothing, %d of rules over every manifest, %d KS023 with a fix (%d suppressed): the test checks too little",
					many, suppressed, unused, manifests, placed, placedSuppressed)
			}
		})
	}
}

// Every finding on the examples and testdata has the fingerprint of its
// line, the rules over every manifest's among them (placed by a path, or
// at a range of an RBAC object's rules, subjects or roleRef).
func TestEveryFindingHasAFingerprint(t *testing.T) {
	rep, err := linttest.Engine(t).Lint(context.Background(), manifestSources(t))
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, f := range rep.Findings {
		rules[f.RuleID] = true
		src, err := os.ReadFile(f.File)
		if err != nil {
			t.Fatal(err)
		}
		if want := lint.LineHashes(src)[f.Range.Line-1]; f.Fingerprint != want {
			t.Errorf("%s:%d: %s has fingerprint %q, want %q", f.File, f.Range.Line, f.RuleID, f.Fingerprint, want)
		}
	}
	for _, id := range []string{"KS020", "KS023", "KS040", "KS041", "KS047"} {
		if !rules[id] {
			t.Errorf("no finding of %s: the test checks too little", id)
		}
	}
}

// manifestSources are the YAML files of examples/ and of the rules'
// testdata.
func manifestSources(t *testing.T) []lint.Source {
	t.Helper()
	var srcs []lint.Source
	for _, root := range []string{"../examples", "../policies/testdata"} {
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (filepath.Ext(path) == ".yaml" || filepath.Ext(path) == ".yml") {
				srcs = append(srcs, lint.Source{Path: path, Kind: lint.KindYAML})
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return srcs
}

// A user's rule over every manifest whose results about an object of a
// file handed over in parts point outside the object: at a range of the
// summary, with a fix, and at a path into an earlier item of its List.
// Those are placed by reading the file again, not as the object is
// linted, and the file is handed over in the order of a whole one.
const placementRule = `# METADATA
# title: Results about an object, placed elsewhere
# custom:
#   id: ACME902
#   name: placed-elsewhere
#   severity: info
#   input: manifests
package rules.manifests.ACME902

deny contains {
	"msg": "at the first item's kind, with a fix", "range": first.range, "path": array.concat(o.object_path, ["metadata"]),
	"file": o.file, "document": o.document, "object_path": o.object_path,
	"fix": {"title": "label it", "edits": [{"op": "set", "path": array.concat(o.object_path, ["metadata", "labels", "checked"]), "value": "yes"}]},
} if {
	some o in input.objects
	o.kind == "Pod"
	some first in input.objects
	first.document == o.document
	first.object_path == ["items", 0]
}

deny contains {
	"msg": "at the first item", "path": ["items", 0, "metadata"],
	"file": o.file, "document": o.document, "object_path": o.object_path,
} if {
	some o in input.objects
	o.kind == "Pod"
	count(o.object_path) == 2
	o.object_path[1] > 1
}

deny contains {
	"msg": "in the object", "path": array.concat(o.object_path, ["spec"]),
	"file": o.file, "document": o.document, "object_path": o.object_path,
} if {
	some o in input.objects
	o.kind == "Pod"
}
`

func TestStreamInPartsPlacesElsewhere(t *testing.T) {
	var b bytes.Buffer
	for j := range 30 {
		if j%10 == 0 {
			b.WriteString("---\napiVersion: v1\nkind: List\nitems:\n")
		}
		fmt.Fprintf(&b, "  - apiVersion: v1\n    kind: Pod\n    metadata: {name: p-%d}\n    spec:\n      containers: [{name: c, image: nginx}]\n", j)
	}
	many := filepath.Join(t.TempDir(), "pods.yaml")
	if err := os.WriteFile(many, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	eng, err := lint.NewEngine(context.Background(), builtinWith(t, "ACME902_rule.rego", placementRule), lint.Options{Config: linttest.Config(), Parsers: linttest.Parsers()})
	if err != nil {
		t.Fatal(err)
	}
	stream := func(hold int, partSize int64) []lint.Finding {
		var got []lint.Finding
		if _, err := eng.StreamInParts(context.Background(), []lint.Source{{Path: many, Kind: lint.KindYAML}}, func(fs []lint.Finding) error {
			got = append(got, fs...)
			return nil
		}, hold, partSize); err != nil {
			t.Fatal(err)
		}
		return got
	}
	want := stream(1<<30, 1<<62)
	kinds := map[string]int{}
	for _, f := range want {
		if f.RuleID == "ACME902" {
			kinds[f.Message]++
		}
	}
	if kinds["at the first item's kind, with a fix"] != 30 || kinds["at the first item"] != 24 || kinds["in the object"] != 30 {
		t.Fatalf("ACME902 findings by message: %v", kinds)
	}
	for _, hold := range []int{0, 100} {
		got := stream(hold, 0)
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty(), cmp.AllowUnexported(lint.Finding{})); diff != "" {
			t.Errorf("hold %d: -whole +in parts:\n%s", hold, diff)
		}
	}
}
