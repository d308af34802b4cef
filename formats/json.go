package formats

import (
	"io"

	"github.com/hardline-dev/hardline/lint"
)

// JSONVersion is the version of the JSON format. It changes only when a
// field is removed or changes meaning; new fields may be added at any time.
const JSONVersion = 1

// JSON writes the report as one JSON object, indented by two spaces.
// Every finding is listed, suppressed ones with a "suppressed" object.
type JSON struct{}

type jsonReport struct {
	Version int `json:"version"`
	// Configuration is the configuration file used, null for none.
	Configuration *string       `json:"configuration"`
	Findings      []jsonFinding `json:"findings"`
	Notices       []jsonNotice  `json:"notices"`
	// Errors are what hardline could not do; when there are any, the
	// report is incomplete (and the exit code is 2).
	Errors  []jsonNotice `json:"errors"`
	Summary jsonSummary  `json:"summary"`
}

type jsonFinding struct {
	Rule        string           `json:"rule"`
	Name        string           `json:"name"`
	Severity    string           `json:"severity"`
	Message     string           `json:"message"`
	File        string           `json:"file"`
	Line        int              `json:"line"`
	Column      int              `json:"column"`
	EndLine     int              `json:"endLine"`
	EndColumn   int              `json:"endColumn"`
	Fingerprint string           `json:"fingerprint,omitempty"`
	Mapping     string           `json:"mapping,omitempty"`
	Fixes       []jsonFix        `json:"fixes"`
	Suppressed  *jsonSuppression `json:"suppressed,omitempty"`
}

type jsonFix struct {
	Title         string     `json:"title"`
	Applicability string     `json:"applicability"`
	Edits         []jsonEdit `json:"edits"`
	Display       string     `json:"display,omitempty"`
}

type jsonEdit struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
	Offset    int    `json:"offset"`
	EndOffset int    `json:"endOffset"`
	NewText   string `json:"newText"`
}

type jsonSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
}

type jsonNotice struct {
	File    string `json:"file"`
	Message string `json:"message"`
}

type jsonSummary struct {
	Files      int            `json:"files"`
	Documents  int            `json:"documents"`
	Findings   int            `json:"findings"`
	BySeverity jsonBySeverity `json:"bySeverity"`
	Suppressed int            `json:"suppressed"`
}

type jsonBySeverity struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
}

// Format writes the report as JSON.
func (JSON) Format(w io.Writer, r *lint.Report) error {
	r = orEmpty(r)
	t := count(r)
	out := jsonReport{
		Version:  JSONVersion,
		Findings: make([]jsonFinding, 0, len(r.Findings)),
		Notices:  make([]jsonNotice, 0, len(r.Notices)),
		Errors:   make([]jsonNotice, 0, len(r.Errors)),
		Summary: jsonSummary{
			Files:      r.Files,
			Documents:  r.Documents,
			Findings:   t.findings,
			BySeverity: jsonBySeverity{Error: t.errors, Warning: t.warnings, Info: t.info},
			Suppressed: t.suppressed,
		},
	}
	for i := range r.Findings {
		out.Findings = append(out.Findings, toJSONFinding(&r.Findings[i]))
	}
	for _, n := range r.Notices {
		out.Notices = append(out.Notices, jsonNotice{File: n.File, Message: n.Message})
	}
	for _, n := range r.Errors {
		out.Errors = append(out.Errors, jsonNotice{File: n.File, Message: n.Message})
	}
	if r.Config != "" {
		out.Configuration = &r.Config
	}
	return writeJSON(w, out)
}

func toJSONFinding(f *lint.Finding) jsonFinding {
	jf := jsonFinding{
		Rule:        f.RuleID,
		Name:        f.Name,
		Severity:    f.Severity.String(),
		Message:     f.Message,
		File:        f.File,
		Line:        f.Range.Line,
		Column:      f.Range.Column,
		EndLine:     f.Range.EndLine,
		EndColumn:   f.Range.EndColumn,
		Fingerprint: f.Fingerprint,
		Mapping:     f.Mapping,
		Fixes:       make([]jsonFix, 0, len(f.Fixes)),
	}
	for _, fix := range f.Fixes {
		jx := jsonFix{
			Title:         fix.Title,
			Applicability: fix.Applicability.String(),
			Edits:         make([]jsonEdit, 0, len(fix.Edits)),
			Display:       fix.Display,
		}
		for _, e := range fix.Edits {
			jx.Edits = append(jx.Edits, jsonEdit{
				File:      e.File,
				Line:      e.Range.Line,
				Column:    e.Range.Column,
				EndLine:   e.Range.EndLine,
				EndColumn: e.Range.EndColumn,
				Offset:    e.Range.Offset,
				EndOffset: e.Range.EndOffset,
				NewText:   e.NewText,
			})
		}
		jf.Fixes = append(jf.Fixes, jx)
	}
	if s := f.Suppression; s != nil {
		jf.Suppressed = &jsonSuppression{Kind: s.Kind, Justification: s.Justification}
	}
	return jf
}
