// Package kube reads Kubernetes manifests (YAML streams and JSON) into the
// documents hardline's policies evaluate: one per Kubernetes object, with
// file-absolute positions, and turns fix intents into minimal text edits.
// Each object's model (Object: its pods, their containers, the security
// settings in effect for each, their images) is typed; its Rego input is
// converted from it in one place (object.go).
package kube

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/hardline-dev/hardline/lint"
)

// Parser reads Kubernetes manifests. A document of the stream becomes a
// lint.Document when it is a mapping with string apiVersion and kind; a
// List yields one per item. Other YAML (CI workflows, compose files, Helm
// values) yields nothing. Input that cannot be read becomes a document
// whose "errors" say why and where, after the objects read before it.
type Parser struct {
	// Namespace is where objects without one are deployed (the namespace:
	// of the kustomization that lists the file); "" for kubectl's context.
	Namespace string
	// Workloads map further kinds to their pod specs.
	Workloads []Workload
	// summaryOnly: the documents are built for their summaries only (see
	// Summaries), without a Rego input.
	summaryOnly bool
}

var _ lint.Parser = Parser{}

// yamlLine matches the position yaml.v3 puts in its error messages.
var yamlLine = regexp.MustCompile(`^line (\d+): `)

// Parse implements lint.Parser.
func (p Parser) Parse(path string, src []byte) []lint.Document {
	return slices.Collect(p.Documents(path, src))
}

// Summaries implements lint.Summarizer: the summaries of the documents of
// Documents, for less. The objects are read and checked as for linting,
// but their Rego input is not built, nor the containers of their pods.
func (p Parser) Summaries(path string, src []byte) iter.Seq[ast.Value] {
	p.summaryOnly = true
	return func(yield func(ast.Value) bool) {
		for d := range p.Documents(path, src) {
			if sum := d.Summary(); sum != nil && !yield(sum) {
				return
			}
		}
	}
}

// Documents implements lint.DocumentStreamer: the documents of Parse, each
// built when the previous one has been consumed, so that a file of many
// objects is never held whole as documents.
func (p Parser) Documents(path string, src []byte) iter.Seq[lint.Document] {
	return func(yield func(lint.Document) bool) {
		f := newFile(path, src)
		f.namespace = p.Namespace
		if bytes.HasPrefix(src, []byte{0xFE, 0xFF}) || bytes.HasPrefix(src, []byte{0xFF, 0xFE}) {
			if looksKubernetes(bytes.ReplaceAll(src, []byte{0}, nil)) {
				yield(f.errorDoc(0, "the file is UTF-16 encoded; save it as UTF-8", f.rng(0, 0)))
			}
			return
		}
		dec := yaml.NewDecoder(bytes.NewReader(src))
		conv := newConverter(f)
		prevEnd := f.lines[0]
		bang := bytes.IndexByte(src, '!') >= 0
		found := false
		for i := 0; ; i++ {
			n := new(yaml.Node)
			err := decode(dec, n)
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				if !found && !looksKubernetes(src[min(prevEnd, len(src)):]) {
					return // a broken file of another kind
				}
				msg, r := f.locateError(err, i, prevEnd)
				yield(f.errorDoc(i, msg, r))
				return
			}
			prevEnd = max(prevEnd, f.end(n, -1))
			if bang {
				f.markNonSpecific(n, 0)
			}
			for _, d := range p.objects(f, conv, i, n) {
				found = true
				if !yield(d) {
					return
				}
			}
		}
	}
}

// looksKubernetes reports whether text that cannot be parsed may hold a
// Kubernetes object, so that broken YAML of other kinds (CI workflows,
// compose files) yields no document, as it would parsed.
func looksKubernetes(text []byte) bool {
	return bytes.Contains(text, []byte("apiVersion")) && bytes.Contains(text, []byte("kind"))
}

// decode decodes the next document. yaml.v3 reports bad input as errors;
// anything it panics with becomes an error too.
func decode(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: internal error: %v", r)
		}
	}()
	return dec.Decode(n)
}

// yamlDoc is one document of a YAML stream, shared by the objects of a List.
type yamlDoc struct {
	f     *file
	index int
	root  *yaml.Node // the document's content

	aliasOnce sync.Once
	aliased   map[*yaml.Node]bool // nodes an alias refers to
	styleOnce sync.Once
	step      int // indentation of nested block mappings
	seqIndent int // indentation of block sequences under their key
}

