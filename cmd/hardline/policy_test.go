package main

// Tests of users' own policies through the command line: the worked
// example of examples/policies (docs/policies.md), `hardline policy test`,
// and what hardline refuses to load.

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hardline-dev/hardline/policies"
)

const examplePolicies = "../../examples/policies"

// writeFile writes a file below dir, creating its directories.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPolicyTestExamples(t *testing.T) {
	code, out, errOut := hardline(t, "", "policy", "test", examplePolicies)
	if code != exitClean {
		t.Fatalf("exit %d, want 0\n%s%s", code, out, errOut)
	}
	m := regexp.MustCompile(`(?m)^(\d+) tests, 0 failed$`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no summary line in\n%s", out)
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n < 5 {
		t.Errorf("%s tests: want the example's tests (at least 5) to run", m[1])
	}
	passed := regexp.MustCompile(`(?m)^PASS rules\.kubernetes\.ACME001_test\.test_\w+$`).FindAllString(out, -1)
	if len(passed) != n {
		t.Errorf("%d PASS lines for %d tests:\n%s", len(passed), n, out)
	}
}

func TestPolicyTestFailing(t *testing.T) {
	rule, err := os.ReadFile(filepath.Join(examplePolicies, "ACME001_team_label.rego"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFile(t, dir, "ACME001_team_label.rego", string(rule))
	writeFile(t, dir, "ACME001_team_label_test.rego", `package rules.kubernetes.ACME001_test

import data.rules.kubernetes.ACME001

test_service_is_ignored if {
	count(ACME001.deny) == 0 with input as {"kind": "Service", "name": "web", "object": {"metadata": {}}, "object_path": [], "pods": []}
}

# Wrong on purpose: a Pod without labels has one finding, not none.
test_wrong_expectation if {
	pod := {
		"kind": "Pod", "name": "debug", "object": {"metadata": {"name": "debug"}}, "object_path": [],
		"pods": [{"metadata": {"name": "debug"}, "metadata_path": ["metadata"]}],
	}
	count(ACME001.deny) == 0 with input as pod
}
`)
	code, out, errOut := hardline(t, "", "policy", "test", dir)
	if code != exitFindings {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"PASS rules.kubernetes.ACME001_test.test_service_is_ignored",
		"FAIL rules.kubernetes.ACME001_test.test_wrong_expectation",
		"2 tests, 1 failed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestLintWithExamplePolicy(t *testing.T) {
	dir := t.TempDir()
	// Labelled workload, unlabelled pod template: one finding, with a fix.
	partial := writeFile(t, dir, "deploy/web.yaml", `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
    team: payments
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.4
`)
	// No labels at all: the workload (at metadata:) and its template.
	bare := writeFile(t, dir, "deploy/worker.yaml", `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: report
              image: registry.example.com/report:2
`)
	// Labelled everywhere, and a Service: nothing.
	writeFile(t, dir, "deploy/api.yaml", `apiVersion: v1
kind: Pod
metadata:
  name: api
  labels: {team: payments}
spec:
  containers:
    - name: api
      image: registry.example.com/api:3
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector: {app: api}
`)
	code, rep := lintJSON(t, "--policy", examplePolicies, "--disable", "all", "--enable", "ACME001", dir)
	if code != exitFindings {
		t.Fatalf("exit %d, want 1", code)
	}
	partialPath, barePath := filepath.ToSlash(partial), filepath.ToSlash(bare)
	for _, want := range []struct {
		file string
		line int
		what string
	}{
		{partialPath, 11, "the pod template's labels:"},
		{barePath, 3, "the CronJob's metadata: (it has no labels)"},
		{barePath, 9, "the job template's template: (it has no metadata)"},
	} {
		if !has(rep, "ACME001", want.file, want.line) {
			t.Errorf("no ACME001 finding at %s:%d (%s)", want.file, want.line, want.what)
		}
	}
	if len(rep.Findings) != 3 {
		t.Errorf("%d findings, want 3: %+v", len(rep.Findings), rep.Findings)
	}
	for _, f := range rep.Findings {
		if f.File == partialPath {
			if len(f.Fixes) != 1 || f.Fixes[0].Applicability != "safe" || !strings.Contains(f.Fixes[0].Title, "team: payments") {
				t.Errorf("want one safe fix labelling the template team: payments, got %+v", f.Fixes)
			}
		} else if len(f.Fixes) != 0 {
			t.Errorf("%s:%d: no team to copy, so no fix; got %+v", f.File, f.Line, f.Fixes)
		}
	}

	// The fix writes the label into the template.
	code, out, errOut := hardline(t, "", "lint", "--policy", examplePolicies, "--disable", "all", "--enable", "ACME001", "--diff", partial)
	if code != exitFindings || !strings.Contains(out, "+        team: payments\n") {
		t.Errorf("--diff: exit %d, want 1 and the team label added to the template:\n%s%s", code, out, errOut)
	}
}

// userPolicy is a Dockerfile rule of a user's policy directory; meta is its
// METADATA block (without the "# METADATA" line) and cond the body of its
// deny rule.
func userPolicy(id, meta, cond string) string {
	var b strings.Builder
	if meta != "" {
		b.WriteString("# METADATA\n")
		for _, l := range strings.Split(strings.TrimSpace(meta), "\n") {
			b.WriteString("# " + l + "\n")
		}
	}
	b.WriteString("package rules.dockerfile." + id + "\n\n")
	b.WriteString("deny contains {\"msg\": \"base image is not from the company registry\", \"range\": input.instructions[0].range} if {\n\t" + cond + "\n}\n")
	return b.String()
}

// fullMeta is a complete METADATA block for a rule with that id and name.
func fullMeta(id, name string) string {
	return "title: Base images must come from the company registry\ncustom:\n  id: " + id +
		"\n  name: " + name + "\n  severity: warning\n  input: dockerfile"
}

// expectLoadError runs lint and policy test (and, with rules set, hardline
// rules) on a policy directory that must not load, and checks the exit code
// and that stderr says what and where.
func expectLoadError(t *testing.T, dir string, rules bool, wants ...string) {
	t.Helper()
	dockerfile := writeFile(t, t.TempDir(), "Dockerfile", "FROM alpine:3.22\n")
	commands := [][]string{
		{"lint", "--policy", dir, dockerfile},
		{"policy", "test", dir},
	}
	if rules {
		commands = append(commands, []string{"rules", "--policy", dir})
	}
	for _, args := range commands {
		code, out, errOut := hardline(t, "", args...)
		if code != exitError {
			t.Errorf("%s: exit %d, want 2\n%s%s", args[0], code, out, errOut)
			continue
		}
		for _, w := range wants {
			if !strings.Contains(errOut, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", args[0], w, errOut)
			}
		}
	}
}

func TestPolicySandbox(t *testing.T) {
	for _, tc := range []struct{ builtin, call string }{
		{"http.send", `http.send({"method": "GET", "url": "https://registry.example.com/v2/"}).status_code == 200`},
		{"net.lookup_ip_addr", `count(net.lookup_ip_addr("registry.example.com")) > 0`},
		{"opa.runtime", `opa.runtime().env.CI == "true"`},
		{"time.now_ns", `time.now_ns() > 0`},
		{"rand.intn", `rand.intn("x", 10) == 1`},
		{"uuid.rfc4122", `uuid.rfc4122("x") != ""`},
		// A $ref reads files (file:///etc/passwd leaks content and
		// existence, file:///dev/zero exhausts memory) and the network.
		{"json.verify_schema", `json.verify_schema({"$ref": "file:///etc/passwd"})[0]`},
		{"json.match_schema", `json.match_schema({}, {"$ref": "file:///dev/zero"})[0]`},
		// Signing is randomised; verifying expiry reads the clock.
		{"io.jwt.encode_sign", `io.jwt.encode_sign({"alg": "HS256"}, {}, {"kty": "oct", "k": "eA"}) != ""`},
		{"io.jwt.encode_sign_raw", `io.jwt.encode_sign_raw("{}", "{}", "{}") != ""`},
		{"io.jwt.decode_verify", `io.jwt.decode_verify("x.y.z", {"secret": "s"})[0]`},
		{"crypto.x509.parse_and_verify_certificates", `crypto.x509.parse_and_verify_certificates("x")[0]`},
		{"providers.aws.sign_req", `providers.aws.sign_req({}, {}, 0) != {}`},
	} {
		t.Run(tc.builtin, func(t *testing.T) {
			dir := t.TempDir()
			file := writeFile(t, dir, "ORG001_registry.rego", userPolicy("ORG001", fullMeta("ORG001", "org-registry"), tc.call))
			// hardline rules only reads METADATA; it does not compile the
			// policies, so it does not see the call.
			expectLoadError(t, dir, false, filepath.ToSlash(file), tc.builtin+" is not available to policies")
		})
	}
}

// TestPolicySandboxAllowList checks that every built-in function of the OPA
// version in use is either allowed or excluded with a reason, so that a new
// OPA release cannot add a function to the sandbox unseen.
func TestPolicySandboxAllowList(t *testing.T) {
	allowed := policies.AllowedBuiltins()
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		_, excluded := policies.ExcludedBuiltin(b.Name)
		if slices.Contains(allowed, b.Name) == excluded {
			t.Errorf("built-in %s: allowed %v, excluded %v; want exactly one", b.Name, !excluded, excluded)
		}
	}
	got := map[string]bool{}
	for _, b := range policies.Capabilities().Builtins {
		got[b.Name] = true
	}
	for _, name := range allowed {
		if !got[name] {
			t.Errorf("allowed built-in %s is not in the capabilities (renamed or removed by OPA?)", name)
		}
	}
	// docs/security.md lists both lists.
	doc, err := os.ReadFile("../../docs/security.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		if !strings.HasPrefix(b.Name, "internal.") && !strings.Contains(string(doc), "`"+b.Name+"`") {
			t.Errorf("docs/security.md does not list the built-in %s", b.Name)
		}
	}
}

func TestPolicyReservedPackages(t *testing.T) {
	for _, tc := range []struct{ name, file, src, want string }{
		{"hardline.config", "config.rego", "package hardline.config\n\nkube_minor := 10\n", "package hardline.config"},
		{"hardline.main", "main.rego", "package hardline.main\n\nkubernetes contains [\"KS006\", {\"msg\": \"x\"}] if true\n", "package hardline.main"},
		{"lib helper", "lib.rego", "package lib.dockerfile\n\nroot_user(_) := false\n", "package lib.dockerfile"},
		{"lib sub-package", "lib.rego", "package lib.dockerfile.extra\n\nx := 1\n", "package lib.dockerfile.extra"},
		{"enclosing package", "lib.rego", "package lib\n\ndockerfile := {}\n", "package lib "},
		{"built-in rule package", "DF001.rego", userPolicy("DF001", fullMeta("DF001", "my-rule"), "true"), "package rules.dockerfile.DF001"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := writeFile(t, dir, tc.file, tc.src)
			expectLoadError(t, dir, true, filepath.ToSlash(file), tc.want, "reserved for hardline's built-in policies")
		})
	}
}

