package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixCompose applies the safe fixes to the insecure compose.yaml: the
// inserted settings are there, the unsafe ones (user, privileged) are not,
// and linting again reports none of the fixed rules.
func TestFixCompose(t *testing.T) {
	dir := copyTree(t, "../../examples")
	file := filepath.Join(dir, "insecure", "compose.yaml")
	if code, out, errOut := hardline(t, "", "lint", "--fix", file); code == exitError {
		t.Fatalf("--fix: exit %d\n%s%s", code, out, errOut)
	}
	fixed, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	s := string(fixed)
	for _, want := range []string{"    read_only: true\n    cap_drop: [ALL]\n", `security_opt: ["no-new-privileges:true"]`, "# A Compose file as project templates"} {
		if !strings.Contains(s, want) {
			t.Errorf("fixed file lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, `user: "10001:10001"`) || !strings.Contains(s, "privileged: true") {
		t.Errorf("--fix applied an unsafe fix:\n%s", s)
	}
	_, rep := lintJSON(t, file)
	for _, f := range rep.Findings {
		for _, fix := range f.Fixes {
			if fix.Applicability == "safe" {
				t.Errorf("after --fix, %s:%d %s still has a safe fix", f.File, f.Line, f.Rule)
			}
		}
	}
	// --unsafe-fixes also sets the user and removes privileged.
	if code, out, errOut := hardline(t, "", "lint", "--fix", "--unsafe-fixes", file); code == exitError {
		t.Fatalf("--fix --unsafe-fixes: exit %d\n%s%s", code, out, errOut)
	}
	fixed, _ = os.ReadFile(file)
	if s := string(fixed); !strings.Contains(s, `user: "10001:10001"`) || strings.Contains(s, "privileged: true") {
		t.Errorf("--unsafe-fixes did not apply:\n%s", s)
	}
}

// TestFixScript applies the unsafe fixes to a docker run line, keeping its
// line continuations.
func TestFixScript(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "run.sh")
	src := "#!/bin/sh\n# start\ndocker run -d \\\n  --privileged \\\n  -p 8080:8080 \\\n  ghcr.io/acme/app:1.0\n"
	if err := os.WriteFile(file, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	hardline(t, "", "lint", "--fix", file)
	if got, _ := os.ReadFile(file); string(got) != src {
		t.Errorf("--fix applied an unsafe docker run fix:\n%s", got)
	}
	hardline(t, "", "lint", "--fix", "--unsafe-fixes", file)
	got, _ := os.ReadFile(file)
	want := "#!/bin/sh\n# start\ndocker run --security-opt=no-new-privileges --read-only --cap-drop=ALL -d \\\n  -p 8080:8080 \\\n  ghcr.io/acme/app:1.0\n"
	if string(got) != want {
		t.Errorf("fixed:\n%s\nwant:\n%s", got, want)
	}
}

func TestComposeFromStdinAndSuppressions(t *testing.T) {
	src := "services:\n  web:\n    image: ghcr.io/acme/web:1.0\n    # hardline ignore=RT001 the agent needs the host's devices\n    privileged: true\n    cap_add: [NET_ADMIN]\n"
	code, out, errOut := hardline(t, src, "lint", "--format", "json", "--stdin-filename", "deploy/stack.yml", "-")
	if code == exitError {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if !has(rep, "RT003", "deploy/stack.yml", 6) || !has(rep, "RT002", "deploy/stack.yml", 2) {
		t.Errorf("standard input with services was not linted as Compose:\n%s", out)
	}
	var suppressed struct {
		Findings []struct {
			Rule       string `json:"rule"`
			Suppressed *struct {
				Kind string `json:"kind"`
			} `json:"suppressed"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &suppressed); err != nil {
		t.Fatal(err)
	}
	seen := false
	for _, f := range suppressed.Findings {
		seen = seen || f.Rule == "RT001"
		if f.Rule == "RT001" && f.Suppressed == nil {
			t.Errorf("the ignore comment did not suppress RT001: %+v", f)
		}
	}
	if !seen {
		t.Errorf("no RT001 finding, suppressed or not:\n%s", out)
	}
	// --allowed-capability, as for KS005.
	_, out, _ = hardline(t, src, "lint", "--allowed-capability", "NET_ADMIN", "--stdin-filename", "deploy/stack.yml", "-")
	if strings.Contains(out, "RT003") {
		t.Errorf("--allowed-capability NET_ADMIN still reports RT003:\n%s", out)
	}
}

func TestExplainRuntimeRule(t *testing.T) {
	code, out, errOut := hardline(t, "", "explain", "runtime-privileged")
	if code != exitClean || !strings.Contains(out, "RT001") || !strings.Contains(out, "docker run --privileged") {
		t.Errorf("explain: exit %d\n%s%s", code, out, errOut)
	}
}

// TestResolveDigestsPinsRuntimeImages pins the images of a Compose file and
// of docker run lines, quoted or not, keeping the rest of the line.
func TestResolveDigestsPinsRuntimeImages(t *testing.T) {
	host, digest := digestRegistry(t)
	dir := t.TempDir()
	compose := "services:\n  app:\n    image: \"" + host + "/team/app:1.0\" # pinned by bots\n  job:\n    image: " + host + "/team/app\n"
	script := "#!/bin/sh\ndocker run --rm \\\n  '" + host + "/team/app:1.0' serve\ndocker run " + host + "/team/app:latest\n"
	writeTestFile(t, filepath.Join(dir, "compose.yaml"), compose)
	writeTestFile(t, filepath.Join(dir, "run.sh"), script)

	code, out, errOut := hardline(t, "", pinOnly("lint", "--today", "2026-11-22", "--resolve-digests", "--fix", "--unsafe-fixes", dir)...)
	if code != exitClean {
		t.Fatalf("exit %d, want 0 (everything pinned)\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	wantCompose := "services:\n  app:\n    image: \"" + host + "/team/app:1.0@" + digest + "\" # pinned by bots\n  job:\n    image: " + host + "/team/app@" + digest + "\n"
	wantScript := "#!/bin/sh\ndocker run --rm \\\n  '" + host + "/team/app:1.0@" + digest + "' serve\ndocker run " + host + "/team/app:latest@" + digest + "\n"
	if got := readTestFile(t, filepath.Join(dir, "compose.yaml")); got != wantCompose {
		t.Errorf("compose.yaml after --fix:\n%s\nwant:\n%s", got, wantCompose)
	}
	if got := readTestFile(t, filepath.Join(dir, "run.sh")); got != wantScript {
		t.Errorf("run.sh after --fix:\n%s\nwant:\n%s", got, wantScript)
	}
}
