package dockerfile

import (
	"bytes"
	"slices"
	"sort"
	"unicode/utf8"

	"github.com/hardline-dev/hardline/lint"
)

// source indexes the lines of a file to turn byte offsets into ranges.
type source struct {
	src []byte
	// lines holds the offset where each line starts. A file ending with a
	// newline has a last, empty line.
	lines []int
	// bom is the length of a UTF-8 byte-order mark at the start, which
	// columns do not count.
	bom int
}

func newSource(src []byte) *source {
	s := &source{src: src, lines: make([]int, 1, bytes.Count(src, []byte{'\n'})+1)}
	for i, c := range src {
		if c == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	if bytes.HasPrefix(src, []byte{0xEF, 0xBB, 0xBF}) {
		s.bom = 3
	}
	return s
}

// lineEnd returns the offset just after line i, its newline included.
func (s *source) lineEnd(i int) int {
	if i+1 < len(s.lines) {
		return s.lines[i+1]
	}
	return len(s.src)
}

// contentEnd returns the end of line i without its trailing "\r" and "\n"
// bytes, as buildkit trims them.
func (s *source) contentEnd(i int) int {
	start, end := s.lines[i], s.lineEnd(i)
	for end > start && (s.src[end-1] == '\n' || s.src[end-1] == '\r') {
		end--
	}
	return end
}

// lineOf returns the 0-based index of the line holding offset off.
func (s *source) lineOf(off int) int {
	return sort.SearchInts(s.lines, off+1) - 1
}

// pos returns the 1-based line and column of offset off.
func (s *source) pos(off int) (line, col int) {
	i := s.lineOf(off)
	start := s.lines[i]
	if i == 0 && s.bom > 0 {
		start = min(s.bom, off)
	}
	return i + 1, 1 + utf8.RuneCount(s.src[start:off])
}

// rng returns the range of the bytes [a, b) of the file.
func (s *source) rng(a, b int) lint.Range {
	a = min(max(a, 0), len(s.src))
	b = min(max(b, a), len(s.src))
	var r lint.Range
	r.Line, r.Column = s.pos(a)
	r.EndLine, r.EndColumn = s.pos(b)
	r.Offset, r.EndOffset = a, b
	return r
}

// lineRange returns the range of line i (0-based) without its newline.
func (s *source) lineRange(i int) lint.Range {
	i = min(max(i, 0), len(s.lines)-1)
	return s.rng(s.lines[i], s.contentEnd(i))
}

// whole returns the range of the whole file.
func (s *source) whole() lint.Range { return s.rng(0, len(s.src)) }

// text is a string built from pieces of the source, such as an instruction
// with its continuation lines joined or a word with its quotes removed. Each
// byte i of s came from the source bytes [start[i], end[i]).
type text struct {
	s          string
	start, end []int
	// eof is the source offset of the empty position of an empty text.
	eof int
}

// span returns the source bytes that bytes [i, j) of t came from.
func (t *text) span(i, j int) (a, b int) {
	i = min(max(i, 0), len(t.s))
	j = min(max(j, i), len(t.s))
	if i == j {
		switch {
		case i < len(t.s):
			return t.start[i], t.start[i]
		case i > 0:
			return t.end[i-1], t.end[i-1]
		default:
			return t.eof, t.eof
		}
	}
	return t.start[i], t.end[j-1]
}

// slice returns bytes [i, j) of t.
func (t *text) slice(i, j int) text {
	i = min(max(i, 0), len(t.s))
	j = min(max(j, i), len(t.s))
	a, _ := t.span(i, i)
	return text{s: t.s[i:j], start: t.start[i:j], end: t.end[i:j], eof: a}
}

// textBuilder builds a text piece by piece.
type textBuilder struct {
	b          []byte
	start, end []int
	// unmapped builds only the string: the text's bytes are not mapped to
	// the source (its span is then meaningless).
	unmapped bool
}

// addSource appends the source bytes [a, b) of src.
func (tb *textBuilder) addSource(src []byte, a, b int) {
	tb.b = append(tb.b, src[a:b]...)
	if tb.unmapped {
		return
	}
	for i := a; i < b; i++ {
		tb.start = append(tb.start, i)
		tb.end = append(tb.end, i+1)
	}
}

// addSpan appends s, all of whose bytes came from the source bytes [a, b).
func (tb *textBuilder) addSpan(s string, a, b int) {
	tb.b = append(tb.b, s...)
	if tb.unmapped {
		return
	}
	for range len(s) {
		tb.start = append(tb.start, a)
		tb.end = append(tb.end, b)
	}
}

// addText appends bytes [i, j) of t.
func (tb *textBuilder) addText(t *text, i, j int) {
	tb.b = append(tb.b, t.s[i:j]...)
	if tb.unmapped {
		return
	}
	tb.start = append(tb.start, t.start[i:j]...)
	tb.end = append(tb.end, t.end[i:j]...)
}

// addFromText appends s, which stands for bytes [i, j) of t.
func (tb *textBuilder) addFromText(s string, t *text, i, j int) {
	a, b := t.span(i, j)
	tb.addSpan(s, a, b)
}

func (tb *textBuilder) len() int { return len(tb.b) }

// grow makes room for n more bytes.
func (tb *textBuilder) grow(n int) {
	tb.b = slices.Grow(tb.b, n)
	if tb.unmapped {
		return
	}
	tb.start = slices.Grow(tb.start, n)
	tb.end = slices.Grow(tb.end, n)
}

func (tb *textBuilder) text(eof int) text {
	return text{s: string(tb.b), start: tb.start, end: tb.end, eof: eof}
}
