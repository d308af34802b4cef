// Package shellrun finds docker run, podman run, docker container run and
// docker create commands in shell scripts, Makefile recipes and the run:
// steps of GitHub Actions workflows, and builds the "runtime" policy input
// (lint/container) from their flags, each with its exact position in the
// file.
//
// The shell is parsed with mvdan.cc/sh. Every piece of shell is parsed
// from a copy of the file's bytes that keeps their offsets (Makefile
// prefixes and GitHub expressions are blanked, not removed), so that
// positions and fixes map back to the file exactly.
package shellrun

import (
	"bytes"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
	"mvdan.cc/sh/v3/syntax"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/cmdline"
	"github.com/hardline-dev/hardline/lint/container"
)

// Parser reads one kind of file: container.SourceShell,
// container.SourceMakefile or container.SourceWorkflow. It implements
// lint.Parser.
type Parser struct {
	Source string
}

var _ lint.Parser = Parser{}

// segment is a piece of shell at offset base of the file: text has the
// length of the file bytes it stands for.
type segment struct {
	base int
	text []byte
}

// Parse returns the file as one runtime document. It never fails: shell
// hardline cannot parse yields no containers.
func (p Parser) Parse(path string, src []byte) []lint.Document {
	m := container.NewModel(filepath.ToSlash(path), p.Source)
	lines := container.NewLines(src)
	var segs []segment
	switch p.Source {
	case container.SourceMakefile:
		segs = makefileSegments(src)
	case container.SourceWorkflow:
		segs = workflowSegments(src, lines)
	default:
		segs = []segment{{base: 0, text: src}}
	}
	func() {
		defer func() {
			// Never fail a run on a script: one hardline cannot read has
			// no containers.
			if r := recover(); r != nil {
				m.Containers = m.Containers[:0]
			}
		}()
		for _, s := range segs {
			m.Containers = append(m.Containers, runsIn(s, lines)...)
		}
	}()
	return []lint.Document{container.NewDocument(m, src)}
}

// runsIn parses a segment and returns its docker run commands. A segment
// that does not parse as a whole is parsed line by line.
func runsIn(s segment, lines *container.Lines) []container.Run {
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(bytes.NewReader(s.text), "")
	if err != nil {
		if !bytes.Contains(s.text, []byte("\n")) {
			return nil
		}
		var out []container.Run
		off := 0
		for line := range bytes.Lines(s.text) {
			if bytes.Contains(line, []byte("run")) || bytes.Contains(line, []byte("create")) {
				out = append(out, runsIn(segment{base: s.base + off, text: bytes.TrimRight(line, "\n")}, lines)...)
			}
			off += len(line)
		}
		return out
	}
	var out []container.Run
	syntax.Walk(f, func(n syntax.Node) bool {
		if call, ok := n.(*syntax.CallExpr); ok {
			if r, ok := command(call, s, lines); ok {
				out = append(out, r)
			}
		}
		return true
	})
	return out
}

// word is one word of a command with its value and place in the file.
type word struct {
	value string
	// known is false when the word holds an expansion hardline cannot
	// resolve ($VAR, $(cmd)).
	known bool
	// quoted is true when the whole word is one quoted string.
	quoted bool
	// options is true for a word that expands to option words hardline
	// cannot see: "$@", $*, $DOCKER_OPTS, $(RUN_ARGS).
	options    bool
	start, end int
}

// optionNames are variable names that hold options rather than an image.
var optionNames = regexp.MustCompile(`(?i)^[@*]$|OPT|ARG|FLAG|PARAM|EXTRA`)

// expansionName is the name of the variable a word is made of alone
// ($X, "$X", ${X}, and $(X) as a Makefile variable), or "".
func expansionName(w *syntax.Word) string {
	if len(w.Parts) != 1 {
		return ""
	}
	part := w.Parts[0]
	if dq, ok := part.(*syntax.DblQuoted); ok && len(dq.Parts) == 1 {
		part = dq.Parts[0]
	}
	switch x := part.(type) {
	case *syntax.ParamExp:
		if x.Param != nil {
			return x.Param.Value
		}
	case *syntax.CmdSubst:
		if len(x.Stmts) == 1 {
			if call, ok := x.Stmts[0].Cmd.(*syntax.CallExpr); ok && len(call.Args) == 1 {
				return call.Args[0].Lit()
			}
		}
	}
	return ""
}

