package kube

import (
	"fmt"

	"github.com/open-policy-agent/opa/v1/ast"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// YAML tags as yaml.v3 writes them on resolved nodes.
const (
	tagStr   = "!!str"
	tagNull  = "!!null"
	tagBool  = "!!bool"
	tagInt   = "!!int"
	tagFloat = "!!float"
	tagMerge = "!!merge"
)

// Aliases may multiply a document's size; terms are shared, so building the
// input stays linear, but a policy walking the object would not. Refuse
// documents that expand past both limits, as yaml.v3 does when decoding.
const (
	maxExpanded    = 1 << 20
	maxAliasFactor = 100
)

// docError is a problem found in a document, reported in its "errors".
type docError struct {
	msg   string
	start int
	end   int
}

// converter turns the nodes of a file's documents into OPA terms. Anchored
// nodes are converted once and their terms shared by every alias.
type converter struct {
	f        *file
	memo     map[*yaml.Node]memoTerm
	active   map[*yaml.Node]bool
	nodes    int
	expanded int
	pairs    [][2]*ast.Term // entries of the mappings being converted
	merged   []bool         // whether each of pairs came from a merge key
	slab     []ast.Term     // terms allocated in chunks
	chunk    int
	errs     []docError
	fatal    *docError
}

type memoTerm struct {
	t    *ast.Term
	size int
}

func newConverter(f *file) *converter { return &converter{f: f} }

// newTerm returns a term for v, allocated with others in chunks: a
// document holds thousands of them, all alive as long as it is.
func (c *converter) newTerm(v ast.Value) *ast.Term {
	if len(c.slab) == 0 {
		c.chunk = min(max(2*c.chunk, 32), 1024)
		c.slab = make([]ast.Term, c.chunk)
	}
	t := &c.slab[0]
	c.slab = c.slab[1:]
	t.Value = v
	return t
}

// scalar converts a scalar as kubectl reads it; strings, the most common,
// come from the slab. A value kubectl would refuse is reported and kept as
// its text.
func (c *converter) scalar(n *yaml.Node) *ast.Term {
	v, err := resolveScalar(n)
	if err != nil {
		c.errorAt(n, "%v", err)
	}
	if v.kind == kindFloat && !finite(v.num) {
		c.errorAt(n, "%s is not a number JSON can hold", n.Value)
		return c.newTerm(ast.String(n.Value))
	}
	if v.kind == kindString {
		return c.newTerm(ast.String(v.text))
	}
	return valueOf(v, n.Value)
}

func (c *converter) errorAt(n *yaml.Node, format string, args ...any) {
	start := c.f.start(n)
	c.errs = append(c.errs, docError{msg: fmt.Sprintf(format, args...), start: start, end: c.f.end(n, -1)})
}

func (c *converter) fail(n *yaml.Node, format string, args ...any) {
	if c.fatal != nil {
		return
	}
	start := c.f.start(n)
	c.fatal = &docError{msg: fmt.Sprintf(format, args...), start: start, end: c.f.lineEnd(start)}
}

// convert returns the term of node n, or nil after a fatal error.
func (c *converter) convert(n *yaml.Node) *ast.Term {
	c.nodes, c.expanded = 0, 0
	t, _ := c.term(n, 0)
	if c.fatal == nil && c.expanded > maxExpanded && c.expanded > maxAliasFactor*c.nodes {
		c.fail(n, "document contains excessive aliasing")
	}
	if c.fatal != nil {
		return nil
	}
	return t
}

// term converts n and returns its term and its size with aliases expanded.
func (c *converter) term(n *yaml.Node, depth int) (*ast.Term, int) {
	if depth > maxDepth {
		c.fail(n, "document is nested too deeply")
		return ast.NullTerm(), 1
	}
	switch n.Kind {
	case yaml.ScalarNode:
		c.nodes++
		return c.scalar(n), 1
	case yaml.AliasNode:
		c.nodes++
		return c.alias(n, depth)
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return ast.NullTerm(), 1
		}
		return c.term(n.Content[0], depth+1)
	case yaml.MappingNode, yaml.SequenceNode:
	}
	if n.Anchor == "" {
		return c.collection(n, depth)
	}
	if m, ok := c.memo[n]; ok {
		return m.t, m.size
	}
	if c.active == nil {
		c.active = map[*yaml.Node]bool{}
		c.memo = map[*yaml.Node]memoTerm{}
	}
	c.active[n] = true
	t, size := c.collection(n, depth)
	delete(c.active, n)
	c.memo[n] = memoTerm{t, size}
	return t, size
}

