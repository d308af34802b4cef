package dockerfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"maps"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/command"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"mvdan.cc/sh/v3/syntax"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/cmdline"
)

// Messages of the errors hardline reports itself.
const (
	msgNoInstructions = "no instructions"
	msgNoFrom         = "no FROM instruction: a Dockerfile must start a build stage with FROM"
	msgFromArgs       = "FROM requires either one or three arguments (IMAGE [AS NAME])"
)

// builder turns buildkit's parse tree into a Model.
type builder struct {
	m      *Model
	src    *source
	escape rune
	lex    *shell.Lex
	sh     *syntax.Parser
	instrs []*instr
	// globals holds the global ARGs that have a value.
	globals map[string]string
	// stageNames maps each stage name, in lower case, to its index.
	stageNames map[string]int
	hasFrom    bool
	// unknown counts the unknown instructions.
	unknown int
	states  []*stageState
}

// stageState is what a stage's instructions see.
type stageState struct {
	args, env map[string]string
	shell     []string
}

// envLookup resolves variables from maps, the first that has one winning.
type envLookup []map[string]string

// Get returns the value of key.
func (l envLookup) Get(key string) (string, bool) {
	for _, m := range l {
		if v, ok := m[key]; ok {
			return v, true
		}
	}
	return "", false
}

// Keys returns every variable name.
func (l envLookup) Keys() []string {
	var keys []string
	for _, m := range l {
		for k := range m {
			keys = append(keys, k)
		}
	}
	return keys
}

func (st *stageState) lookup() envLookup { return envLookup{st.env, st.args} }

func newBuilder(m *Model, src []byte) *builder {
	return &builder{
		m:          m,
		src:        newSource(src),
		escape:     parser.DefaultEscapeToken,
		globals:    map[string]string{},
		stageNames: map[string]int{},
	}
}

// maxUnknown is how many unknown instructions a file reports one by one.
// A file that is not a Dockerfile at all (a symbolic link to /etc/passwd
// named on the command line) is reported without echoing it.
const maxUnknown = 3

// maxMessage is the longest error message, in bytes.
const maxMessage = 200

// unknownInstruction reports an unknown instruction, quoting a short
// escaped excerpt of it.
func (b *builder) unknownInstruction(r lint.Range, name string) {
	b.unknown++
	switch {
	case b.unknown <= maxUnknown:
		b.errorf(r, "unknown instruction: %s", excerpt(name))
	case b.unknown == maxUnknown+1:
		b.errorf(r, "unknown instruction (more unknown instructions follow; is this a Dockerfile?)")
	}
}

// excerpt is at most 20 characters of s, escaped for printing.
func excerpt(s string) string {
	const maxRunes = 20
	if utf8.RuneCountInString(s) > maxRunes {
		cut := 0
		for range maxRunes {
			_, size := utf8.DecodeRuneInString(s[cut:])
			cut += size
		}
		s = s[:cut] + "…"
	}
	return lint.Printable(s)
}

func (b *builder) errorf(r lint.Range, format string, args ...any) {
	// Messages may quote the file (the parser's errors do): keep them
	// short and printable.
	msg := fmt.Sprintf(format, args...)
	if len(msg) > maxMessage {
		cut := maxMessage
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "…"
	}
	b.m.Errors = append(b.m.Errors, Message{Message: lint.Printable(msg), Range: r})
}

func (b *builder) rangeOf(t *text, i, j int) lint.Range {
	return b.src.rng(t.span(i, j))
}

func (b *builder) run() {
	res, err := parser.Parse(bytes.NewReader(b.src.src))
	if err != nil {
		b.parseError(err)
	}
	if res == nil || res.AST == nil {
		return
	}
	b.escape = res.EscapeToken
	b.m.Escape = res.EscapeToken
	b.lex = shell.NewLex(b.escape)
	b.sh = syntax.NewParser(syntax.Variant(syntax.LangBash))
	b.directives()
	for _, n := range res.AST.Children {
		b.instrs = append(b.instrs, b.join(n))
	}
	b.collectStages()
	for i, in := range b.instrs {
		b.instruction(i, in)
	}
	b.indexPrograms()
	switch {
	case len(b.m.Stages) > 0:
		b.m.Stages[len(b.m.Stages)-1].Final = true
	case len(b.m.Instructions) > 0:
		b.errorf(b.m.Instructions[0].KeywordRange, msgNoFrom)
	}
}

