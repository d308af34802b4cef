package kube

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/hardline-dev/hardline/lint"
)

// utf8BOM is the byte order mark yaml.v3 skips without counting a column.
const utf8BOM = "\xef\xbb\xbf"

// file is one source file: its bytes and a table of line starts that counts
// line breaks exactly as yaml.v3 does (LF, CR LF, lone CR, NEL, LS, PS), so
// that the decoder's 1-based Line/Column map back to byte offsets.
type file struct {
	path  string
	src   []byte
	lines []int  // byte offset where each line starts
	nl    string // the line break the file uses: "\n" or "\r\n"
	// marks holds, for each line with non-ASCII text, the offset of every
	// markStep-th character, so that columns convert in constant time
	// even on long lines (minified JSON).
	marks map[int][]int
	// strs shares the terms of strings while parsing.
	strs map[string]*ast.Term
	// namespace is where objects without one are deployed, if known.
	namespace string
	// shapeTypes is the table of field types, built when first needed.
	shapeTypes map[string]map[string]string
}

// shapes returns the table of the field types the rules read.
func (f *file) shapes() map[string]map[string]string {
	if f.shapeTypes == nil {
		f.shapeTypes = shapeTable()
	}
	return f.shapeTypes
}

const markStep = 32

func newFile(path string, src []byte) *file {
	f := &file{path: path, src: src, nl: "\n"}
	start := 0
	if bytes.HasPrefix(src, []byte(utf8BOM)) {
		start = len(utf8BOM)
	}
	lines := make([]int, 1, bytes.Count(src, []byte{'\n'})+2)
	lines[0] = start
	sawBreak, high := false, false
	for i := start; i < len(src); {
		w := breakWidth(src, i)
		if w == 0 {
			high = high || src[i] >= utf8.RuneSelf
			i++
			continue
		}
		if !sawBreak {
			sawBreak = true
			if w == 2 && src[i] == '\r' {
				f.nl = "\r\n"
			}
		}
		if high {
			f.mark(len(lines)-1, lines[len(lines)-1], i)
			high = false
		}
		i += w
		lines = append(lines, i)
	}
	if high {
		f.mark(len(lines)-1, lines[len(lines)-1], len(src))
	}
	f.lines = lines
	return f
}

// mark records the character marks of line i, the bytes [start, end).
func (f *file) mark(i, start, end int) {
	if f.marks == nil {
		f.marks = map[int][]int{}
	}
	var m []int
	n := 0
	for off := start; off < end; n++ {
		if n%markStep == 0 {
			m = append(m, off)
		}
		_, w := utf8.DecodeRune(f.src[off:end])
		off += w
	}
	if len(m) == 0 {
		m = append(m, start)
	}
	f.marks[i] = m
}

// breakWidth returns the length of the line break at src[i], or 0.
func breakWidth(src []byte, i int) int {
	switch c := src[i]; c {
	case '\n':
		return 1
	case '\r':
		if i+1 < len(src) && src[i+1] == '\n' {
			return 2
		}
		return 1
	case 0xC2:
		if i+1 < len(src) && src[i+1] == 0x85 {
			return 2
		}
	case 0xE2:
		if i+2 < len(src) && src[i+1] == 0x80 && (src[i+2] == 0xA8 || src[i+2] == 0xA9) {
			return 3
		}
	}
	return 0
}

// isSpace reports whether src[i] is a space or a tab.
func isSpace(src []byte, i int) bool {
	return i < len(src) && (src[i] == ' ' || src[i] == '\t')
}

// lineEnd returns the offset of the line break ending the line holding off
// (or len(src)).
func (f *file) lineEnd(off int) int {
	for i := off; i < len(f.src); i++ {
		if breakWidth(f.src, i) > 0 {
			return i
		}
	}
	return len(f.src)
}

