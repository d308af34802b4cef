// Package formats writes a lint.Report for people (text), programs (JSON),
// code scanning (SARIF 2.1.0) and GitHub Actions logs (workflow commands),
// and renders the rules catalogue.
package formats

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hardline-dev/hardline/lint/rule"

	"github.com/fatih/color"

	"github.com/hardline-dev/hardline/lint"
)

// Formatter writes a report.
type Formatter interface {
	Format(w io.Writer, r *lint.Report) error
}

// Text writes one line per finding, `file:line:col  severity  ID  message`,
// followed by its fixes, then notices and a summary. Suppressed findings are
// only counted.
type Text struct {
	// Color turns on ANSI colours. The caller decides, for example from
	// NO_COLOR and whether the output is a terminal; fatih/color's global
	// setting is ignored.
	Color bool
	// ShowSource prints, under each finding, its source line with a caret
	// under the column, when Source has the file's content.
	ShowSource bool
	// Source returns the content of a linted file, or nil.
	Source func(file string) []byte
}

// severityWidth is the width of the longest severity name, "warning".
const severityWidth = 7

// palette holds the colours of the text format, each explicitly enabled or
// disabled.
type palette struct {
	location, err, warning, info, id, fix, display, notice, summary *color.Color
}

func newPalette(on bool) palette {
	p := palette{
		location: color.New(color.Bold),
		err:      color.New(color.FgRed, color.Bold),
		warning:  color.New(color.FgYellow),
		info:     color.New(color.FgCyan),
		id:       color.New(color.Bold),
		fix:      color.New(color.FgGreen),
		display:  color.New(color.Faint),
		notice:   color.New(color.FgMagenta),
		summary:  color.New(color.Bold),
	}
	for _, c := range []*color.Color{p.location, p.err, p.warning, p.info, p.id, p.fix, p.display, p.notice, p.summary} {
		if on {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
	}
	return p
}

func (p palette) severity(s rule.Severity) *color.Color {
	switch s {
	case rule.SeverityError:
		return p.err
	case rule.SeverityWarning:
		return p.warning
	case rule.SeverityInfo:
		return p.info
	}
	return p.info
}

// Format writes the report as text.
func (t Text) Format(w io.Writer, r *lint.Report) error {
	r = orEmpty(r)
	return writeAll(t.Stream(w, r), r)
}

// Stream writes the findings as they come, then the notices and summary.
func (t Text) Stream(w io.Writer, _ *lint.Report) Stream {
	return &textStream{t: t, w: w, p: newPalette(t.Color)}
}

type textStream struct {
	t     Text
	w     io.Writer
	p     palette
	tally tally
}

func (s *textStream) Findings(fs []lint.Finding) error {
	p := s.p
	var b strings.Builder
	for i := range fs {
		f := &fs[i]
		s.tally.add(f)
		if f.Suppression != nil {
			continue
		}
		if b.Len() >= writeChunk {
			// A file of many findings is not held as text.
			if _, err := io.WriteString(s.w, b.String()); err != nil {
				return err
			}
			b.Reset()
		}
		sev := f.Severity.String()
		pad := strings.Repeat(" ", max(severityWidth-len(sev), 0))
		fmt.Fprintf(&b, "%s  %s%s  %s  %s\n",
			p.location.Sprint(textLocation(f)), p.severity(f.Severity).Sprint(sev), pad,
			p.id.Sprint(lint.Printable(f.RuleID)), oneLine(f.Message))
		if s.t.ShowSource && s.t.Source != nil {
			writeSource(&b, s.t.Source(f.File), f.Range, p)
		}
		for _, fix := range f.Fixes {
			fmt.Fprintf(&b, "  %s %s\n", p.fix.Sprintf("fix (%s):", fix.Applicability), oneLine(fix.Title))
			if fix.Display != "" {
				for line := range strings.SplitSeq(strings.TrimRight(fix.Display, "\n"), "\n") {
					b.WriteString("      ")
					b.WriteString(p.display.Sprint(lint.NoCommand(lint.Printable(strings.TrimRight(line, "\r")))))
					b.WriteString("\n")
				}
			}
		}
	}
	if b.Len() == 0 {
		return nil
	}
	_, err := io.WriteString(s.w, b.String())
	return err
}

func (s *textStream) End(r *lint.Report) error {
	r = orEmpty(r)
	p := s.p
	var b strings.Builder
	for _, n := range r.Notices {
		if n.File != "" {
			b.WriteString(lint.NoCommand(lint.Printable(n.File)) + ": ")
		}
		fmt.Fprintf(&b, "%s %s\n", p.notice.Sprint("notice:"), oneLine(n.Message))
	}
	for _, n := range r.Errors {
		if n.File != "" {
			b.WriteString(lint.NoCommand(lint.Printable(n.File)) + ": ")
		}
		fmt.Fprintf(&b, "%s %s\n", p.err.Sprint("error:"), oneLine(n.Message))
	}
	b.WriteString(p.summary.Sprint(summaryLine(r, s.tally)))
	b.WriteString("\n")
	if line := s.tally.fixableLine(); line != "" {
		b.WriteString(line + "\n")
	}
	_, err := io.WriteString(s.w, b.String())
	return err
}

// writeSource writes the line a finding starts on, with control and
// bidirectional characters escaped, and a caret under its column.
func writeSource(b *strings.Builder, src []byte, rg lint.Range, p palette) {
	if src == nil || rg.IsZero() || rg.Line < 1 {
		return
	}
	line, ok := sourceLine(src, rg.Line)
	if !ok {
		return
	}
	var text, pad strings.Builder
	col := 1
	for _, r := range line {
		shown := visible(r)
		text.WriteString(shown)
		if col < rg.Column {
			if r == '\t' {
				pad.WriteByte('\t')
			} else {
				pad.WriteString(strings.Repeat(" ", utf8.RuneCountInString(shown)))
			}
		}
		col++
	}
	fmt.Fprintf(b, "    %s\n    %s%s\n", text.String(), pad.String(), p.fix.Sprint("^"))
}

// sourceLine returns line n (1-based) of src without its line break.
func sourceLine(src []byte, n int) (string, bool) {
	for i, l := range strings.SplitAfter(string(src), "\n") {
		if i+1 == n {
			return strings.TrimRight(l, "\r\n"), true
		}
	}
	return "", false
}

// visible is how a character of an echoed source line is printed: control
// characters (but tab), invalid bytes and the characters that reorder or
// hide text (bidirectional controls, zero-width characters) as escapes.
func visible(r rune) string {
	switch {
	case r == '\t':
		return "\t"
	case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Bidi_Control, r), r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff':
		return fmt.Sprintf("\\u{%x}", r)
	}
	return string(r)
}

