package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestLintRenderedExamples lints the example chart and overlay rendered,
// and checks where findings land and how many there are.
func TestLintRenderedExamples(t *testing.T) {
	const chart = "../../examples/helm/webapp"
	const overlay = "../../examples/kustomize/overlays/prod"
	// The rules as they are, not as examples/.hardline.yaml sets them.
	code, rep := lintJSON(t, "--config", emptyConfig(t), "../../examples/helm", "../../examples/kustomize")
	if code != exitFindings {
		t.Fatalf("exit code %d, want %d", code, exitFindings)
	}
	for _, want := range []struct {
		rule, file string
		line       int
		mapping    string
	}{
		// The scaffold's securityContext: {} in values.yaml.
		{"KS002", chart + "/values.yaml", 17, "values"},
		{"KS004", chart + "/values.yaml", 17, "values"},
		{"KS010", chart + "/values.yaml", 14, "values"},
		// The image is written in the template.
		{"IM002", chart + "/templates/deployment.yaml", 24, "source"},
		// The test hook is linted too.
		{"IM001", chart + "/templates/tests/test-connection.yaml", 12, "source"},
		// The overlay's patch, not the base.
		{"KS006", overlay + "/debug-sidecar.yaml", 16, "source"},
		{"KS002", overlay + "/debug-sidecar.yaml", 12, "source"},
		{"IM001", overlay + "/debug-sidecar.yaml", 14, "source"},
	} {
		found := false
		for _, f := range rep.Findings {
			if f.Rule == want.rule && f.File == want.file && f.Line == want.line {
				found = true
				if f.Mapping != want.mapping {
					t.Errorf("%s at %s:%d: mapping %q, want %q", want.rule, want.file, want.line, f.Mapping, want.mapping)
				}
			}
		}
		if !found {
			t.Errorf("no %s finding at %s:%d", want.rule, want.file, want.line)
		}
	}
	// Every finding at values.yaml and at the overlay's patch, counted.
	byFile := map[string][]string{}
	for _, f := range rep.Findings {
		byFile[f.File] = append(byFile[f.File], fmt.Sprintf("%d:%s", f.Line, f.Rule))
	}
	for file, want := range map[string][]string{
		chart + "/values.yaml":          {"14:KS010", "17:KS001", "17:KS002", "17:KS003", "17:KS004", "29:KS011"},
		overlay + "/debug-sidecar.yaml": {"12:KS002", "13:KS011", "14:IM001", "15:KS002", "15:KS003", "15:KS004", "16:KS006"},
	} {
		if got := byFile[file]; !slices.Equal(got, want) {
			t.Errorf("%s: findings %v, want %v", file, got, want)
		}
	}
	hooks := 0
	for _, f := range rep.Findings {
		if strings.Contains(f.File, "/base/") {
			t.Errorf("finding in the hardened base: %s:%d %s %s", f.File, f.Line, f.Rule, f.Message)
		}
		if strings.Contains(f.File, "test-connection") && strings.HasSuffix(f.Message, "(helm test hook)") {
			hooks++
		}
		if strings.Contains(f.File, "test-connection") && !strings.HasSuffix(f.Message, "(helm test hook)") {
			t.Errorf("test hook finding not marked: %s", f.Message)
		}
	}
	if hooks == 0 {
		t.Error("no finding on the chart's test hook")
	}
	// Files inside the chart and overlay are not also linted raw: a raw
	// lint of the patch would report it at the same lines a second time.
	seen := map[string]bool{}
	for _, f := range rep.Findings {
		key := f.Rule + f.File + f.Message
		if seen[key] {
			t.Errorf("reported twice: %s:%d %s %s", f.File, f.Line, f.Rule, f.Message)
		}
		seen[key] = true
	}
	// A file of a chart named on the command line (as pre-commit does)
	// renders its chart.
	_, named := lintJSON(t, chart+"/values.yaml")
	if !has(named, "KS002", chart+"/values.yaml", 17) {
		t.Errorf("linting %s/values.yaml: no KS002 at its line 17", chart)
	}
	// With rendering off, the templates are skipped with a notice.
	_, raw := lintJSON(t, "--render=false", "../../examples/helm")
	if len(raw.Findings) != 0 || len(raw.Notices) == 0 {
		t.Errorf("--render=false: %d findings, %d notices; want 0 and a notice", len(raw.Findings), len(raw.Notices))
	}
}

// TestFixChartValues fixes a copy of the example chart: the edits land in
// values.yaml and the fixed findings are gone when the chart is rendered
// again.
func TestFixChartValues(t *testing.T) {
	dir := copyTree(t, "../../examples/helm")
	values := filepath.Join(dir, "webapp", "values.yaml")
	before, err := os.ReadFile(values)
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut := hardline(t, "", "lint", "--fix", "--today", "2026-11-22", dir)
	if code == exitError {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	after, err := os.ReadFile(values)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(after, before) || !strings.Contains(string(after), "allowPrivilegeEscalation: false") {
		t.Fatalf("values.yaml not fixed:\n%s", after)
	}
	if !strings.Contains(string(after), "# Default values for webapp.") {
		t.Errorf("the fix lost the file's comments:\n%s", after)
	}
	_, rep := lintJSON(t, dir)
	for _, f := range rep.Findings {
		if f.Rule == "KS002" && strings.HasSuffix(f.File, "values.yaml") {
			t.Errorf("KS002 still reported after --fix: %s:%d %s", f.File, f.Line, f.Message)
		}
	}
	// Fixing again changes nothing.
	hardline(t, "", "lint", "--fix", dir)
	again, _ := os.ReadFile(values)
	if !bytes.Equal(again, after) {
		t.Errorf("second --fix changed values.yaml:\n%s", again)
	}
}

// TestHelmTemplateError reports a template error as KS000 at the
// template's line.
func TestHelmTemplateError(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"Chart.yaml":            "apiVersion: v2\nname: web\nversion: 0.1.0\n",
		"values.yaml":           "image: nginx\n",
		"templates/deploy.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.missing.deeper }}\n",
	})
	code, rep := lintJSON(t, dir)
	if code != exitFindings || len(rep.Findings) != 1 {
		t.Fatalf("exit %d, %d findings; want 1 KS000: %+v", code, len(rep.Findings), rep.Findings)
	}
	f := rep.Findings[0]
	if f.Rule != "KS000" || f.File != filepath.ToSlash(dir)+"/templates/deploy.yaml" || f.Line != 4 {
		t.Errorf("got %s at %s:%d (%s), want KS000 at templates/deploy.yaml:4", f.Rule, f.File, f.Line, f.Message)
	}
}

