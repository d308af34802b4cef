package lint

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hardline-dev/hardline/lint/rule"
)

// ruleResult is one element of a rule's deny set, decoded and checked once
// (docs/policies.md, "Results"; docs/schema/result.json).
type ruleResult struct {
	msg      string
	severity string
	// rng is set when the result gives a range; path when it gives a path.
	rng  *Range
	path []any
	fix  *fixResult
	// file, document and objectPath say where a manifests rule's
	// finding is; document is -1 when not given, objectPath nil.
	file       string
	document   int
	objectPath []any
}

// fixResult is a result's fix.
type fixResult struct {
	title, display, applicability string
	intents                       []Intent
}

// intentOps are the fix operations a rule may use.
func intentOps() []string {
	return []string{"replace", "insert_lines", "pin_image", "set", "delete", "add_to_list"}
}

// resultError is a rule result that does not have the documented shape.
type resultError struct {
	rule string
	err  error
}

func (e *resultError) Error() string {
	return fmt.Sprintf("rule %s returned a malformed result: %v", e.rule, e.err)
}

func (e *resultError) Unwrap() error { return e.err }

// decodeResult checks and decodes one result of rule id. lines is the
// number of lines of the file the result is about and size its length in
// bytes, or -1 when not known here.
func decodeResult(id string, v ast.Value, lines, size int) (ruleResult, error) {
	r, err := decodeResultFields(v, lines, size)
	if err != nil {
		return ruleResult{}, &resultError{rule: id, err: err}
	}
	return r, nil
}

// fields are the values of an object's string keys, read in one pass (a
// lookup by key would allocate the key's term).
func fields(v ast.Value) (map[string]ast.Value, bool) {
	obj, ok := v.(ast.Object)
	if !ok {
		return nil, false
	}
	m := make(map[string]ast.Value, obj.Len())
	obj.Foreach(func(k, v *ast.Term) {
		if s, ok := k.Value.(ast.String); ok {
			m[string(s)] = v.Value
		}
	})
	return m, true
}

func decodeResultFields(v ast.Value, lines, size int) (ruleResult, error) {
	m, ok := fields(v)
	if !ok {
		return ruleResult{}, fmt.Errorf("a deny result must be an object, got %s", typeName(v))
	}
	r := ruleResult{document: -1}
	var err error
	if r.msg, err = optString(m, "msg"); err != nil {
		return r, err
	}
	if r.severity, err = optString(m, "severity"); err != nil {
		return r, err
	}
	if r.severity != "" {
		if _, err := rule.ParseSeverity(r.severity); err != nil {
			return r, fmt.Errorf("severity: %w", err)
		}
	}
	if r.file, err = optString(m, "file"); err != nil {
		return r, err
	}
	if d, ok := m["document"]; ok {
		n, err := integer(d)
		if err != nil || n < 0 {
			return r, fmt.Errorf("document: want an index ≥ 0, got %s", show(d))
		}
		r.document = n
	}
	if raw, ok := m["object_path"]; ok {
		if r.objectPath, err = decodePath(raw); err != nil {
			return r, fmt.Errorf("object_path: %w", err)
		}
	}
	if raw, ok := m["range"]; ok {
		rng, err := decodeRange(raw, lines, size)
		if err != nil {
			return r, fmt.Errorf("range: %w", err)
		}
		r.rng = &rng
	}
	if raw, ok := m["path"]; ok {
		if r.path, err = decodePath(raw); err != nil {
			return r, fmt.Errorf("path: %w", err)
		}
	}
	if r.rng == nil && r.path == nil {
		return r, errors.New("no position: give a range or a path")
	}
	if raw, ok := m["fix"]; ok {
		f, err := decodeFix(raw, lines, size)
		if err != nil {
			return r, fmt.Errorf("fix: %w", err)
		}
		r.fix = &f
	}
	return r, nil
}

