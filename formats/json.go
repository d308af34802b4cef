package formats

import (
	"bytes"
	"errors"
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

// jsonFinding is the shape of a finding in the JSON report; appendFinding
// writes it by hand (TestAppendFindingAsEncodeJSON compares the two).
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
func (j JSON) Format(w io.Writer, r *lint.Report) error {
	r = orEmpty(r)
	return writeAll(j.Stream(w, r), r)
}

// Stream writes the report's findings as they come: the JSON document is
// the one Format writes, its "findings" array written element by element.
func (JSON) Stream(w io.Writer, head *lint.Report) Stream {
	return &jsonStream{w: w, config: head.Config}
}

// jsonFindingsKey is where the findings array starts in the encoded report.
const jsonFindingsKey = `"findings": [`

type jsonStream struct {
	w      io.Writer
	config string
	// started is set once the text up to the findings array is written;
	// any once a finding is.
	started, any bool
	tally        tally
}

// skeleton is the report r without findings, encoded, and where its
// findings array starts (after its "[").
func (s *jsonStream) skeleton(r *lint.Report) ([]byte, int, error) {
	out := jsonReport{
		Version:  JSONVersion,
		Findings: []jsonFinding{},
		Notices:  make([]jsonNotice, 0, len(r.Notices)),
		Errors:   make([]jsonNotice, 0, len(r.Errors)),
		Summary: jsonSummary{
			Files:      r.Files,
			Documents:  r.Documents,
			Findings:   s.tally.findings,
			BySeverity: jsonBySeverity{Error: s.tally.errors, Warning: s.tally.warnings, Info: s.tally.info},
			Suppressed: s.tally.suppressed,
		},
	}
	for _, n := range r.Notices {
		out.Notices = append(out.Notices, jsonNotice{File: n.File, Message: n.Message})
	}
	for _, n := range r.Errors {
		out.Errors = append(out.Errors, jsonNotice{File: n.File, Message: n.Message})
	}
	if s.config != "" {
		out.Configuration = &s.config
	}
	b, err := encodeJSON(out, "")
	if err != nil {
		return nil, 0, err
	}
	i := bytes.Index(b, []byte(jsonFindingsKey))
	if i < 0 {
		return nil, 0, errors.New("encode report: no findings array")
	}
	return b, i + len(jsonFindingsKey), nil
}

// start writes the report up to its findings array.
func (s *jsonStream) start() error {
	if s.started {
		return nil
	}
	s.started = true
	b, i, err := s.skeleton(&lint.Report{})
	if err != nil {
		return err
	}
	_, err = s.w.Write(b[:i])
	return err
}

func (s *jsonStream) Findings(fs []lint.Finding) error {
	if err := s.start(); err != nil {
		return err
	}
	var buf bytes.Buffer
	for i := range fs {
		if buf.Len() >= writeChunk {
			// A file of many findings is not held as JSON.
			if _, err := s.w.Write(buf.Bytes()); err != nil {
				return err
			}
			buf.Reset()
		}
		s.tally.add(&fs[i])
		if s.any {
			buf.WriteByte(',')
		}
		s.any = true
		buf.WriteString("\n    ")
		buf.Write(appendFinding(buf.AvailableBuffer(), &fs[i]))
	}
	_, err := s.w.Write(buf.Bytes())
	return err
}

func (s *jsonStream) End(r *lint.Report) error {
	if err := s.start(); err != nil {
		return err
	}
	b, i, err := s.skeleton(orEmpty(r))
	if err != nil {
		return err
	}
	tail := b[i:]
	if s.any {
		tail = append([]byte("\n  "), tail...)
	}
	_, err = s.w.Write(tail)
	return err
}
