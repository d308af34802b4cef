package dockerfile

import (
	"errors"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/cmdline"
)

// maxShellDepth bounds the nesting of `sh -c "sh -c ..."` scripts parsed.
const maxShellDepth = 8

// shellRun collects the commands of one instruction's script.
type shellRun struct {
	src      *source
	parser   *syntax.Parser
	cmds     []Command
	pipeline int
}

// cmdWord is one word of a command line.
type cmdWord struct {
	val string
	// lit is true when the word has no expansion; text() then returns its
	// value mapped to the source.
	lit bool
	// txt is the mapped value when it was built with the word; otherwise
	// wd, read by w, is mapped when needed (a script given to a shell):
	// most words never are.
	txt text
	wd  *syntax.Word
	w   *walker
	rng lint.Range
}

// text returns the word's value mapped to the source.
func (cw *cmdWord) text() text {
	if cw.wd != nil && cw.w != nil {
		t, _ := cw.w.literal(cw.wd, false)
		return t
	}
	return cw.txt
}

func newShellRun(src *source, p *syntax.Parser) *shellRun {
	return &shellRun{src: src, parser: p, cmds: []Command{}}
}

// parse parses t as a shell script and records its commands.
func (r *shellRun) parse(t *text, depth int) error {
	p := r.parser
	if depth > 0 || p == nil {
		p = syntax.NewParser(syntax.Variant(syntax.LangBash))
	}
	f, err := p.Parse(strings.NewReader(t.s), "")
	if err != nil {
		return err
	}
	w := &walker{r: r, t: t, depth: depth}
	w.visitFn = w.visit
	syntax.Walk(f, w.visitFn)
	return nil
}

// errorRange returns where a shell parse error of script t points.
func (r *shellRun) errorRange(t *text, err error) (string, lint.Range) {
	var pe syntax.ParseError
	if errors.As(err, &pe) {
		o := clampOffset(pe.Pos, t)
		return pe.Text, r.src.rng(t.span(o, o+1))
	}
	var le syntax.LangError
	if errors.As(err, &le) {
		o := clampOffset(le.Pos, t)
		return le.Feature + " is not supported", r.src.rng(t.span(o, o+1))
	}
	return err.Error(), r.src.rng(t.span(0, len(t.s)))
}

// record adds the command made of words. It reports whether the command is
// a shell that reads its script from standard input.
func (r *shellRun) record(words []cmdWord, rng lint.Range, pipeline, position, depth int) bool {
	vals := make([]string, len(words))
	for i := range words {
		vals[i] = words[i].val
	}
	idx, exec := cmdline.Unwrap(vals)
	cmd := Command{
		Name:      vals[0],
		Exec:      exec,
		Args:      vals[1:],
		ArgRanges: make([]lint.Range, 0, len(words)-1),
		ArgStart:  argStart(vals, idx),
		Range:     rng,
		Pipeline:  pipeline,
		Position:  position,
	}
	for _, w := range words[1:] {
		cmd.ArgRanges = append(cmd.ArgRanges, w.rng)
	}
	r.cmds = append(r.cmds, cmd)
	if idx < 0 || !isShellName(exec) || depth >= maxShellDepth {
		return false
	}
	k, stdin := shellScript(vals, idx)
	if k > 0 && words[k].lit {
		// A script that does not parse is not hardline's to report.
		txt := words[k].text()
		_ = r.parse(&txt, depth+1)
	}
	return stdin
}

// argStart is the index, among the arguments words[1:], of the first
// argument of the program that really runs, whose word unwrap found at
// idx: 0 when words[0] runs it, the number of arguments when a wrapper runs
// nothing. A wrapper's option value naming the program (sudo -u bash bash)
// is not taken for it.
func argStart(words []string, idx int) int {
	if idx < 0 {
		return len(words) - 1
	}
	return idx
}

// next returns a new pipeline number.
func (r *shellRun) next() int {
	r.pipeline++
	return r.pipeline - 1
}

