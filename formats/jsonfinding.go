package formats

import (
	"maps"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/hardline-dev/hardline/lint"
)

// A run writes tens of thousands of findings: the JSON and SARIF formats
// write each by hand, field by field, for a fraction of what encoding/json
// costs with its reflection and re-indenting, and to the same bytes
// (TestAppendFindingAsEncodeJSON, TestAppendSARIFResultAsEncodeJSON).

// jsonWriter appends JSON indented as encodeJSON writes it: each line after
// the first starts with prefix, then two spaces a level.
type jsonWriter struct {
	b      []byte
	prefix string
	depth  int
	// empty is set while the open object or array has no member.
	empty bool
}

func (w *jsonWriter) newline() {
	w.b = append(w.b, '\n')
	w.b = append(w.b, w.prefix...)
	for range w.depth {
		w.b = append(w.b, "  "...)
	}
}

// open starts an object ('{') or an array ('[').
func (w *jsonWriter) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.empty = true
}

// close ends the open object ('}') or array (']').
func (w *jsonWriter) close(c byte) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.b = append(w.b, c)
	w.empty = false
}

// elem starts an element of the open array.
func (w *jsonWriter) elem() {
	if !w.empty {
		w.b = append(w.b, ',')
	}
	w.empty = false
	w.newline()
}

// key starts a member of the open object.
func (w *jsonWriter) key(k string) {
	w.elem()
	w.b = appendJSONString(w.b, k)
	w.b = append(w.b, ": "...)
}

func (w *jsonWriter) str(s string) { w.b = appendJSONString(w.b, s) }

func (w *jsonWriter) int(n int) { w.b = strconv.AppendInt(w.b, int64(n), 10) }

// strField and intField write a member of the open object.
func (w *jsonWriter) strField(k, s string) {
	w.key(k)
	w.str(s)
}

func (w *jsonWriter) intField(k string, n int) {
	w.key(k)
	w.int(n)
}

// null writes null: a nil slice, as encoding/json writes one.
func (w *jsonWriter) null() { w.b = append(w.b, "null"...) }

// appendFinding appends the JSON of f as the findings array holds it: what
// encodeJSON of its jsonFinding writes with prefix "    ", without the
// final newline.
func appendFinding(b []byte, f *lint.Finding) []byte {
	w := jsonWriter{b: b, prefix: "    "}
	w.open('{')
	w.strField("rule", f.RuleID)
	w.strField("name", f.Name)
	w.strField("severity", f.Severity.String())
	w.strField("message", f.Message)
	w.strField("file", f.File)
	w.intField("line", f.Range.Line)
	w.intField("column", f.Range.Column)
	w.intField("endLine", f.Range.EndLine)
	w.intField("endColumn", f.Range.EndColumn)
	if f.Fingerprint != "" {
		w.strField("fingerprint", f.Fingerprint)
	}
	if f.Mapping != "" {
		w.strField("mapping", f.Mapping)
	}
	w.key("fixes")
	w.open('[')
	for _, fix := range f.Fixes {
		w.elem()
		w.open('{')
		w.strField("title", fix.Title)
		w.strField("applicability", fix.Applicability.String())
		w.key("edits")
		w.open('[')
		for _, e := range fix.Edits {
			w.elem()
			w.open('{')
			w.strField("file", e.File)
			w.intField("line", e.Range.Line)
			w.intField("column", e.Range.Column)
			w.intField("endLine", e.Range.EndLine)
			w.intField("endColumn", e.Range.EndColumn)
			w.intField("offset", e.Range.Offset)
			w.intField("endOffset", e.Range.EndOffset)
			w.strField("newText", e.NewText)
			w.close('}')
		}
		w.close(']')
		if fix.Display != "" {
			w.strField("display", fix.Display)
		}
		w.close('}')
	}
	w.close(']')
	if s := f.Suppression; s != nil {
		w.key("suppressed")
		w.open('{')
		w.strField("kind", s.Kind)
		w.strField("justification", s.Justification)
		w.close('}')
	}
	w.close('}')
	return w.b
}

