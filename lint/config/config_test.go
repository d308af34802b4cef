package config_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hardline-dev/hardline/lint/rule"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/config"
	"github.com/hardline-dev/hardline/policies"
)

// posErrors splits a joined error into its *lint.PosError parts, failing the
// test for any part that has no position.
func posErrors(t *testing.T, err error) []*lint.PosError {
	t.Helper()
	parts := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		parts = j.Unwrap()
	}
	out := make([]*lint.PosError, 0, len(parts))
	for _, p := range parts {
		var pe *lint.PosError
		if !errors.As(p, &pe) {
			t.Fatalf("error without position: %v", p)
		}
		out = append(out, pe)
	}
	return out
}

func errorStrings[E error](errs []E) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Error()
	}
	return out
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []string
		is   error
	}{
		{
			name: "unknown key with a suggestion",
			src:  "disabled: [DF009]\n",
			want: []string{`c.yaml:1:1: unknown key "disabled" (did you mean "disable"?)`},
			is:   config.ErrUnknownKey,
		},
		{
			name: "unknown key in camel case",
			src:  "# comment\nfailOn: error\n",
			want: []string{`c.yaml:2:1: unknown key "failOn" (did you mean "fail-on"?)`},
			is:   config.ErrUnknownKey,
		},
		{
			name: "unknown key lists the keys",
			src:  "colour: always\n",
			want: []string{`c.yaml:1:1: unknown key "colour" (want one of disable, enable, severity, fail-on, profile, trusted-registries, allowed-capabilities, kube-version, exclude, policies, max-file-size, timeout, file-timeout, workloads)`},
			is:   config.ErrUnknownKey,
		},
		{
			name: "workloads not a list",
			src:  "workloads: Runner\n",
			want: []string{`c.yaml:1:12: workloads: want a list of {kind, apiVersion, podSpec, metadata}, got a string`},
			is:   config.ErrType,
		},
		{
			name: "workload problems",
			src: `workloads:
  - kind: Runner
    podSpec: spec..template
  - kind: Builder
    podsec: spec.template.spec
  - podSpec: spec.template.spec
  - kind: Runner
    podSpec: spec.template.spec
    podSpec: spec.other
  - kind: Job
    apiVersion: [batch]
    podSpec: spec.template.spec
`,
			want: []string{
				`c.yaml:3:14: workloads: "spec..template" is not a path of keys such as spec.template.spec`,
				`c.yaml:5:5: workloads: unknown key "podsec" (want kind, apiVersion, podSpec or metadata)`,
				`c.yaml:6:5: workloads: kind is missing`,
				`c.yaml:9:5: workloads: duplicate key "podSpec"`,
				`c.yaml:11:17: workloads: apiVersion: want a string, got a list`,
			},
		},
		{
			name: "workload listed twice",
			src:  "workloads:\n  - {kind: Runner, podSpec: spec}\n  - {kind: Runner, podSpec: spec.x}\n",
			want: []string{`c.yaml:3:5: workloads: kind "Runner" is listed twice (first at line 2)`},
			is:   config.ErrDuplicateKey,
		},
		{
			name: "bad limits",
			src:  "max-file-size: lots\ntimeout: soon\nfile-timeout: -1s\n",
			want: []string{
				`c.yaml:1:16: max-file-size: "lots" is not a size such as 20MiB`,
				`c.yaml:2:10: timeout: "soon" is not a positive duration such as 30s or 2m`,
				`c.yaml:3:15: file-timeout: "-1s" is not a positive duration such as 30s or 2m`,
			},
			is: config.ErrValue,
		},
		{
			name: "duplicate key",
			src:  "fail-on: error\nfail-on: info\n",
			want: []string{`c.yaml:2:1: duplicate key "fail-on" (first at line 1)`},
			is:   config.ErrDuplicateKey,
		},
		{
			name: "string where a list is wanted",
			src:  "disable: DF009\n",
			want: []string{`c.yaml:1:10: disable: want a list of strings, got a string (write [DF009])`},
			is:   config.ErrType,
		},
		{
			name: "mapping where a list is wanted",
			src:  "exclude:\n  vendor: true\n",
			want: []string{`c.yaml:2:3: exclude: want a list of strings, got a mapping`},
			is:   config.ErrType,
		},
		{
			name: "mapping in a list",
			src:  "enable:\n  - KS001\n  - {id: KS002}\n",
			want: []string{`c.yaml:3:5: enable: want a string, got a mapping`},
			is:   config.ErrType,
		},
		{
			name: "boolean where a string is wanted",
			src:  "profile: true\n",
			want: []string{`c.yaml:1:10: profile: want a string, got a boolean`},
			is:   config.ErrType,
		},
		{
			name: "list where a string is wanted",
			src:  "kube-version: [1.34]\n",
			want: []string{`c.yaml:1:15: kube-version: want a string, got a list`},
			is:   config.ErrType,
		},
		{
			name: "empty entry",
			src:  "disable: [DF009, \"\"]\n",
			want: []string{`c.yaml:1:18: disable: empty entry`},
			is:   config.ErrValue,
		},
		{
			name: "severity not a mapping",
			src:  "severity: [DF002]\n",
			want: []string{`c.yaml:1:11: severity: want a mapping of rule ID or name to severity, got a list`},
			is:   config.ErrType,
		},
		{
			name: "bad severity",
			src:  "severity:\n  DF002: warn\n",
			want: []string{`c.yaml:2:10: severity: DF002: unknown value "warn" (want info, warning or error; did you mean "warning"?)`},
			is:   config.ErrValue,
		},
		{
			name: "missing severity",
			src:  "severity:\n  DF002:\n",
			want: []string{`c.yaml:2:9: severity: DF002: want a severity (info, warning or error), got nothing`},
			is:   config.ErrType,
		},
		{
			name: "numeric severity",
			src:  "severity:\n  DF002: [1]\n",
			want: []string{`c.yaml:2:10: severity: DF002: want a string, got a list`},
			is:   config.ErrType,
		},
		{
			name: "severity for all",
			src:  "severity:\n  all: error\n",
			want: []string{`c.yaml:2:3: severity: "all" cannot be given a severity; name a rule`},
			is:   config.ErrValue,
		},
		{
			name: "severity given twice",
			src:  "severity:\n  DF002: error\n  df002: info\n",
			want: []string{`c.yaml:3:3: severity: duplicate key "df002" (first at line 2)`},
			is:   config.ErrDuplicateKey,
		},
		{
			name: "bad fail-on",
			src:  "fail-on: warnings\n",
			want: []string{`c.yaml:1:10: fail-on: unknown value "warnings" (want info, warning, error or never; did you mean "warning"?)`},
			is:   config.ErrValue,
		},
		{
			name: "bad fail-on without a suggestion",
			src:  "fail-on: always\n",
			want: []string{`c.yaml:1:10: fail-on: unknown value "always" (want info, warning, error or never)`},
			is:   config.ErrValue,
		},
		{
			name: "bad profile",
			src:  "profile: restrict\n",
			want: []string{`c.yaml:1:10: profile: unknown value "restrict" (want baseline or restricted; did you mean "restricted"?)`},
			is:   config.ErrValue,
		},
		{
			name: "kube-version with two dots",
			src:  "kube-version: 1.34.2.1\n",
			want: []string{`c.yaml:1:15: kube-version: "1.34.2.1" is not a MAJOR.MINOR version such as "1.34"`},
			is:   config.ErrValue,
		},
		{
			name: "kube-version not a version",
			src:  "kube-version: latest\n",
			want: []string{`c.yaml:1:15: kube-version: "latest" is not a MAJOR.MINOR version such as "1.34"`},
			is:   config.ErrValue,
		},
		{
			name: "registry with a scheme",
			src:  "trusted-registries:\n  - https://ghcr.io/acme\n",
			want: []string{`c.yaml:2:5: trusted-registries: "https://ghcr.io/acme" has a scheme (write "ghcr.io/acme")`},
			is:   config.ErrValue,
		},
		{
			name: "capability with CAP_",
			src:  "allowed-capabilities: [CAP_NET_BIND_SERVICE]\n",
			want: []string{`c.yaml:1:24: allowed-capabilities: "CAP_NET_BIND_SERVICE": Kubernetes names capabilities without the CAP_ prefix (write "NET_BIND_SERVICE")`},
			is:   config.ErrValue,
		},
		{
			name: "bad exclude pattern",
			src:  "exclude: [\"vendor/[a\"]\n",
			want: []string{`c.yaml:1:11: exclude: "vendor/[a": syntax error in pattern`},
			is:   config.ErrValue,
		},
		{
			name: "negated exclude pattern",
			src:  "exclude: [\"!keep.yaml\"]\n",
			want: []string{`c.yaml:1:11: exclude: "!keep.yaml": negated patterns are not supported`},
			is:   config.ErrValue,
		},
		{
			name: "exclude pattern leaving the directory",
			src:  "exclude: [../other/**]\n",
			want: []string{`c.yaml:1:11: exclude: "../other/**": a pattern cannot leave the configuration file's directory`},
			is:   config.ErrValue,
		},
		{
			name: "not a mapping",
			src:  "- DF009\n",
			want: []string{`c.yaml:1:1: want a mapping of settings, got a list`},
			is:   config.ErrType,
		},
		{
			name: "a bare string",
			src:  "\n\nhello\n",
			want: []string{`c.yaml:3:1: want a mapping of settings, got a string`},
			is:   config.ErrType,
		},
		{
			name: "invalid YAML",
			src:  "disable: [DF009\nenable: [KS001]\n",
			want: []string{`c.yaml:1:1: invalid YAML: did not find expected ',' or ']'`},
			is:   config.ErrSyntax,
		},
		{
			name: "tab indentation",
			src:  "disable:\n\t- DF009\n",
			want: []string{`c.yaml:2:1: invalid YAML: found character that cannot start any token`},
			is:   config.ErrSyntax,
		},
		{
			name: "two documents",
			src:  "fail-on: error\n---\nfail-on: info\n",
			want: []string{`c.yaml:2:1: want one YAML document, found a second one`},
			is:   config.ErrSyntax,
		},
		{
			name: "every error, sorted by position",
			src:  "profile: strict\nseverity:\n  DF002: high\ndisabled: [x]\nexclude: vendor/**\nfail-on: no\n",
			want: []string{
				`c.yaml:1:10: profile: unknown value "strict" (want baseline or restricted)`,
				`c.yaml:3:10: severity: DF002: unknown value "high" (want info, warning or error)`,
				`c.yaml:4:1: unknown key "disabled" (did you mean "disable"?)`,
				`c.yaml:5:10: exclude: want a list of strings, got a string (write [vendor/**])`,
				`c.yaml:6:10: fail-on: unknown value "no" (want info, warning, error or never)`,
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := config.Parse("c.yaml", []byte(tc.src))
			if err == nil {
				t.Fatalf("Parse succeeded: %+v", c)
			}
			if c != nil {
				t.Errorf("Parse returned a configuration with its error")
			}
			pes := posErrors(t, err)
			if diff := cmp.Diff(tc.want, errorStrings(pes)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("errors.Is(err, %v) = false", tc.is)
			}
		})
	}
}