// indexPrograms fills Model.Programs from the commands of the RUN
// instructions.
func (b *builder) indexPrograms() {
	for i := range b.m.Instructions {
		in := &b.m.Instructions[i]
		if in.Cmd != "run" {
			continue
		}
		for j := range in.Commands {
			c := &in.Commands[j]
			at := [2]int{i, j}
			add := func(p string) {
				refs := b.m.Programs[p]
				if len(refs) == 0 || refs[len(refs)-1] != at {
					b.m.Programs[p] = append(refs, at)
				}
			}
			add(c.Exec)
			add(cmdline.Base(c.Name))
			for _, w := range c.Args[:min(c.ArgStart, len(c.Args))] {
				if !strings.HasPrefix(w, "-") {
					add(cmdline.Base(w))
				}
			}
		}
	}
}

// parseError records an error of buildkit's parser at its line.
func (b *builder) parseError(err error) {
	msg := err.Error()
	if strings.Contains(msg, "file with no instructions") {
		b.errorf(b.src.rng(b.src.bom, b.src.bom), msgNoInstructions)
		return
	}
	line := 1
	var le *parser.LocationError
	if errors.As(err, &le) && len(le.Locations) > 0 && len(le.Locations[0]) > 0 {
		line = max(le.Locations[0][0].Start.Line, 1)
	}
	if strings.Contains(msg, "line greater than max allowed size") {
		// buildkit points at the line before the long one.
		for i := range b.src.lines {
			if b.src.lineEnd(i)-b.src.lines[i] > bufio.MaxScanTokenSize-1 {
				b.errorf(b.src.rng(b.src.lines[i], b.src.lines[i]), "%s", msg)
				return
			}
		}
	}
	b.errorf(b.src.lineRange(line-1), "%s", msg)
}

// directives reads the parser directives at the top of the file.
func (b *builder) directives() {
	var dp parser.DirectiveParser
	s := b.src
	for i := range s.scannedLines() {
		line := s.src[s.lines[i]:s.contentEnd(i)]
		if i == 0 {
			line = line[min(s.bom, len(line)):]
		}
		d, err := dp.ParseLine(bytes.TrimLeftFunc(line, unicode.IsSpace))
		if err != nil || d == nil {
			return
		}
		if b.m.Directives == nil {
			b.m.Directives = map[string]string{}
		}
		b.m.Directives[d.Name] = d.Value
	}
}

// collectStages finds the stage names, which COPY --from may use before
// the stage is defined.
func (b *builder) collectStages() {
	idx := 0
	for _, in := range b.instrs {
		if !strings.EqualFold(in.node.Value, command.From) {
			continue
		}
		b.hasFrom = true
		words := splitWhitespace(in.args.s)
		if len(words) >= 3 && strings.EqualFold(in.args.s[words[1].start:words[1].end], "as") {
			name := strings.ToLower(in.args.s[words[2].start:words[2].end])
			if _, dup := b.stageNames[name]; !dup {
				b.stageNames[name] = idx
			}
		}
		idx++
	}
}

