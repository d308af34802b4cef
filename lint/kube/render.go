package kube

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/open-policy-agent/opa/v1/ast"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// omap is a mapping of a value to write into a manifest, its keys in
// order. A value, normalised, is nil, bool, string, json.Number, omap or
// []any.
type omap []entry

type entry struct {
	key string
	val any
}

// normValue normalises a value of a fix intent, as Go or OPA gives it.
func normValue(v any) (any, error) {
	switch v := v.(type) {
	case nil, bool, string, json.Number:
		return v, nil
	case *ast.Term:
		return normValue(v.Value)
	case ast.Value:
		x, err := ast.JSON(v)
		if err != nil {
			return nil, fmt.Errorf("convert value: %w", err)
		}
		return normValue(x)
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, errors.New("value is not a finite number")
		}
		return json.Number(strconv.FormatFloat(v, 'f', -1, 64)), nil
	case float32:
		return normValue(float64(v))
	case int:
		return json.Number(strconv.Itoa(v)), nil
	case int64:
		return json.Number(strconv.FormatInt(v, 10)), nil
	case int32:
		return json.Number(strconv.FormatInt(int64(v), 10)), nil
	case uint64:
		return json.Number(strconv.FormatUint(v, 10)), nil
	case omap:
		return v, nil
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		m := make(omap, len(keys))
		for i, k := range keys {
			x, err := normValue(v[k])
			if err != nil {
				return nil, err
			}
			m[i] = entry{k, x}
		}
		return m, nil
	case []any:
		l := make([]any, len(v))
		for i, x := range v {
			y, err := normValue(x)
			if err != nil {
				return nil, err
			}
			l[i] = y
		}
		return l, nil
	}
	// Other slices and integers: through reflection.
	rv := reflect.ValueOf(v)
	if k := rv.Kind(); k == reflect.Slice || k == reflect.Array {
		l := make([]any, rv.Len())
		for i := range l {
			l[i] = rv.Index(i).Interface()
		}
		return normValue(l)
	}
	if rv.CanInt() {
		return json.Number(strconv.FormatInt(rv.Int(), 10)), nil
	}
	if rv.CanUint() {
		return json.Number(strconv.FormatUint(rv.Uint(), 10)), nil
	}
	return nil, fmt.Errorf("unsupported value of type %T", v)
}

// valueTerm converts a normalised value to a term, to compare it with the
// document's values.
func valueTerm(v any) *ast.Term {
	switch v := v.(type) {
	case bool:
		return ast.BooleanTerm(v)
	case string:
		return ast.StringTerm(v)
	case json.Number:
		return ast.NumberTerm(v)
	case omap:
		pairs := make([][2]*ast.Term, len(v))
		for i, e := range v {
			pairs[i] = [2]*ast.Term{ast.StringTerm(e.key), valueTerm(e.val)}
		}
		return ast.ObjectTerm(pairs...)
	case []any:
		terms := make([]*ast.Term, len(v))
		for i, x := range v {
			terms[i] = valueTerm(x)
		}
		return ast.ArrayTerm(terms...)
	}
	return ast.NullTerm()
}

// nest wraps v in mappings along keys: nest([a b], v) is {a: {b: v}}.
func nest(keys []string, v any) any {
	for i := len(keys) - 1; i >= 0; i-- {
		v = omap{{keys[i], v}}
	}
	return v
}

func isCollection(v any) bool {
	switch v := v.(type) {
	case omap:
		return len(v) > 0
	case []any:
		return len(v) > 0
	}
	return false
}

// renderer writes values as YAML in the style of the document.
type renderer struct {
	step   int  // indentation of nested mappings
	seqOff int  // indentation of a block sequence under its key
	json   bool // write flow collections as JSON
}

// scalar renders a scalar: plain when YAML reads it back as the same
// string, else double-quoted.
func (r renderer) scalar(v any, flow bool) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(v)
	case json.Number:
		return string(v)
	case string:
		if !r.json && plainSafe(v, flow) {
			return v
		}
		return quote(v)
	case omap:
		if len(v) == 0 {
			return "{}"
		}
	case []any:
		if len(v) == 0 {
			return "[]"
		}
	}
	return r.flow(v)
}