func decodeFix(v ast.Value, lines, size int) (fixResult, error) {
	m, ok := fields(v)
	if !ok {
		return fixResult{}, fmt.Errorf("want an object, got %s", typeName(v))
	}
	var f fixResult
	var err error
	if f.title, err = optString(m, "title"); err != nil {
		return f, err
	}
	if f.display, err = optString(m, "display"); err != nil {
		return f, err
	}
	if f.applicability, err = optString(m, "applicability"); err != nil {
		return f, err
	}
	if f.applicability != "" {
		if _, err := rule.ParseApplicability(f.applicability); err != nil {
			return f, fmt.Errorf("applicability: %w", err)
		}
	}
	raw, ok := m["edits"]
	if !ok {
		return f, nil
	}
	list, ok := raw.(*ast.Array)
	if !ok {
		return f, fmt.Errorf("edits: want an array, got %s", typeName(raw))
	}
	for i := range list.Len() {
		in, err := decodeIntent(list.Elem(i).Value, lines, size)
		if err != nil {
			return f, fmt.Errorf("edits[%d]: %w", i, err)
		}
		f.intents = append(f.intents, in)
	}
	return f, nil
}

func decodeIntent(v ast.Value, lines, size int) (Intent, error) {
	m, ok := fields(v)
	if !ok {
		return Intent{}, fmt.Errorf("want an object, got %s", typeName(v))
	}
	var in Intent
	var err error
	if in.Op, err = optString(m, "op"); err != nil {
		return in, err
	}
	if ops := intentOps(); !slices.Contains(ops, in.Op) {
		return in, fmt.Errorf("unknown op %q (want one of %s)", in.Op, strings.Join(ops, ", "))
	}
	if in.Text, err = optString(m, "text"); err != nil {
		return in, err
	}
	switch in.Op {
	case "replace", "insert_lines":
		raw, ok := m["range"]
		if !ok {
			return in, fmt.Errorf("%s needs a range", in.Op)
		}
		if in.Range, err = decodeRange(raw, lines, size); err != nil {
			return in, fmt.Errorf("range: %w", err)
		}
		if !hasOffsets(raw) {
			return in, fmt.Errorf("%s needs a range with offset and endOffset", in.Op)
		}
	case "pin_image":
		img, _ := m["image"].(ast.Object)
		if img == nil {
			return in, fmt.Errorf("pin_image needs an image object, got %s", show(m["image"]))
		}
		in.Image = &PinImage{}
		if err := decodePinImage(img, in.Image, lines, size); err != nil {
			return in, fmt.Errorf("image: %w", err)
		}
	default:
		raw, ok := m["path"]
		if !ok {
			return in, fmt.Errorf("%s needs a path", in.Op)
		}
		if in.Path, err = decodePath(raw); err != nil {
			return in, fmt.Errorf("path: %w", err)
		}
		if raw, ok := m["value"]; ok {
			if in.Value, err = ast.JSON(raw); err != nil {
				return in, fmt.Errorf("value: %w", err)
			}
		}
		if raw, ok := m["values"]; ok {
			list, ok := raw.(*ast.Array)
			if !ok {
				return in, fmt.Errorf("values: want an array, got %s", typeName(raw))
			}
			values, err := ast.JSON(list)
			if err != nil {
				return in, fmt.Errorf("values: %w", err)
			}
			in.Values, _ = values.([]any)
		}
		if in.Op == "set" {
			if _, ok := m["value"]; !ok {
				return in, errors.New("set needs a value")
			}
		}
		if in.Op == "add_to_list" && in.Values == nil {
			return in, errors.New("add_to_list needs values")
		}
	}
	return in, nil
}

// decodePinImage reads the fields of an input's image that pinning uses;
// the others are left alone.
func decodePinImage(obj ast.Object, img *PinImage, lines, size int) error {
	return obj.Iter(func(k, v *ast.Term) error {
		s, _ := k.Value.(ast.String)
		key := string(s)
		var err error
		switch key {
		case "raw", "ref":
			str, ok := v.Value.(ast.String)
			if !ok {
				return fmt.Errorf("%s: want a string, got %s", key, show(v.Value))
			}
			if key == "raw" {
				img.Raw = string(str)
			} else {
				img.Ref = string(str)
			}
		case "unresolved":
			b, ok := v.Value.(ast.Boolean)
			if !ok {
				return fmt.Errorf("unresolved: want a boolean, got %s", show(v.Value))
			}
			img.Unresolved = bool(b)
		case "range":
			var r Range
			if r, err = decodeRange(v.Value, lines, size); err != nil {
				return fmt.Errorf("range: %w", err)
			}
			img.Range = &r
		case "path":
			if img.Path, err = decodePath(v.Value); err != nil {
				return fmt.Errorf("path: %w", err)
			}
		}
		return nil
	})
}

func hasOffsets(v ast.Value) bool {
	m, _ := fields(v)
	_, a := m["offset"]
	_, b := m["endOffset"]
	return a && b
}

