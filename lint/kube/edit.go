package kube

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/hardline-dev/hardline/lint"
)

// Errors Edit returns when an intent cannot be applied without changing
// more than the intended field.
var (
	// ErrAlias is returned when the path goes through an alias, or ends at
	// an anchor that aliases share: the edit would change every user of
	// the anchor.
	ErrAlias = errors.New("the field is shared through a YAML anchor")
	// ErrMerge is returned when the field to change lies inside a value
	// that comes from a merge key ("<<").
	ErrMerge = errors.New("the field comes from a merge key (<<)")
	// ErrUnparsed is returned by the documents of unreadable input.
	ErrUnparsed = errors.New("the document could not be parsed")
)

// splice replaces the bytes [start, end) with text.
type splice struct {
	start, end int
	text       string
}

// Edit implements lint.Document: it turns the YAML intents "set", "delete"
// and "add_to_list" into the smallest splices of the original bytes, in the
// style (indentation, flow or block, quoting, line breaks) of the file.
func (d *document) Edit(in lint.Intent) ([]lint.Edit, error) {
	if d.y == nil {
		return nil, fmt.Errorf("kube: %s: %w", in.Op, ErrUnparsed)
	}
	path, err := normPath(in.Path)
	if err != nil {
		return nil, fmt.Errorf("kube: %s: %w", in.Op, err)
	}
	var sp []splice
	switch in.Op {
	case "set":
		var v any
		if v, err = normValue(in.Value); err == nil {
			sp, err = d.set(path, v)
		}
	case "delete":
		sp, err = d.del(path)
	case "add_to_list":
		var v any
		if v, err = normValue(in.Values); err == nil {
			vals, _ := v.([]any)
			sp, err = d.addToList(path, vals)
		}
	default:
		return nil, fmt.Errorf("kube: unsupported fix operation %q", in.Op)
	}
	if err != nil {
		return nil, fmt.Errorf("kube: %s %s: %w", in.Op, pathString(path), err)
	}
	edits := make([]lint.Edit, len(sp))
	for i, s := range sp {
		edits[i] = lint.Edit{File: d.f.path, Range: d.f.rng(s.start, s.end), NewText: s.text}
	}
	return edits, nil
}

// normPath returns path with its indices as ints: path itself when they
// are (as the engine decodes them), else a copy.
func normPath(path []any) ([]any, error) {
	if len(path) == 0 {
		return nil, errors.New("empty path")
	}
	var out []any
	for i, p := range path {
		switch p.(type) {
		case string:
			if out != nil {
				out[i] = p
			}
			continue
		case int:
			if out == nil {
				continue
			}
		}
		n, ok := pathIndex(p)
		if !ok {
			return nil, fmt.Errorf("bad path element %v (%T)", p, p)
		}
		if out == nil {
			out = slices.Clone(path)
		}
		out[i] = n
	}
	if out == nil {
		return path, nil
	}
	return out, nil
}

func pathString(path []any) string {
	var b strings.Builder
	for i, p := range path {
		if s, ok := p.(string); ok {
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s)
		} else {
			fmt.Fprintf(&b, "[%v]", p)
		}
	}
	return b.String()
}

// slot is a node on a path and what holds it.
type slot struct {
	node   *yaml.Node
	key    *yaml.Node // the key when node is a mapping value
	parent *yaml.Node // the collection holding node; nil at the root
	pos    int        // index in parent.Content of the key or the item
	flow   bool       // node is inside a flow collection
	indent int        // column of the block collection holding node; -1 at the root
}