func TestParse(t *testing.T) {
	ignore := cmpopts.IgnoreUnexported(config.Config{})
	for _, tc := range []struct {
		name string
		src  string
		want config.Config
	}{
		{name: "empty file", src: "", want: config.Config{}},
		{name: "comments only", src: "# nothing to see\n\n", want: config.Config{}},
		{name: "empty document", src: "---\n", want: config.Config{}},
		{name: "null", src: "~\n", want: config.Config{}},
		{name: "null values", src: "disable:\nseverity:\nfail-on:\n", want: config.Config{}},
		{
			name: "workloads",
			src:  "workloads:\n  - {apiVersion: example.com/v1, kind: Runner, podSpec: spec.runner.spec, metadata: spec.runner.metadata}\n  - {kind: Builder, podSpec: spec.pod}\n",
			want: config.Config{Workloads: []config.Workload{
				{APIVersion: "example.com/v1", Kind: "Runner", PodSpec: "spec.runner.spec", Metadata: "spec.runner.metadata"},
				{Kind: "Builder", PodSpec: "spec.pod"},
			}},
		},
		{
			name: "empty lists are not nil",
			src:  "allowed-capabilities: []\ntrusted-registries: []\n",
			want: config.Config{AllowedCapabilities: []string{}, TrustedRegistries: []string{}},
		},
		{
			name: "the documented sample",
			src: `# Rules to turn off
disable: [DF009, no-healthcheck]
enable: [KS001]
severity:
  DF002: warning
  image-not-pinned: error
fail-on: warning
profile: restricted
trusted-registries: [registry.example.com, ghcr.io/acme]
allowed-capabilities: [NET_BIND_SERVICE]
kube-version: "1.34"
exclude: ["vendor/**", "charts/*/templates/**", "**/testdata/**"]
policies: [./policy]
`,
			want: config.Config{
				Disable: []string{"DF009", "no-healthcheck"},
				Enable:  []string{"KS001"},
				Severity: map[string]rule.Severity{
					"DF002":            rule.SeverityWarning,
					"image-not-pinned": rule.SeverityError,
				},
				FailOn:              "warning",
				Profile:             "restricted",
				TrustedRegistries:   []string{"registry.example.com", "ghcr.io/acme"},
				AllowedCapabilities: []string{"NET_BIND_SERVICE"},
				KubeVersion:         "1.34",
				Exclude:             []string{"vendor/**", "charts/*/templates/**", "**/testdata/**"},
				Policies:            []string{"./policy"},
			},
		},
		{
			name: "values are normalised",
			src:  "fail-on: Error\nprofile: ' Baseline'\nseverity: {DF002: Info}\n",
			want: config.Config{
				FailOn: "error", Profile: "baseline",
				Severity: map[string]rule.Severity{"DF002": rule.SeverityInfo},
			},
		},
		{
			name: "unquoted version and never",
			src:  "kube-version: 1.30\nfail-on: never\n",
			want: config.Config{KubeVersion: "1.30", FailOn: "never"},
		},
		{
			name: "aliases",
			src:  "disable: &off [DF009]\nenable: [KS001]\nexclude: *off\n",
			want: config.Config{Disable: []string{"DF009"}, Enable: []string{"KS001"}, Exclude: []string{"DF009"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := config.Parse("sub/c.yaml", []byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			tc.want.Path, tc.want.Dir = "sub/c.yaml", "sub"
			if diff := cmp.Diff(&tc.want, got, ignore); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckRules(t *testing.T) {
	c, err := config.Parse("c.yaml", []byte("disable: [DF009, all, nope]\nenable:\n  - KS001\n  - NOPE\nseverity:\n  bogus: error\n  DF002: info\n"))
	if err != nil {
		t.Fatal(err)
	}
	known := func(s string) bool {
		for _, k := range []string{"DF009", "KS001", "DF002"} {
			if strings.EqualFold(s, k) {
				return true
			}
		}
		return false
	}
	t.Run("from the file", func(t *testing.T) {
		err := c.CheckRules(known)
		want := []string{
			`c.yaml:1:23: disable: unknown rule "nope"`,
			`c.yaml:4:5: enable: unknown rule "NOPE"`,
			`c.yaml:6:3: severity: unknown rule "bogus"`,
		}
		if diff := cmp.Diff(want, errorStrings(posErrors(t, err))); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		if !errors.Is(err, config.ErrUnknownRule) {
			t.Errorf("errors.Is(err, ErrUnknownRule) = false")
		}
	})
	t.Run("added by flags", func(t *testing.T) {
		c2 := *c
		c2.Disable = nil
		c2.Severity = nil
		c2.Enable = []string{"KS001", "flagged"}
		err := c2.CheckRules(known)
		if err == nil || err.Error() != `enable: unknown rule "flagged"` {
			t.Errorf("CheckRules = %v", err)
		}
		var pe *lint.PosError
		if errors.As(err, &pe) {
			t.Errorf("a rule from a flag has a position: %v", pe)
		}
	})
	t.Run("all known", func(t *testing.T) {
		if err := c.CheckRules(func(string) bool { return true }); err != nil {
			t.Error(err)
		}
	})
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    config.Config
		want string
	}{
		{name: "zero", c: config.Config{}},
		{name: "good", c: config.Config{FailOn: "never", Profile: "baseline", KubeVersion: "1.29", Exclude: []string{"a/**"}}},
		{name: "fail-on", c: config.Config{FailOn: "sometimes"}, want: `fail-on: unknown value "sometimes" (want info, warning, error or never)`},
		{name: "profile", c: config.Config{Profile: "Restricted"}, want: `profile: unknown value "Restricted" (want baseline or restricted; did you mean "restricted"?)`},
		{name: "kube-version", c: config.Config{KubeVersion: "1"}, want: `kube-version: "1" is not a MAJOR.MINOR version such as "1.34"`},
		{name: "empty rule", c: config.Config{Disable: []string{" "}}, want: `disable: empty entry`},
		{name: "severity", c: config.Config{Severity: map[string]rule.Severity{"DF002": 0}}, want: `severity: DF002: severity(0) is not info, warning or error`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.c.Validate()
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.want {
				t.Errorf("Validate() = %q, want %q", got, tc.want)
			}
		})
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o750); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(root, ".hardline.yaml"), "fail-on: error\n")
	writeFile(t, filepath.Join(root, "a", ".hardline.yml"), "fail-on: info\n")
	writeFile(t, filepath.Join(root, "a", "b", ".hardline.yml"), "")
	writeFile(t, filepath.Join(root, "a", "b", ".hardline.yaml"), "")
	// A directory with the file's name is not a configuration file.
	if err := os.MkdirAll(filepath.Join(deep, ".hardline.yaml"), 0o750); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, dir, want string
	}{
		{"in the directory", root, filepath.Join(root, ".hardline.yaml")},
		{"in the parent", filepath.Join(root, "a", "b", "c"), filepath.Join(root, "a", "b", ".hardline.yaml")},
		{".yml", filepath.Join(root, "a"), filepath.Join(root, "a", ".hardline.yml")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			found, err := config.Find(tc.dir)
			if err != nil {
				t.Fatal(err)
			}
			if got := found.Path; got != tc.want {
				t.Errorf("Find(%s) = %q, want %q", tc.dir, got, tc.want)
			}
		})
	}
	t.Run("walks up several levels", func(t *testing.T) {
		other := t.TempDir()
		writeFile(t, filepath.Join(other, ".hardline.yaml"), "")
		dir := filepath.Join(other, "x", "y", "z")
		if err := os.MkdirAll(dir, 0o750); err != nil {
			t.Fatal(err)
		}
		found, err := config.Find(dir)
		if err != nil || found.Path != filepath.Join(other, ".hardline.yaml") {
			t.Errorf("Find = %q, %v", found.Path, err)
		}
	})
	t.Run("none", func(t *testing.T) {
		empty := t.TempDir()
		found, err := config.Find(empty)
		if err != nil {
			t.Fatal(err)
		}
		// A file above the temporary directory is not ours to control.
		if got := found.Path; got != "" && strings.HasPrefix(got, empty) {
			t.Errorf("Find = %q", got)
		}
	})
}

// TestFindStops checks where the search for a configuration file stops:
// at a repository's root, and at a file hardline must not trust.
func TestFindStops(t *testing.T) {
	mkdir := func(t *testing.T, p string, mode os.FileMode) {
		t.Helper()
		if err := os.MkdirAll(p, 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("repository root", func(t *testing.T) {
		root := t.TempDir()
		writeFile(t, filepath.Join(root, ".hardline.yaml"), "disable: [all]\n")
		repo := filepath.Join(root, "repo")
		mkdir(t, filepath.Join(repo, "sub"), 0o750)
		for _, git := range []string{"dir", "file"} {
			t.Run(git, func(t *testing.T) {
				gitPath := filepath.Join(repo, ".git")
				if err := os.RemoveAll(gitPath); err != nil {
					t.Fatal(err)
				}
				if git == "dir" {
					mkdir(t, gitPath, 0o750)
				} else {
					writeFile(t, gitPath, "gitdir: /elsewhere\n")
				}
				found, err := config.Find(filepath.Join(repo, "sub"))
				if err != nil || found.Path != "" {
					t.Errorf("Find = %+v, %v; want no file: the search stops at the repository's root", found, err)
				}
			})
		}
		writeFile(t, filepath.Join(repo, ".hardline.yaml"), "")
		if found, err := config.Find(filepath.Join(repo, "sub")); err != nil || found.Path != filepath.Join(repo, ".hardline.yaml") {
			t.Errorf("Find = %+v, %v; want the repository's own file", found, err)
		}
	})
	t.Run("world-writable directory", func(t *testing.T) {
		root := t.TempDir()
		writeFile(t, filepath.Join(root, ".hardline.yaml"), "")
		shared := filepath.Join(root, "shared")
		mkdir(t, filepath.Join(shared, "project"), 0o750)
		if err := os.Chmod(shared, 0o777); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(shared, ".hardline.yaml"), "disable: [all]\n")
		found, err := config.Find(filepath.Join(shared, "project"))
		if err != nil || found.Path != "" || len(found.Ignored) != 1 || !strings.Contains(found.Ignored[0], "every user may write to its directory") {
			t.Errorf("Find = %+v, %v; want the file ignored, and no file above it used", found, err)
		}
	})
	t.Run("world-writable file", func(t *testing.T) {
		root := t.TempDir()
		p := filepath.Join(root, ".hardline.yaml")
		writeFile(t, p, "")
		if err := os.Chmod(p, 0o666); err != nil {
			t.Fatal(err)
		}
		found, err := config.Find(root)
		if err != nil || found.Path != "" || len(found.Ignored) != 1 || !strings.Contains(found.Ignored[0], "every user may write to it") {
			t.Errorf("Find = %+v, %v; want the file ignored", found, err)
		}
	})
	t.Run("sticky directory", func(t *testing.T) {
		root := t.TempDir()
		tmp := filepath.Join(root, "tmp")
		mkdir(t, filepath.Join(tmp, "project"), 0o750)
		if err := os.Chmod(tmp, 0o777|os.ModeSticky); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(tmp, ".hardline.yaml")
		writeFile(t, p, "")
		// The current user's own file in /tmp is trusted.
		if found, err := config.Find(filepath.Join(tmp, "project")); err != nil || found.Path != p {
			t.Errorf("own file: Find = %+v, %v", found, err)
		}
		if os.Getuid() != 0 {
			return // only root can give the file to another user
		}
		if err := os.Chown(p, 4242, 4242); err != nil {
			t.Fatal(err)
		}
		found, err := config.Find(filepath.Join(tmp, "project"))
		if err != nil || found.Path != "" || len(found.Ignored) != 1 || !strings.Contains(found.Ignored[0], "another user owns it") {
			t.Errorf("another user's file: Find = %+v, %v; want it ignored", found, err)
		}
	})
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	t.Run("missing file", func(t *testing.T) {
		_, err := config.Load(filepath.Join(dir, "missing.yaml"))
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Load = %v, want fs.ErrNotExist", err)
		}
	})
	t.Run("positions name the file", func(t *testing.T) {
		path := filepath.Join(dir, ".hardline.yaml")
		writeFile(t, path, "fail-on: error\nenable: KS001\n")
		_, err := config.Load(path)
		pes := posErrors(t, err)
		if len(pes) != 1 || pes[0].File != path || pes[0].Line != 2 || pes[0].Col != 9 {
			t.Errorf("Load = %v", err)
		}
	})
	t.Run("sets Path and Dir", func(t *testing.T) {
		path := filepath.Join(dir, "sub", ".hardline.yaml")
		writeFile(t, path, "policies: [./policy, /abs/rules]\n")
		c, err := config.Load(path)
		if err != nil {
			t.Fatal(err)
		}
		if c.Path != path || c.Dir != filepath.Join(dir, "sub") {
			t.Errorf("Path, Dir = %q, %q", c.Path, c.Dir)
		}
		want := []string{filepath.Join(dir, "sub", "policy"), filepath.FromSlash("/abs/rules")}
		if diff := cmp.Diff(want, c.PolicyDirs()); diff != "" {
			t.Errorf("PolicyDirs (-want +got):\n%s", diff)
		}
	})
}

func TestExcluded(t *testing.T) {
	patterns := []string{"vendor/**", "*.generated.yaml", "charts/*/templates/**", "testdata", "/build/", "**/fixtures/**/bad-*.yaml"}
	c := &config.Config{Dir: filepath.FromSlash("/repo"), Exclude: patterns}
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"/repo/vendor", true},
		{"/repo/vendor/github.com/x/deploy.yaml", true},
		{"/repo/app/vendor/deploy.yaml", false}, // vendor/** is anchored to /repo
		{"/repo/vendored/deploy.yaml", false},
		{"/repo/api.generated.yaml", true},
		{"/repo/deploy/k8s/api.generated.yaml", true},
		{"/repo/deploy/k8s/api.generated.yml", false},
		{"/repo/charts/web/templates/deployment.yaml", true},
		{"/repo/charts/web/templates/sub/job.yaml", true},
		{"/repo/charts/web/values.yaml", false},
		{"/repo/charts/templates/deployment.yaml", false},
		{"/repo/testdata", true},
		{"/repo/lint/testdata/bad/Dockerfile", true},
		{"/repo/lint/testdata.go", false},
		{"/repo/build/Dockerfile", true},
		{"/repo/src/build/Dockerfile", false},
		{"/repo/fixtures/bad-pod.yaml", true},
		{"/repo/a/fixtures/b/c/bad-pod.yaml", true},
		{"/repo/a/fixtures/b/c/good-pod.yaml", false},
		{"/repo/Dockerfile", false},
		{"/repo", false},
		{"/elsewhere/vendor/x.yaml", false},
		{"/repo/../elsewhere/testdata/x", false},
	} {
		t.Run(tc.path, func(t *testing.T) {
			if got := c.Excluded(filepath.FromSlash(tc.path)); got != tc.want {
				t.Errorf("Excluded(%s) = %v, want %v", tc.path, got, tc.want)
			}
		})
	}
	t.Run("relative directory and paths", func(t *testing.T) {
		c, err := config.Parse(filepath.Join("sub", ".hardline.yaml"), []byte("exclude: [vendor/**, testdata]\n"))
		if err != nil {
			t.Fatal(err)
		}
		for path, want := range map[string]bool{
			"sub/vendor/x.yaml":        true,
			"./sub/a/testdata/x.yaml":  true,
			"sub/a/b.yaml":             false,
			"vendor/x.yaml":            false, // outside sub
			"other/testdata/pod.yaml":  false,
			"sub/../sub/vendor/x.yaml": true,
		} {
			if got := c.Excluded(filepath.FromSlash(path)); got != want {
				t.Errorf("Excluded(%s) = %v, want %v", path, got, want)
			}
		}
	})
	t.Run("absolute directory, relative paths", func(t *testing.T) {
		dir := t.TempDir()
		t.Chdir(dir)
		c := &config.Config{Dir: dir, Exclude: []string{"vendor/**"}}
		if !c.Excluded(filepath.Join("vendor", "x.yaml")) {
			t.Error("vendor/x.yaml is not excluded")
		}
		if c.Excluded("x.yaml") {
			t.Error("x.yaml is excluded")
		}
	})
	t.Run("no patterns", func(t *testing.T) {
		if (&config.Config{}).Excluded("vendor/x") {
			t.Error("excluded without patterns")
		}
	})
}