// nextLine returns the offset just after the line break ending the line
// holding off, or len(src) when that line is the last.
func (f *file) nextLine(off int) int {
	e := f.lineEnd(off)
	if e < len(f.src) {
		return e + breakWidth(f.src, e)
	}
	return e
}

// lineIndex returns the 0-based line holding off.
func (f *file) lineIndex(off int) int {
	i := sort.Search(len(f.lines), func(i int) bool { return f.lines[i] > off }) - 1
	return max(i, 0)
}

// lineStart returns the offset where the line holding off starts.
func (f *file) lineStart(off int) int { return f.lines[f.lineIndex(off)] }

// contentEnd returns the offset of the line break ending 0-based line i,
// or len(src) for the last line.
func (f *file) contentEnd(i int) int {
	if i+1 >= len(f.lines) {
		return len(f.src)
	}
	next := f.lines[i+1]
	for w := 1; w <= 3 && next-w >= f.lines[i]; w++ {
		if breakWidth(f.src, next-w) == w {
			return next - w
		}
	}
	return next
}

// offset converts a 1-based line and rune column to a byte offset, clamped to
// the line's text (its line break excluded) and the file.
func (f *file) offset(line, col int) int {
	if line < 1 {
		return f.lines[0]
	}
	if line > len(f.lines) {
		return len(f.src)
	}
	i := line - 1
	off, end := f.lines[i], f.contentEnd(i)
	n := max(col-1, 0)
	if m, ok := f.marks[i]; ok {
		k := min(n/markStep, len(m)-1)
		off, n = m[k], n-k*markStep
		for ; n > 0 && off < end; n-- {
			_, w := utf8.DecodeRune(f.src[off:end])
			off += w
		}
		return off
	}
	return min(off+n, end)
}

// pos converts a byte offset to a 1-based line and rune column.
func (f *file) pos(off int) (line, col int) {
	off = min(max(off, 0), len(f.src))
	i := f.lineIndex(off)
	start := f.lines[i]
	if off < start {
		off = start
	}
	if m, ok := f.marks[i]; ok {
		k := sort.Search(len(m), func(k int) bool { return m[k] > off }) - 1
		k = max(k, 0)
		return i + 1, k*markStep + utf8.RuneCount(f.src[m[k]:off]) + 1
	}
	return i + 1, off - start + 1
}

// rng builds the range of the bytes [start, end).
func (f *file) rng(start, end int) lint.Range {
	start = min(max(start, 0), len(f.src))
	end = min(max(end, start), len(f.src))
	l1, c1 := f.pos(start)
	l2, c2 := f.pos(end)
	return lint.Range{Line: l1, Column: c1, EndLine: l2, EndColumn: c2, Offset: start, EndOffset: end}
}

// lineRange returns the range of the text of 1-based line n, from its first
// non-blank character to its end, clamped to the last line that has text.
func (f *file) lineRange(n int) lint.Range {
	n = min(max(n, 1), len(f.lines))
	for n > 1 && f.blankLine(n) {
		n--
	}
	start := f.lines[n-1]
	end := f.lineEnd(start)
	for start < end && isSpace(f.src, start) {
		start++
	}
	for end > start && isSpace(f.src, end-1) {
		end--
	}
	return f.rng(start, end)
}

func (f *file) blankLine(n int) bool {
	start := f.lines[n-1]
	end := f.lineEnd(start)
	return len(bytes.TrimSpace(f.src[start:end])) == 0
}

// start returns the offset where node n starts (its properties included).
func (f *file) start(n *yaml.Node) int { return f.offset(n.Line, n.Column) }

// skipBlank skips spaces, tabs, line breaks and comments from i.
func (f *file) skipBlank(i int) int {
	src := f.src
	for i < len(src) {
		switch src[i] {
		case ' ', '\t':
			i++
		case '#':
			i = f.lineEnd(i)
		default:
			w := breakWidth(src, i)
			if w == 0 {
				return i
			}
			i += w
		}
	}
	return i
}

