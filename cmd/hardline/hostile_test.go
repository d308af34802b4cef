package main

// Reproducers of what a hostile repository tried against hardline: steer
// its configuration, stall it, exhaust it, and spoof its output.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// slowPolicy is a user policy whose evaluation takes far longer than any
// test runs (a 10^10-step comprehension).
const slowPolicy = `# METADATA
# title: Slow
# custom:
#   id: ORG900
#   name: org-slow
#   severity: warning
#   input: dockerfile
package rules.dockerfile.ORG900

deny contains {"msg": "slow", "range": input.instructions[0].range} if {
	n := count([x | some x in numbers.range(1, 100000); some y in numbers.range(1, 100000); x == y + 1000000])
	n > 0
}
`

func TestEvaluationTimeout(t *testing.T) {
	policyDir := t.TempDir()
	writeFile(t, policyDir, "ORG900_slow.rego", slowPolicy)
	dockerfile := writeFile(t, t.TempDir(), "Dockerfile", "FROM alpine:3.22\n")
	for _, tc := range []struct {
		name, flag, format string
		wants              []string
	}{
		{"file json", "--file-timeout=300ms", "json", []string{`"errors": [`, "Dockerfile (rule ORG900)", "file-timeout"}},
		{"file text", "--file-timeout=300ms", "text", []string{"error: evaluate", "INCOMPLETE"}},
		{"file sarif", "--file-timeout=300ms", "sarif", []string{`"executionSuccessful": false`, "file-timeout"}},
		{"file github", "--file-timeout=300ms", "github", []string{"::error file=", "file-timeout"}},
		{"total", "--timeout=300ms", "json", []string{`"errors": [`, "1 of 1 files not linted", "(timeout)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := hardline(t, "", "lint", "--config", emptyConfig(t), "--policy", policyDir, "--format", tc.format, tc.flag, dockerfile)
			if code != exitError {
				t.Fatalf("exit %d, want 2\n%s%s", code, out, errOut)
			}
			for _, w := range tc.wants {
				if !strings.Contains(out, w) {
					t.Errorf("report lacks %q:\n%s", w, out)
				}
			}
			if !strings.Contains(errOut, "did not finish within 300ms") {
				t.Errorf("stderr does not say what timed out:\n%s", errOut)
			}
			if tc.format == "json" {
				var rep struct {
					Errors []struct{ File, Message string } `json:"errors"`
				}
				if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Errors) == 0 {
					t.Errorf("JSON report without errors (%v):\n%s", err, out)
				}
			}
		})
	}
	t.Run("configuration key", func(t *testing.T) {
		cfg := writeFile(t, t.TempDir(), ".hardline.yaml", "file-timeout: 300ms\n")
		code, out, errOut := hardline(t, "", "lint", "--config", cfg, "--policy", policyDir, dockerfile)
		if code != exitError || !strings.Contains(errOut, "file-timeout") {
			t.Errorf("exit %d, want 2 with a file-timeout error\n%s%s", code, out, errOut)
		}
	})
}