func TestEnabledAndSeverity(t *testing.T) {
	df009 := rule.Rule{ID: "DF009", Name: "no-healthcheck", Severity: rule.SeverityInfo}
	df002 := rule.Rule{ID: "DF002", Name: "image-not-pinned", Severity: rule.SeverityWarning}
	ks001 := rule.Rule{ID: "KS001", Name: "privileged", Severity: rule.SeverityError}
	rules := []rule.Rule{df009, df002, ks001}
	for _, tc := range []struct {
		name   string
		c      *config.Config
		want   []bool
		wantSV []rule.Severity
	}{
		{
			name:   "nothing set",
			c:      &config.Config{},
			want:   []bool{true, true, true},
			wantSV: []rule.Severity{rule.SeverityInfo, rule.SeverityWarning, rule.SeverityError},
		},
		{
			name: "disable by ID and name",
			c:    &config.Config{Disable: []string{"df009", "privileged"}},
			want: []bool{false, true, false},
		},
		{
			name: "enable wins over disable",
			c:    &config.Config{Disable: []string{"DF009", "KS001"}, Enable: []string{"no-healthcheck"}},
			want: []bool{true, true, false},
		},
		{
			name: "disable all, enable a few",
			c:    &config.Config{Disable: []string{"all"}, Enable: []string{"KS001", "image-not-pinned"}},
			want: []bool{false, true, true},
		},
		{
			name: "a named rule wins over all",
			c:    &config.Config{Disable: []string{"DF009"}, Enable: []string{"ALL"}},
			want: []bool{false, true, true},
		},
		{
			name: "severity by ID and by name",
			c: &config.Config{Severity: map[string]rule.Severity{
				"df009":            rule.SeverityError,
				"image-not-pinned": rule.SeverityError,
			}},
			want:   []bool{true, true, true},
			wantSV: []rule.Severity{rule.SeverityError, rule.SeverityError, rule.SeverityError},
		},
		{
			name: "the ID wins over the name",
			c: &config.Config{Severity: map[string]rule.Severity{
				"no-healthcheck": rule.SeverityError,
				"DF009":          rule.SeverityWarning,
			}},
			want:   []bool{true, true, true},
			wantSV: []rule.Severity{rule.SeverityWarning, rule.SeverityWarning, rule.SeverityError},
		},
		{
			name:   "nil configuration",
			c:      nil,
			want:   []bool{true, true, true},
			wantSV: []rule.Severity{rule.SeverityInfo, rule.SeverityWarning, rule.SeverityError},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for i, r := range rules {
				if got := tc.c.Enabled(r); got != tc.want[i] {
					t.Errorf("Enabled(%s) = %v, want %v", r.ID, got, tc.want[i])
				}
				if tc.wantSV == nil {
					continue
				}
				if got := tc.c.SeverityFor(r); got != tc.wantSV[i] {
					t.Errorf("SeverityFor(%s) = %v, want %v", r.ID, got, tc.wantSV[i])
				}
			}
		})
	}
}

