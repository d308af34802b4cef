package formats

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/hardline-dev/hardline/lint/rule"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/hardline-dev/hardline/lint"
)

var update = flag.Bool("update", false, "rewrite golden files")

const (
	dockerfileSrc = `FROM python:3.12
RUN curl -sSL https://example.com/install.sh | sh
ADD app/ /app/
# hardline ignore=DF005 the base image's setup needs root
USER root
`
	brokenSrc = "FORM alpine\n"
	deploySrc = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
`
	composeSrc = "services:\n  agent:\n    image: portainer/agent:2.21\n    privileged: true\n"
	scriptSrc  = "#!/bin/sh\ndocker run --privileged \\\n  alpine:3.22 sh\n"
	workDir    = "/home/dev/src/shop"
)

// span builds the range of src from line:col to endLine:endCol (1-based,
// columns in code points, end exclusive), with its byte offsets.
func span(t *testing.T, src string, line, col, endLine, endCol int) lint.Range {
	t.Helper()
	offset := func(line, col int) int {
		lines := strings.SplitAfter(src, "\n")
		if line > len(lines) {
			t.Fatalf("line %d out of range", line)
		}
		off := 0
		for _, l := range lines[:line-1] {
			off += len(l)
		}
		l := lines[line-1]
		for range col - 1 {
			_, n := utf8.DecodeRuneInString(l)
			off += n
			l = l[n:]
		}
		return off
	}
	return lint.Range{
		Line: line, Column: col, EndLine: endLine, EndColumn: endCol,
		Offset: offset(line, col), EndOffset: offset(endLine, endCol),
	}
}

func testRules() []rule.Rule {
	return []rule.Rule{
		{
			ID: "DF000", Name: "parse-error", Title: "Dockerfiles must parse",
			Description: "A Dockerfile that cannot be parsed cannot be checked; the build will fail too.",
			Severity:    rule.SeverityError, Input: rule.InputDockerfile, Builtin: true,
			NotSecurity: true,
		},
		{
			ID: "DF005", Name: "no-root-user", Title: "The final stage must not run as root",
			Description: "A container that runs as root turns an application bug into full control of the container.",
			Severity:    rule.SeverityError, Input: rule.InputDockerfile,
			Remediation: "Add a USER instruction with a non-root user to the final stage.",
			Why:         "Root in a container is root on the host when a kernel bug or a mount lets it out.",
			Bad:         "FROM alpine\nUSER root\n", Good: "FROM alpine\nUSER 10001\n",
			References: []string{"https://docs.docker.com/build/building/best-practices/#user"},
			Builtin:    true,
		},
		{
			ID: "DF007", Name: "curl-pipe-shell", Title: "Do not pipe downloads into a shell",
			Description: "curl | sh runs whatever the server sends, unverified.", Precision: rule.PrecisionMedium,
			Severity: rule.SeverityError, Input: rule.InputDockerfile,
			Remediation: "Download the file, check its checksum, then run it.",
			Builtin:     true,
		},
		{
			ID: "DF012", Name: "prefer-copy", Title: "Use COPY instead of ADD for local files",
			Description: "ADD also fetches URLs and unpacks archives; COPY only copies.",
			Severity:    rule.SeverityInfo, Input: rule.InputDockerfile,
			Fix: rule.ApplicabilitySafe, Builtin: true,
		},
		{
			ID: "IM001", Name: "pin-digest", Title: "Pin images to a digest",
			Description: "A tag can be moved to another image; a digest cannot.",
			Severity:    rule.SeverityWarning, Input: rule.InputImage,
			Fix: rule.ApplicabilityDisplay, FixReason: "the digest must be looked up in the registry",
			Builtin: true,
		},
		{
			ID: "KS006", Name: "privileged", Title: "Containers must not run privileged",
			Description: "A privileged container has every capability and every host device.",
			Severity:    rule.SeverityError, Input: rule.InputKubernetes,
			Remediation: "Set securityContext.privileged to false.",
			Bad:         "securityContext:\n  privileged: true\n", Good: "securityContext:\n  privileged: false\n",
			Fix: rule.ApplicabilitySafe, Levels: []string{"baseline", "restricted"}, SecuritySeverity: 9.5,
			References: []string{"https://kubernetes.io/docs/concepts/security/pod-security-standards/"},
			Builtin:    true,
		},
		{
			ID: "RT001", Name: "runtime-privileged", Title: "Containers must not run privileged",
			Description: "A Compose service sets privileged: true, or a docker run command passes --privileged.",
			Severity:    rule.SeverityError, Input: rule.InputRuntime,
			Bad: "services:\n  app:\n    privileged: true\ndocker run --privileged app:1.4\n",
			Fix: rule.ApplicabilityUnsafe, Builtin: true,
		},
		{
			ID: "KS010", Name: "no-privilege-escalation", Title: "Containers must set allowPrivilegeEscalation to false",
			Description: "Without it, a setuid binary can give a process more privileges than its parent.",
			Severity:    rule.SeverityWarning, Input: rule.InputKubernetes,
			Fix: rule.ApplicabilitySafe, Levels: []string{"restricted"}, Builtin: true,
		},
		{
			ID: "KS012", Name: "resource-limits", Title: "Containers should have resource limits",
			Description: "A container without limits can starve its neighbours.",
			Severity:    rule.SeverityInfo, Input: rule.InputKubernetes,
			Fix: rule.ApplicabilityDisplay, Tags: []string{"reliability"}, Builtin: true,
		},
	}
}

// testReport covers several files, Dockerfile and YAML findings, every
// severity, safe, unsafe and display fixes, a suppressed finding, a parse
// failure and a notice.
func testReport(t *testing.T) *lint.Report {
	t.Helper()
	dh := lint.LineHashes([]byte(dockerfileSrc))
	bh := lint.LineHashes([]byte(brokenSrc))
	yh := lint.LineHashes([]byte(deploySrc))
	ch := lint.LineHashes([]byte(composeSrc))
	sh := lint.LineHashes([]byte(scriptSrc))
	r := &lint.Report{
		Rules: testRules(),
		Findings: []lint.Finding{
			{
				RuleID: "DF000", Name: "parse-error", Severity: rule.SeverityError,
				Message: "unknown instruction: FORM", File: "broken/Dockerfile",
				Range: span(t, brokenSrc, 1, 1, 1, 5), Fingerprint: bh[0],
			},
			{
				RuleID: "IM001", Name: "pin-digest", Severity: rule.SeverityWarning,
				Message: `image "python:3.12" is not pinned to a digest`, File: "Dockerfile",
				Range: span(t, dockerfileSrc, 1, 6, 1, 17), Fingerprint: dh[0],
				Fixes: []lint.Fix{{
					Title: "Pin the image to a digest", Applicability: rule.ApplicabilityDisplay,
					Display: "FROM python:3.12@sha256:<digest>\n(run with --resolve-digests to look it up)",
				}},
			},
			{
				RuleID: "DF007", Name: "curl-pipe-shell", Severity: rule.SeverityError,
				Message: "curl output is piped into sh", File: "Dockerfile",
				Range: span(t, dockerfileSrc, 2, 5, 2, 50), Fingerprint: dh[1],
			},
			{
				RuleID: "DF012", Name: "prefer-copy", Severity: rule.SeverityInfo,
				Message: "use COPY instead of ADD for local files", File: "Dockerfile",
				Range: span(t, dockerfileSrc, 3, 1, 3, 4), Fingerprint: dh[2],
				Fixes: []lint.Fix{{
					Title: "Replace ADD with COPY", Applicability: rule.ApplicabilitySafe,
					Edits: []lint.Edit{{File: "Dockerfile", Range: span(t, dockerfileSrc, 3, 1, 3, 4), NewText: "COPY"}},
				}},
			},
			{
				RuleID: "DF005", Name: "no-root-user", Severity: rule.SeverityError,
				Message: "the final stage runs as root", File: "Dockerfile",
				Range: span(t, dockerfileSrc, 5, 1, 5, 10), Fingerprint: dh[4],
				Suppression: &lint.Suppression{Kind: "comment", Justification: "the base image's setup needs root"},
			},
			{
				RuleID: "KS010", Name: "no-privilege-escalation", Severity: rule.SeverityWarning,
				Message: `container "web" does not set allowPrivilegeEscalation to false`, File: "k8s/deploy.yaml",
				Range: span(t, deploySrc, 9, 11, 9, 20), Fingerprint: yh[8],
				Fixes: []lint.Fix{{
					Title: "Set allowPrivilegeEscalation to false", Applicability: rule.ApplicabilitySafe,
					Edits: []lint.Edit{{
						File: "k8s/deploy.yaml", Range: span(t, deploySrc, 12, 29, 12, 29),
						NewText: "\n            allowPrivilegeEscalation: false",
					}},
				}},
			},
			{
				RuleID: "KS012", Name: "resource-limits", Severity: rule.SeverityInfo,
				Message: `container "web" has no resource limits`, File: "k8s/deploy.yaml",
				Range: span(t, deploySrc, 9, 11, 9, 20), Fingerprint: yh[8],
				Fixes: []lint.Fix{{
					Title: "Add resource limits", Applicability: rule.ApplicabilityDisplay,
					Display: "resources:\n  limits:\n    cpu: 500m\n    memory: 256Mi\n",
				}},
			},
			{
				RuleID: "RT001", Name: "runtime-privileged", Severity: rule.SeverityError,
				Message: `service "agent" runs privileged: remove privileged: true`, File: "compose.yaml",
				Range: span(t, composeSrc, 4, 5, 4, 21), Fingerprint: ch[3],
				Fixes: []lint.Fix{{
					Title: "Remove privileged", Applicability: rule.ApplicabilityUnsafe,
					Edits: []lint.Edit{{File: "compose.yaml", Range: span(t, composeSrc, 4, 1, 5, 1), NewText: ""}},
				}},
			},
			{
				RuleID: "RT001", Name: "runtime-privileged", Severity: rule.SeverityError,
				Message: "docker run runs privileged: remove --privileged", File: "scripts/run.sh",
				Range: span(t, scriptSrc, 2, 12, 2, 24), Fingerprint: sh[1],
				Fixes: []lint.Fix{{
					Title: "Remove privileged", Applicability: rule.ApplicabilityUnsafe,
					Edits: []lint.Edit{{File: "scripts/run.sh", Range: span(t, scriptSrc, 2, 12, 2, 25), NewText: ""}},
				}},
			},
			{
				RuleID: "KS002", Name: "privilege-escalation", Severity: rule.SeverityWarning,
				Message: `container "web" allows privilege escalation`, File: "charts/web/values.yaml",
				Range:   lint.Range{Line: 3, Column: 1, EndLine: 3, EndColumn: 16, Offset: 20, EndOffset: 35},
				Mapping: "values",
				Fixes: []lint.Fix{{
					Title: "Set allowPrivilegeEscalation to false", Applicability: rule.ApplicabilitySafe,
					Edits: []lint.Edit{{
						File:    "charts/web/values.yaml",
						Range:   lint.Range{Line: 3, Column: 18, EndLine: 3, EndColumn: 20, Offset: 37, EndOffset: 39},
						NewText: "{allowPrivilegeEscalation: false}",
					}},
				}},
			},
			{
				RuleID: "KS006", Name: "privileged", Severity: rule.SeverityError,
				Message: `container "web" runs privileged`, File: "k8s/deploy.yaml",
				Range: span(t, deploySrc, 12, 13, 12, 29), Fingerprint: yh[11],
				Fixes: []lint.Fix{
					{
						Title: "Set privileged to false", Applicability: rule.ApplicabilitySafe,
						Edits: []lint.Edit{{File: "k8s/deploy.yaml", Range: span(t, deploySrc, 12, 25, 12, 29), NewText: "false"}},
					},
					{
						Title: "Remove securityContext.privileged", Applicability: rule.ApplicabilityUnsafe,
						Edits: []lint.Edit{{File: "k8s/deploy.yaml", Range: span(t, deploySrc, 11, 27, 12, 29), NewText: ""}},
					},
				},
			},
		},
		Notices: []lint.Notice{
			{File: "charts/web/templates/deploy.yaml", Message: "skipped: Helm template (contains {{ }})"},
		},
		Files:     5,
		Documents: 5,
		Config:    ".hardline.yaml",
	}
	lint.SortFindings(r.Findings)
	return r
}

func TestGolden(t *testing.T) {
	report := testReport(t)
	for _, tc := range []struct {
		name string
		f    Formatter
	}{
		{"text", Text{}},
		{"text-color", Text{Color: true}},
		{"text-source", Text{ShowSource: true, Source: testSource}},
		{"json", JSON{}},
		{"sarif", SARIF{Version: "1.2.3", WorkDir: workDir}},
		{"github", GitHub{}},
		{"gitlab", GitLab{WorkDir: workDir}},
		{"junit", JUnit{}},
		{"checkstyle", Checkstyle{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got bytes.Buffer
			if err := tc.f.Format(&got, report); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
			// Formatting is deterministic and leaves the report alone.
			var again bytes.Buffer
			if err := tc.f.Format(&again, report); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), again.Bytes()) {
				t.Error("a second run gave different output")
			}
			// Written file by file, as a run produces it, the report is
			// the same.
			if diff := cmp.Diff(string(want), streamed(t, tc.f, report)); diff != "" {
				t.Errorf("streamed: -want +got:\n%s", diff)
			}
		})
	}
}

// streamed is the report written through NewStream, the findings of each
// file in turn.
func streamed(t *testing.T, f Formatter, r *lint.Report) string {
	t.Helper()
	var out bytes.Buffer
	rest := *r
	rest.Findings = nil
	s := NewStream(f, &out, &rest)
	for i := 0; i < len(r.Findings); {
		j := i + 1
		for j < len(r.Findings) && r.Findings[j].File == r.Findings[i].File {
			j++
		}
		if err := s.Findings(r.Findings[i:j]); err != nil {
			t.Fatal(err)
		}
		i = j
	}
	if err := s.End(&rest); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// testSource is the content of the test report's files.
func testSource(file string) []byte {
	switch file {
	case "Dockerfile":
		return []byte(dockerfileSrc)
	case "broken/Dockerfile":
		return []byte(brokenSrc)
	case "k8s/deploy.yaml":
		return []byte(deploySrc)
	}
	return nil
}

// TestSourceLineEscaped checks that --show-source prints control and
// bidirectional characters of the linted file as escapes, with the caret
// still under the column.
func TestSourceLineEscaped(t *testing.T) {
	src := "RUN\tx \x1b[2J\u202e y\n"
	r := &lint.Report{Findings: []lint.Finding{{
		RuleID: "X001", Severity: rule.SeverityInfo, Message: "m", File: "f",
		Range: lint.Range{Line: 1, Column: 13, EndLine: 1, EndColumn: 14},
	}}}
	var got bytes.Buffer
	if err := (Text{ShowSource: true, Source: func(string) []byte { return []byte(src) }}).Format(&got, r); err != nil {
		t.Fatal(err)
	}
	want := "f:1:13  info     X001  m\n    RUN\tx \\u{1b}[2J\\u{202e} y\n       \t  " + strings.Repeat(" ", len(`\u{1b}[2J\u{202e}`)) + " ^\n"
	if !strings.HasPrefix(got.String(), want) {
		t.Errorf("got\n%q\nwant prefix\n%q", got.String(), want)
	}
	for _, c := range []string{"\x1b", "\u202e"} {
		if strings.Contains(got.String(), c) {
			t.Errorf("output holds %q", c)
		}
	}
}

func TestFixableLine(t *testing.T) {
	edit := []lint.Edit{{NewText: "x"}}
	f := func(a ...rule.Applicability) lint.Finding {
		x := lint.Finding{RuleID: "X", Severity: rule.SeverityInfo}
		for _, ap := range a {
			x.Fixes = append(x.Fixes, lint.Fix{Applicability: ap, Edits: edit})
		}
		return x
	}
	display := lint.Finding{Fixes: []lint.Fix{{Applicability: rule.ApplicabilityDisplay, Display: "d"}}}
	safe, unsafe := rule.ApplicabilitySafe, rule.ApplicabilityUnsafe
	for _, tc := range []struct {
		findings []lint.Finding
		want     string
	}{
		{[]lint.Finding{display}, ""},
		{[]lint.Finding{f(safe), f(unsafe, safe)}, "2 fixable with --fix"},
		{[]lint.Finding{f(safe), f(unsafe), f(unsafe), display}, "1 fixable with --fix, 2 more with --unsafe-fixes (review them with --diff --unsafe-fixes)"},
		{[]lint.Finding{f(unsafe)}, "1 fixable with --fix --unsafe-fixes (review them with --diff --unsafe-fixes)"},
	} {
		if got := count(&lint.Report{Findings: tc.findings}).fixableLine(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

// TestCIFormatsWellFormed checks that the XML formats parse back with a
// hostile message and file name, and that GitLab fingerprints are unique.
func TestCIFormatsWellFormed(t *testing.T) {
	f := lint.Finding{
		RuleID: "X001", Severity: rule.SeverityError, File: `a"<&>.yaml`,
		Message: "bad ]]> \x1b[31m <tag> & \"quote\"", Range: lint.Range{Line: 3, Column: 2, EndLine: 3, EndColumn: 4},
	}
	r := &lint.Report{Findings: []lint.Finding{f, f}}
	for _, tc := range []Formatter{JUnit{}, Checkstyle{}} {
		var out bytes.Buffer
		if err := tc.Format(&out, r); err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(&out)
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%T: not well-formed: %v", tc, err)
			}
		}
		if strings.Contains(out.String(), "\x1b") {
			t.Errorf("%T: holds an escape character", tc)
		}
	}
	var out bytes.Buffer
	if err := (GitLab{}).Format(&out, r); err != nil {
		t.Fatal(err)
	}
	var issues []struct{ Fingerprint string }
	if err := json.Unmarshal(out.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	if len(issues) != 2 || issues[0].Fingerprint == issues[1].Fingerprint {
		t.Errorf("fingerprints %+v, want two distinct", issues)
	}
}