func TestPolicyMetadataRequired(t *testing.T) {
	meta := fullMeta("ORG001", "org-registry")
	without := func(key string) string {
		var keep []string
		for _, l := range strings.Split(meta, "\n") {
			if strings.TrimSpace(strings.SplitN(l, ":", 2)[0]) != key {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	for _, tc := range []struct {
		name, meta, want string
	}{
		{"no METADATA", "", "METADATA"},
		{"no title", without("title"), "title"},
		{"no id", without("id"), "custom.id"},
		{"no name", without("name"), "custom.name"},
		{"no severity", without("severity"), "severity"},
		{"no input", without("input"), "custom.input"},
		{"bad severity", strings.Replace(meta, "severity: warning", "severity: critical", 1), "critical"},
		{"id not the package's", strings.Replace(meta, "id: ORG001", "id: ORG002", 1), "ORG002"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := writeFile(t, dir, "ORG001_registry.rego", userPolicy("ORG001", tc.meta, "true"))
			expectLoadError(t, dir, true, filepath.ToSlash(file), tc.want)
		})
	}
}

func TestPolicyClashesWithBuiltin(t *testing.T) {
	t.Run("id", func(t *testing.T) {
		dir := t.TempDir()
		file := writeFile(t, dir, "DF001_mine.rego", userPolicy("DF001", fullMeta("DF001", "my-root-user"), "true"))
		expectLoadError(t, dir, true, filepath.ToSlash(file), "rule ID DF001", "reserved for hardline's built-in policies")
	})
	t.Run("name", func(t *testing.T) {
		dir := t.TempDir()
		// root-user is DF001's name.
		file := writeFile(t, dir, "ORG001_root.rego", userPolicy("ORG001", fullMeta("ORG001", "root-user"), "true"))
		expectLoadError(t, dir, true, filepath.ToSlash(file), "root-user", "already used")
	})
}

func TestRulesListsExamplePolicy(t *testing.T) {
	code, out, errOut := hardline(t, "", "rules", "--policy", examplePolicies)
	if code != exitClean {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if !regexp.MustCompile(`(?m)^ACME001\s+team-label\s+warning\s+kubernetes\s+Workloads must name the team that owns them$`).MatchString(out) {
		t.Errorf("rules --policy does not list ACME001:\n%s", out)
	}
	if code, out, _ := hardline(t, "", "rules"); code != exitClean || strings.Contains(out, "ACME001") {
		t.Errorf("rules without --policy: exit %d, lists ACME001: %v", code, strings.Contains(out, "ACME001"))
	}
	code, out, errOut = hardline(t, "", "explain", "--policy", examplePolicies, "team-label")
	if code != exitClean || !strings.Contains(out, "ACME001") || !strings.Contains(out, "spec.template.metadata.labels.team") {
		t.Errorf("explain team-label: exit %d\n%s%s", code, out, errOut)
	}
}

// A policy's METADATA is printed by rules and explain as text that can
// neither drive the terminal nor start a CI workflow command.
func TestRulesEscapePolicyMetadata(t *testing.T) {
	dir := t.TempDir()
	meta := "title: \"Red \\e[31mtitle\"\ndescription: \"first\\n::error file=x::spoofed\\n##[error]old\"\ncustom:\n" +
		"  id: ORG001\n  name: org-rule\n  severity: warning\n  input: dockerfile"
	writeFile(t, dir, "ORG001_rule.rego", userPolicy("ORG001", meta, "true"))
	for _, args := range [][]string{
		{"rules", "--policy", dir},
		{"rules", "--policy", dir, "--format", "markdown"},
		{"explain", "--policy", dir, "ORG001"},
	} {
		code, out, errOut := hardline(t, "", args...)
		if code != exitClean || !strings.Contains(out, `Red \x1b[31mtitle`) {
			t.Errorf("%v: exit %d, no escaped title in\n%s%s", args, code, out, errOut)
		}
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(strings.TrimSpace(l), "::") || strings.Contains(l, "##[") || strings.Contains(l, "\x1b") {
				t.Errorf("%v: unsafe line %q", args, l)
			}
		}
	}
}
