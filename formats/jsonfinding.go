package formats

import (
	"strconv"
	"unicode/utf8"

	"github.com/hardline-dev/hardline/lint"
)

// appendFinding appends the JSON of f as the findings array holds it: what
// encodeJSON(toJSONFinding(f), "    ") writes, without its final newline.
// A run writes tens of thousands of findings: written field by field, one
// costs a fraction of encoding/json's reflection and re-indenting.
// TestAppendFindingAsEncodeJSON holds the two to the same bytes.
func appendFinding(b []byte, f *lint.Finding) []byte {
	const in = "\n      " // the prefix and one level of indent
	b = append(b, '{')
	b = appendStringField(b, in, "rule", f.RuleID, false)
	b = appendStringField(b, in, "name", f.Name, true)
	b = appendStringField(b, in, "severity", f.Severity.String(), true)
	b = appendStringField(b, in, "message", f.Message, true)
	b = appendStringField(b, in, "file", f.File, true)
	b = appendIntField(b, in, "line", f.Range.Line)
	b = appendIntField(b, in, "column", f.Range.Column)
	b = appendIntField(b, in, "endLine", f.Range.EndLine)
	b = appendIntField(b, in, "endColumn", f.Range.EndColumn)
	if f.Fingerprint != "" {
		b = appendStringField(b, in, "fingerprint", f.Fingerprint, true)
	}
	if f.Mapping != "" {
		b = appendStringField(b, in, "mapping", f.Mapping, true)
	}
	b = append(b, ","+in+`"fixes": [`...)
	for i := range f.Fixes {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendFix(b, &f.Fixes[i])
	}
	if len(f.Fixes) > 0 {
		b = append(b, in...)
	}
	b = append(b, ']')
	if s := f.Suppression; s != nil {
		const in2 = in + "  "
		b = append(b, ","+in+`"suppressed": {`...)
		b = appendStringField(b, in2, "kind", s.Kind, false)
		b = appendStringField(b, in2, "justification", s.Justification, true)
		b = append(b, in+"}"...)
	}
	return append(b, "\n    }"...)
}

// appendFix appends a fix of a finding's fixes, one line in.
func appendFix(b []byte, fix *lint.Fix) []byte {
	const (
		at = "\n        " // where the fix's braces are
		in = at + "  "
	)
	b = append(b, at+"{"...)
	b = appendStringField(b, in, "title", fix.Title, false)
	b = appendStringField(b, in, "applicability", fix.Applicability.String(), true)
	b = append(b, ","+in+`"edits": [`...)
	for i, e := range fix.Edits {
		const (
			eat = in + "  "
			ein = eat + "  "
		)
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, eat+"{"...)
		b = appendStringField(b, ein, "file", e.File, false)
		b = appendIntField(b, ein, "line", e.Range.Line)
		b = appendIntField(b, ein, "column", e.Range.Column)
		b = appendIntField(b, ein, "endLine", e.Range.EndLine)
		b = appendIntField(b, ein, "endColumn", e.Range.EndColumn)
		b = appendIntField(b, ein, "offset", e.Range.Offset)
		b = appendIntField(b, ein, "endOffset", e.Range.EndOffset)
		b = appendStringField(b, ein, "newText", e.NewText, true)
		b = append(b, eat+"}"...)
	}
	if len(fix.Edits) > 0 {
		b = append(b, in...)
	}
	b = append(b, ']')
	if fix.Display != "" {
		b = appendStringField(b, in, "display", fix.Display, true)
	}
	return append(b, at+"}"...)
}

// appendStringField appends `"key": "value"` on a line of its own, after a
// comma unless it is the object's first field.
func appendStringField(b []byte, indent, key, value string, comma bool) []byte {
	b = appendKey(b, indent, key, comma)
	return appendJSONString(b, value)
}

func appendIntField(b []byte, indent, key string, value int) []byte {
	b = appendKey(b, indent, key, true)
	return strconv.AppendInt(b, int64(value), 10)
}

func appendKey(b []byte, indent, key string, comma bool) []byte {
	if comma {
		b = append(b, ',')
	}
	b = append(b, indent...)
	b = append(b, '"')
	b = append(b, key...)
	return append(b, `": `...)
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it without HTML escaping (invalid UTF-8 as U+FFFD, U+2028 and
// U+2029 escaped) and then as encodeJSON escapes the runes a terminal or
// editor could misread (see lint.UnsafeRune).
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029' || lint.UnsafeRune(r):
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', hex[r>>12&0xF], hex[r>>8&0xF], hex[r>>4&0xF], hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
