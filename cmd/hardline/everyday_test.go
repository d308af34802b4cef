package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// writeFiles writes name → content into a new temporary directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// rules lists the rule IDs of a report's findings, sorted and unique.
func rules(rep jsonReport) []string {
	var ids []string
	for _, f := range rep.Findings {
		if !slices.Contains(ids, f.Rule) {
			ids = append(ids, f.Rule)
		}
	}
	slices.Sort(ids)
	return ids
}

const pipeToShell = "FROM alpine:3.22\nRUN curl -fsSL https://example.com/install.sh | sh\nUSER 10001\n"

const defaultsPod = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
    - name: web
      image: nginx:1.27
`

// TestProfileSelectsLevelOnly checks that --profile only picks the Pod
// Security Standards level of the pod security controls: Dockerfile,
// image and other Kubernetes rules stay on, and --enable/--disable apply
// on top.
func TestProfileSelectsLevelOnly(t *testing.T) {
	dir := writeFiles(t, map[string]string{"Dockerfile": pipeToShell, "pod.yaml": defaultsPod})
	for _, tc := range []struct {
		name      string
		args      []string
		want, not []string
	}{
		{"restricted", []string{"--profile", "restricted"}, []string{"DF006", "IM002", "KS001", "KS002", "KS011"}, nil},
		{"baseline", []string{"--profile", "baseline"}, []string{"DF006", "IM002", "KS011"}, []string{"KS001", "KS002", "KS004", "KS028"}},
		{"baseline enable", []string{"--profile", "baseline", "--enable", "KS002"}, []string{"DF006", "KS002"}, []string{"KS001"}},
		{"restricted disable", []string{"--profile", "restricted", "--disable", "DF006"}, []string{"KS001"}, []string{"DF006"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, rep := lintJSON(t, append(tc.args, dir)...)
			if code != exitFindings {
				t.Errorf("exit code %d, want %d", code, exitFindings)
			}
			got := rules(rep)
			for _, id := range tc.want {
				if !slices.Contains(got, id) {
					t.Errorf("no %s finding; got %s", id, strings.Join(got, " "))
				}
			}
			for _, id := range tc.not {
				if slices.Contains(got, id) {
					t.Errorf("unexpected %s finding", id)
				}
			}
		})
	}
}

// TestOneFindingPerLatestImage checks that a latest or missing tag is
// reported once, by IM001 with the pin fix, and a version tag by IM002.
func TestOneFindingPerLatestImage(t *testing.T) {
	dir := writeFiles(t, map[string]string{"Dockerfile": "FROM ubuntu:latest\nFROM debian\nFROM alpine:3.22\nUSER 10001\n"})
	_, rep := lintJSON(t, "--disable", "DF002,DF009,IM003", dir)
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Rule+":"+strconv.Itoa(f.Line))
	}
	want := []string{"IM001:1", "IM001:2", "IM002:3"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

// TestPrintedPinCommandDoesOnlyThat runs the command a pin's display fix
// prints and checks that it pins the image and applies no other fix.
func TestPrintedPinCommandDoesOnlyThat(t *testing.T) {
	host, digest := digestRegistry(t)
	dir := t.TempDir()
	src := "FROM " + host + "/team/app:latest\nRUN chmod 777 /srv\n" // DF001 (no USER) has an unsafe fix too
	path := filepath.Join(dir, "Dockerfile")
	writeTestFile(t, path, src)

	code, rep := lintJSON(t, path)
	if code != exitFindings {
		t.Fatalf("exit %d, want 1", code)
	}
	var display string
	for _, f := range rep.Findings {
		if f.Rule == "IM002" {
			t.Errorf("IM002 reported a latest tag: %s", f.Message)
		}
	}
	_, out, _ := hardline(t, "", "lint", "--today", "2026-11-22", path)
	for line := range strings.Lines(out) {
		if strings.Contains(line, "hardline lint --fix") {
			display = strings.TrimSpace(line)
		}
	}
	cmdLine, _, _ := strings.Cut(display, "  #")
	want := "hardline lint --fix --fix-only IM001 --unsafe-fixes --resolve-digests " + path
	if cmdLine != want {
		t.Fatalf("printed command %q, want %q\n%s", cmdLine, want, out)
	}
	args := strings.Fields(strings.TrimPrefix(cmdLine, "hardline "))
	if code, out, errOut := hardline(t, "", args...); code == exitError {
		t.Fatalf("printed command: exit %d\n%s\n%s", code, out, errOut)
	}
	want = strings.Replace(src, ":latest", ":latest@"+digest, 1)
	if got := readTestFile(t, path); got != want {
		t.Errorf("after the printed command:\n%s\nwant only the pin:\n%s", got, want)
	}
}

func TestFixOnlyNeedsFixAndKnownRules(t *testing.T) {
	dir := writeFiles(t, map[string]string{"Dockerfile": pipeToShell})
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--fix-only", "IM001", dir}, "--fix-only selects the fixes of --fix or --diff"},
		{[]string{"--diff", "--fix-only", "IM0001", dir}, `--fix-only: no rule has the ID or name "IM0001" (did you mean "IM001"?`},
		{[]string{"--disable", "privilegd", dir}, `unknown rule "privilegd" (did you mean "privileged"?)`},
		{[]string{"--enable", "KS0006", dir}, `unknown rule "KS0006" (did you mean "KS006"?)`},
	} {
		code, _, errOut := hardline(t, "", append([]string{"lint"}, tc.args...)...)
		if code != exitError || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
	code, _, errOut := hardline(t, "", "explain", "privileged-containr")
	if code != exitError || !strings.Contains(errOut, `did you mean "privileged"?`) {
		t.Errorf("explain: exit %d, stderr %q", code, errOut)
	}
}

// TestUnresolvablePinIsAnError checks that a pin asked for with --fix and
// --resolve-digests that cannot be made fails the run.
func TestUnresolvablePinIsAnError(t *testing.T) {
	host, _ := digestRegistry(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "Dockerfile")
	src := "FROM " + host + "/team/app:9.9\nUSER 10001\n"
	writeTestFile(t, path, src)
	code, _, errOut := hardline(t, "", "lint", "--fail-on", "never", "--fix", "--unsafe-fixes", "--resolve-digests", path)
	if code != exitError || !strings.Contains(errOut, "could not pin 1 image to a digest") {
		t.Errorf("exit %d, stderr %q; want 2 and a message", code, errOut)
	}
	if got := readTestFile(t, path); got != src {
		t.Errorf("file changed:\n%s", got)
	}
}

// TestPolicyTestDot runs the example policies' tests from inside their
// directory, named as "." and "./".
func TestPolicyTestDot(t *testing.T) {
	abs, err := filepath.Abs("../../examples/policies")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(abs)
	for _, dir := range []string{".", "./", abs} {
		code, out, errOut := hardline(t, "", "policy", "test", dir)
		if code != exitClean || !strings.Contains(out, "PASS ") || strings.Contains(out, "0 tests") || strings.Contains(out, "rules.kubernetes.KS") {
			t.Errorf("policy test %s: exit %d\n%s%s", dir, code, out, errOut)
		}
	}
}

func TestDiscoveryNamesAndSymlinks(t *testing.T) {
	outside := writeFiles(t, map[string]string{"pod.yaml": defaultsPod})
	dir := writeFiles(t, map[string]string{
		"Dockerfile_alpine":      pipeToShell,
		"Dockerfile-chroot":      pipeToShell,
		"build.Containerfile":    pipeToShell,
		"Dockerfile.md":          "# How to build\n\nRun docker build.\n",
		"store/deployment.txt":   defaultsPod,
		"manifests/.keep":        "",
		"elsewhere/service.yaml": defaultsPod,
	})
	for link, target := range map[string]string{
		"manifests/app.yaml":     "../store/deployment.txt",   // inside: linted as the target
		"manifests/service.yaml": "../elsewhere/service.yaml", // inside, linted once
		"manifests/outside.yaml": filepath.Join(outside, "pod.yaml"),
		"manifests/broken.yaml":  "missing.yaml",
		"linked-dir":             "store",
		"linked-elsewhere":       "elsewhere",
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	_, rep := lintJSON(t, "--disable", "KS020", dir)
	files := map[string]int{}
	for _, f := range rep.Findings {
		rel, _ := filepath.Rel(dir, f.File)
		if f.Rule == "DF006" || f.Rule == "KS001" {
			files[filepath.ToSlash(rel)]++
		}
	}
	for _, want := range []string{"Dockerfile_alpine", "Dockerfile-chroot", "build.Containerfile", "store/deployment.txt", "elsewhere/service.yaml"} {
		if files[want] != 1 {
			t.Errorf("%s: %d findings of DF006/KS001, want 1 (findings by file: %v)", want, files[want], files)
		}
	}
	if len(files) != 5 {
		t.Errorf("findings in %v, want 5 files", files)
	}
	notices := map[string]string{}
	for _, n := range rep.Notices {
		rel, _ := filepath.Rel(dir, n.File)
		notices[filepath.ToSlash(rel)] = n.Message
	}
	// A directory named through a link is walked.
	code, named := lintJSON(t, "--disable", "KS020", filepath.Join(dir, "linked-elsewhere"))
	if code != exitFindings || named.Summary.Files != 1 || !has(named, "KS001", filepath.Join(dir, "linked-elsewhere", "service.yaml"), 8) {
		t.Errorf("linked directory: exit %d, %d files, %+v", code, named.Summary.Files, named.Findings)
	}
	for file, want := range map[string]string{
		"manifests/outside.yaml": "outside",
		"manifests/broken.yaml":  "broken symbolic link",
		"linked-dir":             "directory",
	} {
		if !strings.Contains(notices[file], want) {
			t.Errorf("notice for %s: %q, want it to say %q (notices %v)", file, notices[file], want, notices)
		}
	}
}

func TestNothingToLint(t *testing.T) {
	dir := writeFiles(t, map[string]string{"docs/README.md": "# docs\n", "notes": "remember the milk\n", "app/Dockerfile": pipeToShell})
	docs, notes := filepath.Join(dir, "docs"), filepath.Join(dir, "notes")

	// Every named path gives nothing: exit 2 with a message.
	for _, args := range [][]string{{docs}, {notes}, {docs, notes}} {
		code, _, errOut := hardline(t, "", append([]string{"lint"}, args...)...)
		if code != exitError || !strings.Contains(errOut, "nothing to lint in") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, errOut)
		}
	}
	// One path gives something: the others get a notice.
	code, rep := lintJSON(t, docs, notes, filepath.Join(dir, "app"))
	if code != exitFindings || rep.Summary.Files != 1 {
		t.Errorf("exit %d, %d files; want 1 and 1", code, rep.Summary.Files)
	}
	msgs := map[string]string{}
	for _, n := range rep.Notices {
		msgs[n.File] = n.Message
	}
	if !strings.Contains(msgs[filepath.ToSlash(docs)], "found no Dockerfile or Kubernetes manifest") {
		t.Errorf("no notice for the empty directory: %v", msgs)
	}
	if !strings.Contains(msgs[filepath.ToSlash(notes)], "not linted") {
		t.Errorf("no notice for the unclassified file: %v", msgs)
	}
	// The default "." is not named: a notice, exit 0.
	t.Chdir(docs)
	code, out, _ := hardline(t, "", "lint")
	if code != exitClean || !strings.Contains(out, "found no Dockerfile or Kubernetes manifest") {
		t.Errorf("walk of an empty working directory: exit %d\n%s", code, out)
	}
}

func TestStdinFlags(t *testing.T) {
	dir := writeFiles(t, map[string]string{"Dockerfile": pipeToShell})
	code, _, errOut := hardline(t, "", "lint", "--stdin-filename", "Dockerfile", dir)
	if code != exitError || !strings.Contains(errOut, `--stdin-filename names standard input`) {
		t.Errorf("--stdin-filename without -: exit %d, stderr %q", code, errOut)
	}

	// --fix with -: the fixed text on standard output, the report on
	// standard error.
	src := "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web # the shop\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n"
	code, out, errOut := hardline(t, src, "lint", "--fix", "--fail-on", "never", "--format", "json", "--stdin-filename", "pod.yaml", "-")
	if code != exitClean {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if !strings.Contains(out, "allowPrivilegeEscalation: false") || !strings.HasPrefix(out, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web # the shop\n") {
		t.Errorf("standard output is not the fixed text:\n%s", out)
	}
	if !strings.Contains(errOut, `"version": 1`) || strings.Contains(errOut, `"rule": "KS002"`) {
		t.Errorf("standard error is not the report on the fixed text:\n%s", errOut)
	}
	// Nothing to fix: the text as it was.
	clean := "FROM scratch\nUSER 10001\n"
	if code, out, _ := hardline(t, clean, "lint", "--fix", "--fail-on", "never", "--stdin-filename", "Dockerfile", "-"); code != exitClean || out != clean {
		t.Errorf("exit %d, output %q, want %q", code, out, clean)
	}

	code, rep := lintJSON(t, "--kube-version", "v1.25.3", "../../examples/kubernetes/podsecuritypolicy.yaml")
	if code != exitFindings || len(rep.Findings) == 0 || !strings.Contains(rep.Findings[0].Message, "(target 1.25)") {
		t.Errorf("--kube-version v1.25.3: exit %d, %+v", code, rep.Findings)
	}
}

func TestSuppressionForms(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"Dockerfile": "# hardline ignore=all the vendor's base image\nFROM ubuntu:latest\n" +
			"# hardline ignore=DF006 DF013 vendor installer\nRUN curl -k https://x.example/i.sh | sh\nUSER 10001\n",
		"pod.yaml": strings.Replace(defaultsPod, "  namespace: shop\n",
			"  namespace: shop\n  annotations:\n    hardline.dev/ignore: \"KS011 KS023 batch job\"\n", 1),
	})
	code, out, _ := hardline(t, "", "lint", "--format", "json", "--disable", "KS020,DF009", dir)
	if code != exitFindings {
		t.Fatalf("exit %d", code)
	}
	var rep struct {
		Findings []struct {
			Rule, File, Message string
			Line                int
			Suppressed          *struct{ Kind string }
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		if f.Suppressed != nil {
			continue
		}
		if f.Line <= 4 && strings.HasSuffix(f.File, "Dockerfile") || f.Rule == "KS011" || f.Rule == "KS023" || f.Rule == "KS030" {
			got = append(got, f.Rule+":"+strconv.Itoa(f.Line))
		}
	}
	slices.Sort(got)
	// ignore=all silences line 2 (IM001, DF002); DF013 in the reason of
	// line 3 stays reported, with a DF014 saying why; the annotation's
	// KS023 likewise.
	want := []string{"DF013:4", "DF014:3", "KS023:8", "KS030:7"}
	if !slices.Equal(got, want) {
		t.Errorf("unsuppressed findings %v, want %v", got, want)
	}
	for _, f := range rep.Findings {
		if f.Rule == "DF014" && !strings.Contains(f.Message, "DF013 in the reason of this suppression is not suppressed") {
			t.Errorf("DF014 message: %s", f.Message)
		}
	}

	// --no-inline-suppressions reports everything, with a notice.
	code, all := lintJSON(t, "--disable", "KS020,DF009", "--no-inline-suppressions", dir)
	if code != exitFindings {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []struct {
		rule string
		line int
	}{{"IM001", 2}, {"DF006", 4}, {"KS011", 10}} {
		if !has(all, want.rule, filepath.Join(dir, "Dockerfile"), want.line) && !has(all, want.rule, filepath.Join(dir, "pod.yaml"), want.line) {
			t.Errorf("--no-inline-suppressions: no %s at line %d", want.rule, want.line)
		}
	}
	if len(all.Notices) != 2 || !strings.Contains(all.Notices[0].Message, "inline suppressions are turned off") {
		t.Errorf("notices %+v", all.Notices)
	}
}

func TestTextShowSourceAndFixable(t *testing.T) {
	dir := writeFiles(t, map[string]string{"pod.yaml": defaultsPod})
	code, out, _ := hardline(t, "", "lint", "--show-source", "--disable", "KS020", filepath.Join(dir, "pod.yaml"))
	if code != exitFindings {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if !strings.Contains(out, "\n        - name: web\n          ^\n") {
		t.Errorf("no source line with a caret:\n%s", out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	last := lines[len(lines)-1]
	if !regexp.MustCompile(`^\d+ fixable with --fix, \d+ more with --unsafe-fixes \(review them with --diff --unsafe-fixes\)$`).MatchString(last) {
		t.Errorf("closing line %q", last)
	}
	// --fix applies the safe ones: none are left to announce.
	code, out, _ = hardline(t, "", "lint", "--fix", "--disable", "KS020", filepath.Join(dir, "pod.yaml"))
	if code == exitError || strings.Contains(out, "fixable with --fix,") || !strings.Contains(out, "fixable with --fix --unsafe-fixes") {
		t.Errorf("after --fix: exit %d\n%s", code, out)
	}
}

func TestUseColor(t *testing.T) {
	for _, tc := range []struct {
		mode     string
		terminal bool
		env      map[string]string
		want     bool
	}{
		{"auto", true, nil, true},
		{"auto", false, nil, false},
		{"auto", true, map[string]string{"NO_COLOR": "1"}, false},
		{"auto", true, map[string]string{"NO_COLOR": ""}, true},
		{"auto", true, map[string]string{"TERM": "dumb"}, false},
		{"always", false, map[string]string{"NO_COLOR": "1"}, true},
		{"never", true, nil, false},
	} {
		e := &env{isTerminal: tc.terminal, getenv: func(k string) string { return tc.env[k] }}
		if got, err := useColor(tc.mode, e); err != nil || got != tc.want {
			t.Errorf("%s, terminal %v, env %v: %v %v, want %v", tc.mode, tc.terminal, tc.env, got, err, tc.want)
		}
	}
}

func TestCIFormats(t *testing.T) {
	dir := writeFiles(t, map[string]string{"Dockerfile": pipeToShell})
	for format, want := range map[string]string{
		"gitlab":     `"check_name": "DF006"`,
		"junit":      `<testcase name="DF006 `,
		"checkstyle": `source="hardline.DF006"`,
	} {
		code, out, errOut := hardline(t, "", "lint", "--format", format, dir)
		if code != exitFindings || !strings.Contains(out, want) {
			t.Errorf("--format %s: exit %d, output lacks %q\n%s%s", format, code, want, out, errOut)
		}
	}
}

