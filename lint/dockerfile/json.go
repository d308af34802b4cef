package dockerfile

import (
	"unicode/utf16"
	"unicode/utf8"
)

// jsonElem is a string of a JSON array: its value mapped to the source,
// and the bytes [start, end) of its token, quotes included.
type jsonElem struct {
	val        text
	start, end int
}

func skipJSONSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	return i
}

// jsonElements locates the strings of the JSON array of strings t.
func jsonElements(t *text) ([]jsonElem, bool) {
	s := t.s
	i := skipJSONSpace(s, 0)
	if i >= len(s) || s[i] != '[' {
		return nil, false
	}
	i = skipJSONSpace(s, i+1)
	var out []jsonElem
	if i < len(s) && s[i] == ']' {
		return out, true
	}
	for {
		e, next, ok := jsonString(t, i)
		if !ok {
			return nil, false
		}
		out = append(out, e)
		i = skipJSONSpace(s, next)
		switch {
		case i < len(s) && s[i] == ',':
			i = skipJSONSpace(s, i+1)
		case i < len(s) && s[i] == ']':
			return out, true
		default:
			return nil, false
		}
	}
}

// jsonString decodes the JSON string token at byte i of t.
func jsonString(t *text, i int) (jsonElem, int, bool) {
	s := t.s
	if i >= len(s) || s[i] != '"' {
		return jsonElem{}, 0, false
	}
	start := i
	i++
	var tb textBuilder
	for {
		if i >= len(s) || s[i] < 0x20 {
			return jsonElem{}, 0, false
		}
		c := s[i]
		if c == '"' {
			a, _ := t.span(start+1, start+1)
			return jsonElem{val: tb.text(a), start: start, end: i + 1}, i + 1, true
		}
		if c != '\\' {
			tb.addText(t, i, i+1)
			i++
			continue
		}
		if i+1 >= len(s) {
			return jsonElem{}, 0, false
		}
		var r rune
		n := 2
		switch s[i+1] {
		case '"', '\\', '/':
			r = rune(s[i+1])
		case 'b':
			r = '\b'
		case 'f':
			r = '\f'
		case 'n':
			r = '\n'
		case 'r':
			r = '\r'
		case 't':
			r = '\t'
		case 'u':
			var ok bool
			if r, ok = hex4(s, i+2); !ok {
				return jsonElem{}, 0, false
			}
			n = 6
			if utf16.IsSurrogate(r) {
				r2, ok := rune(0), false
				if i+7 < len(s) && s[i+6] == '\\' && s[i+7] == 'u' {
					r2, ok = hex4(s, i+8)
				}
				if d := utf16.DecodeRune(r, r2); ok && d != utf8.RuneError {
					r, n = d, 12
				} else {
					r = utf8.RuneError
				}
			}
		default:
			return jsonElem{}, 0, false
		}
		tb.addFromText(string(r), t, i, i+n)
		i += n
	}
}

func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	return r, true
}

// execForm records the command of an exec-form (JSON) RUN.
func (b *builder) execForm(in *instr, r *shellRun) {
	var vals []string
	for c := in.node.Next; c != nil; c = c.Next {
		vals = append(vals, c.Value)
	}
	elems, ok := jsonElements(&in.args)
	if ok && len(elems) == len(vals) {
		for k := range elems {
			if elems[k].val.s != vals[k] {
				ok = false
			}
		}
	}
	if !ok || len(elems) != len(vals) {
		elems = elems[:0]
		for _, v := range vals {
			var tb textBuilder
			tb.addFromText(v, &in.args, 0, len(in.args.s))
			elems = append(elems, jsonElem{val: tb.text(0), start: 0, end: len(in.args.s)})
		}
	}
	if len(elems) == 0 {
		return
	}
	words := make([]cmdWord, len(elems))
	for k := range elems {
		e := &elems[k]
		words[k] = cmdWord{val: e.val.s, lit: true, txt: e.val, rng: b.rangeOf(&in.args, e.start, e.end)}
	}
	r.record(words, b.rangeOf(&in.args, elems[0].start, elems[len(elems)-1].end), r.next(), 0, 0)
}