// walk follows path from the document root through explicit entries and
// list items. It stops at the first missing element and returns the rest
// of the path; merged says that element exists through a merge key.
func (d *document) walk(path []any) (slots []slot, rest []any, merged bool, err error) {
	aliased := d.y.aliasedNodes()
	cur := slot{node: d.y.root, indent: -1}
	slots = make([]slot, 1, len(path)+1)
	slots[0] = cur
	for i, p := range path {
		n := cur.node
		if n.Kind == yaml.AliasNode || aliased[n] {
			return nil, nil, false, ErrAlias
		}
		flow := cur.flow || d.f.isFlow(n)
		switch n.Kind {
		case yaml.MappingNode:
			key, ok := p.(string)
			if !ok {
				return nil, nil, false, fmt.Errorf("%s is a mapping, not a list", pathString(path[:i]))
			}
			j := explicitEntry(n, key)
			if j < 0 {
				k, _ := lookup(n, key)
				return slots, path[i:], k != nil, nil
			}
			cur = slot{node: n.Content[j+1], key: n.Content[j], parent: n, pos: j, flow: flow, indent: d.f.indent(n)}
		case yaml.SequenceNode:
			idx, ok := p.(int)
			if !ok {
				return nil, nil, false, fmt.Errorf("%s is a list, not a mapping", pathString(path[:i]))
			}
			if idx < 0 || idx >= len(n.Content) {
				return slots, path[i:], false, nil
			}
			cur = slot{node: n.Content[idx], parent: n, pos: idx, flow: flow, indent: d.f.indent(n)}
		case yaml.ScalarNode, yaml.DocumentNode, yaml.AliasNode:
			return slots, path[i:], false, nil
		}
		slots = append(slots, cur)
	}
	return slots, nil, false, nil
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == tagNull }

func (d *document) set(path []any, v any) ([]splice, error) {
	slots, rest, merged, err := d.walk(path)
	if err != nil {
		return nil, err
	}
	last := slots[len(slots)-1]
	if len(rest) == 0 {
		if d.y.aliasedNodes()[last.node] {
			return nil, ErrAlias
		}
		return d.replace(last, v)
	}
	if merged && len(rest) > 1 {
		return nil, ErrMerge
	}
	keys := make([]string, len(rest))
	for i, p := range rest {
		k, ok := p.(string)
		if !ok {
			return nil, fmt.Errorf("cannot create list item %v", p)
		}
		keys[i] = k
	}
	n := last.node
	switch {
	case n.Kind == yaml.MappingNode:
		return d.insert(last, keys[0], nest(keys[1:], v))
	case isNull(n):
		return d.replace(last, nest(keys, v))
	}
	return nil, fmt.Errorf("%s is not a mapping", pathString(path[:len(path)-len(rest)]))
}

func (d *document) renderer(flowParent *yaml.Node) renderer {
	step, seqOff := d.y.styles()
	r := renderer{step: step, seqOff: seqOff}
	if flowParent != nil {
		r.json = d.jsonStyle(flowParent)
	}
	return r
}

// jsonStyle reports whether the flow collection n is written as JSON.
func (d *document) jsonStyle(n *yaml.Node) bool {
	if strings.HasSuffix(strings.ToLower(d.f.path), ".json") {
		return true
	}
	return n.Kind == yaml.MappingNode && len(n.Content) > 0 && n.Content[0].Style&yaml.DoubleQuotedStyle != 0
}

// flowParent returns the flow collection holding slot s, or nil.
func flowParent(s slot) *yaml.Node {
	if s.flow {
		return s.parent
	}
	return nil
}

