package helm

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/hardline-dev/hardline/lint"
)

// template is the text of one template file, narrowed to the document an
// object was rendered from. Templates are not YAML; they are read line by
// line, by indentation, which is how their literal keys are written.
type template struct {
	src        []byte
	lines      []string
	starts     []int // byte offset of each line
	start, end int   // the document's lines [start, end), 0-based
}

func newTemplate(src []byte, index int) *template {
	t := &template{src: src}
	off := 0
	for l := range strings.Lines(string(src)) {
		t.lines = append(t.lines, strings.TrimRight(l, "\r\n"))
		t.starts = append(t.starts, off)
		off += len(l)
	}
	var segs [][2]int
	from := 0
	for i, l := range t.lines {
		if strings.HasPrefix(l, "---") {
			segs = append(segs, [2]int{from, i})
			from = i + 1
		}
	}
	segs = append(segs, [2]int{from, len(t.lines)})
	var content [][2]int
	for _, s := range segs {
		for i := s[0]; i < s[1]; i++ {
			if literal(t.lines[i]) {
				content = append(content, s)
				break
			}
		}
	}
	if len(content) == 0 {
		content = segs
	}
	s := content[min(index, len(content)-1)]
	t.start, t.end = s[0], s[1]
	return t
}

// literal reports whether a template line holds YAML text (not only a
// template action, a comment or nothing).
func literal(l string) bool {
	s := strings.TrimSpace(l)
	return s != "" && !strings.HasPrefix(s, "{{") && !strings.HasPrefix(s, "#")
}

var keyLine = regexp.MustCompile(`^(\s*)((?:-\s+)*)(["']?)([^\s"'{}:#][^"':{}]*)(["']?):(\s|$)`)

// parsed is one literal line: its indentation, whether it starts a list
// item (and at which column), and the key it writes.
type parsed struct {
	indent int // column of the first character
	dash   bool
	keyCol int
	key    string
	inline string // text after the key's colon
}

func parse(l string) parsed {
	p := parsed{indent: len(l) - len(strings.TrimLeft(l, " ")), keyCol: -1}
	rest := strings.TrimLeft(l, " ")
	p.dash = rest == "-" || strings.HasPrefix(rest, "- ")
	if m := keyLine.FindStringSubmatchIndex(l); m != nil {
		p.keyCol = m[6]
		p.key = l[m[8]:m[9]]
		p.inline = strings.TrimSpace(l[m[1]:])
	}
	return p
}

// walkResult says how much of a path the template writes literally.
type walkResult struct {
	matched int    // path elements found
	line    int    // 1-based line of the last one found, 0 if none
	values  string // the values path the last key's content comes from
}

// walk follows path (keys and list indices from the object root) through
// the template's literal keys.
func (t *template) walk(path []any) walkResult {
	var w walkResult
	parent, from := -1, t.start
	lastKey := -1
	for _, e := range path {
		switch e := e.(type) {
		case string:
			at := t.findKey(e, parent, from)
			if at < 0 {
				return t.withValues(w, lastKey)
			}
			p := parse(t.lines[at])
			w.matched++
			w.line = at + 1
			lastKey = at
			parent, from = p.keyCol, at+1
			if p.inline != "" && !strings.HasPrefix(p.inline, "#") {
				if w.matched < len(path) {
					return w
				}
			}
		case int:
			at := t.findItem(e, parent, from)
			if at < 0 {
				return t.withValues(w, lastKey)
			}
			w.matched++
			w.line = at + 1
			parent, from = parse(t.lines[at]).indent, at
			lastKey = -1
		default:
			return w
		}
	}
	return t.withValues(w, lastKey)
}

// blockEnd returns the first line after from that is literal and
// indented at most parent, or the document's end.
func (t *template) blockEnd(parent, from int) int {
	for i := from; i < t.end; i++ {
		if !literal(t.lines[i]) {
			continue
		}
		p := parse(t.lines[i])
		if p.indent <= parent && (i != from || !p.dash) {
			return i
		}
	}
	return t.end
}

// findKey finds key among the direct children of the block that starts
// at from and is indented more than parent.
func (t *template) findKey(key string, parent, from int) int {
	child := -1
	for i := from; i < t.end; i++ {
		if !literal(t.lines[i]) {
			continue
		}
		p := parse(t.lines[i])
		if p.indent <= parent && (i != from || !p.dash || p.keyCol <= parent) {
			return -1
		}
		if p.keyCol < 0 {
			continue
		}
		if child < 0 {
			child = p.keyCol
		}
		if p.keyCol == child && p.key == key {
			return i
		}
		if p.keyCol < child {
			return -1
		}
	}
	return -1
}

// findItem finds the index-th list item of the sequence that is the
// content of the key at parent (it may be written at the key's own
// indentation).
func (t *template) findItem(index, parent, from int) int {
	col, n := -1, 0
	for i := from; i < t.end; i++ {
		if !literal(t.lines[i]) {
			continue
		}
		p := parse(t.lines[i])
		if p.indent < parent || p.indent == parent && !p.dash || col >= 0 && p.indent < col {
			return -1
		}
		if !p.dash {
			continue
		}
		if col < 0 {
			col = p.indent
		}
		if p.indent != col {
			continue
		}
		if n == index {
			return i
		}
		n++
	}
	return -1
}

var (
	toYamlValues = regexp.MustCompile(`toYaml\s+\(?\s*\.Values\.([A-Za-z0-9_.]+)`)
	withValues   = regexp.MustCompile(`with\s+\.Values\.([A-Za-z0-9_.]+)`)
	toYamlDot    = regexp.MustCompile(`toYaml\s+\.\s*[|})]`)
)

// withValues sets w.values when the content of the key at line at is
// rendered from the chart's values: toYaml .Values.x in its block or on
// its line, or toYaml . inside with .Values.x.
func (t *template) withValues(w walkResult, at int) walkResult {
	if at < 0 {
		return w
	}
	p := parse(t.lines[at])
	end := t.blockEnd(p.keyCol, at+1)
	for i := at; i < end; i++ {
		l := t.lines[i]
		if i > at && literal(l) {
			break // the content is written, not rendered from values
		}
		if m := toYamlValues.FindStringSubmatch(l); m != nil {
			w.values = m[1]
			return w
		}
		if toYamlDot.MatchString(l) {
			for j := at - 1; j >= max(t.start, at-3); j-- {
				if m := withValues.FindStringSubmatch(t.lines[j]); m != nil {
					w.values = m[1]
					return w
				}
			}
		}
	}
	return w
}

// objectLine is the 1-based line where the document's object starts: its
// kind, else its first literal line.
func (t *template) objectLine() int {
	first := 0
	for i := t.start; i < t.end; i++ {
		if !literal(t.lines[i]) {
			continue
		}
		if first == 0 {
			first = i + 1
		}
		if strings.HasPrefix(t.lines[i], "kind:") {
			return i + 1
		}
	}
	return max(first, 1)
}

// lineRange is the range of the text of a 1-based line, without its
// indentation.
func (t *template) lineRange(line int) lint.Range {
	if line < 1 || line > len(t.lines) {
		return lint.Range{Line: 1, Column: 1, EndLine: 1, EndColumn: 1}
	}
	l := t.lines[line-1]
	ind := len(l) - len(strings.TrimLeft(l, " \t"))
	text := strings.TrimRight(l, " \t")
	off := t.starts[line-1]
	return lint.Range{
		Line: line, Column: ind + 1, EndLine: line, EndColumn: ind + 1 + utf8.RuneCountInString(text[min(ind, len(text)):]),
		Offset: off + ind, EndOffset: off + len(text),
	}
}