// walker visits one parsed script.
type walker struct {
	r     *shellRun
	t     *text
	depth int
	// visitFn is visit, made once.
	visitFn func(syntax.Node) bool
}

func clampOffset(p syntax.Pos, t *text) int {
	return min(int(p.Offset()), len(t.s))
}

// rng returns the source range of the script's bytes from p to e.
func (w *walker) rng(p, e syntax.Pos) lint.Range {
	a, b := clampOffset(p, w.t), clampOffset(e, w.t)
	return w.r.src.rng(w.t.span(a, max(a, b)))
}

func (w *walker) visit(n syntax.Node) bool {
	switch x := n.(type) {
	case *syntax.Stmt:
		return w.stmt(x)
	case *syntax.DeclClause:
		w.decl(x)
	}
	return true
}

func isPipe(c syntax.Command) bool {
	b, ok := c.(*syntax.BinaryCmd)
	return ok && (b.Op == syntax.Pipe || b.Op == syntax.PipeAll)
}

// flattenPipe lists the statements of the pipeline c.
func flattenPipe(c syntax.Command, out []*syntax.Stmt) []*syntax.Stmt {
	b, ok := c.(*syntax.BinaryCmd)
	if !ok {
		return out
	}
	for _, s := range []*syntax.Stmt{b.X, b.Y} {
		if s == nil {
			continue
		}
		if isPipe(s.Cmd) && !s.Negated && !s.Background && !s.Coprocess && len(s.Redirs) == 0 {
			out = flattenPipe(s.Cmd, out)
		} else {
			out = append(out, s)
		}
	}
	return out
}

func (w *walker) stmt(st *syntax.Stmt) bool {
	if isPipe(st.Cmd) {
		p := w.r.next()
		for i, e := range flattenPipe(st.Cmd, nil) {
			w.element(e, p, i)
		}
		w.walkRedirs(st)
		return false
	}
	if ce, ok := st.Cmd.(*syntax.CallExpr); ok && len(ce.Args) > 0 {
		w.element(st, w.r.next(), 0)
		return false
	}
	return true
}

func (w *walker) walkRedirs(st *syntax.Stmt) {
	for _, r := range st.Redirs {
		syntax.Walk(r, w.visitFn)
	}
}

// element handles the statement at position i of pipeline p.
func (w *walker) element(st *syntax.Stmt, p, i int) {
	ce, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(ce.Args) == 0 {
		if st.Cmd != nil {
			syntax.Walk(st.Cmd, w.visitFn)
		}
		w.walkRedirs(st)
		return
	}
	words := make([]cmdWord, len(ce.Args))
	for k, a := range ce.Args {
		words[k] = w.word(a)
	}
	stdin := w.r.record(words, w.rng(ce.Pos(), ce.End()), p, i, w.depth)
	for _, a := range ce.Assigns {
		syntax.Walk(a, w.visitFn)
	}
	for k, a := range ce.Args {
		// A literal word (text and quotes) holds no command.
		if !words[k].lit {
			syntax.Walk(a, w.visitFn)
		}
	}
	for _, r := range st.Redirs {
		if stdin && (r.Op == syntax.Hdoc || r.Op == syntax.DashHdoc) && r.Hdoc != nil && (r.N == nil || r.N.Value == "0") {
			// `bash <<EOF`: the heredoc is the shell's script.
			a, b := clampOffset(r.Hdoc.Pos(), w.t), clampOffset(r.Hdoc.End(), w.t)
			body := w.t.slice(a, max(a, b))
			_ = w.r.parse(&body, w.depth+1)
			continue
		}
		syntax.Walk(r, w.visitFn)
	}
}

