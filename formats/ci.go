package formats

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/hardline-dev/hardline/lint"
)

// The formats below are what CI systems read besides SARIF: GitLab's Code
// Quality report, JUnit XML (test reports of Jenkins, GitLab, Azure
// Pipelines, CircleCI) and Checkstyle XML (Jenkins warnings-ng, reviewdog).
// Each leaves suppressed findings out.

// GitLab writes a GitLab Code Quality report: a JSON array of issues with a
// description, check name, fingerprint, severity and location.
type GitLab struct {
	// WorkDir is the absolute directory paths are made relative to, the
	// project's root; GitLab needs paths relative to it.
	WorkDir string
}

type gitlabIssue struct {
	Type        string         `json:"type"`
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Categories  []string       `json:"categories"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

// Format writes the report as a Code Quality JSON array.
func (g GitLab) Format(w io.Writer, r *lint.Report) error {
	r = orEmpty(r)
	issues := make([]gitlabIssue, 0, len(r.Findings))
	seen := map[string]int{}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Suppression != nil {
			continue
		}
		path := relativeTo(g.WorkDir, f.File)
		begin := max(f.Range.Line, 1)
		// The fingerprint identifies the finding across runs: its rule,
		// file, message and the line's content hash, not its line number.
		sum := sha256.Sum256([]byte(strings.Join([]string{f.RuleID, path, f.Message, cmp.Or(f.Fingerprint, strconv.Itoa(begin))}, "\x00")))
		fp := hex.EncodeToString(sum[:16])
		if n := seen[fp]; n > 0 {
			seen[fp]++
			fp += "-" + strconv.Itoa(n)
		} else {
			seen[fp] = 1
		}
		category := "Security"
		if rule, ok := r.Rule(f.RuleID); ok && rule.NotSecurity {
			category = "Bug Risk" // a file that cannot be parsed, a stale suppression
		}
		issue := gitlabIssue{
			Type:        "issue",
			Description: limitText(f.RuleID + ": " + oneLine(f.Message)),
			CheckName:   f.RuleID,
			Categories:  []string{category},
			Fingerprint: fp,
			Severity:    f.Severity.Name("critical", "major", "minor"),
			Location:    gitlabLocation{Path: path, Lines: gitlabLines{Begin: begin}},
		}
		if f.Range.EndLine > begin {
			issue.Location.Lines.End = f.Range.EndLine
		}
		issues = append(issues, issue)
	}
	return writeJSON(w, issues)
}

// relativeTo is file relative to workDir when it lies inside it,
// slash-separated; otherwise file as it is.
func relativeTo(workDir, file string) string {
	p := filepath.FromSlash(file)
	if workDir == "" || !filepath.IsAbs(p) {
		return filepath.ToSlash(filepath.Clean(p))
	}
	rel, err := filepath.Rel(workDir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

// byFile groups the unsuppressed findings by file, files in order.
func byFile(r *lint.Report) (files []string, findings map[string][]*lint.Finding) {
	findings = map[string][]*lint.Finding{}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Suppression != nil {
			continue
		}
		if _, ok := findings[f.File]; !ok {
			files = append(files, f.File)
		}
		findings[f.File] = append(findings[f.File], f)
	}
	slices.Sort(files)
	return files, findings
}

// JUnit writes JUnit XML: a test suite per file with findings, a failed
// test case per finding. A run without findings is one passing test case.
type JUnit struct{}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// Format writes the report as JUnit XML.
func (JUnit) Format(w io.Writer, r *lint.Report) error {
	r = orEmpty(r)
	files, findings := byFile(r)
	out := junitSuites{Name: "hardline"}
	for _, file := range files {
		suite := junitSuite{Name: file}
		for _, f := range findings[file] {
			loc := textLocation(f)
			suite.Cases = append(suite.Cases, junitCase{
				Name:      f.RuleID + " " + loc,
				ClassName: file,
				Failure: &junitFailure{
					Message: oneLine(f.Message),
					Type:    f.Severity.String(),
					Text:    fmt.Sprintf("%s  %s  %s  %s", loc, f.Severity, f.RuleID, oneLine(f.Message)),
				},
			})
		}
		suite.Tests, suite.Failures = len(suite.Cases), len(suite.Cases)
		out.Suites = append(out.Suites, suite)
		out.Tests += suite.Tests
		out.Failures += suite.Failures
	}
	if len(out.Suites) == 0 {
		out.Suites = []junitSuite{{Name: "hardline", Tests: 1, Cases: []junitCase{{Name: summaryLine(r, count(r)), ClassName: "hardline"}}}}
		out.Tests = 1
	}
	return writeXML(w, out)
}

// Checkstyle writes Checkstyle XML: a file element per file with findings,
// an error element per finding.
type Checkstyle struct{}

type checkstyleReport struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// Format writes the report as Checkstyle XML.
func (Checkstyle) Format(w io.Writer, r *lint.Report) error {
	r = orEmpty(r)
	files, findings := byFile(r)
	out := checkstyleReport{Version: "4.3"}
	for _, file := range files {
		cf := checkstyleFile{Name: file}
		for _, f := range findings[file] {
			sev := f.Severity.String() // error, warning and info are Checkstyle's names too
			cf.Errors = append(cf.Errors, checkstyleError{
				Line:     max(f.Range.Line, 1),
				Column:   max(f.Range.Column, 0),
				Severity: sev,
				Message:  oneLine(f.Message),
				Source:   "hardline." + f.RuleID,
			})
		}
		out.Files = append(out.Files, cf)
	}
	return writeXML(w, out)
}

// writeXML writes v as an indented XML document. encoding/xml escapes
// markup and replaces characters XML cannot hold (control characters) with
// U+FFFD.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write xml: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}