func words(call *syntax.CallExpr, s segment) []word {
	out := make([]word, 0, len(call.Args))
	for _, w := range call.Args {
		v, known := literal(w)
		quoted := len(w.Parts) == 1
		if quoted {
			switch w.Parts[0].(type) {
			case *syntax.DblQuoted, *syntax.SglQuoted:
			default:
				quoted = false
			}
		}
		name := expansionName(w)
		out = append(out, word{
			value: v, known: known, quoted: quoted, options: name != "" && optionNames.MatchString(name),
			start: s.base + int(w.Pos().Offset()), end: s.base + int(w.End().Offset()),
		})
	}
	return out
}

// literal is the value of a word with quotes removed, and whether it holds
// no expansion.
func literal(w *syntax.Word) (string, bool) {
	var b strings.Builder
	known := true
	var parts func(ps []syntax.WordPart, inDouble bool)
	parts = func(ps []syntax.WordPart, inDouble bool) {
		for _, p := range ps {
			switch x := p.(type) {
			case *syntax.Lit:
				b.WriteString(unescape(x.Value, inDouble))
			case *syntax.SglQuoted:
				b.WriteString(x.Value)
			case *syntax.DblQuoted:
				parts(x.Parts, true)
			case *syntax.ParamExp:
				known = false
				b.WriteString("$")
				if x.Param != nil {
					b.WriteString(x.Param.Value)
				}
			default:
				known = false
				b.WriteString("$(...)")
			}
		}
	}
	parts(w.Parts, false)
	return b.String(), known
}

