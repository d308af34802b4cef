package kube

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

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

// jsonNumber matches the numbers JSON (and so an OPA Number) accepts as is.
var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

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

// scalar converts a scalar; strings, the most common, come from the slab.
func (c *converter) scalar(n *yaml.Node) *ast.Term {
	switch n.Tag {
	case tagNull, tagBool, tagInt, tagFloat:
		return scalarTerm(n)
	}
	return c.newTerm(ast.String(n.Value))
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
	// mappings: ast.NewObject copies them.
	base := len(c.pairs)
	defer func() { c.pairs = c.pairs[:base] }()
	size := 1
	var index map[string]int // key -> position after base, for large mappings
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if isMerge(k) {
			merges = append(merges, v)
			continue
		}
		key, ok := keyString(k)
		if !ok {
			c.errorAt(k, "mapping keys must be strings, not collections")
			continue
		}
		vt, s := c.term(v, depth+1)
		size += s
		j := -1
		if index != nil {
			if p, ok := index[key]; ok {
				j = p
			}
		} else {
			for p, e := range c.pairs[base:] {
				if s, _ := e[0].Value.(ast.String); string(s) == key {
					j = p
					break
				}
			}
		}
		if j >= 0 {
			c.errorAt(k, "duplicate key %q in a mapping", key)
			c.pairs[base+j][1] = vt
			continue
		}
		c.pairs = append(c.pairs, [2]*ast.Term{c.f.str(key), vt})
		count := len(c.pairs) - base
		switch {
		case index != nil:
			index[key] = count - 1
		case count > 16:
			index = make(map[string]int, len(n.Content)/2)
			for p, e := range c.pairs[base:] {
				s, _ := e[0].Value.(ast.String)
				index[string(s)] = p
			}
		}
	}
	for _, m := range merges {
		c.merge(base, m, depth)
	}
	return c.newTerm(ast.NewObject(c.pairs[base:]...)), size
}

// merge adds the entries of a "<<" value that the mapping lacks. Explicit
// keys win over merged ones, and earlier merged mappings over later ones.
func (c *converter) merge(base int, m *yaml.Node, depth int) {
	src := deref(m)
	if src == nil {
		return
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
		return
	}
	have := make(map[string]bool, len(c.pairs)-base)
	for _, e := range c.pairs[base:] {
		s, _ := e[0].Value.(ast.String)
		have[string(s)] = true
	}
	for _, s := range sources {
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
			if !ok || have[string(key)] {
				return
			}
			have[string(key)] = true
			c.pairs = append(c.pairs, [2]*ast.Term{k, v})
		})
	}
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

// keyString returns the string an object key becomes: strings as written,
// other scalars as their JSON text (as sigs.k8s.io/yaml does).
func keyString(k *yaml.Node) (string, bool) {
	k = deref(k)
	if k == nil || k.Kind != yaml.ScalarNode {
		return "", false
	}
	if k.Tag == tagStr {
		return k.Value, true
	}
	switch v := scalarTerm(k).Value.(type) {
	case ast.String:
		return string(v), true
	default:
		return v.String(), true
	}
}

// scalarTerm resolves a scalar as yaml.v3 does: the node's tag says its type
// (plain scalars carry the resolved tag; quoted ones !!str).
func scalarTerm(n *yaml.Node) *ast.Term {
	switch n.Tag {
	case tagNull:
		return ast.NullTerm()
	case tagBool:
		switch n.Value {
		case "true", "True", "TRUE":
			return ast.InternedTerm(true)
		case "false", "False", "FALSE":
			return ast.InternedTerm(false)
		}
	case tagInt:
		if t := intTerm(n.Value); t != nil {
			return t
		}
		if t := floatTerm(n.Value); t != nil {
			return t
		}
	case tagFloat:
		if t := floatTerm(n.Value); t != nil {
			return t
		}
	}
	return ast.StringTerm(n.Value)
}

// intTerm parses a YAML integer as yaml.v3 does: underscores ignored, Go
// prefixes (0x, 0o, 0b, and a leading 0 for octal) understood.
func intTerm(s string) *ast.Term {
	plain := strings.ReplaceAll(s, "_", "")
	if v, err := strconv.ParseInt(plain, 0, 64); err == nil {
		return ast.InternedTerm(v)
	}
	if v, err := strconv.ParseUint(plain, 0, 64); err == nil {
		return ast.NewTerm(ast.Number(strconv.FormatUint(v, 10)))
	}
	return nil
}

// floatTerm parses a YAML float; infinities and NaN, which JSON cannot
// hold, stay strings.
func floatTerm(s string) *ast.Term {
	if jsonNumber.MatchString(s) {
		return ast.NewTerm(ast.Number(s))
	}
	plain := strings.ReplaceAll(s, "_", "")
	v, err := strconv.ParseFloat(plain, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		if t := intTerm(s); t != nil {
			return t
		}
		return nil
	}
	return ast.NewTerm(ast.Number(strconv.FormatFloat(v, 'g', -1, 64)))
}