// TestPatchesLintedAsPatches lints a kustomization's files without
// building it: the patch is checked only for what it writes, --fix adds
// nothing to it, and the kustomization's namespace applies to its
// resources.
func TestPatchesLintedAsPatches(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"kustomization.yaml": "namespace: shop\nresources:\n  - deployment.yaml\npatches:\n  - path: patch.yaml\n  - path: limits.yaml\n",
		"deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n" +
			"      containers:\n        - name: api\n          image: nginx:1.27\n",
		// Sets privileged: reported. Lacks runAsNonRoot and the rest: not.
		"patch.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n" +
			"      containers:\n        - name: api\n          securityContext:\n            privileged: true\n",
		// Sets only resources: nothing to report.
		"limits.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n" +
			"      containers:\n        - name: api\n          resources:\n            limits: {cpu: 100m}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	patch := filepath.ToSlash(dir) + "/patch.yaml"
	for i, args := range [][]string{{"--render=false", dir}, {patch}} {
		_, rep := lintJSON(t, args...)
		var got []string
		shop := false
		for _, f := range rep.Findings {
			shop = shop || f.Rule == "KS020" && strings.Contains(f.Message, `"shop"`)
			switch {
			case strings.HasSuffix(f.File, "patch.yaml") || strings.HasSuffix(f.File, "limits.yaml"):
				got = append(got, fmt.Sprintf("%s:%d %s", filepath.Base(f.File), f.Line, f.Rule))
			case f.Rule == "KS020" && !strings.Contains(f.Message, `"shop"`):
				t.Errorf("%v: KS020 does not use the kustomization's namespace: %s", args, f.Message)
			}
		}
		if i == 0 && !shop {
			t.Errorf("%v: no KS020 for namespace shop", args)
		}
		if want := []string{"patch.yaml:11 KS006"}; !slices.Equal(got, want) {
			t.Errorf("%v: findings on patches %v, want %v", args, got, want)
		}
	}
	// --fix turns privileged off in the patch and adds no defaults to it.
	hardline(t, "", "lint", "--render=false", "--fix", "--unsafe-fixes", dir)
	fixed, err := os.ReadFile(filepath.Join(dir, "patch.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n"+
		"      containers:\n        - name: api\n          securityContext:\n            privileged: true\n", "privileged: true", "privileged: false", 1)
	if string(fixed) != want {
		t.Errorf("patch after --fix:\n%s\nwant:\n%s", fixed, want)
	}
	limits, _ := os.ReadFile(filepath.Join(dir, "limits.yaml"))
	if strings.Contains(string(limits), "securityContext") {
		t.Errorf("--fix wrote defaults into a patch:\n%s", limits)
	}
}

// TestFixOnlyChartValues limits the fixes made in a chart's values.yaml to
// the rules --fix-only names.
func TestFixOnlyChartValues(t *testing.T) {
	dir := copyTree(t, "../../examples/helm")
	values := filepath.Join(dir, "webapp", "values.yaml")
	before, err := os.ReadFile(values)
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut := hardline(t, "", "lint", "--fix", "--unsafe-fixes", "--fix-only", "KS010", "--today", "2026-11-22", dir)
	if code == exitError {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	after, err := os.ReadFile(values)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(after), "seccompProfile") {
		t.Errorf("KS010's fix was not applied:\n%s", after)
	}
	for _, other := range []string{"allowPrivilegeEscalation", "runAsNonRoot", "readOnlyRootFilesystem"} {
		if strings.Count(string(after), other+":") != strings.Count(string(before), other+":") {
			t.Errorf("--fix-only KS010 also applied the fix setting %s:\n%s", other, after)
		}
	}
}

// TestKustomizationCycleReported builds kustomizations that use each other
// in a cycle, which no top overlay reaches: the cycle is a KS000 at a
// kustomization file, and the resources are still linted.
func TestKustomizationCycleReported(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"base/kustomization.yaml": "resources:\n- ../ov\n- pod.yaml\n",
		"base/pod.yaml":           "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: nginx:1.27\n    securityContext:\n      privileged: true\n",
		"ov/kustomization.yaml":   "resources:\n- ../base\n",
	})
	code, rep := lintJSON(t, dir)
	if code != exitFindings {
		t.Errorf("exit %d, want %d", code, exitFindings)
	}
	var cycle, privileged bool
	for _, f := range rep.Findings {
		cycle = cycle || f.Rule == "KS000" && strings.HasSuffix(f.File, "kustomization.yaml")
		privileged = privileged || f.Rule == "KS006" && strings.HasSuffix(f.File, "base/pod.yaml")
	}
	if !cycle || !privileged {
		t.Errorf("KS000 at a kustomization: %v, KS006 on the pod: %v; want both (%d findings)", cycle, privileged, len(rep.Findings))
	}
}