// objects returns the documents for the Kubernetes objects in YAML
// document index.
func (p Parser) objects(f *file, conv *converter, index int, doc *yaml.Node) []lint.Document {
	if len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	kind, ok := objectKind(root)
	if !ok {
		return nil
	}
	y := &yamlDoc{f: f, index: index, root: root}
	if strings.HasSuffix(kind, "List") {
		_, items := lookup(root, "items")
		if items = deref(items); items != nil && items.Kind == yaml.SequenceNode {
			var docs []lint.Document
			for i, item := range items.Content {
				if it := deref(item); it != nil {
					if _, ok := objectKind(it); ok {
						docs = append(docs, y.object(p, conv, []any{"items", i}, it))
					}
				}
			}
			return docs
		}
	}
	return []lint.Document{y.object(p, conv, []any{}, root)}
}

// objectKind returns the kind of a Kubernetes object: a mapping with
// string apiVersion and kind.
func objectKind(n *yaml.Node) (kind string, ok bool) {
	if n == nil || n.Kind != yaml.MappingNode {
		return "", false
	}
	_, ok1 := stringField(n, "apiVersion")
	kind, ok2 := stringField(n, "kind")
	return kind, ok1 && ok2
}

func stringField(n *yaml.Node, key string) (string, bool) {
	_, v := lookup(n, key)
	v = deref(v)
	if v == nil || v.Kind != yaml.ScalarNode {
		return "", false
	}
	r, err := resolveScalar(v)
	if err != nil || r.kind != kindString {
		return "", false
	}
	return r.text, true
}

// lookup finds key in mapping n (through aliases): the entry that wrote
// the key last, as go-yaml v2 reads a mapping in order: an explicit entry,
// or the entry of a merged mapping ("<<"; of a list of mappings, the first
// that has the key).
func lookup(n *yaml.Node, key string) (k, v *yaml.Node) {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	return lookupIn(n, key, nil)
}

func lookupIn(n *yaml.Node, key string, seen map[*yaml.Node]bool) (k, v *yaml.Node) {
	for i := len(n.Content) - 2; i >= 0; i -= 2 {
		kn := n.Content[i]
		if !isMerge(kn) {
			if keyIs(kn, key) {
				return kn, n.Content[i+1]
			}
			continue
		}
		if seen == nil {
			seen = map[*yaml.Node]bool{n: true}
		}
		for _, s := range mergeSources(n.Content[i+1]) {
			if seen[s] {
				continue
			}
			seen[s] = true
			if k, v := lookupIn(s, key, seen); k != nil {
				return k, v
			}
		}
	}
	return nil, nil
}

// mergeSources returns the mappings a merge key's value names, the first
// winning.
func mergeSources(m *yaml.Node) []*yaml.Node {
	m = deref(m)
	if m == nil {
		return nil
	}
	sources := []*yaml.Node{m}
	if m.Kind == yaml.SequenceNode {
		sources = m.Content
	}
	out := make([]*yaml.Node, 0, len(sources))
	for _, s := range sources {
		if s = deref(s); s != nil && s.Kind == yaml.MappingNode {
			out = append(out, s)
		}
	}
	return out
}

// keyIs reports whether key node k stands for key.
func keyIs(k *yaml.Node, key string) bool {
	if k.Kind == yaml.ScalarNode && plainString(k) {
		return k.Value == key
	}
	s, ok := keyString(k)
	return ok && s == key
}

// explicitEntry returns the index in n.Content of the key of the entry of
// mapping n that writes key last, or -1 when no explicit entry does (a
// merge key may).
func explicitEntry(n *yaml.Node, key string) int {
	k, _ := lookup(n, key)
	if k == nil {
		return -1
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i] == k {
			return i
		}
	}
	return -1
}

// Parser errors (not scanner errors) in yaml.v3 report a 0-based line.
func isParserProblem(msg string) bool {
	switch msg {
	case "did not find expected <stream-start>", "did not find expected <document start>",
		"found undefined tag handle", "did not find expected node content",
		"did not find expected '-' indicator", "did not find expected key",
		"did not find expected ',' or ']'", "did not find expected ',' or '}'",
		"found duplicate %YAML directive", "found incompatible YAML document",
		"found duplicate %TAG directive":
		return true
	}
	return false
}

