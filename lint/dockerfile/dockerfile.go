// Package dockerfile parses Dockerfiles into hardline's "dockerfile" policy
// input (docs/policies.md): stages and their base images and users, every
// instruction, the simple commands of RUN scripts and every image
// reference, each with its exact position in the file.
//
// It uses buildkit's parser for the instruction tree and mvdan.cc/sh for
// shell scripts, and maps every piece back to the source bytes, so that
// ranges stay exact across continuation lines, comment lines inside them,
// heredocs and the escape directive.
package dockerfile

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hardline-dev/hardline/lint"
)

// Parser parses Dockerfiles. It implements lint.Parser.
type Parser struct{}

var _ lint.Parser = Parser{}

// Parse returns the Dockerfile as one document. It never fails: what cannot
// be parsed is reported in the document's "errors".
func (Parser) Parse(path string, src []byte) []lint.Document {
	m := ParseModel(path, src)
	return []lint.Document{&Document{model: m, input: m.Value(), whole: newSource(src).whole()}}
}

// ParseModel parses a Dockerfile into its model. It never fails: what cannot
// be parsed is reported in Model.Errors.
func ParseModel(path string, src []byte) (m *Model) {
	m = emptyModel(path)
	defer func() {
		if r := recover(); r != nil {
			m = emptyModel(path)
			m.Errors = append(m.Errors, Message{
				Message: fmt.Sprintf("internal error: hardline could not parse this Dockerfile: %v", r),
				Range:   newSource(src).lineRange(0),
			})
		}
	}()
	newBuilder(m, src).run()
	return m
}

func emptyModel(path string) *Model {
	return &Model{
		Path:         filepath.ToSlash(path),
		Directives:   map[string]string{},
		Escape:       '\\',
		Errors:       []Message{},
		Warnings:     []Message{},
		Args:         []Arg{},
		Stages:       []Stage{},
		Instructions: []Instruction{},
		Images:       []Image{},
		Programs:     map[string][][2]int{},
	}
}

// Document is a parsed Dockerfile. It implements lint.Document.
type Document struct {
	model *Model
	input ast.Value
	whole lint.Range
}

var (
	_ lint.Document            = (*Document)(nil)
	_ lint.InstructionDocument = (*Document)(nil)
)

// Input returns the Rego input, built once at parse time.
func (d *Document) Input() ast.Value { return d.input }

// InstructionRanges implements lint.InstructionDocument.
func (d *Document) InstructionRanges() []lint.Range {
	out := make([]lint.Range, len(d.model.Instructions))
	for i, in := range d.model.Instructions {
		out[i] = in.Range
	}
	return out
}

// Locate returns the range of the deepest node on path that has one (an
// instruction, a command, an image...), or the whole file.
func (d *Document) Locate(path []any) lint.Range {
	best := d.whole
	v := d.input
	for _, p := range path {
		var next *ast.Term
		switch x := v.(type) {
		case ast.Object:
			if k, ok := p.(string); ok {
				next = x.Get(ast.StringTerm(k))
			}
		case *ast.Array:
			if i, ok := index(p); ok && i >= 0 && i < x.Len() {
				next = x.Elem(i)
			}
		}
		if next == nil {
			break
		}
		v = next.Value
		if r, ok := rangeFromValue(v); ok {
			best = r
		}
	}
	return best
}

// index returns an array index given as any integer type, a whole float64
// or a json.Number.
func index(p any) (int, bool) {
	switch x := p.(type) {
	case int:
		return x, true
	case int64:
		return int(x), true
	case float64:
		return int(x), x == float64(int(x))
	case json.Number:
		i, err := x.Int64()
		return int(i), err == nil
	}
	return 0, false
}

// rangeFromValue reads the "range" of an object, or the object itself if
// it is a range.
func rangeFromValue(v ast.Value) (lint.Range, bool) {
	obj, ok := v.(ast.Object)
	if !ok {
		return lint.Range{}, false
	}
	if t := obj.Get(ast.StringTerm("range")); t != nil {
		obj, ok = t.Value.(ast.Object)
		if !ok {
			return lint.Range{}, false
		}
	}
	var r lint.Range
	fields := []struct {
		key string
		dst *int
	}{
		{"line", &r.Line},
		{"column", &r.Column},
		{"endLine", &r.EndLine},
		{"endColumn", &r.EndColumn},
		{"offset", &r.Offset},
		{"endOffset", &r.EndOffset},
	}
	for _, f := range fields {
		t := obj.Get(ast.StringTerm(f.key))
		if t == nil {
			return lint.Range{}, false
		}
		n, ok := t.Value.(ast.Number)
		if !ok {
			return lint.Range{}, false
		}
		i, ok := n.Int()
		if !ok {
			return lint.Range{}, false
		}
		*f.dst = i
	}
	return r, true
}

// Summary returns nil: Dockerfiles take no part in rules over every
// Kubernetes object.
func (d *Document) Summary() ast.Value { return nil }

// Edit returns an error: Dockerfile fixes use only the generic operations
// (replace, insert_lines, pin_image), which the engine handles itself.
func (d *Document) Edit(in lint.Intent) ([]lint.Edit, error) {
	return nil, fmt.Errorf("dockerfile: unsupported fix operation %q", in.Op)
}
