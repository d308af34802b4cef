package policies_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hardline-dev/hardline/lint/rule"

	psa "k8s.io/pod-security-admission/api"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/dockerfile"
	"github.com/hardline-dev/hardline/lint/kube"
	"github.com/hardline-dev/hardline/policies"
)

// pssModule is the Pod Security Standards reference implementation whose
// fixtures the rules are checked against; go.mod pins its version.
const pssModule = "k8s.io/pod-security-admission"

// TestPodSecurityStandardsFixtures runs the reference implementation's
// pass/fail fixtures for every level and version through the rules of that
// level (as --profile does): every fixture that must fail gets at least one
// finding, and no fixture that must pass gets any. The rules of a level are
// compiled once; the version is data.
func TestPodSecurityStandardsFixtures(t *testing.T) {
	dir := moduleDir(t, pssModule)
	cat, err := policies.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, level := range []psa.Level{psa.LevelBaseline, psa.LevelRestricted} {
		versions, err := filepath.Glob(filepath.Join(dir, "test", "testdata", string(level), "v1.*"))
		if err != nil || len(versions) == 0 {
			t.Fatalf("no %s fixtures in %s: %v", level, dir, err)
		}
		slices.SortFunc(versions, func(a, b string) int { return minor(a) - minor(b) })
		var passed, failed int
		base := profileEngine(t, cat, string(level))
		for _, vdir := range versions {
			version := strings.TrimPrefix(filepath.Base(vdir), "v")
			eng, err := base.WithConfig(context.Background(), pssConfig(version))
			if err != nil {
				t.Fatal(err)
			}
			t.Run(string(level)+"/"+version, func(t *testing.T) {
				for _, want := range []string{"fail", "pass"} {
					files, err := filepath.Glob(filepath.Join(vdir, want, "*.yaml"))
					if err != nil {
						t.Fatal(err)
					}
					for _, file := range files {
						rep, err := eng.Lint(context.Background(), []lint.Source{{Path: file, Kind: lint.KindYAML}})
						if err != nil {
							t.Fatal(err)
						}
						switch {
						case want == "fail" && len(rep.Findings) == 0:
							t.Errorf("%s: must fail %s %s, got no finding", file, level, version)
						case want == "pass" && len(rep.Findings) > 0:
							f := rep.Findings[0]
							t.Errorf("%s: must pass %s %s, got %s %d:%d %s", file, level, version, f.RuleID, f.Range.Line, f.Range.Column, f.Message)
						case want == "fail":
							failed++
						default:
							passed++
						}
					}
				}
			})
		}
		t.Logf("%s: %d versions, %d failing fixtures reported, %d passing fixtures clean", level, len(versions), failed, passed)
	}
}

// pssConfig is the configuration the fixtures of a Kubernetes version are
// linted with.
func pssConfig(version string) map[string]any {
	return map[string]any{"today": "2026-11-22", "kube_version": version}
}

func profileEngine(t *testing.T, cat *policies.Catalog, level string) *lint.Engine {
	t.Helper()
	eng, err := lint.NewEngine(context.Background(), cat, lint.Options{
		Enabled: func(r rule.Rule) bool { return slices.Contains(r.Levels, level) },
		Parsers: map[lint.Kind]lint.Parser{lint.KindDockerfile: dockerfile.Parser{}, lint.KindYAML: kube.Parser{}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func minor(versionDir string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(filepath.Base(versionDir), "v1."))
	return n
}

// moduleDir finds a dependency's directory in the module cache, at the
// version go.mod requires.
func moduleDir(t *testing.T, module string) string {
	t.Helper()
	out, err := exec.CommandContext(t.Context(), "go", "list", "-m", "-json", module).Output()
	if err != nil {
		t.Fatalf("go list -m %s: %v", module, err)
	}
	var m struct{ Dir, Version string }
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatal(err)
	}
	if m.Dir == "" {
		// Not downloaded yet: the module's packages are in the test's
		// imports, so this only happens with a cleaned cache.
		t.Fatalf("%s@%s is not in the module cache; run go mod download %s", module, m.Version, module)
	}
	if _, err := os.Stat(m.Dir); err != nil {
		t.Fatal(err)
	}
	return m.Dir
}