func TestExample(t *testing.T) {
	path := filepath.Join("..", "..", "examples", ".hardline.yaml")
	c, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	// Every key the example sets must be read; profile and policies are
	// shown commented out.
	if len(c.Disable) == 0 || len(c.Enable) == 0 || len(c.Severity) == 0 || c.FailOn == "" ||
		len(c.TrustedRegistries) == 0 || len(c.AllowedCapabilities) == 0 || c.KubeVersion == "" || len(c.Exclude) == 0 ||
		len(c.Workloads) == 0 {
		t.Errorf("the example leaves a setting empty: %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Error(err)
	}
	t.Run("rules exist", func(t *testing.T) {
		cat, err := policies.Builtin()
		if err != nil {
			t.Skipf("no built-in catalogue: %v", err)
		}
		if len(cat.Rules) == 0 {
			t.Skip("the built-in catalogue has no rules yet")
		}
		if err := c.CheckRules(func(s string) bool { _, ok := cat.Lookup(s); return ok }); err != nil {
			t.Error(err)
		}
	})
}

func TestLimits(t *testing.T) {
	c, err := config.Parse("c.yaml", []byte("max-file-size: 1048576\ntimeout: 2m\nfile-timeout: 10s\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.MaxFileSize != "1048576" || c.Timeout != "2m" || c.FileTimeout != "10s" {
		t.Errorf("limits = %q, %q, %q", c.MaxFileSize, c.Timeout, c.FileTimeout)
	}
	for _, tc := range []struct {
		in   string
		want int64
	}{
		{"20MiB", 20 << 20}, {"500KB", 500000}, {"1048576", 1 << 20}, {"2 GiB", 2 << 30}, {"7b", 7},
	} {
		if got, err := config.ParseSize(tc.in); err != nil || got != tc.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "0", "-5MiB", "20XB", "MiB", "99999999999GiB"} {
		if _, err := config.ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) succeeded", bad)
		}
	}
}

func TestKubeVersionForms(t *testing.T) {
	for in, want := range map[string]string{"1.34": "1.34", "v1.30": "1.30", "V1.30": "1.30", "1.34.2": "1.34", "v1.25.16": "1.25"} {
		got, ok := config.KubeMinorVersion(in)
		if !ok || got != want {
			t.Errorf("KubeMinorVersion(%q) = %q, %v; want %q", in, got, ok, want)
		}
		if _, err := config.Parse("c.yaml", []byte("kube-version: "+in+"\n")); err != nil {
			t.Errorf("kube-version: %s: %v", in, err)
		}
	}
	for _, in := range []string{"latest", "1", "v", "1.x", "1.34.2.1", "1.34-rc"} {
		if got, ok := config.KubeMinorVersion(in); ok {
			t.Errorf("KubeMinorVersion(%q) = %q, want an error", in, got)
		}
	}
}