// decl records export, declare, local, readonly and typeset as commands.
func (w *walker) decl(d *syntax.DeclClause) {
	if d.Variant == nil {
		return
	}
	words := []cmdWord{{val: d.Variant.Value, lit: true, rng: w.rng(d.Variant.Pos(), d.Variant.End())}}
	for _, a := range d.Args {
		cw := cmdWord{rng: w.rng(a.Pos(), a.End())}
		switch {
		case a.Naked && a.Value != nil:
			cw = w.word(a.Value)
		case a.Naked && a.Name != nil:
			cw.val, cw.lit = a.Name.Value, true
		case a.Name != nil && a.Array == nil && a.Index == nil && !a.Append:
			cw.val, cw.lit = a.Name.Value+"=", true
			if a.Value != nil {
				v := w.word(a.Value)
				cw.val += v.val
				cw.lit = v.lit
			}
		default:
			cw.val = w.source(a.Pos(), a.End())
		}
		words = append(words, cw)
	}
	_ = w.r.record(words, w.rng(d.Pos(), d.End()), w.r.next(), 0, w.depth)
}

// source returns the script text from p to e.
func (w *walker) source(p, e syntax.Pos) string {
	a, b := clampOffset(p, w.t), clampOffset(e, w.t)
	return w.t.s[a:max(a, b)]
}

// word returns a word's value: quotes and escapes removed when it has no
// expansion, its source text otherwise.
func (w *walker) word(wd *syntax.Word) cmdWord {
	cw := cmdWord{rng: w.rng(wd.Pos(), wd.End())}
	if txt, ok := w.literal(wd, true); ok {
		cw.val, cw.lit, cw.wd, cw.w = txt.s, true, wd, w
	} else {
		cw.val = w.source(wd.Pos(), wd.End())
	}
	return cw
}

// literal unquotes a word made only of literal text and quotes; unmapped
// builds only its string.
func (w *walker) literal(wd *syntax.Word, unmapped bool) (text, bool) {
	t := w.t
	if unmapped && len(wd.Parts) == 1 {
		// A bare word without escapes is its own text.
		if lit, ok := wd.Parts[0].(*syntax.Lit); ok {
			a, b := clampOffset(lit.Pos(), t), clampOffset(lit.End(), t)
			if a <= b && strings.IndexByte(t.s[a:b], '\\') < 0 {
				return text{s: t.s[a:b]}, true
			}
		}
	}
	tb := textBuilder{unmapped: unmapped}
	tb.grow(max(0, clampOffset(wd.End(), t)-clampOffset(wd.Pos(), t)))
	for _, part := range wd.Parts {
		a, b := clampOffset(part.Pos(), t), clampOffset(part.End(), t)
		if b < a {
			return text{}, false
		}
		switch x := part.(type) {
		case *syntax.Lit:
			unescape(&tb, t, a, b, "")
		case *syntax.SglQuoted:
			open := 1
			if x.Dollar {
				if strings.Contains(x.Value, `\`) {
					return text{}, false
				}
				open = 2
			}
			if b-a < open+1 {
				return text{}, false
			}
			tb.addText(t, a+open, b-1)
		case *syntax.DblQuoted:
			for _, p := range x.Parts {
				if _, ok := p.(*syntax.Lit); !ok {
					return text{}, false
				}
			}
			open := 1
			if x.Dollar {
				open = 2
			}
			if b-a < open+1 {
				return text{}, false
			}
			unescape(&tb, t, a+open, b-1, "$`\"\\\n")
		default:
			return text{}, false
		}
	}
	a, _ := t.span(clampOffset(wd.Pos(), t), clampOffset(wd.Pos(), t))
	return tb.text(a), true
}

// unescape appends bytes [a, b) of t with backslash escapes removed: all of
// them when only is "", else only those before a byte of only. A
// backslash-newline disappears.
func unescape(tb *textBuilder, t *text, a, b int, only string) {
	s := t.s
	for i := a; i < b; i++ {
		if s[i] != '\\' || i+1 >= b || (only != "" && strings.IndexByte(only, s[i+1]) < 0) {
			tb.addText(t, i, i+1)
			continue
		}
		if s[i+1] != '\n' {
			tb.addFromText(s[i+1:i+2], t, i, i+2)
		}
		i++
	}
}
