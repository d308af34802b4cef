package dockerfile

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// instr holds what the builder knows of one buildkit node: its text with
// the continuation lines joined, mapped back to the source, and the pieces
// of that text.
type instr struct {
	node *parser.Node
	// joined is node.Original, each byte mapped to the source.
	joined text
	// exact is false when node.Original could not be found in the source
	// and joined maps it roughly onto the first line.
	exact bool
	// first and last are the 0-based lines of the instruction itself;
	// endLine the last line of its heredocs, if any.
	first, last, endLine int
	// empties are the empty continuation lines inside the instruction.
	empties []int
	// kwStart, kwEnd are the keyword's bytes in joined.
	kwStart, kwEnd int
	// args is everything after the keyword and the flags.
	args text
	// flags are the --name[=value] words, quotes and escapes removed.
	flags []flagWord
	// heredocs are the node's heredocs, mapped; nil when they could not
	// be located.
	heredocs []heredocText
}

// flagWord is one --name[=value] flag.
type flagWord struct {
	name     string
	value    text
	hasValue bool
}

// heredocText locates a heredoc in the source.
type heredocText struct {
	content text
	// nameStart, nameEnd are where the terminator's name is.
	nameStart, nameEnd int
}

// scannedLines returns the number of lines buildkit's scanner reads.
func (s *source) scannedLines() int {
	if len(s.src) > 0 && s.src[len(s.src)-1] == '\n' {
		return len(s.lines) - 1
	}
	return len(s.lines)
}

// join rebuilds node.Original from the source lines the way buildkit's
// parser joins them, keeping where each byte came from.
func (b *builder) join(n *parser.Node) *instr {
	s := b.src
	in := &instr{node: n}
	nlines := s.scannedLines()
	first := n.StartLine - 1
	if first < 0 || first >= nlines {
		first = min(max(first, 0), len(s.lines)-1)
		in.first, in.last, in.endLine = first, first, first
		in.joined = b.fallbackText(n.Original, first)
		in.split(b.escape)
		return in
	}
	var tb textBuilder
	tb.grow(len(n.Original))
	i := first
	a, e := s.lines[i], s.contentEnd(i)
	if i == 0 {
		a += s.bom
	}
	a += len(s.src[a:e]) - len(bytes.TrimLeftFunc(s.src[a:e], unicode.IsSpace))
	end, cont := b.continuation(a, e)
	tb.addSource(s.src, a, end)
	for cont && i+1 < nlines {
		i++
		a, e = s.lines[i], s.contentEnd(i)
		line := s.src[a:e]
		trimmed := bytes.TrimLeftFunc(line, unicode.IsSpace)
		if len(trimmed) > 0 && trimmed[0] == '#' {
			continue
		}
		if len(trimmed) == 0 {
			in.empties = append(in.empties, i)
			continue
		}
		end, cont = b.continuation(a, e)
		tb.addSource(s.src, a, end)
	}
	in.first, in.last = first, i
	in.endLine = min(max(n.EndLine-1, i), len(s.lines)-1)
	if string(tb.b) == n.Original {
		in.joined = tb.text(s.contentEnd(i))
		in.exact = true
	} else {
		in.joined = b.fallbackText(n.Original, first)
	}
	in.split(b.escape)
	in.locateHeredocs(s)
	return in
}

// continuation reports whether the line [a, e) ends with the escape token
// (buildkit's line continuation), and where the line ends without it.
func (b *builder) continuation(a, e int) (int, bool) {
	src := b.src.src
	k := e
	for k > a && (src[k-1] == ' ' || src[k-1] == '\t') {
		k--
	}
	if k == a || rune(src[k-1]) != b.escape {
		return e, false
	}
	if k-1 == a {
		return a, true
	}
	if rune(src[k-2]) == b.escape {
		return e, false
	}
	return k - 1, true
}

// fallbackText maps s, which could not be found in the source, onto line i.
func (b *builder) fallbackText(s string, i int) text {
	start, end := b.src.lines[i], b.src.contentEnd(i)
	var tb textBuilder
	for k := range len(s) {
		p := min(start+k, end)
		tb.addSpan(s[k:k+1], p, min(p+1, end))
	}
	return tb.text(end)
}

// locateHeredocs finds the node's heredoc bodies, which follow the
// instruction's last line.
func (in *instr) locateHeredocs(s *source) {
	if len(in.node.Heredocs) == 0 {
		return
	}
	line := in.last + 1
	docs := make([]heredocText, 0, len(in.node.Heredocs))
	for _, h := range in.node.Heredocs {
		if line >= len(s.lines) {
			return
		}
		a := s.lines[line]
		e := a + len(h.Content)
		if e > len(s.src) || string(s.src[a:e]) != h.Content {
			return
		}
		term := s.lineOf(e)
		if s.lines[term] != e {
			return
		}
		na := e
		if h.Chomp {
			for na < len(s.src) && s.src[na] == '\t' {
				na++
			}
		}
		ne := na + len(h.Name)
		if ne > len(s.src) || string(s.src[na:ne]) != h.Name {
			return
		}
		var tb textBuilder
		tb.addSource(s.src, a, e)
		docs = append(docs, heredocText{content: tb.text(a), nameStart: na, nameEnd: ne})
		line = term + 1
	}
	in.heredocs = docs
}

// isSplitSpace reports the bytes of buildkit's reWhitespace.
func isSplitSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'
}