// replace sets the value of slot s to v.
func (d *document) replace(s slot, v any) ([]splice, error) {
	f := d.f
	n := s.node
	// The value as it is, converted with a string table of its own: the
	// file's is written by the parsing of later documents while this one
	// is evaluated.
	own := *f
	own.strs = nil
	if cur := newConverter(&own).convert(n); cur != nil && cur.Equal(valueTerm(v)) {
		return nil, nil // already so
	}
	if s.parent == nil {
		return nil, errors.New("cannot replace the whole document")
	}
	start, end := f.start(n), f.end(n, s.indent)
	r := d.renderer(flowParent(s))
	switch {
	case s.flow:
		text := r.flow(v)
		if start == end {
			pos, prefix, err := d.emptyInsert(s, start)
			if err != nil {
				return nil, err
			}
			return []splice{{pos, pos, prefix + text}}, nil
		}
		return []splice{{start, end, text}}, nil
	case !isCollection(v):
		if (n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode) && !f.isFlow(n) {
			ind, err := d.indicatorEnd(s)
			if err != nil {
				return nil, err
			}
			return []splice{{ind, end, " " + r.scalar(v, false)}}, nil
		}
		text := r.scalar(v, false)
		if start == end {
			pos, prefix, err := d.emptyInsert(s, start)
			if err != nil {
				return nil, err
			}
			return []splice{{pos, pos, prefix + text}}, nil
		}
		return []splice{{start, end, text}}, nil
	case f.isFlow(n):
		r = d.renderer(n)
		return []splice{{start, end, r.flow(v)}}, nil
	}
	ind, err := d.indicatorEnd(s)
	if err != nil {
		return nil, err
	}
	owner := s.indent
	if s.key != nil {
		owner = f.indent(s.parent)
	}
	lines := r.block(v, owner, s.key == nil)
	return []splice{{ind, end, f.nl + strings.Join(lines, f.nl)}}, nil
}

// emptyInsert returns where a value goes that replaces the empty value of
// slot s found at offset at, and what must precede it: right after the
// colon, or after the key (with a colon) for a key written alone ("{a}").
func (d *document) emptyInsert(s slot, at int) (int, string, error) {
	f := d.f
	src := f.src
	if s.key != nil {
		ke := f.end(s.key, s.indent)
		if ke > at {
			return at, " ", nil
		}
		if j := bytes.IndexByte(src[ke:at], ':'); j >= 0 {
			return ke + j + 1, " ", nil
		}
		if f.lineIndex(f.start(s.key)) != f.lineIndex(ke) {
			return 0, "", errors.New("the key spans lines and has no colon")
		}
		if f.propsOnly(s.key) {
			return ke, " : ", nil // a colon right after a tag would extend it
		}
		return ke, ": ", nil
	}
	if at > 0 && !isSpace(src, at-1) && breakWidth(src, at-1) == 0 {
		return at, " ", nil
	}
	return at, "", nil
}

// propsOnly reports whether n is an empty scalar written as just an anchor
// or a tag.
func (f *file) propsOnly(n *yaml.Node) bool {
	if n.Kind != yaml.ScalarNode || n.Value != "" {
		return false
	}
	_, propsEnd := f.content(n)
	return propsEnd > f.start(n)
}

// indicatorEnd returns the offset after the ":" of a mapping entry or the
// "-" of a list item holding s.
func (d *document) indicatorEnd(s slot) (int, error) {
	f := d.f
	src := f.src
	if s.key != nil {
		i := f.skipBlank(f.end(s.key, s.indent))
		if i < len(src) && src[i] == ':' {
			return i + 1, nil
		}
		return 0, errors.New("cannot find the entry's colon")
	}
	if s.parent != nil {
		i := f.start(s.node) - 1
		for i >= 0 && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
			i--
		}
		if i >= 0 && src[i] == '-' {
			return i + 1, nil
		}
	}
	return 0, errors.New("cannot find where the value starts")
}

// extentEnd is the end of n including the trailing blank lines a kept
// block scalar ("|+") at its end owns.
func (f *file) extentEnd(n *yaml.Node, parentIndent int) int {
	e := f.end(n, parentIndent)
	for range maxDepth {
		if (n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode) || len(n.Content) == 0 || f.isFlow(n) {
			break
		}
		parentIndent = f.indent(n)
		n = n.Content[len(n.Content)-1]
	}
	if n.Kind == yaml.ScalarNode && n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		c, _ := f.content(n)
		_, keep := f.blockScalarEnd(n, c, parentIndent)
		e = max(e, keep)
	}
	return e
}