// TestVersionFromLinker builds hardline as the release does and checks
// that version prints the version and commit set by -ldflags.
func TestVersionFromLinker(t *testing.T) {
	code, out, _ := hardline(t, "", "version")
	if code != exitClean || !regexp.MustCompile(`^hardline \S+ \(commit \S+, go1\.\d+`).MatchString(out) {
		t.Errorf("version: exit %d, %q", code, out)
	}
	bin := filepath.Join(t.TempDir(), "hardline")
	build := exec.CommandContext(t.Context(), "go", "build",
		"-ldflags", "-X main.version=1.2.3 -X main.commit=0123456789abcdef0123456789abcdef01234567", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	got, err := exec.CommandContext(t.Context(), bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(got), "hardline 1.2.3 (commit 0123456789abcdef0123456789abcdef01234567, go1.") {
		t.Errorf("version: %q", got)
	}
}

func TestSuppressionReasonPerRule(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"pod.yaml": strings.Replace(defaultsPod, "  namespace: shop\n",
			"  namespace: shop\n  annotations:\n    hardline.dev/ignore: \"KS011 limits come from the LimitRange; a quota too; KS023,KS010 the job never calls the API\"\n", 1),
	})
	_, out, _ := hardline(t, "", "lint", "--format", "json", "--disable", "KS020", dir)
	var rep struct {
		Findings []struct {
			Rule       string
			Suppressed *struct{ Justification string }
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"KS011": "limits come from the LimitRange; a quota too",
		"KS023": "the job never calls the API",
		"KS010": "the job never calls the API",
	}
	for _, f := range rep.Findings {
		if f.Rule == "KS030" {
			t.Errorf("unexpected KS030: %s", out)
		}
		w, ok := want[f.Rule]
		if !ok {
			continue
		}
		if f.Suppressed == nil || f.Suppressed.Justification != w {
			t.Errorf("%s: suppressed %+v, want the reason %q", f.Rule, f.Suppressed, w)
		}
		delete(want, f.Rule)
	}
	if len(want) > 0 {
		t.Errorf("no finding of %v", want)
	}
}