// key renders a mapping key.
func (r renderer) key(k string, flow bool) string {
	if r.json {
		return quote(k)
	}
	return r.scalar(k, flow)
}

func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// flow renders v in flow style.
func (r renderer) flow(v any) string {
	switch v := v.(type) {
	case omap:
		parts := make([]string, len(v))
		for i, e := range v {
			parts[i] = r.key(e.key, true) + ": " + r.flow(e.val)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = r.flow(x)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return r.scalar(v, true)
}

// entry renders "key: value" at indent as block lines.
func (r renderer) entry(key string, v any, indent int) []string {
	pad := strings.Repeat(" ", indent)
	k := r.key(key, false)
	switch x := v.(type) {
	case omap:
		if len(x) > 0 {
			return append([]string{pad + k + ":"}, r.mapLines(x, indent+r.step)...)
		}
	case []any:
		if len(x) > 0 {
			return append([]string{pad + k + ":"}, r.listLines(x, indent+r.seqOff)...)
		}
	}
	return []string{pad + k + ": " + r.scalar(v, false)}
}

func (r renderer) mapLines(m omap, indent int) []string {
	var lines []string
	for _, e := range m {
		lines = append(lines, r.entry(e.key, e.val, indent)...)
	}
	return lines
}

// listLines renders the items of l as "- item" lines at indent.
func (r renderer) listLines(l []any, indent int) []string {
	pad := strings.Repeat(" ", indent)
	var lines []string
	for _, x := range l {
		var sub []string
		switch y := x.(type) {
		case omap:
			if len(y) > 0 {
				sub = r.mapLines(y, indent+2)
			}
		case []any:
			if len(y) > 0 {
				sub = r.listLines(y, indent+2)
			}
		}
		if sub == nil {
			lines = append(lines, pad+"- "+r.scalar(x, false))
			continue
		}
		sub[0] = pad + "- " + sub[0][indent+2:]
		lines = append(lines, sub...)
	}
	return lines
}

// block renders a collection as the lines of a block value whose owner (the
// key or "-") is at column owner.
func (r renderer) block(v any, owner int, seqItem bool) []string {
	switch x := v.(type) {
	case omap:
		return r.mapLines(x, owner+r.step)
	case []any:
		off := r.seqOff
		if seqItem {
			off = 2
		}
		return r.listLines(x, owner+off)
	}
	return nil
}

// simpleWord reports whether s is a plain YAML string for certain without
// asking the parser: a letter, then letters, digits, '_', '-', '.' and '/',
// and not a word YAML reads as a bool or null. Keys and values such as
// securityContext, RuntimeDefault or NET_BIND_SERVICE take this path.
func simpleWord(s string) bool {
	c := s[0]
	if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '-', c == '.', c == '/':
		default:
			return false
		}
	}
	switch strings.ToLower(s) {
	case "true", "false", "null":
		return false
	}
	return true
}

// plainSafe reports whether s can be written as a plain scalar that yaml.v3
// (and YAML 1.1 readers) read back as the same string.
func plainSafe(s string, flow bool) bool {
	if s == "" || strings.TrimSpace(s) != s {
		return false
	}
	for _, c := range s {
		if !unicode.IsPrint(c) || c == '\u2028' || c == '\u2029' || c == '\u0085' {
			return false
		}
	}
	switch strings.ToLower(s) {
	case "y", "yes", "n", "no", "on", "off":
		return false
	}
	if v, _ := resolveText("", s); v.kind != kindString {
		return false
	}
	if flow && strings.ContainsAny(s, ",[]{}") {
		return false
	}
	if simpleWord(s) {
		return true
	}
	text := "k: " + s + "\n"
	if flow {
		text = "{k: " + s + "}\n"
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		return false
	}
	if len(doc.Content) != 1 || len(doc.Content[0].Content) != 2 {
		return false
	}
	v := doc.Content[0].Content[1]
	return v.Kind == yaml.ScalarNode && v.Tag == tagStr && v.Style == 0 && v.Value == s && v.Line == 1
}