// insertAfter returns where lines go after node n and the text to insert for
// them: at the start of the line after n, with a line break first when n
// ends the file without one.
func (d *document) insertAfter(n *yaml.Node, parentIndent int, lines []string) splice {
	f := d.f
	e := f.extentEnd(n, parentIndent)
	pos := f.nextLine(e)
	text := strings.Join(lines, f.nl) + f.nl
	if f.lineEnd(e) == len(f.src) {
		// The last line has no line break: put one before the lines, or,
		// when that line is blank, put the lines before it.
		ls := f.lineStart(e)
		if ls > 0 && len(bytes.TrimSpace(f.src[ls:])) == 0 {
			return splice{ls, ls, text}
		}
		text = f.nl + strings.Join(lines, f.nl)
	}
	return splice{pos, pos, text}
}

// insert adds the entry key: v to the mapping of slot s.
func (d *document) insert(s slot, key string, v any) ([]splice, error) {
	f := d.f
	m := s.node
	if s.flow && !f.isFlow(m) {
		return nil, errors.New("cannot add to a single-pair mapping")
	}
	if f.isFlow(m) {
		r := d.renderer(m)
		return d.appendFlow(s, r.key(key, true)+": "+r.flow(v)), nil
	}
	r := d.renderer(nil)
	lines := r.entry(key, v, f.indent(m))
	if f.endsInOpenBlockScalar(m, s.indent) {
		// Lines after it would add a line break to its value: put the
		// entry before the last one.
		ks := f.start(m.Content[len(m.Content)-2])
		ls := f.lineStart(ks)
		if strings.TrimSpace(string(f.src[ls:ks])) != "" {
			return nil, errors.New("cannot insert after a block scalar that ends the file without a line break")
		}
		return []splice{{ls, ls, strings.Join(lines, f.nl) + f.nl}}, nil
	}
	return []splice{d.insertAfter(m, s.indent, lines)}, nil
}

// endsInOpenBlockScalar reports whether n ends with a literal or folded
// scalar that keeps its final line break, on the last line of the file,
// which has none: text after it would change its value.
func (f *file) endsInOpenBlockScalar(n *yaml.Node, parentIndent int) bool {
	e := f.extentEnd(n, parentIndent)
	if f.lineEnd(e) != len(f.src) {
		return false
	}
	for range maxDepth {
		if (n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode) || len(n.Content) == 0 || f.isFlow(n) {
			break
		}
		n = n.Content[len(n.Content)-1]
	}
	if n.Kind != yaml.ScalarNode || n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		return false
	}
	c, _ := f.content(n)
	for i := c + 1; i < len(f.src) && i < c+3; i++ {
		if f.src[i] == '-' {
			return false
		}
	}
	return true
}

// appendFlow appends an element to the flow collection of slot s.
func (d *document) appendFlow(s slot, elem string) []splice {
	f := d.f
	n := s.node
	c, _ := f.content(n)
	if len(n.Content) == 0 {
		return []splice{{c + 1, c + 1, elem}}
	}
	k := len(n.Content)
	ind := f.indent(n)
	last := n.Content[k-1]
	lastEnd := f.end(last, ind)
	first := last
	if n.Kind == yaml.MappingNode {
		first = n.Content[k-2]
		lastEnd = max(lastEnd, f.end(first, ind))
	}
	closing := f.end(n, s.indent) - 1
	comma := ","
	if f.propsOnly(last) {
		comma = " ," // a comma right after a tag would extend it
	}
	if f.lineIndex(closing) != f.lineIndex(lastEnd) {
		// one element a line (JSON as people write it): keep it so
		ls := f.lineStart(f.start(first))
		if pad := f.src[ls:f.start(first)]; strings.TrimSpace(string(pad)) == "" {
			return []splice{{lastEnd, lastEnd, comma + f.nl + string(pad) + elem}}
		}
	}
	return []splice{{lastEnd, lastEnd, comma + " " + elem}}
}

