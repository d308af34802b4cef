package formats

import (
	"io"
	"strconv"
	"strings"

	"github.com/hardline-dev/hardline/lint"
)

// GitHub writes GitHub Actions workflow commands, which the Actions log
// shows as annotations:
//
//	::error file=Dockerfile,line=3,col=1,endLine=3,endColumn=9,title=DF002 no-root-user::message
//
// Warnings become ::warning, info ::notice, notices ::notice without a
// title. Suppressed findings are left out; a plain summary line ends the
// output.
type GitHub struct{}

// Format writes the report as workflow commands.
func (GitHub) Format(w io.Writer, r *lint.Report) error {
	r = orEmpty(r)
	var b strings.Builder
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.Suppression != nil {
			continue
		}
		props := [][2]string{{"file", f.File}}
		if rg := f.Range; !rg.IsZero() {
			props = append(props, [2]string{"line", strconv.Itoa(rg.Line)})
			if rg.Column > 0 {
				props = append(props, [2]string{"col", strconv.Itoa(rg.Column)})
			}
			if rg.EndLine >= rg.Line {
				props = append(props, [2]string{"endLine", strconv.Itoa(rg.EndLine)})
				if rg.EndColumn > 0 {
					props = append(props, [2]string{"endColumn", strconv.Itoa(rg.EndColumn)})
				}
			}
		}
		props = append(props, [2]string{"title", strings.TrimSpace(f.RuleID + " " + f.Name)})
		writeCommand(&b, f.Severity.Name("error", "warning", "notice"), props, f.Message)
	}
	for _, n := range r.Notices {
		var props [][2]string
		if n.File != "" {
			props = append(props, [2]string{"file", n.File})
		}
		writeCommand(&b, "notice", props, n.Message)
	}
	for _, n := range r.Errors {
		var props [][2]string
		if n.File != "" {
			props = append(props, [2]string{"file", n.File})
		}
		props = append(props, [2]string{"title", "hardline could not lint"})
		writeCommand(&b, "error", props, n.Message)
	}
	b.WriteString(lint.Printable(summaryLine(r, count(r))))
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func writeCommand(b *strings.Builder, cmd string, props [][2]string, msg string) {
	b.WriteString("::" + cmd)
	for i, p := range props {
		if i == 0 {
			b.WriteString(" ")
		} else {
			b.WriteString(",")
		}
		b.WriteString(p[0] + "=" + escapeProperty(p[1]))
	}
	b.WriteString("::" + escapeData(msg) + "\n")
}

// escapeData escapes a command's message as the Actions runner expects
// (toCommandValue in @actions/core).
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(lint.PrintableLines(s))
}

// escapeProperty escapes a command's property value, which also may not
// hold ':' or ','.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", ":", "%3A", ",", "%2C").Replace(lint.Printable(s))
}