// decodeRange checks a range: 1-based lines and columns, an end that does
// not come before the start, and, when lines and size are known (≥ 0),
// within the file.
func decodeRange(v ast.Value, lines, size int) (Range, error) {
	obj, ok := v.(ast.Object)
	if !ok {
		return Range{}, fmt.Errorf("want an object, got %s", typeName(v))
	}
	keys := [...]string{"line", "column", "endLine", "endColumn", "offset", "endOffset"}
	var raw [len(keys)]ast.Value
	obj.Foreach(func(k, v *ast.Term) {
		if s, ok := k.Value.(ast.String); ok {
			if i := slices.Index(keys[:], string(s)); i >= 0 {
				raw[i] = v.Value
			}
		}
	})
	if raw[0] == nil {
		return Range{}, errors.New("no line")
	}
	var r Range
	for i, dst := range [...]*int{&r.Line, &r.Column, &r.EndLine, &r.EndColumn, &r.Offset, &r.EndOffset} {
		if raw[i] == nil {
			// column 1, and an end where the range starts.
			*dst = [...]int{0, 1, r.Line, r.Column, 0, r.Offset}[i]
			continue
		}
		n, err := integer(raw[i])
		if err != nil {
			return r, fmt.Errorf("%s: %w", keys[i], err)
		}
		*dst = n
	}
	switch {
	case r.Line < 1 || r.Column < 1 || r.EndLine < 1 || r.EndColumn < 1:
		return r, fmt.Errorf("lines and columns start at 1, got %d:%d-%d:%d", r.Line, r.Column, r.EndLine, r.EndColumn)
	case r.EndLine < r.Line || r.EndLine == r.Line && r.EndColumn < r.Column:
		return r, fmt.Errorf("the end %d:%d comes before the start %d:%d", r.EndLine, r.EndColumn, r.Line, r.Column)
	case r.Offset < 0 || r.EndOffset < r.Offset:
		return r, fmt.Errorf("offsets %d-%d: want 0 ≤ offset ≤ endOffset", r.Offset, r.EndOffset)
	case lines >= 0 && r.EndLine > lines:
		return r, fmt.Errorf("line %d is past the end of the file (%d lines)", r.EndLine, lines)
	case size >= 0 && r.EndOffset > size:
		return r, fmt.Errorf("offset %d is past the end of the file (%d bytes)", r.EndOffset, size)
	}
	return r, nil
}

// decodePath checks a path of object keys (strings) and array indices
// (integers ≥ 0), and returns it as strings and ints.
func decodePath(v ast.Value) ([]any, error) {
	list, ok := v.(*ast.Array)
	if !ok {
		return nil, fmt.Errorf("want an array, got %s", typeName(v))
	}
	out := make([]any, list.Len())
	for i := range out {
		switch x := list.Elem(i).Value.(type) {
		case ast.String:
			out[i] = string(x)
		default:
			n, err := integer(x)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("element %d: want a key or an index ≥ 0, got %s", i, show(x))
			}
			out[i] = n
		}
	}
	return out, nil
}

// optString is the string at key, or "" when the key is absent.
func optString(m map[string]ast.Value, key string) (string, error) {
	raw, ok := m[key]
	if !ok {
		return "", nil
	}
	s, ok := raw.(ast.String)
	if !ok {
		return "", fmt.Errorf("%s: want a string, got %s", key, show(raw))
	}
	return string(s), nil
}

// integer reads a whole number of a Rego result.
func integer(v ast.Value) (int, error) {
	n, ok := v.(ast.Number)
	if !ok {
		return 0, fmt.Errorf("want an integer, got %s", show(v))
	}
	if i, ok := n.Int(); ok && i >= math.MinInt32 && i <= math.MaxInt32 {
		return i, nil
	}
	return 0, fmt.Errorf("want an integer, got %s", n)
}

func typeName(v ast.Value) string {
	switch v.(type) {
	case nil, ast.Null:
		return "null"
	case ast.String:
		return "a string"
	case ast.Number:
		return "a number"
	case ast.Boolean:
		return "a boolean"
	case *ast.Array:
		return "an array"
	case ast.Object:
		return "an object"
	case ast.Set:
		return "a set"
	}
	return fmt.Sprintf("%T", v)
}

// show is a short rendering of a value for an error message.
func show(v ast.Value) string {
	if v == nil {
		return "nothing"
	}
	if s := v.String(); len(s) <= 60 {
		return s
	}
	return typeName(v)
}