func (d *document) addToList(path, vals []any) ([]splice, error) {
	slots, rest, merged, err := d.walk(path)
	if err != nil {
		return nil, err
	}
	if len(rest) > 0 {
		if merged {
			return nil, ErrMerge
		}
		return d.set(path, dedupe(vals, nil))
	}
	last := slots[len(slots)-1]
	n := last.node
	if n.Kind == yaml.AliasNode || d.y.aliasedNodes()[n] {
		return nil, ErrAlias
	}
	switch {
	case n.Kind == yaml.SequenceNode:
		missing := dedupe(vals, n)
		if len(missing) == 0 {
			return nil, nil
		}
		if d.f.isFlow(n) {
			r := d.renderer(n)
			parts := make([]string, len(missing))
			for i, v := range missing {
				parts[i] = r.flow(v)
			}
			return d.appendFlow(last, strings.Join(parts, ", ")), nil
		}
		if d.f.endsInOpenBlockScalar(n, last.indent) {
			return nil, errors.New("cannot append after a block scalar that ends the file without a line break")
		}
		r := d.renderer(nil)
		lines := r.listLines(missing, d.f.indent(n))
		return []splice{d.insertAfter(n, last.indent, lines)}, nil
	case isNull(n):
		return d.replace(last, dedupe(vals, nil))
	}
	return nil, fmt.Errorf("%s is not a list", pathString(path))
}

// dedupe returns the values of vals, once each, that list lacks.
func dedupe(vals []any, list *yaml.Node) []any {
	var out []any
	var have []*yaml.Node
	if list != nil {
		have = list.Content
	}
	for i, v := range vals {
		t := valueTerm(v)
		dup := false
		for _, h := range have {
			if h = deref(h); h != nil && h.Kind == yaml.ScalarNode && scalarTerm(h).Equal(t) {
				dup = true
				break
			}
		}
		for _, w := range vals[:i] {
			if valueTerm(w).Equal(t) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, v)
		}
	}
	return out
}

func (d *document) del(path []any) ([]splice, error) {
	slots, rest, merged, err := d.walk(path)
	if err != nil {
		return nil, err
	}
	if len(rest) > 0 {
		if merged && len(rest) == 1 {
			return nil, ErrMerge
		}
		return nil, nil
	}
	last := slots[len(slots)-1]
	if last.parent == nil || len(slots) < 2 {
		return nil, errors.New("cannot delete the whole document")
	}
	if d.y.aliasedNodes()[last.node] {
		return nil, ErrAlias
	}
	f := d.f
	parent := last.parent
	owner := slots[len(slots)-2]
	if parent.Kind == yaml.MappingNode {
		key, _ := keyString(last.key)
		for i := 0; i < last.pos; i += 2 {
			if k, ok := keyString(parent.Content[i]); ok && k == key && !isMerge(parent.Content[i]) {
				return nil, fmt.Errorf("the key %q is duplicated", key)
			}
		}
	}
	if last.flow {
		return d.deleteFlow(last)
	}
	count := len(parent.Content)
	if parent.Kind == yaml.MappingNode {
		count /= 2
	}
	if count == 1 {
		empty := "{}"
		if parent.Kind == yaml.SequenceNode {
			empty = "[]"
		}
		ind, err := d.indicatorEnd(owner)
		if err != nil {
			return nil, err
		}
		return []splice{{ind, f.extentEnd(parent, owner.indent), " " + empty}}, nil
	}
	var start int
	if parent.Kind == yaml.MappingNode {
		start = f.start(last.key)
	} else {
		dash, err := d.indicatorEnd(last)
		if err != nil {
			return nil, err
		}
		start = dash - 1
	}
	end := f.extentEnd(last.node, last.indent)
	ls := f.lineStart(start)
	if strings.TrimSpace(string(f.src[ls:start])) == "" {
		return []splice{{ls, f.nextLine(end), ""}}, nil
	}
	// The first entry of a mapping that starts after "- ": pull the next
	// entry up in its place.
	var next int
	if parent.Kind == yaml.MappingNode {
		if last.pos+2 >= len(parent.Content) {
			return nil, errors.New("cannot delete the entry")
		}
		next = f.start(parent.Content[last.pos+2])
	} else {
		if last.pos+1 >= len(parent.Content) {
			return nil, errors.New("cannot delete the item")
		}
		dash, err := d.indicatorEnd(slot{node: parent.Content[last.pos+1], parent: parent})
		if err != nil {
			return nil, err
		}
		next = dash - 1
	}
	return []splice{{start, next, ""}}, nil
}