func (c *converter) alias(n *yaml.Node, depth int) (*ast.Term, int) {
	target := n.Alias
	if target == nil {
		return ast.NullTerm(), 1
	}
	if c.active[target] {
		c.fail(n, "anchor %q contains an alias to itself", n.Value)
		return ast.NullTerm(), 1
	}
	if m, ok := c.memo[target]; ok {
		c.expanded += m.size
		return m.t, m.size
	}
	nodes := c.nodes
	t, size := c.term(target, depth+1)
	// An alias to a scalar anchor is not memoized: count it as a copy.
	c.nodes = nodes
	c.expanded += size
	return t, size
}

func (c *converter) collection(n *yaml.Node, depth int) (*ast.Term, int) {
	c.nodes++
	if n.Kind == yaml.SequenceNode {
		size := 1
		terms := make([]*ast.Term, len(n.Content))
		for i, item := range n.Content {
			t, s := c.term(item, depth+1)
			terms[i] = t
			size += s
		}
		return c.newTerm(ast.NewArray(terms...)), size
	}
	return c.mapping(n, depth)
}

func (c *converter) mapping(n *yaml.Node, depth int) (*ast.Term, int) {
	// The entries accumulate on c.pairs, a stack shared by nested
	// mappings: ast.NewObject copies them. c.merged says which came from a
	// merge key. Entries are written in order and a later one replaces an
	// earlier one with the same key, merged ones included, as go-yaml v2
	// (and so kubectl) does.
	base := len(c.pairs)
	defer func() {
		c.pairs = c.pairs[:base]
		c.merged = c.merged[:base]
	}()
	size := 1
	var index map[string]int // key -> position after base, for large mappings
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if isMerge(k) {
			index = c.merge(base, index, v, depth)
			continue
		}
		key, ok, err := keyOf(k)
		if !ok {
			c.errorAt(k, "mapping keys must be strings, not collections")
			continue
		}
		if err != nil {
			c.errorAt(k, "%v", err)
			continue
		}
		vt, s := c.term(v, depth+1)
		size += s
		if j := c.find(base, index, key); j >= 0 {
			if !c.merged[base+j] {
				c.errorAt(k, "duplicate key %q in a mapping", key)
			}
			c.pairs[base+j][1] = vt
			c.merged[base+j] = false
			continue
		}
		index = c.push(base, index, c.f.str(key), vt, false)
	}
	return c.newTerm(ast.NewObject(c.pairs[base:]...)), size
}

// find returns the position after base of key in the mapping being
// converted, or -1.
func (c *converter) find(base int, index map[string]int, key string) int {
	if index != nil {
		if p, ok := index[key]; ok {
			return p
		}
		return -1
	}
	for p, e := range c.pairs[base:] {
		if s, _ := e[0].Value.(ast.String); string(s) == key {
			return p
		}
	}
	return -1
}

// push adds an entry to the mapping being converted and returns its index,
// built once the mapping grows large.
func (c *converter) push(base int, index map[string]int, k, v *ast.Term, merged bool) map[string]int {
	c.pairs = append(c.pairs, [2]*ast.Term{k, v})
	c.merged = append(c.merged, merged)
	count := len(c.pairs) - base
	switch {
	case index != nil:
		s, _ := k.Value.(ast.String)
		index[string(s)] = count - 1
	case count > 16:
		index = make(map[string]int, 2*count)
		for p, e := range c.pairs[base:] {
			s, _ := e[0].Value.(ast.String)
			index[string(s)] = p
		}
	}
	return index
}