// unescape removes the backslashes of a literal part of a word.
func unescape(s string, inDouble bool) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			next := s[i+1]
			if next == '\n' {
				i++
				continue
			}
			if !inDouble || strings.IndexByte("$`\"\\", next) >= 0 {
				b.WriteByte(next)
				i++
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// command recognises docker (podman, nerdctl) run and create, behind
// sudo, env, exec and the like, and builds its Run.
func command(call *syntax.CallExpr, s segment, lines *container.Lines) (container.Run, bool) {
	ws := words(call, s)
	// The program is read behind wrappers (sudo, env, nice, timeout,
	// xargs, ...) among the words known before the script runs.
	var known []string
	for _, w := range ws {
		if !w.known {
			break
		}
		known = append(known, w.value)
	}
	if len(known) == 0 {
		return container.Run{}, false
	}
	i, _ := cmdline.Unwrap(known)
	if i < 0 {
		return container.Run{}, false
	}
	if i >= len(ws) || !ws[i].known {
		return container.Run{}, false
	}
	tool := filepath.Base(ws[i].value)
	switch tool {
	case "docker", "podman", "nerdctl":
	default:
		return container.Run{}, false
	}
	name := []string{ws[i].value}
	i++
	for i < len(ws) && ws[i].known && strings.HasPrefix(ws[i].value, "-") {
		v := ws[i].value
		i++
		if !strings.Contains(v, "=") && globalValueFlag(v) {
			i++
		}
	}
	if i < len(ws) && ws[i].known && ws[i].value == "container" {
		name = append(name, "container")
		i++
	}
	if i >= len(ws) || !ws[i].known || (ws[i].value != "run" && ws[i].value != "create") {
		return container.Run{}, false
	}
	name = append(name, ws[i].value)
	runWord := ws[i]
	r := container.NewRun(container.KindCommand, strings.Join(name, " "), lines.Range(runWord.start, runWord.end))
	parseArgs(&r, ws[i+1:], lines)
	addFixes(&r, runWord, lines)
	return r, true
}

// flagUse is one option as written: its name, value and where it is (from
// the option to the end of its value).
type flagUse struct {
	name    string
	value   string
	known   bool
	hasVal  bool
	start   int
	end     int
	optWord word
}

// parseArgs reads the options of docker run up to the image.
func parseArgs(r *container.Run, ws []word, lines *container.Lines) {
	var uses []flagUse
	i := 0
	for ; i < len(ws); i++ {
		w := ws[i]
		if w.options {
			// "$@", $DOCKER_OPTS: options hardline cannot see.
			r.Dynamic = true
			continue
		}
		if !strings.HasPrefix(w.value, "-") || w.value == "-" {
			break
		}
		if w.value == "--" {
			i++
			break
		}
		if strings.HasPrefix(w.value, "--") {
			name, val, hasVal := strings.Cut(w.value[2:], "=")
			u := flagUse{name: name, value: val, known: w.known, hasVal: hasVal, start: w.start, end: w.end, optWord: w}
			if !hasVal && !booleanFlag(name) && i+1 < len(ws) {
				i++
				u.value, u.known, u.hasVal, u.end = ws[i].value, ws[i].known, true, ws[i].end
			}
			uses = append(uses, u)
			continue
		}
		// A cluster of short options: -it, -dit, -e NAME=value, -uroot.
		cluster := w.value[1:]
		for j := range len(cluster) {
			name, ok := shortName(cluster[j])
			if !ok {
				name = string(cluster[j])
			}
			u := flagUse{name: name, known: w.known, start: w.start, end: w.end, optWord: w}
			if ok && booleanFlag(name) {
				uses = append(uses, u)
				continue
			}
			rest := strings.TrimPrefix(cluster[j+1:], "=")
			if rest != "" {
				u.value, u.hasVal = rest, true
			} else if i+1 < len(ws) {
				i++
				u.value, u.known, u.hasVal, u.end = ws[i].value, ws[i].known, true, ws[i].end
			}
			uses = append(uses, u)
			break
		}
	}
	if i < len(ws) {
		w := ws[i]
		img := container.NewImage(w.value, w.value, !w.known, "docker-run", lines.Range(w.start, w.end))
		r.Image = &img
	}
	for _, u := range uses {
		apply(r, u, lines)
	}
}

// apply records one option in the run.
func apply(r *container.Run, u flagUse, lines *container.Lines) {
	rng := lines.Range(u.start, u.end)
	val := container.Value{Value: u.value, Unknown: !u.known, Range: rng}
	boolean := func() *container.Bool {
		b := &container.Bool{Value: true, Unknown: !u.known, Range: rng}
		if u.hasVal {
			switch strings.ToLower(u.value) {
			case "false", "0":
				b.Value = false
			case "true", "1", "":
			default:
				b.Unknown = true
			}
		}
		return b
	}
	switch u.name {
	case "privileged":
		r.Privileged = boolean()
	case "read-only":
		r.ReadOnly = boolean()
	case "user":
		r.User = &val
	case "network", "net":
		r.NetworkMode = &val
	case "pid":
		r.Pid = &val
	case "ipc":
		r.Ipc = &val
	case "userns":
		r.UsernsMode = &val
	case "cap-add", "cap-drop":
		for c := range strings.SplitSeq(u.value, ",") {
			v := container.Value{Value: strings.TrimSpace(c), Unknown: !u.known, Range: rng}
			if u.name == "cap-add" {
				r.CapAdd = append(r.CapAdd, v)
			} else {
				r.CapDrop = append(r.CapDrop, v)
			}
		}
	case "security-opt":
		r.SecurityOpt = append(r.SecurityOpt, val)
	case "volume":
		r.Volumes = append(r.Volumes, volume(u.value, !u.known, rng))
	case "mount":
		r.Volumes = append(r.Volumes, mount(u.value, !u.known, rng))
	case "env":
		name, value, has := strings.Cut(u.value, "=")
		r.Env = append(r.Env, container.Env{Name: name, Value: value, HasValue: has, Unknown: !u.known, Range: rng})
	case "publish":
		r.Ports = append(r.Ports, port(u.value, !u.known, rng))
	case "device":
		src, rest, _ := strings.Cut(u.value, ":")
		target, perms, _ := strings.Cut(rest, ":")
		if target == "" {
			target = src
		}
		r.Devices = append(r.Devices, container.Device{Source: src, Target: target, Permissions: perms, Unknown: !u.known, Range: rng})
	}
}

// volume reads -v [SOURCE:]TARGET[:OPTIONS].
func volume(v string, unknown bool, rng lint.Range) container.Mount {
	parts := strings.Split(v, ":")
	m := container.Mount{Type: "volume", Unknown: unknown, Range: rng}
	switch len(parts) {
	case 1:
		m.Target = parts[0]
	default:
		m.Source, m.Target = parts[0], parts[1]
		if len(parts) > 2 {
			for o := range strings.SplitSeq(parts[2], ",") {
				if o == "ro" || o == "readonly" {
					m.ReadOnly = true
				}
			}
		}
	}
	if m.Source != "" && (strings.HasPrefix(m.Source, "/") || strings.HasPrefix(m.Source, ".") || strings.HasPrefix(m.Source, "~") || strings.HasPrefix(m.Source, "$")) {
		m.Type = "bind"
	}
	return m
}

// mount reads --mount type=bind,source=/x,target=/y,readonly.
func mount(v string, unknown bool, rng lint.Range) container.Mount {
	m := container.Mount{Type: "volume", Unknown: unknown, Range: rng}
	for kv := range strings.SplitSeq(v, ",") {
		k, val, _ := strings.Cut(kv, "=")
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "type":
			m.Type = val
		case "source", "src":
			m.Source = val
		case "target", "destination", "dst":
			m.Target = val
		case "readonly", "ro":
			m.ReadOnly = val == "" || val == "true" || val == "1"
		}
	}
	return m
}

