package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The cases of manifests that kubectl applies dangerously and that must not
// pass silently, each at its line.
const kubectlCases = `apiVersion: v1
kind: Pod
metadata:
  name: yaml11
  namespace: shop
spec:
  hostNetwork: on
  hostPID: y
  containers:
    - name: web
      image: registry.example.com/web:1.0
      securityContext:
        privileged: yes
        allowPrivilegeEscalation: no
        readOnlyRootFilesystem: on
---
apiVersion: v1
kind: !!binary UG9k
metadata:
  name: binary
  namespace: shop
spec:
  containers:
    - name: web
      image: registry.example.com/web:1.0
      securityContext:
        privileged: true
---
apiVersion: v1
kind: Pod
metadata:
  name: shapes
  namespace: shop
spec:
  hostNetwork: "yes"
  containers:
    - name: web
      image: registry.example.com/web:1.0
      securityContext: "privileged"
  volumes:
    - hostPath:
        path: /etc
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: rollout
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:latest
          securityContext:
            privileged: true
---
apiVersion: ci.example.com/v1
kind: Runner
metadata:
  name: runner
  namespace: shop
spec:
  runner:
    template:
      spec:
        containers:
          - name: web
            image: registry.example.com/web:1.0
            securityContext:
              privileged: true
`

func TestReadsManifestsAsKubectl(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "cases.yaml")
	if err := os.WriteFile(file, []byte(kubectlCases), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "cfg.yaml")
	if err := os.WriteFile(cfg, []byte("workloads:\n  - {apiVersion: ci.example.com/v1, kind: Runner, podSpec: spec.runner.template.spec}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, rep := lintJSON(t, "--config", cfg, file)
	for _, w := range []struct {
		rule string
		line int
	}{
		{"KS007", 7}, {"KS007", 8}, {"KS006", 13}, // YAML 1.1 booleans
		{"KS006", 27},                // kind: !!binary UG9k
		{"KS000", 35}, {"KS000", 39}, // hostNetwork: "yes", securityContext: "privileged"
		{"KS000", 41}, {"KS008", 41}, // a hostPath volume without a name
		{"KS006", 56}, {"IM001", 54}, // Argo Rollout
		{"KS006", 71}, // a kind mapped in the configuration
	} {
		if !has(rep, w.rule, file, w.line) {
			t.Errorf("no %s at line %d", w.rule, w.line)
		}
	}
	for _, f := range rep.Findings {
		if f.Line < 17 && (f.Rule == "KS002" || f.Rule == "KS003") {
			t.Errorf("false positive: %s at line %d: %s", f.Rule, f.Line, f.Message)
		}
	}
	for _, n := range rep.Notices {
		if strings.Contains(n.Message, "Runner") {
			t.Errorf("a configured kind gets a notice: %s", n.Message)
		}
	}

	// Without the configuration, the Runner's containers get a notice.
	empty := filepath.Join(dir, "empty.yaml")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, rep = lintJSON(t, "--config", empty, file)
	if has(rep, "KS006", file, 71) {
		t.Error("the unknown kind was read at a path hardline cannot know")
	}
	found := false
	for _, n := range rep.Notices {
		found = found || (strings.Contains(n.Message, "Runner") && strings.Contains(n.Message, "spec.runner.template.spec.containers"))
	}
	if !found {
		t.Errorf("no notice for the unread containers of the Runner: %+v", rep.Notices)
	}
}