// locateError turns a decoding error of document index into a message and a
// range. yaml.v3 gives at most a line, and for parser errors the line where
// the enclosing collection starts; for block structure errors the line of
// the problem is found by decoding ever shorter prefixes of the file.
func (f *file) locateError(err error, index, docStart int) (string, lint.Range) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	hint := ""
	if bytes.Contains(f.src, []byte("{{")) {
		hint = " (the file looks like a template: lint its rendered output)"
	}
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return msg + hint, f.errorWithoutLine(msg, docStart)
	}
	problem := msg[len(m[0]):]
	line, convErr := strconv.Atoi(m[1])
	if convErr != nil {
		line = 1
	}
	if isParserProblem(problem) {
		line++
		if problem == "did not find expected key" || problem == "did not find expected '-' indicator" {
			line = f.refineLine(index, problem, line)
		}
	}
	r := f.lineRange(line)
	return fmt.Sprintf("line %d: %s%s", r.Line, problem, hint), r
}

// errorWithoutLine places errors that carry no line: unknown anchors,
// invalid characters, and other problems at the start of the document
// (docStart is where the previous one ends).
func (f *file) errorWithoutLine(msg string, docStart int) lint.Range {
	if strings.HasPrefix(msg, "unknown anchor '") {
		name := strings.TrimSuffix(strings.TrimPrefix(msg, "unknown anchor '"), "' referenced")
		if i := bytes.Index(f.src[docStart:], []byte("*"+name)); i >= 0 {
			return f.rng(docStart+i, docStart+i+1+len(name))
		}
	}
	if i := invalidChar(f.src); i >= 0 {
		_, w := utf8.DecodeRune(f.src[i:])
		return f.rng(i, i+w)
	}
	if docStart > 0 {
		return f.lineRange(f.rng(docStart, docStart).Line + 1)
	}
	return f.lineRange(1)
}

// invalidChar returns the offset of the first byte yaml.v3 rejects: invalid
// UTF-8 or a control character YAML does not allow, or -1.
func invalidChar(src []byte) int {
	for i := 0; i < len(src); {
		r, w := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && w <= 1:
			return i
		case r == '\t' || r == '\n' || r == '\r' || r == 0x85 || r == 0xFEFF,
			r >= 0x20 && r <= 0x7E, r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000:
		default:
			return i
		}
		i += w
	}
	return -1
}

// refineLine finds the first line from which decoding a prefix of the file
// fails on document index with the same problem: the line of the problem,
// where yaml.v3 names the start of the enclosing block.
func (f *file) refineLine(index int, problem string, from int) int {
	fails := func(line int) bool {
		end := len(f.src)
		if line < len(f.lines) {
			end = f.lines[line]
		}
		dec := yaml.NewDecoder(bytes.NewReader(f.src[:end]))
		for i := 0; i <= index; i++ {
			var n yaml.Node
			err := decode(dec, &n)
			if err != nil {
				msg := strings.TrimPrefix(err.Error(), "yaml: ")
				if m := yamlLine.FindString(msg); m != "" {
					msg = msg[len(m):]
				}
				return i == index && msg == problem
			}
		}
		return false
	}
	lo, hi := max(from, 1), len(f.lines)
	if lo > hi || !fails(hi) {
		return from
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// markNonSpecific gives plain scalars written with the non-specific tag
// "!" that tag: go-yaml v2 reads them as strings, while yaml.v3 resolves
// them as strings without marking them tagged, like plain "on".
func (f *file) markNonSpecific(n *yaml.Node, depth int) {
	if depth > maxDepth {
		return
	}
	if n.Kind == yaml.ScalarNode {
		if n.Style == 0 && f.nonSpecificTag(n) {
			n.Tag = "!"
			n.Style = yaml.TaggedStyle
		}
		return
	}
	for _, c := range n.Content {
		f.markNonSpecific(c, depth+1)
	}
}

// nonSpecificTag reports whether node n is written with the tag "!".
func (f *file) nonSpecificTag(n *yaml.Node) bool {
	src := f.src
	i := f.start(n)
	for i < len(src) && (src[i] == '&' || src[i] == '!') {
		if src[i] == '!' {
			return f.tokenEnd(i + 1)
		}
		i++
		for i < len(src) && isAnchorChar(src[i]) {
			i++
		}
		i = f.skipBlank(i)
	}
	return false
}