// content returns the offset of the first character of n after its
// properties (anchor and tag) and the offset just after those properties.
func (f *file) content(n *yaml.Node) (content, propsEnd int) {
	src := f.src
	i := f.start(n)
	propsEnd = i
	if n.Kind == yaml.AliasNode {
		return i, i
	}
	for i < len(src) && (src[i] == '&' || src[i] == '!') {
		switch {
		case src[i] == '&':
			i++
			for i < len(src) && isAnchorChar(src[i]) {
				i++
			}
		case i+1 < len(src) && src[i+1] == '<':
			if j := bytes.IndexByte(src[i:], '>'); j > 0 {
				i += j + 1
			} else {
				i = len(src)
			}
		case n.Tag != "" && bytes.HasPrefix(src[i:], []byte(n.Tag)) && f.tokenEnd(i+len(n.Tag)):
			i += len(n.Tag)
		default:
			i++
			for i < len(src) && !f.tokenEnd(i) {
				i++
			}
		}
		propsEnd = i
		i = f.skipBlank(i)
	}
	return i, propsEnd
}

// isAnchorChar reports whether c may appear in an anchor or alias name.
func isAnchorChar(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '-'
}

// tokenEnd reports whether a tag may end before src[i].
func (f *file) tokenEnd(i int) bool {
	return i >= len(f.src) || isSpace(f.src, i) || breakWidth(f.src, i) > 0 || isFlowIndicator(f.src[i])
}

func isFlowIndicator(c byte) bool {
	return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
}

// isFlow reports whether collection n is written in flow style ([...] or
// {...}).
func (f *file) isFlow(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode {
		return false
	}
	c, _ := f.content(n)
	return c < len(f.src) && (f.src[c] == '[' || f.src[c] == '{')
}

// indent returns the column (0-based) of block collection n: its first key
// or its first "-".
func (f *file) indent(n *yaml.Node) int {
	if n.Kind == yaml.MappingNode && len(n.Content) > 0 {
		return n.Content[0].Column - 1
	}
	c, _ := f.content(n)
	_, col := f.pos(c)
	return col - 1
}

// end returns the offset just after node n. parentIndent is the column of
// the block collection holding n (-1 at the document root); literal and
// folded scalars with an indentation indicator need it.
func (f *file) end(n *yaml.Node, parentIndent int) int {
	return f.endDepth(n, parentIndent, 0)
}

// maxDepth bounds recursion over node trees; yaml.v3 refuses deeper input.
const maxDepth = 10000

func (f *file) endDepth(n *yaml.Node, parentIndent, depth int) int {
	if depth > maxDepth {
		return f.start(n)
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return f.scalarEnd(n, parentIndent)
	case yaml.AliasNode:
		return min(f.start(n)+1+len(n.Value), len(f.src))
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return f.start(n)
		}
		return f.endDepth(n.Content[0], -1, depth+1)
	case yaml.MappingNode, yaml.SequenceNode:
		c, _ := f.content(n)
		flow := c < len(f.src) && (f.src[c] == '[' || f.src[c] == '{')
		e := c
		if flow {
			e = c + 1
		}
		if k := len(n.Content); k > 0 {
			ind := f.indent(n)
			last := n.Content[k-1]
			e = max(e, f.endDepth(last, ind, depth+1))
			if n.Kind == yaml.MappingNode && k >= 2 && last.Kind == yaml.ScalarNode && last.Value == "" {
				// an empty value may sit before the end of its key
				e = max(e, f.endDepth(n.Content[k-2], ind, depth+1))
			}
		}
		if flow {
			return f.closeBracket(e)
		}
		return e
	}
	return f.start(n)
}

// closeBracket skips blanks, commas and comments from i and returns the
// offset after the "]" or "}" found there.
func (f *file) closeBracket(i int) int {
	src := f.src
	for i < len(src) {
		i = f.skipBlank(i)
		if i >= len(src) {
			break
		}
		switch src[i] {
		case ',':
			i++
		case ']', '}':
			return i + 1
		default:
			return i
		}
	}
	return i
}