// port reads -p [[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL].
func port(v string, unknown bool, rng lint.Range) container.Port {
	p := container.Port{Protocol: "tcp", Unknown: unknown, Range: rng}
	spec := v
	if i := strings.LastIndexByte(spec, '/'); i >= 0 {
		p.Protocol, spec = spec[i+1:], spec[:i]
	}
	// An IPv6 host address is in brackets.
	if strings.HasPrefix(spec, "[") {
		if i := strings.Index(spec, "]:"); i >= 0 {
			p.HostIP, spec = spec[1:i], spec[i+2:]
		}
	}
	parts := strings.Split(spec, ":")
	switch len(parts) {
	case 1:
		p.Target = parts[0]
	case 2:
		p.Published, p.Target = parts[0], parts[1]
	default:
		p.HostIP = strings.Join(parts[:len(parts)-2], ":")
		p.Published, p.Target = parts[len(parts)-2], parts[len(parts)-1]
	}
	return p
}

// addFixes prepares the edits that harden the command: options inserted
// after the run word, --read-only=false made --read-only, --privileged
// removed. All are unsafe: the container may need what they take away.
func addFixes(r *container.Run, runWord word, lines *container.Lines) {
	insert := func(text string) container.Fix {
		at := lines.Range(runWord.end, runWord.end)
		return container.Fix{Edits: []container.Intent{{Op: "replace", Range: at, Text: " " + text}}}
	}
	switch {
	case r.ReadOnly == nil:
		r.Fixes["read_only"] = insert("--read-only")
	case !r.ReadOnly.Value && !r.ReadOnly.Unknown:
		r.Fixes["read_only"] = container.Fix{Edits: []container.Intent{{Op: "replace", Range: r.ReadOnly.Range, Text: "--read-only"}}}
	}
	r.Fixes["cap_drop"] = insert("--cap-drop=ALL")
	r.Fixes["no_new_privileges"] = insert("--security-opt=no-new-privileges")
	if r.Privileged != nil && r.Privileged.Value && !r.Privileged.Unknown {
		if e, ok := removeWord(lines, r.Privileged.Range); ok {
			r.Fixes["privileged"] = container.Fix{Edits: []container.Intent{e}}
		}
	}
}

// removeWord removes a word and the blanks after it on its line; a line
// left holding only a line continuation goes with it.
func removeWord(lines *container.Lines, rng lint.Range) (container.Intent, bool) {
	src := lines.Src()
	start, end := rng.Offset, rng.EndOffset
	if start <= 0 || end > len(src) {
		return container.Intent{}, false
	}
	for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
		end++
	}
	lineStart := lines.LineStart(start)
	before := bytes.TrimLeft(src[lineStart:start], " \t")
	rest := src[end:]
	switch {
	case len(before) == 0 && (bytes.HasPrefix(rest, []byte("\\\n")) || bytes.HasPrefix(rest, []byte("\\\r\n"))):
		// "  --privileged \" on a line of its own.
		start = lineStart
		end += bytes.IndexByte(rest, '\n') + 1
	case end == len(src) || src[end] == '\n' || src[end] == '\r' || src[end] == ';' || src[end] == '|' || src[end] == '&' || src[end] == ')':
		// The last word: take the blanks before it instead.
		end = rng.EndOffset
		for start > lineStart && (src[start-1] == ' ' || src[start-1] == '\t') {
			start--
		}
	}
	return container.Intent{Op: "replace", Range: lines.Range(start, end)}, true
}

