package formats

import (
	"io"

	"github.com/hardline-dev/hardline/lint"
)

// Stream writes a report as the run produces it: Findings with the
// findings of each file in turn (in the order of a sorted report; a large
// file's in several calls in a row), then
// End once with the rest of the report. What it writes is what Format
// writes for the whole report.
type Stream interface {
	Findings(fs []lint.Finding) error
	// End writes the rest of the report: r's notices, errors and counts
	// (its findings, if any, are not written again).
	End(r *lint.Report) error
}

// Streamer is implemented by the formatters that write findings as they
// come instead of holding them.
type Streamer interface {
	// Stream returns the stream of a report whose configuration file and
	// rules are head's.
	Stream(w io.Writer, head *lint.Report) Stream
}

// NewStream returns f's Stream, or, for a formatter that needs the whole
// report, one that holds the findings and formats the report at the end.
func NewStream(f Formatter, w io.Writer, head *lint.Report) Stream {
	if s, ok := f.(Streamer); ok {
		return s.Stream(w, orEmpty(head))
	}
	return &heldStream{f: f, w: w}
}

// heldStream holds the findings until the report is complete.
type heldStream struct {
	f        Formatter
	w        io.Writer
	findings []lint.Finding
}

func (s *heldStream) Findings(fs []lint.Finding) error {
	s.findings = append(s.findings, fs...)
	return nil
}

func (s *heldStream) End(r *lint.Report) error {
	rep := *orEmpty(r)
	rep.Findings = s.findings
	return s.f.Format(s.w, &rep)
}

// writeAll writes a whole report through a stream.
func writeAll(s Stream, r *lint.Report) error {
	if len(r.Findings) > 0 {
		if err := s.Findings(r.Findings); err != nil {
			return err
		}
	}
	return s.End(r)
}

// writeChunk is how much of a file's findings a stream encodes before it
// writes them out.
const writeChunk = 64 << 10
