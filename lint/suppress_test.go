package lint_test

import (
	"context"
	"testing"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/linttest"
)

func TestSuppressions(t *testing.T) {
	eng := linttest.Engine(t)
	dockerfile := `# hardline global ignore=DF009 health comes from the orchestrator
FROM ubuntu:22.04
# hardline ignore=DF007,full-os-base-image the installer needs sudo
RUN apt-get update && \
    sudo apt-get install -y curl
RUN sudo true
USER root
`
	manifest := `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    hardline.dev/ignore: "KS011,service-account-token batch job"
spec:
  containers:
    # hardline ignore=KS003 writes to /data
    - name: app
      image: alpine:3.22
      securityContext:
        allowPrivilegeEscalation: true # hardline ignore=privilege-escalation
`
	rep, err := eng.Lint(context.Background(), []lint.Source{
		{Path: "Dockerfile", Kind: lint.KindDockerfile, Src: []byte(dockerfile)},
		{Path: "pod.yaml", Kind: lint.KindYAML, Src: []byte(manifest)},
	})
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		file, rule string
		line       int
	}
	got := map[key]*lint.Suppression{}
	for _, f := range rep.Findings {
		got[key{f.File, f.RuleID, f.Range.Line}] = f.Suppression
	}
	for _, tc := range []struct {
		key
		kind, reason string // kind "" means not suppressed
	}{
		{key{"Dockerfile", "DF009", 2}, "comment", "health comes from the orchestrator"},
		{key{"Dockerfile", "DF007", 5}, "comment", "the installer needs sudo"},
		{key{"Dockerfile", "DF007", 6}, "", ""},
		{key{"Dockerfile", "DF001", 7}, "", ""},
		{key{"pod.yaml", "KS011", 10}, "annotation", "batch job"},
		{key{"pod.yaml", "KS023", 7}, "annotation", "batch job"},
		{key{"pod.yaml", "KS003", 12}, "comment", "writes to /data"},
		{key{"pod.yaml", "KS002", 13}, "comment", ""},
		{key{"pod.yaml", "KS004", 12}, "", ""},
	} {
		s, ok := got[tc.key]
		switch {
		case !ok:
			t.Errorf("%v: no finding", tc.key)
		case tc.kind == "" && s != nil:
			t.Errorf("%v: suppressed by %+v, want reported", tc.key, s)
		case tc.kind != "" && (s == nil || s.Kind != tc.kind || s.Justification != tc.reason):
			t.Errorf("%v: suppression %+v, want %s %q", tc.key, s, tc.kind, tc.reason)
		}
	}
	// An ignore is unused only when it silences nothing at all: the one
	// naming DF007 and full-os-base-image silences DF007.
	for _, f := range rep.Findings {
		if f.RuleID == lint.UnusedDockerfileRule || f.RuleID == lint.UnusedManifestRule {
			t.Errorf("unexpected unused-suppression finding %s:%d %s", f.File, f.Range.Line, f.Message)
		}
	}
}

