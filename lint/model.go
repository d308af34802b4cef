// Package lint holds hardline's model (ranges, findings, fixes), file
// discovery and the engine that evaluates the Rego policies over parsed files.
package lint

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/hardline-dev/hardline/lint/rule"
)

// Range is a span of a source file. Lines and columns are 1-based; columns
// count Unicode code points and EndColumn is exclusive. Offset and EndOffset
// are 0-based byte offsets, EndOffset exclusive.
type Range struct {
	Line      int `json:"line"`
	Column    int `json:"column"`
	EndLine   int `json:"endLine"`
	EndColumn int `json:"endColumn"`
	Offset    int `json:"offset"`
	EndOffset int `json:"endOffset"`
}

// IsZero reports whether the range was never set.
func (r Range) IsZero() bool { return r.Line == 0 }

// Edit replaces the bytes of Range in File with NewText.
type Edit struct {
	File    string
	Range   Range
	NewText string
}

// Fix is one way to resolve a finding: a title and non-overlapping edits.
type Fix struct {
	Title         string
	Applicability rule.Applicability
	Edits         []Edit
	// Display is text shown to the user for a display fix that has no
	// edits, such as a whole new object to add.
	Display string
	// Intents are the YAML intents ("set", "delete", "add_to_list") the
	// edits were made from, for callers that apply the fix to another file
	// (the source of a rendered manifest); kept only for a Source that
	// asks for them. Not part of the output.
	Intents []Intent
}

// Finding is one problem reported by a rule.
type Finding struct {
	RuleID   string
	Name     string
	Severity rule.Severity
	Message  string
	File     string
	Range    Range
	Fixes    []Fix
	// Fingerprint identifies the finding across unrelated edits of the
	// file (SARIF partialFingerprints.primaryLocationLineHash).
	Fingerprint string
	// Suppression is set when an ignore comment or annotation silenced
	// the finding.
	Suppression *Suppression
	// Mapping says how a finding on rendered output (a Helm chart, a
	// Kustomize overlay) was placed in the file people edit: "source" (the
	// key as written in a template or resource), "values" (the chart's
	// values key), "object" (the start of the object); "" for files linted
	// as they are.
	Mapping string

	// doc is the index of the YAML document the finding is in (-1 when
	// unknown) and obj the object's path in it (see objectPathKey; "" when
	// unknown), for suppression annotations.
	doc int
	obj string
	// path is the node the rule reported, from the document root.
	path []any
}

// Suppression says why a finding is not counted.
type Suppression struct {
	// Kind is "comment" (a # hardline ignore= comment) or "annotation"
	// (a hardline.dev/ignore annotation).
	Kind          string
	Justification string
}

// Notice is something the user should know that is not a finding, such as a
// skipped file.
type Notice struct {
	File    string
	Message string
}

// Report is the outcome of a run.
type Report struct {
	// Rules are the rules that ran, sorted by ID.
	Rules []rule.Rule
	// Findings are sorted by file, line, column and rule ID.
	Findings []Finding
	Notices  []Notice
	// Files is the number of files linted; Documents the number of
	// Dockerfiles, Kubernetes objects, Compose files and scripts among them.
	Files     int
	Documents int
	// Config is the configuration file the run used, "" for none.
	Config string
	// Errors are what hardline could not do (a file it could not read, an
	// evaluation that failed or ran out of time): the report is incomplete
	// and the run exits 2.
	Errors []Notice
}

// Rule returns the rule with the given ID.
func (r *Report) Rule(id string) (rule.Rule, bool) {
	i, ok := slices.BinarySearchFunc(r.Rules, id, func(rd rule.Rule, id string) int { return cmp.Compare(rd.ID, id) })
	if !ok {
		return rule.Rule{}, false
	}
	return r.Rules[i], true
}

// SortFindings orders findings by file, line, column, rule ID and message.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Range.Line, b.Range.Line),
			cmp.Compare(a.Range.Column, b.Range.Column),
			cmp.Compare(a.RuleID, b.RuleID),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// PosError is an error about input at a position.
type PosError struct {
	File      string
	Line, Col int
	Err       error
}

func (e *PosError) Error() string { return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Col, e.Err) }

// Unwrap returns the underlying error.
func (e *PosError) Unwrap() error { return e.Err }