// deleteFlow removes an element of a flow collection with one comma.
func (d *document) deleteFlow(s slot) ([]splice, error) {
	f := d.f
	p := s.parent
	ind := f.indent(p)
	width := 1
	if p.Kind == yaml.MappingNode {
		width = 2
	}
	count := len(p.Content) / width
	idx := s.pos / width
	bounds := func(i int) (int, int) {
		first := p.Content[i*width]
		last := p.Content[i*width+width-1]
		return f.start(first), max(f.end(first, ind), f.end(last, ind))
	}
	start, end := bounds(idx)
	switch {
	case count == 1:
		// empty the brackets, a trailing comma included
		c, _ := f.content(p)
		if !f.isFlow(p) {
			return nil, errors.New("cannot empty a single-pair mapping")
		}
		start, end = c+1, f.end(p, -1)-1
	case idx < count-1:
		end, _ = bounds(idx + 1)
	default:
		_, start = bounds(idx - 1)
	}
	return []splice{{start, end, ""}}, nil
}

// aliasedNodes returns the nodes of the document that aliases refer to.
func (y *yamlDoc) aliasedNodes() map[*yaml.Node]bool {
	y.aliasOnce.Do(func() {
		y.aliased = map[*yaml.Node]bool{}
		stack := []*yaml.Node{y.root}
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if n.Kind == yaml.AliasNode {
				if n.Alias != nil {
					y.aliased[n.Alias] = true
				}
				continue
			}
			stack = append(stack, n.Content...)
		}
	})
	return y.aliased
}

// styles returns the indentation the document uses for nested block
// mappings and for block sequences under their key (0 when written
// "key:\n- item").
func (y *yamlDoc) styles() (step, seqOff int) {
	y.styleOnce.Do(func() {
		f := y.f
		y.step, y.seqIndent = -1, -1
		stack := []*yaml.Node{y.root}
		for len(stack) > 0 && (y.step < 0 || y.seqIndent < 0) {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if n.Kind != yaml.MappingNode && n.Kind != yaml.SequenceNode {
				continue
			}
			if f.isFlow(n) {
				continue
			}
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					v := n.Content[i+1]
					if (v.Kind != yaml.MappingNode && v.Kind != yaml.SequenceNode) || f.isFlow(v) || len(v.Content) == 0 {
						continue
					}
					off := f.indent(v) - f.indent(n)
					if v.Kind == yaml.MappingNode && y.step < 0 && off > 0 {
						y.step = off
					}
					if v.Kind == yaml.SequenceNode && y.seqIndent < 0 && off >= 0 {
						y.seqIndent = off
					}
				}
			}
			for i := len(n.Content) - 1; i >= 0; i-- {
				stack = append(stack, n.Content[i])
			}
		}
		if y.step < 0 {
			y.step = 2
		}
		if y.seqIndent < 0 {
			y.seqIndent = y.step
		}
	})
	return y.step, y.seqIndent
}

// EditAll turns the intents of one fix into edits of the original bytes,
// each intent applied to the result of those before it. Edit sees one
// intent at a time, so two intents that create the same missing parent
// (securityContext, say) would each insert it; here it is written once. The
// result is one edit spanning the changed bytes.
//
// The work is done on the bytes of the YAML document alone, so that its
// cost does not grow with the rest of the file.
func (d *document) EditAll(ins []lint.Intent) ([]lint.Edit, error) {
	if d.y == nil {
		return nil, fmt.Errorf("kube: %w", ErrUnparsed)
	}
	if len(ins) == 1 {
		return d.editOne(ins[0])
	}
	ws, we := d.y.window()
	orig := d.f.src[ws:we]
	var text []byte
	for i, in := range ins {
		var edits []lint.Edit
		var err error
		if i == 0 {
			edits, err = d.Edit(in)
			if err == nil && !within(edits, ws, we) {
				return d.editAllFile(ins)
			}
			for j := range edits {
				edits[j].Range.Offset -= ws
				edits[j].Range.EndOffset -= ws
			}
			text = orig
		} else {
			cur, ok := d.reparse(text)
			if !ok {
				return nil, errors.New("kube: an edit made the document unreadable")
			}
			edits, err = cur.Edit(in)
		}
		if err != nil {
			return nil, err
		}
		text = spliceAll(text, edits)
	}
	if bytes.Equal(text, orig) {
		return nil, nil
	}
	start, end, newEnd := diff(orig, text)
	return []lint.Edit{{File: d.f.path, Range: d.f.rng(ws+start, ws+end), NewText: string(text[start:newEnd])}}, nil
}