// merge writes the entries of a "<<" value into the mapping being
// converted, replacing those written before. Of a list of mappings, the
// earlier ones win.
func (c *converter) merge(base int, index map[string]int, m *yaml.Node, depth int) map[string]int {
	src := deref(m)
	if src == nil {
		return index
	}
	var sources []*yaml.Node
	switch src.Kind {
	case yaml.MappingNode:
		sources = []*yaml.Node{m}
	case yaml.SequenceNode:
		sources = src.Content
	case yaml.ScalarNode, yaml.AliasNode, yaml.DocumentNode:
	}
	if sources == nil {
		c.errorAt(m, "a merge key (<<) needs a mapping or a list of mappings")
		return index
	}
	for i := len(sources) - 1; i >= 0; i-- {
		s := sources[i]
		if d := deref(s); d == nil || d.Kind != yaml.MappingNode {
			c.errorAt(s, "a merge key (<<) needs a mapping or a list of mappings")
			continue
		}
		t, _ := c.term(s, depth+1)
		obj, ok := t.Value.(ast.Object)
		if !ok {
			continue
		}
		obj.Foreach(func(k, v *ast.Term) {
			key, ok := k.Value.(ast.String)
			if !ok {
				return
			}
			if j := c.find(base, index, string(key)); j >= 0 {
				c.pairs[base+j][1] = v
				c.merged[base+j] = true
				return
			}
			index = c.push(base, index, k, v, true)
		})
	}
	return index
}

// deref follows aliases.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.AliasNode {
		return nil
	}
	return n
}

func isMerge(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Tag == tagMerge
}

// keyOf returns the string an object key becomes in the JSON kubectl
// sees: strings as written, other scalars as sigs.k8s.io/yaml writes them.
// ok is false for collections; err says why kubectl refuses the key.
func keyOf(k *yaml.Node) (key string, ok bool, err error) {
	k = deref(k)
	if k == nil || k.Kind != yaml.ScalarNode {
		return "", false, nil
	}
	if plainString(k) {
		return k.Value, true, nil
	}
	v, err := resolveScalar(k)
	if err != nil {
		return v.text, true, err
	}
	key, err = keyText(v)
	return key, true, err
}

// keyString returns the string an object key becomes, whether or not
// kubectl accepts it.
func keyString(k *yaml.Node) (string, bool) {
	key, ok, _ := keyOf(k)
	return key, ok
}

// plainString reports, without resolving it, that scalar n is a string
// whose value is its text: quoted, or plain and starting with a character
// that cannot start a number, a boolean or null.
func plainString(n *yaml.Node) bool {
	if n.Style&yaml.TaggedStyle != 0 {
		return false
	}
	return n.Style&quotedStyles() != 0 || hint(n.Value) == 0
}

// scalarTerm resolves a scalar as kubectl reads it, ignoring errors.
func scalarTerm(n *yaml.Node) *ast.Term {
	v, _ := resolveScalar(n)
	return valueOf(v, n.Value)
}

// valueOf returns the term of a resolved scalar; infinities and NaN, which
// JSON cannot hold, stay their text.
func valueOf(v scalarValue, text string) *ast.Term {
	switch v.kind {
	case kindNull:
		return ast.NullTerm()
	case kindBool:
		return ast.InternedTerm(v.b)
	case kindInt:
		return ast.NewTerm(ast.Number(v.text))
	case kindFloat:
		if finite(v.num) {
			return ast.NewTerm(ast.Number(floatText(v.num)))
		}
		return ast.StringTerm(text)
	case kindString:
	}
	return ast.StringTerm(v.text)
}