func TestEmptyReport(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    Formatter
		want string
	}{
		{"text", Text{}, "no findings in 0 files\n"},
		{"github", GitHub{}, "no findings in 0 files\n"},
		{"json", JSON{}, `{
  "version": 1,
  "configuration": null,
  "findings": [],
  "notices": [],
  "errors": [],
  "summary": {
    "files": 0,
    "documents": 0,
    "findings": 0,
    "bySeverity": {
      "error": 0,
      "warning": 0,
      "info": 0
    },
    "suppressed": 0
  }
}
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, r := range []*lint.Report{nil, {}} {
				var got bytes.Buffer
				if err := tc.f.Format(&got, r); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tc.want, got.String()); diff != "" {
					t.Errorf("-want +got:\n%s", diff)
				}
			}
		})
	}
}

func TestSummaryLine(t *testing.T) {
	f := func(sev rule.Severity, suppressed bool) lint.Finding {
		x := lint.Finding{RuleID: "X", Severity: sev}
		if suppressed {
			x.Suppression = &lint.Suppression{Kind: "comment"}
		}
		return x
	}
	for _, tc := range []struct {
		name     string
		files    int
		findings []lint.Finding
		want     string
	}{
		{"none", 5, nil, "no findings in 5 files"},
		{"one", 1, []lint.Finding{f(rule.SeverityWarning, false)}, "1 finding (1 warning) in 1 file"},
		{"all suppressed", 2, []lint.Finding{f(rule.SeverityError, true)}, "no findings in 2 files; 1 suppressed"},
		{"mixed", 5, []lint.Finding{
			f(rule.SeverityError, false), f(rule.SeverityError, false), f(rule.SeverityError, false),
			f(rule.SeverityWarning, false), f(rule.SeverityWarning, false),
			f(rule.SeverityInfo, false), f(rule.SeverityInfo, false), f(rule.SeverityInfo, true),
		}, "7 findings (3 errors, 2 warnings, 2 info) in 5 files; 1 suppressed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := summaryLine(&lint.Report{Files: tc.files}, count(&lint.Report{Findings: tc.findings}))
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestGitHubEscaping(t *testing.T) {
	r := &lint.Report{Findings: []lint.Finding{{
		RuleID: "X001", Name: "odd", Severity: rule.SeverityInfo,
		Message: "100% sure,\r\nreally: yes", File: "dir,a/b:c%.yaml",
		Range: lint.Range{Line: 2, Column: 3, EndLine: 4, EndColumn: 1},
	}}, Files: 1}
	var got bytes.Buffer
	if err := (GitHub{}).Format(&got, r); err != nil {
		t.Fatal(err)
	}
	want := "::notice file=dir%2Ca/b%3Ac%25.yaml,line=2,col=3,endLine=4,endColumn=1,title=X001 odd::100%25 sure,%0D%0Areally: yes\n" +
		"1 finding (1 info) in 1 file\n"
	if diff := cmp.Diff(want, got.String()); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
}

func TestSARIFArtifactLocation(t *testing.T) {
	for _, tc := range []struct {
		name, workDir, file string
		want                sarifArtifactLocation
	}{
		{"relative", "/repo", "k8s/deploy.yaml", sarifArtifactLocation{URI: "k8s/deploy.yaml", URIBaseID: srcRoot}},
		{"dot", "/repo", "./Dockerfile", sarifArtifactLocation{URI: "Dockerfile", URIBaseID: srcRoot}},
		{"absolute inside", "/repo", "/repo/a/Dockerfile", sarifArtifactLocation{URI: "a/Dockerfile", URIBaseID: srcRoot}},
		{"absolute outside", "/repo", "/etc/app/Dockerfile", sarifArtifactLocation{URI: "file:///etc/app/Dockerfile"}},
		{"parent", "/repo/sub", "../other/x.yaml", sarifArtifactLocation{URI: "file:///repo/other/x.yaml"}},
		{"sibling prefix", "/repo", "/repository/x.yaml", sarifArtifactLocation{URI: "file:///repository/x.yaml"}},
		{"escaped", "/repo", "my dir/a#b?.yaml", sarifArtifactLocation{URI: "my%20dir/a%23b%3F.yaml", URIBaseID: srcRoot}},
		{"colon", "/repo", "a:b/Dockerfile", sarifArtifactLocation{URI: "./a:b/Dockerfile", URIBaseID: srcRoot}},
		{"no workdir", "", "k8s/x.yaml", sarifArtifactLocation{URI: "k8s/x.yaml", URIBaseID: srcRoot}},
		{"no workdir absolute", "", "/tmp/x.yaml", sarifArtifactLocation{URI: "file:///tmp/x.yaml"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := SARIF{WorkDir: tc.workDir}.artifactLocation(tc.file)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
}

func TestDirURI(t *testing.T) {
	for dir, want := range map[string]string{
		"/":                "file:///",
		"/home/dev/src/":   "file:///home/dev/src/",
		"/home/my project": "file:///home/my%20project/",
	} {
		if got := dirURI(dir); got != want {
			t.Errorf("dirURI(%q) = %q, want %q", dir, got, want)
		}
	}
}

func TestLimitText(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   string
	}{
		{"ascii", strings.Repeat("a", 3000)},
		{"multibyte", strings.Repeat("é", 700)},
		{"emoji", "x" + strings.Repeat("\U0001F600", 400)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := limitText(tc.in)
			if len(got) > maxSARIFText || !utf8.ValidString(got) || !strings.HasSuffix(got, "…") {
				t.Errorf("limitText gave %d bytes, valid %v: %q", len(got), utf8.ValidString(got), got)
			}
		})
	}
	if got := limitText("short"); got != "short" {
		t.Errorf("limitText(short) = %q", got)
	}
}

func TestDriverVersion(t *testing.T) {
	for _, tc := range []struct{ in, version, semantic string }{
		{"1.2.3", "1.2.3", "1.2.3"},
		{"v1.2.3", "1.2.3", "1.2.3"},
		{"v0.0.0-20260101120000-abcdef123456", "0.0.0-20260101120000-abcdef123456", "0.0.0-20260101120000-abcdef123456"},
		{"v1.2.3+dirty", "1.2.3+dirty", "1.2.3+dirty"},
		{"dev", "dev", ""},
		{"v1.2", "1.2", ""},
		{"", "", ""},
	} {
		version, semantic := driverVersion(tc.in)
		if version != tc.version || semantic != tc.semantic {
			t.Errorf("driverVersion(%q) = %q, %q; want %q, %q", tc.in, version, semantic, tc.version, tc.semantic)
		}
	}
}

func TestPascalCase(t *testing.T) {
	for in, want := range map[string]string{
		"no-new-privileges": "NoNewPrivileges",
		"privileged":        "Privileged",
		"DF001":             "DF001",
		"run_as-root":       "RunAsRoot",
	} {
		if got := pascalCase(in); got != want {
			t.Errorf("pascalCase(%q) = %q, want %q", in, got, want)
		}
	}
}

// compileSARIFSchema compiles the SARIF 2.1.0 schema from testdata, offline.
func compileSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	const url = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.UseLoader(jsonschema.SchemeURLLoader{}) // no network, no files: only what is added
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func TestSARIFSchema(t *testing.T) {
	sch := compileSARIFSchema(t)
	long := strings.Repeat("This sentence is long enough to matter. ", 60)
	edge := &lint.Report{
		Rules: []rule.Rule{{
			ID: "DF001", Name: "long-text", Title: long, Description: long, Why: long, Remediation: long,
			Bad: long, Good: long, Severity: rule.SeverityWarning, Input: rule.InputDockerfile,
			Tags: []string{"security", "dockerfile", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t"},
		}},
		Findings: []lint.Finding{
			{RuleID: "DF001", Name: "long-text", Severity: rule.SeverityWarning, Message: long, File: "/elsewhere/Dockerfile"},
			{
				RuleID: "ZZ999", Name: "unknown-rule", Severity: 0, Message: "no descriptor in the report", File: "x.yaml",
				Range: lint.Range{Line: 3, Column: 0, EndLine: 3},
			},
			{
				RuleID: "KS000", Name: "parse-error", Severity: rule.SeverityError, Message: "bad yaml", File: "y.yaml",
				Range: lint.Range{Line: 2, Column: 1, EndLine: 2, EndColumn: 1},
				Fixes: []lint.Fix{
					{Title: "Delete it", Applicability: rule.ApplicabilityUnsafe, Edits: []lint.Edit{{Range: lint.Range{Line: 1, Column: 1, EndLine: 2, EndColumn: 1, EndOffset: 4}}}},
					{Title: "Delete it", Applicability: rule.ApplicabilityUnsafe, Edits: []lint.Edit{{Range: lint.Range{Line: 1, Column: 1, EndLine: 2, EndColumn: 1, EndOffset: 4}}}},
				},
			},
		},
		Notices: []lint.Notice{{Message: "no files"}, {Message: "no files"}, {File: "z.yaml", Message: "skipped"}},
		Errors:  []lint.Notice{{File: "w.yaml", Message: "evaluate w.yaml: timed out"}, {Message: "1 of 3 files not linted"}},
		Config:  "/elsewhere/.hardline.yaml",
	}
	for _, tc := range []struct {
		name string
		f    SARIF
		r    *lint.Report
	}{
		{"golden", SARIF{Version: "1.2.3", WorkDir: workDir}, testReport(t)},
		{"empty", SARIF{}, nil},
		{"edge cases", SARIF{Version: "dev", WorkDir: "/repo"}, edge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := tc.f.Format(&out, tc.r); err != nil {
				t.Fatal(err)
			}
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(doc); err != nil {
				t.Fatalf("%s\n%s", err, out.String())
			}
			checkGitHubLimits(t, out.Bytes())
		})
	}
}

// checkGitHubLimits checks what GitHub code scanning requires beyond the
// schema.
func checkGitHubLimits(t *testing.T, data []byte) {
	t.Helper()
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID               string `json:"id"`
						ShortDescription struct{ Text string }
						FullDescription  struct{ Text string }
						Help             struct{ Text string }
						Properties       struct {
							Tags             []string
							SecuritySeverity string `json:"security-severity"`
						}
					}
				}
			}
			Results []struct {
				RuleID    string
				RuleIndex int
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						Region *struct{ StartLine int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 {
		t.Fatalf("got %d runs, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	for _, r := range run.Tool.Driver.Rules {
		for what, s := range map[string]string{"shortDescription": r.ShortDescription.Text, "fullDescription": r.FullDescription.Text, "help": r.Help.Text} {
			if s == "" || utf8.RuneCountInString(s) > 1024 {
				t.Errorf("rule %s: %s has %d characters", r.ID, what, utf8.RuneCountInString(s))
			}
		}
		if len(r.Properties.Tags) > 20 {
			t.Errorf("rule %s has %d tags", r.ID, len(r.Properties.Tags))
		}
		// A security alert has the security tag and a score; other
		// rules (parse errors) have neither.
		if security := slices.Contains(r.Properties.Tags, "security"); security != (r.Properties.SecuritySeverity != "") {
			t.Errorf("rule %s: security tag %v, security-severity %q", r.ID, security, r.Properties.SecuritySeverity)
		}
	}
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result for %s has ruleIndex %d", res.RuleID, res.RuleIndex)
		}
		if res.Message.Text == "" || len(res.Locations) != 1 || res.Locations[0].PhysicalLocation.Region == nil ||
			res.Locations[0].PhysicalLocation.Region.StartLine < 1 {
			t.Errorf("result for %s lacks a message or a region", res.RuleID)
		}
	}
}

// TestHostileText feeds every format a report whose file names, messages,
// fixes and notices come from a hostile repository: newlines that would
// start GitHub workflow commands, terminal escapes, NULs, bidirectional
// overrides and bytes that are not UTF-8.
func TestHostileText(t *testing.T) {
	const evil = "evil\n::error title=FN::x\x1b]0;pwned\a\x1b[2J\x00\u202e\xff.yaml"
	r := &lint.Report{
		Rules: testRules(),
		Findings: []lint.Finding{{
			RuleID: "KS020", Name: "default-namespace", Severity: rule.SeverityWarning,
			Message: "namespace " + evil, File: evil,
			Range: lint.Range{Line: 1, Column: 1, EndLine: 1, EndColumn: 2},
			Fixes: []lint.Fix{{
				Title: "set namespace " + evil, Applicability: rule.ApplicabilityDisplay,
				Display: "metadata:\n  namespace: " + evil + "\n::add-mask::x\r\n",
			}},
		}},
		Notices: []lint.Notice{{File: evil, Message: "skipped " + evil}},
		Files:   1,
	}
	for _, tc := range []struct {
		name string
		f    Formatter
	}{{"text", Text{}}, {"text colour", Text{Color: true}}, {"json", JSON{}}, {"sarif", SARIF{Version: "test"}}, {"github", GitHub{}}} {
		t.Run(tc.name, func(t *testing.T) {
			var got bytes.Buffer
			if err := tc.f.Format(&got, r); err != nil {
				t.Fatal(err)
			}
			out := got.String()
			for line := range strings.Lines(out) {
				// The runner reads a command after leading blanks too.
				line = strings.TrimLeft(line, " \t")
				if strings.HasPrefix(line, "::") && !strings.HasPrefix(line, "::warning file=") && !strings.HasPrefix(line, "::notice file=") {
					t.Errorf("a line starts a workflow command: %q", line)
				}
			}
			if !utf8.ValidString(out) {
				t.Errorf("output is not UTF-8")
			}
			for _, c := range out {
				color := tc.name == "text colour" && c == '\x1b'
				if c != '\n' && !color && (unicode.IsControl(c) || c == '\u202e') {
					t.Errorf("output holds control character %U:\n%s", c, out)
					break
				}
			}
			if tc.name == "text colour" {
				if strings.Contains(out, "\x1b]") || strings.Contains(out, "\x1b[2J") {
					t.Errorf("output holds the file's terminal escapes:\n%q", out)
				}
			}
		})
	}
}

// TestIncompleteReport checks that a run that failed to lint something
// never looks clean in any format.
func TestIncompleteReport(t *testing.T) {
	r := &lint.Report{
		Rules: testRules(),
		Files: 2,
		Errors: []lint.Notice{
			{File: "k8s/pod.yaml", Message: "evaluate k8s/pod.yaml: policies did not finish within 1s (file-timeout)"},
		},
	}
	for _, tc := range []struct {
		name string
		f    Formatter
		want []string
	}{
		{"text", Text{}, []string{"k8s/pod.yaml: error: evaluate k8s/pod.yaml: policies did not finish", "INCOMPLETE: 1 error"}},
		{"github", GitHub{}, []string{"::error file=k8s/pod.yaml,title=hardline could not lint::evaluate", "INCOMPLETE: 1 error"}},
		{"json", JSON{}, []string{`"errors": [`, `"message": "evaluate k8s/pod.yaml: policies did not finish within 1s (file-timeout)"`}},
		{"sarif", SARIF{Version: "test"}, []string{`"executionSuccessful": false`, `"level": "error"`, "policies did not finish"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got bytes.Buffer
			if err := tc.f.Format(&got, r); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(got.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, got.String())
				}
			}
		})
	}
}

// maxWrite records the largest single write (it has no WriteString for
// io.WriteString to go around Write with).
type maxWrite struct {
	buf bytes.Buffer
	max int
}

func (w *maxWrite) Write(p []byte) (int, error) {
	w.max = max(w.max, len(p))
	return w.buf.Write(p)
}

// A file of many findings is written in chunks, not held whole, and the
// document is the one Write makes.
func TestStreamWritesManyFindingsInChunks(t *testing.T) {
	var fs []lint.Finding
	for i := range 5000 {
		fs = append(fs, lint.Finding{
			RuleID: "KS002", Name: "privilege-escalation", Severity: rule.SeverityWarning, File: "all.yaml",
			Message: "container \"web\" allows privilege escalation: set securityContext.allowPrivilegeEscalation: false",
			Range:   lint.Range{Line: i + 1, Column: 3, EndLine: i + 1, EndColumn: 9},
		})
	}
	for _, f := range []interface {
		Formatter
		Streamer
	}{JSON{}, Text{}} {
		rep := &lint.Report{Files: 1, Findings: fs}
		var whole bytes.Buffer
		if err := f.Format(&whole, rep); err != nil {
			t.Fatal(err)
		}
		var w maxWrite
		s := f.Stream(&w, &lint.Report{Files: 1})
		if err := s.Findings(fs); err != nil {
			t.Fatal(err)
		}
		if err := s.End(&lint.Report{Files: 1}); err != nil {
			t.Fatal(err)
		}
		if w.buf.String() != whole.String() {
			t.Errorf("%T: the streamed document differs from the written one", f)
		}
		if w.max > 2*writeChunk {
			t.Errorf("%T: one write of %d bytes for %d bytes of findings", f, w.max, w.buf.Len())
		}
	}
}
