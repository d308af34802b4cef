package kube

import (
	"encoding/json"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hardline-dev/hardline/lint"
)

func parse(t testing.TB, path, src string) []*document {
	t.Helper()
	var out []*document
	for _, d := range (Parser{}).Parse(path, []byte(src)) {
		doc, ok := d.(*document)
		if !ok {
			t.Fatalf("unexpected document type %T", d)
		}
		out = append(out, doc)
	}
	return out
}

// toGo converts a term or value to plain Go values for comparison
// (numbers become json.Number).
func toGo(t testing.TB, v any) any {
	t.Helper()
	var val ast.Value
	switch v := v.(type) {
	case *ast.Term:
		if v == nil {
			return nil
		}
		val = v.Value
	case ast.Value:
		val = v
	default:
		t.Fatalf("toGo: %T", v)
	}
	x, err := ast.JSON(val)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// field returns input[keys...] of a document as Go values.
func field(t testing.TB, v ast.Value, keys ...any) any {
	t.Helper()
	cur := ast.NewTerm(v)
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			cur = (&file{}).get(cur, k)
		case int:
			arr, ok := cur.Value.(*ast.Array)
			if !ok || k >= arr.Len() {
				return nil
			}
			cur = arr.Elem(k)
		}
		if cur == nil {
			return nil
		}
	}
	return toGo(t, cur)
}

// jsonOf decodes JSON text into the same Go shapes toGo returns.
func jsonOf(t testing.TB, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("bad test JSON %q: %v", s, err)
	}
	return v
}

// applyEdits splices edits (non-overlapping) into src.
func applyEdits(t testing.TB, src string, edits []lint.Edit) string {
	t.Helper()
	sorted := slices.Clone(edits)
	slices.SortFunc(sorted, func(a, b lint.Edit) int { return b.Range.Offset - a.Range.Offset })
	out := src
	for i, e := range sorted {
		if i > 0 && e.Range.EndOffset > sorted[i-1].Range.Offset {
			t.Fatalf("overlapping edits %+v", edits)
		}
		out = out[:e.Range.Offset] + e.NewText + out[e.Range.EndOffset:]
	}
	return out
}

// checkRange verifies that r is consistent and inside src: offsets within
// bounds and ordered, and lines/columns matching the offsets.
func checkRange(t testing.TB, src []byte, r lint.Range) {
	t.Helper()
	if r.Offset < 0 || r.EndOffset < r.Offset || r.EndOffset > len(src) {
		t.Fatalf("range %+v outside the source (%d bytes)", r, len(src))
	}
	if r.Line < 1 || r.Column < 1 || r.EndLine < r.Line || (r.EndLine == r.Line && r.EndColumn < r.Column) {
		t.Fatalf("bad range %+v", r)
	}
	f := newFile("", src)
	if l, c := f.pos(r.Offset); l != r.Line || c != r.Column {
		t.Fatalf("range %+v: offset is at %d:%d", r, l, c)
	}
	if l, c := f.pos(r.EndOffset); l != r.EndLine || c != r.EndColumn {
		t.Fatalf("range %+v: end offset is at %d:%d", r, l, c)
	}
	if !utf8.Valid(src[r.Offset:r.EndOffset]) && utf8.Valid(src) {
		t.Fatalf("range %+v splits a character", r)
	}
}

// walkRanges calls fn for every range object found in v.
func walkRanges(v ast.Value, fn func(lint.Range)) {
	switch v := v.(type) {
	case ast.Object:
		if r, ok := rangeOf(v); ok {
			fn(r)
			return
		}
		v.Foreach(func(_, x *ast.Term) { walkRanges(x.Value, fn) })
	case *ast.Array:
		v.Foreach(func(x *ast.Term) { walkRanges(x.Value, fn) })
	}
}

func rangeOf(o ast.Object) (lint.Range, bool) {
	keys := []string{"line", "column", "endLine", "endColumn", "offset", "endOffset"}
	var vals [6]int
	if o.Len() != len(keys) {
		return lint.Range{}, false
	}
	for i, k := range keys {
		t := o.Get(ast.StringTerm(k))
		if t == nil {
			return lint.Range{}, false
		}
		n, ok := t.Value.(ast.Number)
		if !ok {
			return lint.Range{}, false
		}
		x, ok := n.Int()
		if !ok {
			return lint.Range{}, false
		}
		vals[i] = x
	}
	return lint.Range{Line: vals[0], Column: vals[1], EndLine: vals[2], EndColumn: vals[3], Offset: vals[4], EndOffset: vals[5]}, true
}

type lintRange = lint.Range

func mustNumber(t testing.TB, v any) float64 {
	t.Helper()
	n, ok := v.(json.Number)
	if !ok {
		t.Fatalf("%v (%T) is not a number", v, v)
	}
	f, err := n.Float64()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func jsonMarshal(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// numbersEqual compares numbers by value: 1e3 == 1000.
func numbersEqual(a, b json.Number) bool {
	x, ok1 := new(big.Float).SetString(string(a))
	y, ok2 := new(big.Float).SetString(string(b))
	return ok1 && ok2 && x.Cmp(y) == 0
}

func itoa(i int) string { return strconv.Itoa(i) }

func num(i int) json.Number { return json.Number(strconv.Itoa(i)) }

func lintIntent(op string, path []any, value any) lint.Intent {
	in := lint.Intent{Op: op, Path: path}
	if op == "add_to_list" {
		in.Values, _ = value.([]any)
	} else {
		in.Value = value
	}
	return in
}

// as asserts the type of a test value.
func as[T any](t testing.TB, v any) T {
	t.Helper()
	x, ok := v.(T)
	if !ok {
		var zero T
		t.Fatalf("%v is a %T, not a %T", v, v, zero)
	}
	return x
}
