package fix

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hardline-dev/hardline/lint"
)

// diffName is a file name for a diff header, quoted as git quotes names
// holding control characters, quotes or backslashes ("a/x\ny").
func diffName(prefix, name string) string {
	if lint.Printable(name) == name && !strings.ContainsAny(name, `"\`) {
		return prefix + name
	}
	return `"` + strings.ReplaceAll(lint.Printable(strings.ReplaceAll(prefix+name, `\`, `\\`)), `"`, `\"`) + `"`
}

// Diff renders the change from old to new as a unified diff with three
// lines of context, or "" when they are equal. The file name is quoted
// when it holds control characters.
func Diff(name string, oldText, newText []byte) string {
	if bytes.Equal(oldText, newText) {
		return ""
	}
	a, b := splitLines(oldText), splitLines(newText)
	// Only the lines between the common head and tail need a real diff.
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	var ops []diffOp
	for _, l := range a[:head] {
		ops = append(ops, diffOp{' ', l})
	}
	ops = append(ops, lineDiff(a[head:len(a)-tail], b[head:len(b)-tail])...)
	for _, l := range a[len(a)-tail:] {
		ops = append(ops, diffOp{' ', l})
	}

	var out strings.Builder
	if filepath.IsAbs(name) {
		fmt.Fprintf(&out, "--- %s\n+++ %s\n", diffName("", name), diffName("", name))
	} else {
		fmt.Fprintf(&out, "--- %s\n+++ %s\n", diffName("a/", name), diffName("b/", name))
	}
	const contextLines = 3
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		// A hunk runs from context lines before this change to context
		// lines after the last change that is at most 2*context away.
		start := max(i-contextLines, 0)
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j
			} else if j-end > 2*contextLines {
				break
			}
		}
		stop := min(end+contextLines+1, len(ops))
		oldLine, newLine := 1, 1
		for _, op := range ops[:start] {
			if op.kind != '+' {
				oldLine++
			}
			if op.kind != '-' {
				newLine++
			}
		}
		oldCount, newCount := 0, 0
		for _, op := range ops[start:stop] {
			if op.kind != '+' {
				oldCount++
			}
			if op.kind != '-' {
				newCount++
			}
		}
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n", oldLine, oldCount, newLine, newCount)
		for _, op := range ops[start:stop] {
			out.WriteByte(op.kind)
			out.WriteString(strings.TrimSuffix(op.text, "\n"))
			out.WriteString("\n")
			if !strings.HasSuffix(op.text, "\n") {
				out.WriteString("\\ No newline at end of file\n")
			}
		}
		i = stop
	}
	return out.String()
}

// diffOp is one line of a diff: ' ' kept, '-' removed, '+' added.
type diffOp struct {
	kind byte
	text string
}

// lineDiff is a longest-common-subsequence line diff. Callers trim the
// common head and tail first, so the tables stay small; past a size where
// they would not, it replaces the lines wholesale.
func lineDiff(a, b []string) []diffOp {
	var ops []diffOp
	if len(a)*len(b) > 4_000_000 {
		for _, l := range a {
			ops = append(ops, diffOp{'-', l})
		}
		for _, l := range b {
			ops = append(ops, diffOp{'+', l})
		}
		return ops
	}
	n, m := len(a), len(b)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, diffOp{' ', a[i]})
			i++
			j++
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, diffOp{'-', a[i]})
			i++
		default:
			ops = append(ops, diffOp{'+', b[j]})
			j++
		}
	}
	return ops
}

func splitLines(b []byte) []string {
	var out []string
	for l := range bytes.Lines(b) {
		out = append(out, string(l))
	}
	return out
}