// makefileSegments returns the recipe lines of a Makefile (lines starting
// with a tab, with their continuation lines), with the tab and the @, -
// and + prefixes blanked and make's $$ read as the shell's $.
func makefileSegments(src []byte) []segment {
	var out []segment
	off := 0
	inRecipe := false
	var cur *segment
	for line := range bytes.Lines(src) {
		start := off
		off += len(line)
		content := bytes.TrimRight(line, "\r\n")
		if cur != nil {
			cur.text = append(cur.text, line...)
			if !bytes.HasSuffix(content, []byte("\\")) {
				out = append(out, *cur)
				cur = nil
			}
			continue
		}
		trimmed := bytes.TrimSpace(content)
		switch {
		case len(content) > 0 && content[0] == '\t' && inRecipe:
			cur = &segment{base: start, text: slices.Clone(line)}
			if !bytes.HasSuffix(content, []byte("\\")) {
				out = append(out, *cur)
				cur = nil
			}
		case len(trimmed) == 0 || trimmed[0] == '#':
		default:
			// A rule line (targets: prerequisites) starts a recipe; any
			// other line (a variable) ends one.
			inRecipe = bytes.Contains(content, []byte(":")) && !bytes.Contains(content, []byte(":=")) && !bytes.HasPrefix(trimmed, []byte("define"))
		}
	}
	if cur != nil {
		out = append(out, *cur)
	}
	for i := range out {
		t := out[i].text
		// Blank the recipe's tab and prefixes, and the tab make removes
		// from each continuation line.
		j := 0
		for j < len(t) && (t[j] == '\t' || t[j] == '@' || t[j] == '-' || t[j] == '+' || t[j] == ' ') {
			t[j] = ' '
			j++
		}
		for ; j < len(t); j++ {
			switch {
			case t[j] == '\n' && j+1 < len(t) && t[j+1] == '\t':
				t[j+1] = ' '
			case t[j] == '$' && j+1 < len(t) && t[j+1] == '$':
				t[j] = '_'
				j++
			}
		}
	}
	return out
}

// workflowSegments returns the run: steps of a GitHub Actions workflow:
// literal and folded block scalars as their lines (indentation kept, which
// the shell ignores), plain and quoted scalars of one line as written
// between their quotes. GitHub expressions (${{ ... }}) become variables
// hardline does not know.
func workflowSegments(src []byte, lines *container.Lines) []segment {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil
	}
	var out []segment
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		if n == nil || depth > 100 {
			return
		}
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value == "run" && v.Kind == yaml.ScalarNode {
					if s, ok := scalarSegment(v, lines); ok {
						out = append(out, s)
					}
					continue
				}
				walk(v, depth+1)
			}
			return
		}
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(&doc, 0)
	for i := range out {
		blankExpressions(out[i].text)
	}
	return out
}

// scalarSegment is the shell of a run: scalar as it sits in the file.
func scalarSegment(v *yaml.Node, lines *container.Lines) (segment, bool) {
	src := lines.Src()
	off := lines.Offset(v.Line, v.Column)
	switch {
	case v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		start := lines.LineEnd(off)
		if start < len(src) {
			start++ // past the indicator's line
		}
		indent := -1
		end := start
		for p := start; p < len(src); {
			lineEnd := lines.LineEnd(p)
			content := src[p:lineEnd]
			trimmed := bytes.TrimLeft(content, " ")
			if len(bytes.TrimSpace(content)) > 0 {
				lead := len(content) - len(trimmed)
				if indent < 0 {
					indent = lead
				}
				if lead < indent {
					break
				}
				end = lineEnd
			}
			p = lineEnd
			for p < len(src) && src[p] != '\n' {
				p++
			}
			p++
		}
		if indent < 0 || end <= start {
			return segment{}, false
		}
		text := slices.Clone(src[start:end])
		if v.Style&yaml.FoldedStyle != 0 {
			// Folded lines are joined with spaces, unless a blank line
			// or a more indented one follows.
			for i := 0; i < len(text); i++ {
				if text[i] == '\n' && i+1+indent < len(text) && text[i+1+indent] != ' ' && text[i+1+indent] != '\n' {
					text[i] = ' '
				}
			}
		}
		return segment{base: start, text: text}, true
	case v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		end := off + 1 + len(v.Value)
		if end >= len(src) || bytes.ContainsAny(src[off+1:end], "\\\n") || src[end] != src[off] {
			return segment{}, false // escapes or line folding: offsets would not map
		}
		return segment{base: off + 1, text: slices.Clone(src[off+1 : end])}, true
	default:
		end := off + len(v.Value)
		if end > len(src) || !bytes.Equal(src[off:end], []byte(v.Value)) {
			return segment{}, false // a plain scalar over several lines
		}
		return segment{base: off, text: slices.Clone(src[off:end])}, true
	}
}

// blankExpressions turns each ${{ expression }} into ${XXX...} of the same
// length: an unknown variable to the shell.
func blankExpressions(t []byte) {
	for i := 0; i+3 < len(t); i++ {
		if t[i] != '$' || t[i+1] != '{' || t[i+2] != '{' {
			continue
		}
		end := bytes.Index(t[i:], []byte("}}"))
		if end < 0 {
			return
		}
		end += i + 2
		for j := i + 2; j < end-1; j++ {
			if t[j] == '\n' {
				continue
			}
			t[j] = 'X'
		}
		t[end-1] = '}'
		i = end - 1
	}
}