func TestFileSizeLimit(t *testing.T) {
	dir := t.TempDir()
	big := writeFile(t, dir, "pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"+strings.Repeat("# padding\n", 100))
	for _, args := range [][]string{
		{"--max-file-size", "500B"},
		{"--config", writeFile(t, t.TempDir(), ".hardline.yaml", "max-file-size: 500\n")},
	} {
		code, rep := lintJSON(t, append(args, big)...)
		if code != exitFindings {
			t.Errorf("%v: exit %d, want 1", args, code)
		}
		if len(rep.Findings) != 1 || rep.Findings[0].Rule != "KS000" || !strings.Contains(rep.Findings[0].Message, "over the 500 bytes limit") {
			t.Errorf("%v: findings %+v, want one KS000 about the size", args, rep.Findings)
		}
	}
	// Standard input is bounded the same way.
	code, out, errOut := hardline(t, strings.Repeat("FROM alpine\n", 100), "lint", "--config", emptyConfig(t), "--max-file-size", "1KiB", "--stdin-filename", "Dockerfile", "-")
	if code != exitFindings || !strings.Contains(out, "DF000") || !strings.Contains(out, "limit") {
		t.Errorf("stdin over the limit: exit %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := hardline(t, "", "lint", "--max-file-size", "lots", big); code != exitError || !strings.Contains(errOut, "max-file-size") {
		t.Errorf("bad --max-file-size: exit %d\n%s", code, errOut)
	}
}

func TestBinaryDockerfile(t *testing.T) {
	p := writeFile(t, t.TempDir(), "Dockerfile", "FROM alpine\x00\x01\x02\x1b[2J\n\x00RUN x\n")
	code, out, errOut := hardline(t, "", "lint", "--config", emptyConfig(t), p)
	if code != exitClean || !strings.Contains(out, "binary file") {
		t.Errorf("exit %d, want 0 and a notice\n%s%s", code, out, errOut)
	}
	if strings.ContainsAny(out, "\x00\x1b") {
		t.Errorf("output holds the file's bytes: %q", out)
	}
}

// TestHostileFileNames: a file name holding a newline and a workflow
// command must not print a line that starts with "::".
func TestHostileFileNames(t *testing.T) {
	dir := t.TempDir()
	name := "evil\n::error title=FN::x\x1b]0;t\a.yaml"
	writeFile(t, dir, name, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: \"prod\\n::add-mask::x\\u001b[2J\"\nspec:\n  containers:\n    - name: a\n      image: alpine\n      securityContext:\n        privileged: true\n")
	for _, args := range [][]string{{"lint"}, {"lint", "--diff"}, {"lint", "--format", "github"}} {
		code, out, errOut := hardline(t, "", append(args, "--config", emptyConfig(t), dir)...)
		if code == exitError {
			t.Fatalf("%v: exit 2\n%s%s", args, out, errOut)
		}
		for line := range strings.Lines(out + errOut) {
			// The runner reads a command after leading blanks too.
			line = strings.TrimLeft(line, " \t")
			if strings.HasPrefix(line, "::") && !strings.HasPrefix(line, "::error file=") && !strings.HasPrefix(line, "::warning file=") && !strings.HasPrefix(line, "::notice file=") {
				t.Errorf("%v: a line starts a workflow command: %q", args, line)
			}
		}
		for _, c := range out + errOut {
			if c != '\n' && unicode.IsControl(c) {
				t.Errorf("%v: output holds control character %U:\n%q", args, c, out+errOut)
				break
			}
		}
	}
}

// TestConfigFromLintedPath: the configuration is the one of the linted
// path, not of the working directory.
func TestConfigFromLintedPath(t *testing.T) {
	parent := t.TempDir()
	child := filepath.Join(parent, "child")
	if err := os.Mkdir(child, 0o750); err != nil {
		t.Fatal(err)
	}
	writeFile(t, parent, ".hardline.yaml", "disable: [all]\n")
	elsewhere := t.TempDir()
	writeFile(t, elsewhere, ".hardline.yaml", "fail-on: warning\n")
	writeFile(t, elsewhere, "Dockerfile", "FROM alpine:3.22\nUSER root\n")
	other := t.TempDir()
	writeFile(t, other, "Dockerfile", "FROM alpine:3.22\n")
	t.Chdir(child)

	code, out, errOut := hardline(t, "", "lint", elsewhere)
	if code != exitFindings || !strings.Contains(out, "DF001") {
		t.Errorf("exit %d, want 1 with DF001: the working directory's disable: [all] applied?\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "; configuration "+filepath.Join(elsewhere, ".hardline.yaml")) {
		t.Errorf("the summary does not name the configuration used:\n%s", out)
	}
	code, rep := lintJSON(t, elsewhere)
	if code != exitFindings || len(rep.Findings) == 0 {
		t.Errorf("json: exit %d, %d findings", code, len(rep.Findings))
	}
	code, out, errOut = hardline(t, "", "lint", "--format", "sarif", elsewhere)
	if code == exitError || !strings.Contains(out, `"configuration": "`+filepath.Join(elsewhere, ".hardline.yaml")+`"`) {
		t.Errorf("sarif: exit %d, no configuration property\n%s", code, errOut)
	}
	// Paths with different configurations are not linted together.
	code, _, errOut = hardline(t, "", "lint", elsewhere, other)
	if code != exitError || !strings.Contains(errOut, "different configuration files") {
		t.Errorf("two configurations: exit %d, want 2\n%s", code, errOut)
	}
	// --config settles it.
	if code, out, errOut := hardline(t, "", "lint", "--config", emptyConfig(t), elsewhere, other); code != exitFindings {
		t.Errorf("--config: exit %d\n%s%s", code, out, errOut)
	}
}

// TestConfigIgnoredInSharedDirectory: a configuration file in a directory
// every user may write to is ignored, with a notice.
func TestConfigIgnoredInSharedDirectory(t *testing.T) {
	shared := t.TempDir()
	if err := os.Chmod(shared, 0o777); err != nil {
		t.Fatal(err)
	}
	writeFile(t, shared, ".hardline.yaml", "disable: [all]\n")
	p := writeFile(t, shared, "Dockerfile", "FROM alpine:3.22\nUSER root\n")
	code, out, errOut := hardline(t, "", "lint", p)
	if code != exitFindings || !strings.Contains(out, "DF001") || !strings.Contains(out, "ignored the configuration file") {
		t.Errorf("exit %d, want 1 with DF001 and a notice\n%s%s", code, out, errOut)
	}
}

// TestUnbuiltOverlayHidesNothing lints a kustomization hardline cannot
// build (a generator, a remote resource, a missing file): the resources it
// names are linted as they are, not dropped as part of an overlay whose
// objects nobody checked.
func TestUnbuiltOverlayHidesNothing(t *testing.T) {
	pod := "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n" +
		"      image: nginx:1.27\n      securityContext:\n        privileged: true\n"
	for name, extra := range map[string]string{
		"generator": "generators:\n  - gen.yaml\n",
		"remote":    "  - https://github.com/example/config\n",
		"missing":   "  - nope.yaml\n",
	} {
		t.Run(name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{
				"app/pod.yaml":               pod,
				"overlay/kustomization.yaml": "resources:\n  - ../app/pod.yaml\n" + extra,
			})
			_, rep := lintJSON(t, dir)
			found := false
			for _, f := range rep.Findings {
				found = found || f.Rule == "KS006" && strings.HasSuffix(f.File, "app/pod.yaml")
			}
			if !found {
				t.Errorf("no KS006 on app/pod.yaml: %+v", rep.Findings)
			}
		})
	}
}

// TestOverlayReadsNothingOutside lints an overlay whose resource is a
// directory outside the linted tree: its kustomization is not read, so
// nothing it says (here a URL with a password) reaches the output.
func TestOverlayReadsNothingOutside(t *testing.T) {
	top := writeFiles(t, map[string]string{
		"outside/kustomization.yaml": "resources:\n  - https://user:s3cret@example.com/config\n",
		"repo/ov/kustomization.yaml": "resources:\n  - ../../outside\n",
	})
	_, stdout, stderr := hardline(t, "", "lint", "--format", "json", filepath.Join(top, "repo"))
	if out := stdout + stderr; strings.Contains(out, "s3cret") {
		t.Errorf("the output quotes a file outside the linted tree:\n%s", out)
	}
}