// TestSuppressionsInDataAreText: lines that look like suppressions inside
// a heredoc body, a block scalar or a quoted string are data, not
// comments, and silence nothing.
func TestSuppressionsInDataAreText(t *testing.T) {
	eng := linttest.Engine(t)
	for _, tc := range []struct {
		name, file string
		kind       lint.Kind
		src        string
		rules      []string // reported, not suppressed
	}{
		{"COPY heredoc", "Dockerfile", lint.KindDockerfile, `FROM ubuntu:22.04
COPY <<EOT /etc/motd
# hardline global ignore=DF006,DF001
EOT
RUN sudo true
`, []string{"DF001", "DF007"}},
		{"RUN heredoc", "Dockerfile", lint.KindDockerfile, `FROM ubuntu:22.04
RUN <<EOF
# hardline global ignore=DF001,DF007
sudo true
EOF
`, []string{"DF001", "DF007"}},
		{"block scalar", "pods.yaml", lint.KindYAML, `apiVersion: v1
kind: ConfigMap
metadata:
  name: c
data:
  motd: |
    # hardline global ignore=KS006
    hello
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: alpine:3.22
      securityContext:
        privileged: true
`, []string{"KS006"}},
		{"folded scalar", "pods.yaml", lint.KindYAML, `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    note: >-
      # hardline global ignore=KS006
spec:
  containers:
    - name: app
      image: alpine:3.22
      securityContext:
        privileged: true
`, []string{"KS006"}},
		{"quoted scalars", "pods.yaml", lint.KindYAML, `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    a: "x
      # hardline global ignore=KS006
      y"
    b: 'x # hardline global ignore=KS006'
    "c # hardline global ignore=KS006": x
spec:
  containers:
    - name: app
      image: alpine:3.22
      securityContext:
        privileged: true
`, []string{"KS006"}},
		{"shell heredoc and strings", "run.sh", lint.KindShell, "#!/bin/sh\ncat <<EOF\n# hardline global ignore=RT001\nEOF\necho '# hardline global ignore=RT001'\ndocker run --privileged alpine:3.22\n", []string{"RT001"}},
		{"compose block scalar", "compose.yaml", lint.KindCompose, "services:\n  app:\n    image: alpine:3.22\n    privileged: true\n    labels:\n      note: |\n        # hardline global ignore=RT001\n", []string{"RT001"}},
		{"workflow run script", "ci.yml", lint.KindWorkflow, "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          # hardline global ignore=RT001\n          docker run --privileged alpine:3.22\n", []string{"RT001"}},
		{"inside a word", "pods.yaml", lint.KindYAML, `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    a: x#hardline global ignore=KS006
spec:
  containers:
    - name: app
      image: alpine:3.22
      securityContext:
        privileged: true
`, []string{"KS006"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := eng.Lint(context.Background(), []lint.Source{{Path: tc.file, Kind: tc.kind, Src: []byte(tc.src)}})
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range tc.rules {
				found := false
				for _, f := range rep.Findings {
					if f.RuleID == id {
						found = true
						if f.Suppression != nil {
							t.Errorf("%s at line %d is suppressed by text that is not a comment", id, f.Range.Line)
						}
					}
				}
				if !found {
					t.Errorf("no %s finding", id)
				}
			}
			for _, f := range rep.Findings {
				if f.RuleID == lint.UnusedDockerfileRule || f.RuleID == lint.UnusedManifestRule {
					t.Errorf("text reported as an unused suppression: %s:%d %s", f.File, f.Range.Line, f.Message)
				}
			}
		})
	}
}

// An annotation covers its own object: on an item of a List, not the
// other items; and a Pod's annotation, read as the object's and as its
// pod's, is one suppression.
func TestAnnotationCoversItsObject(t *testing.T) {
	src := `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata:
      name: a
    spec:
      containers:
        - name: c
          image: registry.example.com/app:1.0
          securityContext:
            privileged: true
  - apiVersion: v1
    kind: Pod
    metadata:
      name: b
      annotations:
        hardline.dev/ignore: "KS006 b needs a device"
    spec:
      containers:
        - name: c
          image: registry.example.com/app:1.0
`
	rep, err := linttest.Engine(t).Lint(context.Background(), []lint.Source{{Path: "list.yaml", Kind: lint.KindYAML, Src: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	var privileged, unused []lint.Finding
	for _, f := range rep.Findings {
		switch f.RuleID {
		case "KS006":
			privileged = append(privileged, f)
		case lint.UnusedManifestRule:
			unused = append(unused, f)
		}
	}
	if len(privileged) != 1 || privileged[0].Suppression != nil || privileged[0].Range.Line != 13 {
		t.Errorf("KS006 findings %+v, want one on line 13, not suppressed", privileged)
	}
	if len(unused) != 1 || unused[0].Range.Line != 19 {
		t.Errorf("%s findings %+v, want one on line 19", lint.UnusedManifestRule, unused)
	}
}