// isStageRef reports whether a --from value names a stage rather than an
// image: a stage name or index.
func (b *builder) isStageRef(ref string) bool {
	if _, ok := b.stageNames[strings.ToLower(ref)]; ok {
		return true
	}
	if ref == "" {
		return false
	}
	for _, c := range ref {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func (b *builder) instruction(i int, in *instr) {
	n := in.node
	cmd := strings.ToLower(n.Value)
	_, known := command.Commands[cmd]
	kwA, _ := in.joined.span(in.kwStart, in.kwEnd)
	ins := Instruction{
		Index:        i,
		Stage:        len(b.m.Stages) - 1,
		Cmd:          cmd,
		Args:         nodeArgs(n, cmd, known, in),
		JSON:         n.Attributes["json"],
		Flags:        map[string][]string{},
		Original:     n.Original,
		Range:        b.src.rng(kwA, b.src.contentEnd(in.endLine)),
		KeywordRange: b.rangeOf(&in.joined, in.kwStart, in.kwEnd),
		ArgsRange:    b.rangeOf(&in.args, 0, len(in.args.s)),
		Heredocs:     []Heredoc{},
		Commands:     []Command{},
		Comments:     append([]string{}, n.PrevComment...),
	}
	for _, f := range in.flags {
		ins.Flags[f.name] = append(ins.Flags[f.name], f.value.s)
	}
	for k, h := range n.Heredocs {
		hd := Heredoc{Name: h.Name, Content: h.Content, Range: ins.Range}
		if k < len(in.heredocs) {
			c := &in.heredocs[k].content
			hd.Range = b.rangeOf(c, 0, len(c.s))
		}
		ins.Heredocs = append(ins.Heredocs, hd)
	}
	for _, e := range in.empties {
		b.m.Warnings = append(b.m.Warnings, Message{Message: "empty continuation line", Range: b.src.lineRange(e)})
	}
	switch {
	case !known:
		b.unknownInstruction(ins.KeywordRange, n.Value)
	case cmd == command.From:
		b.from(in, &ins)
	case ins.Stage < 0 && cmd != command.Arg && b.hasFrom:
		b.errorf(ins.KeywordRange, "%s before the first FROM: no build stage in current context", strings.ToUpper(cmd))
	}
	var st *stageState
	if ins.Stage >= 0 {
		st = b.states[ins.Stage]
		stage := &b.m.Stages[ins.Stage]
		stage.Instructions = append(stage.Instructions, i)
	}
	switch cmd {
	case command.Arg:
		b.arg(in, st)
	case command.Env:
		if st != nil {
			b.env(n, st)
		}
	case command.User:
		if st != nil {
			b.user(in, &ins, st)
		}
	case command.Shell:
		if st != nil && ins.JSON && len(ins.Args) > 0 {
			st.shell = ins.Args
		}
	case command.Copy:
		b.copyFrom(in)
	case command.Run:
		b.mounts(in)
		b.run1(in, &ins, st)
	}
	b.m.Instructions = append(b.m.Instructions, ins)
}

// nodeArgs returns the arguments as buildkit split them.
func nodeArgs(n *parser.Node, cmd string, known bool, in *instr) []string {
	out := []string{}
	if !known || cmd == command.Onbuild {
		if in.args.s != "" {
			out = append(out, in.args.s)
		}
		return out
	}
	if cmd == command.Env || cmd == command.Label {
		for _, kv := range keyValues(n) {
			out = append(out, kv[0], kv[1])
		}
		return out
	}
	for c := n.Next; c != nil; c = c.Next {
		out = append(out, c.Value)
	}
	return out
}

// expand expands the variables of word. It reports whether a variable
// without a value was needed: one used other than as ${NAME:-default}.
func (b *builder) expand(word string, env shell.EnvGetter) (string, bool) {
	res, err := b.lex.ProcessWordWithMatches(word, env)
	if err != nil {
		return word, true
	}
	for name := range res.Unmatched {
		if needsValue(word, name) {
			return res.Result, true
		}
	}
	return res.Result, false
}

// needsValue reports whether word uses $name other than with a default.
func needsValue(word, name string) bool {
	for i := range len(word) {
		if word[i] != '$' {
			continue
		}
		j := i + 1
		braced := j < len(word) && word[j] == '{'
		if braced {
			j++
		}
		k := j
		for k < len(word) && (word[k] == '_' || word[k] >= 0x80 || unicode.IsLetter(rune(word[k])) || unicode.IsDigit(rune(word[k]))) {
			k++
		}
		if word[j:k] != name {
			continue
		}
		if !braced {
			return true
		}
		if rest := word[k:]; !strings.HasPrefix(rest, "-") && !strings.HasPrefix(rest, ":-") {
			return true
		}
	}
	return false
}

func (b *builder) from(in *instr, ins *Instruction) {
	idx := len(b.m.Stages)
	ins.Stage = idx
	stage := Stage{Index: idx, From: ins.Index, Instructions: []int{}}
	state := &stageState{args: map[string]string{}, env: map[string]string{}, shell: []string{"/bin/sh", "-c"}}
	args := &in.args
	words := splitWhitespace(args.s)
	word := func(k int) string { return args.s[words[k].start:words[k].end] }
	if len(words) != 1 && (len(words) != 3 || !strings.EqualFold(word(1), "as")) {
		r := ins.ArgsRange
		if len(words) == 0 {
			r = ins.KeywordRange
		}
		b.errorf(r, msgFromArgs)
	}
	if len(words) >= 3 && strings.EqualFold(word(1), "as") {
		stage.Name = word(2)
	}
	if len(words) == 0 {
		img := lint.NewImage("", "", true, SourceFrom, ins.ArgsRange)
		stage.Base = Base{Kind: KindImage, Image: &img}
		stage.Root = stage.Base
	} else {
		raw := word(0)
		ref, unresolved := b.expand(raw, envLookup{b.globals})
		p, isStage := b.stageNames[strings.ToLower(ref)]
		switch {
		case isStage && p < idx && !unresolved:
			parent := &b.m.Stages[p]
			stage.Base = Base{Kind: KindStage, Stage: p}
			stage.Root = parent.Root
			if parent.User != nil {
				u := *parent.User
				u.Inherited = true
				stage.User = &u
			}
			state.env = maps.Clone(b.states[p].env)
			state.shell = b.states[p].shell
		case strings.EqualFold(ref, KindScratch) && !unresolved:
			stage.Base = Base{Kind: KindScratch}
			stage.Root = stage.Base
		default:
			img := lint.NewImage(raw, ref, unresolved, SourceFrom, b.rangeOf(args, words[0].start, words[0].end))
			b.m.Images = append(b.m.Images, img)
			stage.Base = Base{Kind: KindImage, Image: &img}
			stage.Root = stage.Base
		}
	}
	b.m.Stages = append(b.m.Stages, stage)
	b.states = append(b.states, state)
}

func (b *builder) arg(in *instr, st *stageState) {
	for _, w := range parseWords(in.args.s, b.escape) {
		raw := in.args.s[w.start:w.end]
		name, value, has := strings.Cut(raw, "=")
		if st == nil {
			if has {
				value, _ = b.expand(value, envLookup{b.globals})
				b.globals[name] = value
			}
			b.m.Args = append(b.m.Args, Arg{Name: name, Value: value, HasValue: has, Range: b.rangeOf(&in.args, w.start, w.end)})
			continue
		}
		if has {
			value, _ = b.expand(value, st.lookup())
			st.args[name] = value
		} else if v, ok := b.globals[name]; ok {
			st.args[name] = v
		}
	}
}

// keyValues returns the names and values of an ENV or LABEL node, which
// buildkit's parse tree holds as (name, value, separator) triples.
func keyValues(n *parser.Node) [][2]string {
	var out [][2]string
	for c := n.Next; c != nil && c.Next != nil; {
		out = append(out, [2]string{c.Value, c.Next.Value})
		if c.Next.Next == nil {
			break
		}
		c = c.Next.Next.Next
	}
	return out
}

// env records the variables of an ENV instruction.
func (b *builder) env(n *parser.Node, st *stageState) {
	for _, kv := range keyValues(n) {
		v, _ := b.expand(kv[1], st.lookup())
		st.env[kv[0]] = v
	}
}

func (b *builder) user(in *instr, ins *Instruction, st *stageState) {
	raw := in.args.s
	if raw == "" {
		b.errorf(ins.KeywordRange, "USER requires an argument")
		return
	}
	val, unresolved := b.expand(raw, st.lookup())
	if unresolved {
		val = raw
	}
	user, group, _ := strings.Cut(val, ":")
	b.m.Stages[ins.Stage].User = &User{
		User: user, Group: group, Raw: raw, Instruction: ins.Index, Range: ins.ArgsRange,
	}
}

// fromImage records an image named by COPY --from or a RUN --mount from
// option, unless it names a stage. buildkit does not expand variables there:
// a reference with one is unresolved, and an error.
func (b *builder) fromImage(v *text, src, what string) {
	if v.s == "" || b.isStageRef(v.s) {
		return
	}
	r := b.rangeOf(v, 0, len(v.s))
	unresolved := false
	if i := strings.IndexByte(v.s, '$'); i >= 0 && i < len(v.s)-1 {
		unresolved = true
		b.errorf(r, "%s does not support variable expansion: define a stage FROM the image, using a global ARG, and name it instead", what)
	}
	b.m.Images = append(b.m.Images, lint.NewImage(v.s, v.s, unresolved, src, r))
}

func (b *builder) copyFrom(in *instr) {
	var from *text
	for k := range in.flags {
		if f := &in.flags[k]; f.name == "from" && f.hasValue {
			from = &f.value
		}
	}
	if from != nil {
		b.fromImage(from, SourceCopyFrom, "COPY --from")
	}
}

// mounts records the images of RUN --mount=...,from=IMAGE.
func (b *builder) mounts(in *instr) {
	for k := range in.flags {
		f := &in.flags[k]
		if f.name != "mount" || !f.hasValue {
			continue
		}
		v := f.value.s
		for start := 0; start <= len(v); {
			end := strings.IndexByte(v[start:], ',')
			if end < 0 {
				end = len(v)
			} else {
				end += start
			}
			key, _, ok := strings.Cut(v[start:end], "=")
			if ok && strings.EqualFold(strings.TrimSpace(key), "from") {
				a, e := start+len(key)+1, end
				if e-a >= 2 && (v[a] == '"' || v[a] == '\'') && v[e-1] == v[a] {
					a, e = a+1, e-1
				}
				val := f.value.slice(a, e)
				b.fromImage(&val, SourceRunMount, "RUN --mount from")
			}
			start = end + 1
		}
	}
}

// run1 lists the commands of a RUN instruction.
func (b *builder) run1(in *instr, ins *Instruction, st *stageState) {
	r := newShellRun(b.src, b.sh)
	if ins.JSON {
		b.execForm(in, r)
		ins.Commands = r.cmds
		return
	}
	if st != nil && (len(st.shell) == 0 || !isShellName(cmdline.Base(st.shell[0]))) {
		return
	}
	script := in.args
	if len(in.node.Heredocs) > 0 {
		if len(in.heredocs) != len(in.node.Heredocs) {
			return
		}
		if h := parser.MustParseHeredoc(in.args.s); h != nil {
			script = in.heredocs[0].content
			if in.node.Heredocs[0].Chomp {
				script = chomp(&script)
			}
			if strings.HasPrefix(script.s, "#!") && !shebangIsShell(script.s) {
				return
			}
		} else {
			var tb textBuilder
			tb.addText(&in.args, 0, len(in.args.s))
			for k := range in.heredocs {
				hd := &in.heredocs[k]
				a := hd.content.eof
				tb.addSpan("\n", a-1, a)
				tb.addText(&hd.content, 0, len(hd.content.s))
				tb.addSource(b.src.src, hd.nameStart, hd.nameEnd)
			}
			script = tb.text(in.heredocs[len(in.heredocs)-1].nameEnd)
		}
	}
	if err := r.parse(&script, 0); err != nil {
		msg, rng := r.errorRange(&script, err)
		b.m.Warnings = append(b.m.Warnings, Message{Message: "cannot parse the RUN script as shell: " + msg, Range: rng})
	}
	ins.Commands = r.cmds
}

// chomp removes the leading tabs of each line of t, as <<- does.
func chomp(t *text) text {
	var tb textBuilder
	bol := true
	for i := range len(t.s) {
		if bol && t.s[i] == '\t' {
			continue
		}
		bol = t.s[i] == '\n'
		tb.addText(t, i, i+1)
	}
	return tb.text(t.eof)
}