// editOne is EditAll of one intent: its splices are read in place, so that
// the cost is that of the edit, not of the document.
func (d *document) editOne(in lint.Intent) ([]lint.Edit, error) {
	edits, err := d.Edit(in)
	if err != nil || len(edits) == 0 {
		return nil, err
	}
	src := d.f.src
	lo, hi := len(src), 0
	for _, e := range edits {
		lo, hi = min(lo, e.Range.Offset), max(hi, e.Range.EndOffset)
	}
	if lo > hi || hi > len(src) {
		return nil, errors.New("kube: an edit lies outside the file")
	}
	local := slices.Clone(edits)
	for i := range local {
		local[i].Range.Offset -= lo
		local[i].Range.EndOffset -= lo
	}
	b := spliced{a: src, mid: spliceAll(src[lo:hi], local), lo: lo, hi: hi}
	if bytes.Equal(b.mid, src[lo:hi]) {
		return nil, nil
	}
	start, end, newEnd := diffSpliced(src, b)
	return []lint.Edit{{File: d.f.path, Range: d.f.rng(start, end), NewText: string(b.slice(start, newEnd))}}, nil
}

// spliced is a with the bytes [lo, hi) replaced by mid, read without
// building it.
type spliced struct {
	a, mid []byte
	lo, hi int
}

func (s spliced) len() int { return len(s.a) - (s.hi - s.lo) + len(s.mid) }

func (s spliced) at(i int) byte {
	switch {
	case i < s.lo:
		return s.a[i]
	case i < s.lo+len(s.mid):
		return s.mid[i-s.lo]
	}
	return s.a[i-s.lo-len(s.mid)+s.hi]
}

func (s spliced) slice(i, j int) []byte {
	out := make([]byte, 0, j-i)
	for k := i; k < j; k++ {
		out = append(out, s.at(k))
	}
	return out
}

// diffSpliced is diff(a, b) for b, a spliced: what lies before and after
// the splice is equal, so the scans start at it.
func diffSpliced(a []byte, b spliced) (start, end, newEnd int) {
	la, lb := len(a), b.len()
	n := min(la, lb)
	start = min(b.lo, n)
	for start < n && a[start] == b.at(start) {
		start++
	}
	suffix := min(la-b.hi, n-start)
	for suffix < n-start && a[la-1-suffix] == b.at(lb-1-suffix) {
		suffix++
	}
	return cutDiff(a, start, suffix, lb)
}

// editAllFile is EditAll on the whole file, for edits outside the
// document's window.
func (d *document) editAllFile(ins []lint.Intent) ([]lint.Edit, error) {
	src := d.f.src
	text := src
	cur := d
	for i, in := range ins {
		if i > 0 {
			var ok bool
			if cur, ok = d.reparseFile(text); !ok {
				return nil, errors.New("kube: an edit made the document unreadable")
			}
		}
		edits, err := cur.Edit(in)
		if err != nil {
			return nil, err
		}
		text = spliceAll(text, edits)
	}
	if bytes.Equal(text, src) {
		return nil, nil
	}
	start, end, newEnd := diff(src, text)
	return []lint.Edit{{File: d.f.path, Range: d.f.rng(start, end), NewText: string(text[start:newEnd])}}, nil
}