// scalarEnd returns the offset just after scalar n.
func (f *file) scalarEnd(n *yaml.Node, parentIndent int) int {
	c, propsEnd := f.content(n)
	src := f.src
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		for i := c + 1; i < len(src); i++ {
			switch src[i] {
			case '\\':
				i++
			case '"':
				return i + 1
			}
		}
		return len(src)
	case n.Style&yaml.SingleQuotedStyle != 0:
		for i := c + 1; i < len(src); i++ {
			if src[i] == '\'' {
				if i+1 < len(src) && src[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
		return len(src)
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		e, _ := f.blockScalarEnd(n, c, parentIndent)
		return e
	}
	if n.Value == "" {
		return propsEnd
	}
	return f.plainEnd(c, n.Value)
}

// blockScalarEnd returns the offset after the last non-blank line of the
// literal or folded scalar whose indicator is at c, and the offset after its
// trailing blank lines when it keeps them ("|+"), else the same offset.
func (f *file) blockScalarEnd(n *yaml.Node, c, parentIndent int) (end, keepEnd int) {
	src := f.src
	i := c + 1
	explicit, keep := 0, false
	for i < len(src) && (src[i] == '+' || src[i] == '-' || (src[i] >= '1' && src[i] <= '9')) {
		switch src[i] {
		case '+':
			keep = true
		case '-':
		default:
			explicit = int(src[i] - '0')
		}
		i++
	}
	end = i
	if len(bytes.Trim([]byte(n.Value), "\n")) == 0 && !keep {
		return end, end
	}
	indent := -1
	if explicit > 0 {
		indent = max(parentIndent, 0) + explicit
		if parentIndent < 0 {
			indent = explicit
		}
	}
	keepEnd = end
	for line := f.nextLine(i); line < len(src) && line > i; {
		le := f.lineEnd(line)
		sp := 0
		for line+sp < le && src[line+sp] == ' ' {
			sp++
		}
		if line+sp < le {
			if indent < 0 {
				indent = max(sp, parentIndent+1)
			}
			if sp < indent || (sp == 0 && isDocMarker(src[line:le])) {
				break
			}
			end, keepEnd = le, le
		} else {
			keepEnd = le
		}
		if le >= len(src) {
			break
		}
		line = le + breakWidth(src, le)
	}
	if !keep {
		keepEnd = end
	}
	return end, keepEnd
}

func isDocMarker(line []byte) bool {
	if !bytes.HasPrefix(line, []byte("---")) && !bytes.HasPrefix(line, []byte("...")) {
		return false
	}
	return len(line) == 3 || line[3] == ' ' || line[3] == '\t'
}

// plainEnd matches the plain scalar value against the source from c, where
// runs of white space and line breaks in either stand for each other (line
// folding), and returns the offset after the last matched character.
func (f *file) plainEnd(c int, val string) int {
	src := f.src
	i, j, end := c, 0, c
	for j < len(val) {
		if w := wsWidth(val, j); w > 0 {
			for w > 0 {
				j += w
				w = wsWidth(val, j)
			}
			k := i
			for {
				w := wsWidthBytes(src, k)
				if w == 0 {
					break
				}
				k += w
			}
			if k == i {
				return end
			}
			i = k
			continue
		}
		if i >= len(src) || src[i] != val[j] {
			return end
		}
		i++
		j++
		end = i
	}
	return end
}

func wsWidth(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	switch s[i] {
	case ' ', '\t', '\n', '\r':
		return 1
	case 0xC2:
		if i+1 < len(s) && s[i+1] == 0x85 {
			return 2
		}
	case 0xE2:
		if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9) {
			return 3
		}
	}
	return 0
}

func wsWidthBytes(src []byte, i int) int {
	if i >= len(src) {
		return 0
	}
	if src[i] == ' ' || src[i] == '\t' {
		return 1
	}
	return breakWidth(src, i)
}