// split finds the keyword, the flags and the arguments in joined, the way
// buildkit's splitCommand and extractBuilderFlags do.
func (in *instr) split(escape rune) {
	t := in.joined.s
	ts := len(t) - len(strings.TrimLeftFunc(t, unicode.IsSpace))
	te := len(strings.TrimRightFunc(t, unicode.IsSpace))
	te = max(te, ts)
	in.kwStart, in.kwEnd = ts, ts
	for in.kwEnd < te && !isSplitSpace(t[in.kwEnd]) {
		in.kwEnd++
	}
	rs := in.kwEnd
	for rs < te && isSplitSpace(t[rs]) {
		rs++
	}
	rest := in.joined.slice(rs, te)
	at, words := extractFlags(&rest, escape)
	for i := range words {
		w := &words[i]
		name, _, hasValue := strings.Cut(strings.TrimPrefix(w.s, "--"), "=")
		f := flagWord{name: name, hasValue: hasValue}
		if hasValue {
			f.value = w.slice(len("--")+len(name)+1, len(w.s))
		}
		in.flags = append(in.flags, f)
	}
	as := rs + at
	ae := te
	as += len(t[as:ae]) - len(strings.TrimLeftFunc(t[as:ae], unicode.IsSpace))
	ae = as + len(strings.TrimRightFunc(t[as:ae], unicode.IsSpace))
	in.args = in.joined.slice(as, ae)
}

// isByteSpace is buildkit's test of a single byte in extractBuilderFlags.
func isByteSpace(c byte) bool { return unicode.IsSpace(rune(c)) }

// extractFlags mirrors buildkit's extractBuilderFlags: it returns where the
// arguments start in rest and the flag words with quotes and escapes
// removed.
func extractFlags(rest *text, escape rune) (int, []text) {
	const (
		inSpaces = iota
		inWord
		inQuote
	)
	line := rest.s
	var words []text
	var tb textBuilder
	phase := inSpaces
	var quote byte
	blankOK := false
	flush := func() {
		words = append(words, tb.text(0))
		tb = textBuilder{}
	}
	for pos := 0; pos <= len(line); pos++ {
		var ch byte
		if pos != len(line) {
			ch = line[pos]
		}
		if phase == inSpaces {
			if pos == len(line) {
				break
			}
			if isByteSpace(ch) {
				continue
			}
			if ch != '-' || pos+1 == len(line) || line[pos+1] != '-' {
				return pos, words
			}
			phase = inWord
		}
		if pos == len(line) {
			if w := string(tb.b); w != "--" && (blankOK || w != "") {
				flush()
			}
			break
		}
		switch phase {
		case inWord:
			if isByteSpace(ch) {
				phase = inSpaces
				if string(tb.b) == "--" {
					return pos, words
				}
				if blankOK || tb.len() > 0 {
					flush()
				}
				tb = textBuilder{}
				blankOK = false
				continue
			}
			if ch == '\'' || ch == '"' {
				quote = ch
				blankOK = true
				phase = inQuote
				continue
			}
			from := pos
			if rune(ch) == escape {
				if pos+1 == len(line) {
					continue
				}
				pos++
				ch = line[pos]
			}
			tb.addFromText(string(ch), rest, from, pos+1)
		case inQuote:
			if ch == quote {
				phase = inWord
				continue
			}
			from := pos
			if rune(ch) == escape {
				if pos+1 == len(line) {
					phase = inWord
					continue
				}
				pos++
				ch = line[pos]
			}
			tb.addFromText(string(ch), rest, from, pos+1)
		}
	}
	return len(line), words
}

// wordSpan is a word of an instruction's arguments: bytes [start, end).
type wordSpan struct{ start, end int }

// splitWhitespace splits s like buildkit's parseStringsWhitespaceDelimited
// (s has no leading or trailing space).
func splitWhitespace(s string) []wordSpan {
	var out []wordSpan
	for i := 0; i < len(s); {
		for i < len(s) && isSplitSpace(s[i]) {
			i++
		}
		if i == len(s) {
			break
		}
		j := i
		for j < len(s) && !isSplitSpace(s[j]) {
			j++
		}
		out = append(out, wordSpan{i, j})
		i = j
	}
	return out
}

// parseWords finds the words of s like buildkit's parseWords (used by ARG):
// space-separated, quotes and escapes kept.
func parseWords(s string, escape rune) []wordSpan {
	const (
		inSpaces = iota
		inWord
		inQuote
	)
	var out []wordSpan
	phase := inSpaces
	var quote rune
	start := 0
	for pos := 0; pos < len(s); {
		ch, w := utf8.DecodeRuneInString(s[pos:])
		switch phase {
		case inSpaces:
			if unicode.IsSpace(ch) {
				pos += w
				continue
			}
			phase, start = inWord, pos
			continue
		case inWord:
			if unicode.IsSpace(ch) {
				out = append(out, wordSpan{start, pos})
				phase = inSpaces
				pos += w
				continue
			}
			switch ch {
			case '\'', '"':
				quote, phase = ch, inQuote
			case escape:
				pos += w
				if pos < len(s) {
					_, w = utf8.DecodeRuneInString(s[pos:])
				} else {
					w = 0
				}
			}
		case inQuote:
			if ch == quote {
				phase = inWord
			} else if ch == escape && quote != '\'' {
				pos += w
				if pos < len(s) {
					_, w = utf8.DecodeRuneInString(s[pos:])
				} else {
					w = 0
				}
			}
		}
		pos += w
	}
	if phase != inSpaces {
		out = append(out, wordSpan{start, len(s)})
	}
	return out
}