// within reports whether every edit lies in the bytes [start, end].
func within(edits []lint.Edit, start, end int) bool {
	for _, e := range edits {
		if e.Range.Offset < start || e.Range.EndOffset > end || e.Range.Offset > e.Range.EndOffset {
			return false
		}
	}
	return true
}

// window returns the bytes of the file that hold the YAML document: from
// the line after the previous document marker ("---" or "...") to the next
// one, scanning only the lines around the document's root node.
func (y *yamlDoc) window() (start, end int) {
	f := y.f
	first := f.lineIndex(f.start(y.root))
	for first > 0 && !f.markerLine(first-1) {
		first--
	}
	last := f.lineIndex(max(f.end(y.root, -1)-1, f.start(y.root)))
	for last+1 < len(f.lines) && !f.markerLine(last+1) {
		last++
	}
	end = len(f.src)
	if last+1 < len(f.lines) {
		end = f.lines[last+1]
	}
	return f.lines[first], end
}

// markerLine reports whether 0-based line i starts with a document marker.
func (f *file) markerLine(i int) bool {
	line := f.src[f.lines[i]:]
	if !bytes.HasPrefix(line, []byte("---")) && !bytes.HasPrefix(line, []byte("...")) {
		return false
	}
	return len(line) == 3 || line[3] == ' ' || line[3] == '\t' || breakWidth(line, 3) > 0
}

// reparse parses text, an edited version of the document's window, and
// returns the document of the same object.
func (d *document) reparse(text []byte) (*document, bool) { return d.reparseAt(text, 0) }

// reparseFile parses text, an edited version of the file, and returns the
// document of the same object.
func (d *document) reparseFile(text []byte) (*document, bool) { return d.reparseAt(text, d.y.index) }

// reparseAt parses text and returns the object of YAML document index
// that has d's path in its document.
func (d *document) reparseAt(text []byte, index int) (*document, bool) {
	if d.plain {
		docs, err := ParsePlain(d.f.path, text)
		if err != nil || index >= len(docs) || docs[index] == nil {
			return nil, false
		}
		return docs[index].d, true
	}
	for _, ld := range (Parser{Namespace: d.f.namespace}).Parse(d.f.path, text) {
		if nd, ok := ld.(*document); ok && nd.y != nil && nd.y.index == index && slices.Equal(nd.objPath, d.objPath) {
			return nd, true
		}
	}
	return nil, false
}

// spliceAll applies non-overlapping edits to text.
func spliceAll(text []byte, edits []lint.Edit) []byte {
	// Of two insertions at one offset, the later one's text comes first.
	sorted := slices.Clone(edits)
	slices.Reverse(sorted)
	slices.SortStableFunc(sorted, func(a, b lint.Edit) int { return a.Range.Offset - b.Range.Offset })
	out := make([]byte, 0, len(text)+64)
	last := 0
	for _, e := range sorted {
		out = append(out, text[last:e.Range.Offset]...)
		out = append(out, e.NewText...)
		last = e.Range.EndOffset
	}
	return append(out, text[last:]...)
}

// diff returns the bytes [start, end) of a that b replaces with
// b[start:newEnd], cut at character and line-break boundaries.
func diff(a, b []byte) (start, end, newEnd int) {
	n := min(len(a), len(b))
	for start < n && a[start] == b[start] {
		start++
	}
	suffix := 0
	for suffix < n-start && a[len(a)-1-suffix] == b[len(b)-1-suffix] {
		suffix++
	}
	return cutDiff(a, start, suffix, len(b))
}

// cutDiff moves the ends of a difference found by diff to character and
// line-break boundaries.
func cutDiff(a []byte, start, suffix, lb int) (int, int, int) {
	for start > 0 && (start < len(a) && !utf8.RuneStart(a[start]) || a[start-1] == '\r') {
		start--
	}
	for suffix > 0 && (!utf8.RuneStart(a[len(a)-suffix]) || a[len(a)-suffix] == '\n' && len(a)-suffix > 0 && a[len(a)-suffix-1] == '\r') {
		suffix--
	}
	return start, len(a) - suffix, lb - suffix
}