// textLocation is file:line:col, or the file alone for a finding about the
// whole file.
func textLocation(f *lint.Finding) string {
	file := lint.NoCommand(lint.Printable(f.File))
	if f.Range.IsZero() {
		return file
	}
	col := max(f.Range.Column, 1)
	return file + ":" + strconv.Itoa(f.Range.Line) + ":" + strconv.Itoa(col)
}

// oneLine keeps a message on one line of output, with its control
// characters escaped.
func oneLine(s string) string {
	if strings.ContainsAny(s, "\r\n") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return lint.NoCommand(lint.Printable(s))
}

// tally counts the findings of a report.
type tally struct {
	// findings counts the findings not suppressed, error, warning and info
	// those of each severity.
	findings, suppressed   int
	errors, warnings, info int
	// safe and unsafe count the findings not suppressed whose best fix
	// --fix applies, or --fix --unsafe-fixes.
	safe, unsafe int
}

// fixableLine is, for example, "3 fixable with --fix, 2 more with
// --unsafe-fixes (review them with --diff --unsafe-fixes)", or "" when no
// finding has a fix hardline can apply.
func (t tally) fixableLine() string {
	safe, unsafe := t.safe, t.unsafe
	switch {
	case safe > 0 && unsafe > 0:
		return fmt.Sprintf("%d fixable with --fix, %d more with --unsafe-fixes (review them with --diff --unsafe-fixes)", safe, unsafe)
	case safe > 0:
		return fmt.Sprintf("%d fixable with --fix", safe)
	case unsafe > 0:
		return fmt.Sprintf("%d fixable with --fix --unsafe-fixes (review them with --diff --unsafe-fixes)", unsafe)
	}
	return ""
}

func count(r *lint.Report) tally {
	var t tally
	for i := range r.Findings {
		t.add(&r.Findings[i])
	}
	return t
}

func (t *tally) add(f *lint.Finding) {
	if f.Suppression != nil {
		t.suppressed++
		return
	}
	t.findings++
	switch f.Severity {
	case rule.SeverityError:
		t.errors++
	case rule.SeverityWarning:
		t.warnings++
	case rule.SeverityInfo:
		t.info++
	}
	best := rule.Applicability(0)
	for _, fix := range f.Fixes {
		if len(fix.Edits) > 0 && (fix.Applicability == rule.ApplicabilitySafe || fix.Applicability == rule.ApplicabilityUnsafe) &&
			(best == 0 || fix.Applicability < best) {
			best = fix.Applicability
		}
	}
	switch best {
	case rule.ApplicabilitySafe:
		t.safe++
	case rule.ApplicabilityUnsafe:
		t.unsafe++
	case rule.ApplicabilityDisplay:
	}
}

// summaryLine is, for example, "12 findings (3 errors, 7 warnings, 2 info)
// in 5 files; 1 suppressed" or "no findings in 5 files", for the report
// r whose findings t counts.
func summaryLine(r *lint.Report, t tally) string {
	var b strings.Builder
	if t.findings == 0 {
		b.WriteString("no findings")
	} else {
		b.WriteString(plural(t.findings, "finding", "findings"))
		var parts []string
		if t.errors > 0 {
			parts = append(parts, plural(t.errors, "error", "errors"))
		}
		if t.warnings > 0 {
			parts = append(parts, plural(t.warnings, "warning", "warnings"))
		}
		if t.info > 0 {
			parts = append(parts, plural(t.info, "info", "info"))
		}
		if len(parts) > 0 {
			b.WriteString(" (" + strings.Join(parts, ", ") + ")")
		}
	}
	b.WriteString(" in " + plural(r.Files, "file", "files"))
	if t.suppressed > 0 {
		b.WriteString("; " + strconv.Itoa(t.suppressed) + " suppressed")
	}
	if len(r.Errors) > 0 {
		b.WriteString("; INCOMPLETE: " + plural(len(r.Errors), "error", "errors"))
	}
	if r.Config != "" {
		b.WriteString("; configuration " + lint.Printable(r.Config))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// orEmpty lets the formatters accept a nil report.
func orEmpty(r *lint.Report) *lint.Report {
	if r == nil {
		return &lint.Report{}
	}
	return r
}
