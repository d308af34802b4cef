package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets the test binary serve as the child process Helm charts
// are rendered in, as the hardline binary does.
func TestMain(m *testing.M) {
	if len(os.Args) == 2 && os.Args[1] == renderChildCommand {
		os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// hardline runs the command in-process and returns its exit code and
// output.
func hardline(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// copyTree copies examples into a temporary directory for tests that write.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

type jsonReport struct {
	Version  int `json:"version"`
	Findings []struct {
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
		File     string `json:"file"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Message  string `json:"message"`
		Mapping  string `json:"mapping"`
		Fixes    []struct {
			Title         string `json:"title"`
			Applicability string `json:"applicability"`
		} `json:"fixes"`
	} `json:"findings"`
	Notices []struct {
		File    string `json:"file"`
		Message string `json:"message"`
	} `json:"notices"`
	Summary struct {
		Files    int `json:"files"`
		Findings int `json:"findings"`
	} `json:"summary"`
}

func lintJSON(t *testing.T, args ...string) (int, jsonReport) {
	t.Helper()
	code, out, errOut := hardline(t, "", append([]string{"lint", "--format", "json", "--today", "2026-11-22"}, args...)...)
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("output is not JSON: %v\n%s\nstderr: %s", err, out, errOut)
	}
	return code, rep
}

// emptyConfig is an empty configuration file, for tests of the rules as
// they are whatever .hardline.yaml lies above the linted paths.
func emptyConfig(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), ".hardline.yaml")
	if err := os.WriteFile(p, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// has reports whether rep holds a finding of rule at file:line.
func has(rep jsonReport, rule, file string, line int) bool {
	for _, f := range rep.Findings {
		if f.Rule == rule && f.File == file && f.Line == line {
			return true
		}
	}
	return false
}

func TestLintExamples(t *testing.T) {
	// The rules as they are, not as examples/.hardline.yaml sets them.
	code, rep := lintJSON(t, "--config", emptyConfig(t), "../../examples")
	if code != exitFindings {
		t.Fatalf("exit code %d, want %d", code, exitFindings)
	}
	const docker = "../../examples/insecure/Dockerfile"
	const deploy = "../../examples/kubernetes/deployment-defaults.yaml"
	const compose = "../../examples/insecure/compose.yaml"
	const script = "../../examples/scripts/run.sh"
	const rbac = "../../examples/kubernetes/rbac.yaml"
	for _, want := range []struct {
		rule, file string
		line       int
	}{
		{"IM001", docker, 4},
		{"DF001", docker, 4},
		{"DF002", docker, 4},
		{"DF004", docker, 6},
		{"DF007", docker, 15},
		{"DF006", docker, 10},
		{"DF005", docker, 11},
		{"DF003", docker, 15},
		{"DF008", docker, 17},
		{"IM001", deploy, 24},
		{"KS001", deploy, 23},
		{"KS025", deploy, 29},
		{"KS021", "../../examples/kubernetes/podsecuritypolicy.yaml", 4},
		{"IM001", compose, 8},
		{"RT002", compose, 7},
		{"RT010", compose, 20},
		{"RT011", compose, 24},
		{"RT001", compose, 35},
		{"RT007", compose, 36},
		{"RT008", compose, 39},
		{"RT009", compose, 42},
		{"RT004", script, 10},
		{"RT001", script, 11},
		{"RT008", script, 13},
		{"RT010", script, 14},
		{"IM001", script, 15},
		{"KS040", rbac, 9},
		{"KS043", rbac, 25},
		{"KS044", rbac, 28},
		{"KS045", rbac, 28},
		{"KS047", rbac, 41},
		{"KS041", rbac, 54},
	} {
		if !has(rep, want.rule, want.file, want.line) {
			t.Errorf("no %s finding at %s:%d", want.rule, want.file, want.line)
		}
	}
	for _, f := range rep.Findings {
		if strings.Contains(f.File, "hardened") && f.Severity != "info" {
			t.Errorf("hardened example has a %s finding: %s:%d %s %s", f.Severity, f.File, f.Line, f.Rule, f.Message)
		}
	}
}

func TestLintHardenedExitsZero(t *testing.T) {
	code, out, errOut := hardline(t, "", "lint", "--config", emptyConfig(t), "--today", "2026-11-22", "../../examples/hardened", "../../examples/kubernetes/deployment-hardened.yaml", "../../examples/kubernetes/networkpolicies.yaml")
	if code != exitClean {
		t.Fatalf("exit %d, want 0\n%s%s", code, out, errOut)
	}
}

func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"missing path", []string{"lint", "no/such/path"}, exitError},
		{"bad flag", []string{"lint", "--no-such-flag"}, exitError},
		{"bad format", []string{"lint", "--format", "xml", "../../examples"}, exitError},
		{"bad fail-on", []string{"lint", "--fail-on", "critical", "../../examples"}, exitError},
		{"fail-on never", []string{"lint", "--fail-on", "never", "../../examples"}, exitClean},
		{"fail-on error", []string{"lint", "--fail-on", "error", "../../examples/insecure"}, exitFindings},
		{"unknown rule", []string{"lint", "--disable", "XX999", "../../examples"}, exitError},
		{"version", []string{"version"}, exitClean},
		{"rules", []string{"rules"}, exitClean},
		{"explain", []string{"explain", "DF001"}, exitClean},
		{"explain by name", []string{"explain", "privileged"}, exitClean},
		{"explain unknown", []string{"explain", "nope"}, exitError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if code, out, errOut := hardline(t, "", tc.args...); code != tc.want {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.want, out, errOut)
			}
		})
	}
}

func TestUnparseableFileIsAFinding(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("apiVersion: v1\nkind: Pod\nmetadata: [oops\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("FROM alpine:3.22\nUSER root\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, rep := lintJSON(t, dir)
	if code != exitFindings {
		t.Fatalf("exit %d, want 1", code)
	}
	var ks000, df001 bool
	for _, f := range rep.Findings {
		ks000 = ks000 || f.Rule == "KS000" && strings.HasSuffix(f.File, "broken.yaml") && f.Line >= 3
		df001 = df001 || f.Rule == "DF001" && f.Line == 2
	}
	if !ks000 || !df001 {
		t.Errorf("want KS000 in broken.yaml and DF001 in the Dockerfile, got %+v", rep.Findings)
	}
}

func TestStdin(t *testing.T) {
	code, out, errOut := hardline(t, "FROM ubuntu:latest\n", "lint", "--format", "json", "--stdin-filename", "app/Dockerfile", "-")
	if code != exitFindings {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, `"file": "app/Dockerfile"`) || !strings.Contains(out, `"rule": "IM001"`) {
		t.Errorf("stdin finding not reported as app/Dockerfile:\n%s", out)
	}
	if code, _, _ := hardline(t, "FROM x\n", "lint", "-"); code != exitError {
		t.Errorf("stdin without --stdin-filename: exit %d, want 2", code)
	}
}

func TestFixThenLint(t *testing.T) {
	dir := copyTree(t, "../../examples")
	deploy := filepath.Join(dir, "kubernetes", "deployment-defaults.yaml")
	before, err := os.ReadFile(deploy)
	if err != nil {
		t.Fatal(err)
	}
	// --diff writes nothing.
	code, diff, errOut := hardline(t, "", "lint", "--diff", deploy)
	if code == exitError || !strings.Contains(diff, "+          securityContext:") && !strings.Contains(diff, "allowPrivilegeEscalation: false") {
		t.Fatalf("--diff: exit %d\n%s%s", code, diff, errOut)
	}
	if after, _ := os.ReadFile(deploy); !bytes.Equal(after, before) {
		t.Fatal("--diff changed the file")
	}
	// --fix writes the safe fixes; the fixed rules are gone.
	if code, out, errOut := hardline(t, "", "lint", "--fix", deploy); code == exitError {
		t.Fatalf("--fix: exit %d\n%s%s", code, out, errOut)
	}
	fixed, err := os.ReadFile(deploy)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(fixed, before) {
		t.Fatal("--fix changed nothing")
	}
	if !strings.Contains(string(fixed), "# A Deployment with Kubernetes' defaults only") {
		t.Error("--fix lost the file's comments")
	}
	_, rep := lintJSON(t, deploy)
	for _, f := range rep.Findings {
		for _, fix := range f.Fixes {
			if fix.Applicability == "safe" {
				t.Errorf("after --fix, %s:%d %s still has a safe fix %q", f.File, f.Line, f.Rule, fix.Title)
			}
		}
	}
	// Fixing again changes nothing.
	hardline(t, "", "lint", "--fix", deploy)
	again, _ := os.ReadFile(deploy)
	if !bytes.Equal(again, fixed) {
		t.Errorf("second --fix changed the file:\n%s", again)
	}
}

func TestNoColor(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	_, out, _ := hardline(t, "", "lint", "../../examples/insecure")
	if strings.Contains(out, "\x1b[") {
		t.Error("colour escape codes with NO_COLOR set")
	}
	_, out, _ = hardline(t, "", "lint", "--color", "always", "../../examples/insecure")
	if !strings.Contains(out, "\x1b[") {
		t.Error("--color always printed no colour")
	}
}

func TestHelmTemplatesSkippedWithNotice(t *testing.T) {
	dir := t.TempDir()
	chart := filepath.Join(dir, "charts", "web")
	if err := os.MkdirAll(filepath.Join(chart, "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{
		"Chart.yaml":            "apiVersion: v2\nname: web\nversion: 0.1.0\n",
		"values.yaml":           "image: nginx\n",
		"templates/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n",
	} {
		if err := os.WriteFile(filepath.Join(chart, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, format := range []string{"text", "json", "sarif", "github"} {
		code, out, errOut := hardline(t, "", "lint", "--render=false", "--format", format, dir)
		if code != exitClean || !strings.Contains(out, "Helm chart") {
			t.Errorf("%s: exit %d, want 0 and a notice naming the Helm chart:\n%s%s", format, code, out, errOut)
		}
	}
}

func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("Dockerfile", "FROM ubuntu:latest\n")
	write("cfg.yaml", "disable: [root-user, DF002]\nseverity:\n  IM001: error\nfail-on: error\n")
	_, rep := lintJSON(t, "--config", filepath.Join(dir, "cfg.yaml"), dir)
	for _, f := range rep.Findings {
		if f.Rule == "DF001" || f.Rule == "DF002" {
			t.Errorf("disabled rule %s reported", f.Rule)
		}
		if f.Rule == "IM001" && f.Severity != "error" {
			t.Errorf("IM001 severity %s, want error from the configuration", f.Severity)
		}
	}
	write("bad.yaml", "disable: [DF001]\ndisabled: [DF002]\n")
	code, _, errOut := hardline(t, "", "lint", "--config", filepath.Join(dir, "bad.yaml"), dir)
	if code != exitError || !strings.Contains(errOut, "bad.yaml:2:1") || !strings.Contains(errOut, `did you mean "disable"`) {
		t.Errorf("unknown key: exit %d, stderr %q; want 2 and bad.yaml:2:1 with a suggestion", code, errOut)
	}
}

func TestForceExclude(t *testing.T) {
	dir := t.TempDir()
	gen := filepath.Join(dir, "app.generated.yaml")
	if err := os.WriteFile(gen, []byte("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: nginx, securityContext: {privileged: true}}]}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, ".hardline.yaml")
	if err := os.WriteFile(cfg, []byte("exclude: [\"*.generated.yaml\"]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := hardline(t, "", "lint", "--config", cfg, gen); code != exitFindings {
		t.Errorf("a file named on the command line: exit %d, want 1 (always linted)", code)
	}
	if code, out, _ := hardline(t, "", "lint", "--config", cfg, "--force-exclude", gen); code != exitClean {
		t.Errorf("--force-exclude: exit %d, want 0 (excluded):\n%s", code, out)
	}
}