// appendSARIFResult appends a result of the log as encodeJSON writes it
// with prefix sarifIndent, without the final newline.
func appendSARIFResult(b []byte, r *sarifResult) []byte {
	w := jsonWriter{b: b, prefix: sarifIndent}
	w.open('{')
	w.strField("ruleId", r.RuleID)
	w.intField("ruleIndex", r.RuleIndex)
	w.strField("level", r.Level)
	w.key("message")
	w.text(r.Message)
	w.key("locations")
	if r.Locations == nil {
		w.null()
	} else {
		w.open('[')
		for _, loc := range r.Locations {
			w.elem()
			w.open('{')
			w.key("physicalLocation")
			w.open('{')
			w.key("artifactLocation")
			w.artifactLocation(loc.PhysicalLocation.ArtifactLocation)
			if reg := loc.PhysicalLocation.Region; reg != nil {
				w.key("region")
				w.region(reg)
			}
			w.close('}')
			w.close('}')
		}
		w.close(']')
	}
	if len(r.PartialFingerprints) > 0 {
		w.key("partialFingerprints")
		w.open('{')
		for _, k := range slices.Sorted(maps.Keys(r.PartialFingerprints)) {
			w.strField(k, r.PartialFingerprints[k])
		}
		w.close('}')
	}
	if len(r.Fixes) > 0 {
		w.key("fixes")
		w.open('[')
		for i := range r.Fixes {
			w.elem()
			w.fix(&r.Fixes[i])
		}
		w.close(']')
	}
	if len(r.Suppressions) > 0 {
		w.key("suppressions")
		w.open('[')
		for _, s := range r.Suppressions {
			w.elem()
			w.open('{')
			w.strField("kind", s.Kind)
			if s.Justification != "" {
				w.strField("justification", s.Justification)
			}
			w.close('}')
		}
		w.close(']')
	}
	if p := r.Properties; p != nil {
		w.key("properties")
		w.open('{')
		w.strField("hardline/mapping", p.Mapping)
		w.close('}')
	}
	w.close('}')
	return w.b
}

func (w *jsonWriter) text(t sarifText) {
	w.open('{')
	w.strField("text", t.Text)
	w.close('}')
}

func (w *jsonWriter) artifactLocation(a sarifArtifactLocation) {
	w.open('{')
	w.strField("uri", a.URI)
	if a.URIBaseID != "" {
		w.strField("uriBaseId", a.URIBaseID)
	}
	w.close('}')
}

func (w *jsonWriter) region(r *sarifRegion) {
	w.open('{')
	w.intField("startLine", r.StartLine)
	for _, f := range [...]struct {
		key string
		n   int
	}{{"startColumn", r.StartColumn}, {"endLine", r.EndLine}, {"endColumn", r.EndColumn}} {
		if f.n != 0 {
			w.intField(f.key, f.n)
		}
	}
	if r.ByteOffset != nil {
		w.intField("byteOffset", *r.ByteOffset)
	}
	if r.ByteLength != nil {
		w.intField("byteLength", *r.ByteLength)
	}
	w.close('}')
}

func (w *jsonWriter) fix(f *sarifFix) {
	w.open('{')
	w.key("description")
	w.text(f.Description)
	w.key("artifactChanges")
	if f.ArtifactChanges == nil {
		w.null()
	} else {
		w.open('[')
		for _, c := range f.ArtifactChanges {
			w.elem()
			w.open('{')
			w.key("artifactLocation")
			w.artifactLocation(c.ArtifactLocation)
			w.key("replacements")
			if c.Replacements == nil {
				w.null()
			} else {
				w.open('[')
				for _, r := range c.Replacements {
					w.elem()
					w.open('{')
					w.key("deletedRegion")
					w.region(&r.DeletedRegion)
					if r.InsertedContent != nil {
						w.key("insertedContent")
						w.text(*r.InsertedContent)
					}
					w.close('}')
				}
				w.close(']')
			}
			w.close('}')
		}
		w.close(']')
	}
	w.key("properties")
	w.open('{')
	w.strField("applicability", f.Properties.Applicability)
	w.close('}')
	w.close('}')
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
