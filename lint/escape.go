package lint

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable makes text from a linted file (a file name, a message quoting
// it, a fix) safe to print on a terminal or in a CI log: control
// characters (newlines included), bidirectional-text controls and bytes
// that are not UTF-8 become Go-style escapes such as \n, \x1b and \u202e,
// so that the text stays on one line and cannot start a line of its own
// (a GitHub workflow command such as "::error") or drive the terminal.
func Printable(s string) string { return printable(s, false) }

// PrintableLines is Printable but keeps line feeds and carriage returns,
// for formats that escape those themselves (GitHub workflow commands).
func PrintableLines(s string) string { return printable(s, true) }

func printable(s string, keepLF bool) string {
	if !needsEscape(s, keepLF) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case (r == '\n' || r == '\r') && keepLF:
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80 && unicode.IsControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case UnsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string, keepLF bool) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return true
		case (r == '\n' || r == '\r') && keepLF:
		case r < 0x80 && unicode.IsControl(r), UnsafeRune(r):
			return true
		}
		i += size
	}
	return false
}

// UnsafeRune reports whether r is a C1 control or changes the direction or
// visibility of the text around it.
func UnsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f,
		r == 0x061c, r == 0x200e, r == 0x200f,
		r >= 0x202a && r <= 0x202e,
		r >= 0x2066 && r <= 0x2069,
		r == 0xfeff:
		return true
	}
	return false
}

// NoCommand keeps a line of output from being read as a GitHub Actions
// workflow command: the runner reads a line as one when it starts with
// "::" after leading blanks, or (the older syntax) holds "##[". Such a
// line gets its first ':' or '[' escaped.
func NoCommand(line string) string {
	if t := strings.TrimLeft(line, " \t"); strings.HasPrefix(t, "::") {
		i := len(line) - len(t)
		line = line[:i] + `\x3a` + line[i+1:]
	}
	return strings.ReplaceAll(line, "##[", `##\x5b`)
}
