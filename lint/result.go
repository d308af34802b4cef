package lint

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

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
func decodeResult(id string, v any, lines, size int) (ruleResult, error) {
	r, err := decodeResultFields(v, lines, size)
	if err != nil {
		return ruleResult{}, &resultError{rule: id, err: err}
	}
	return r, nil
}

func decodeResultFields(v any, lines, size int) (ruleResult, error) {
	m, ok := v.(map[string]any)
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

func decodeFix(v any, lines, size int) (fixResult, error) {
	m, ok := v.(map[string]any)
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
	list, ok := raw.([]any)
	if !ok {
		return f, fmt.Errorf("edits: want an array, got %s", typeName(raw))
	}
	for i, e := range list {
		in, err := decodeIntent(e, lines, size)
		if err != nil {
			return f, fmt.Errorf("edits[%d]: %w", i, err)
		}
		f.intents = append(f.intents, in)
	}
	return f, nil
}

func decodeIntent(v any, lines, size int) (Intent, error) {
	m, ok := v.(map[string]any)
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
		if in.Image, ok = m["image"].(map[string]any); !ok {
			return in, fmt.Errorf("pin_image needs an image object, got %s", show(m["image"]))
		}
	default:
		raw, ok := m["path"]
		if !ok {
			return in, fmt.Errorf("%s needs a path", in.Op)
		}
		if in.Path, err = decodePath(raw); err != nil {
			return in, fmt.Errorf("path: %w", err)
		}
		in.Value = m["value"]
		if raw, ok := m["values"]; ok {
			if in.Values, ok = raw.([]any); !ok {
				return in, fmt.Errorf("values: want an array, got %s", typeName(raw))
			}
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

func hasOffsets(v any) bool {
	m, _ := v.(map[string]any)
	_, a := m["offset"]
	_, b := m["endOffset"]
	return a && b
}

// decodeRange checks a range: 1-based lines and columns, an end that does
// not come before the start, and, when lines and size are known (≥ 0),
// within the file.
func decodeRange(v any, lines, size int) (Range, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return Range{}, fmt.Errorf("want an object, got %s", typeName(v))
	}
	field := func(key string, dflt int) (int, error) {
		raw, ok := m[key]
		if !ok {
			return dflt, nil
		}
		n, err := integer(raw)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", key, err)
		}
		return n, nil
	}
	var r Range
	var err error
	raw, ok := m["line"]
	if !ok {
		return r, errors.New("no line")
	}
	if r.Line, err = integer(raw); err != nil {
		return r, fmt.Errorf("line: %w", err)
	}
	if r.Column, err = field("column", 1); err != nil {
		return r, err
	}
	if r.EndLine, err = field("endLine", r.Line); err != nil {
		return r, err
	}
	if r.EndColumn, err = field("endColumn", r.Column); err != nil {
		return r, err
	}
	if r.Offset, err = field("offset", 0); err != nil {
		return r, err
	}
	if r.EndOffset, err = field("endOffset", r.Offset); err != nil {
		return r, err
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
func decodePath(v any) ([]any, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("want an array, got %s", typeName(v))
	}
	out := make([]any, len(list))
	for i, e := range list {
		switch x := e.(type) {
		case string:
			out[i] = x
		default:
			n, err := integer(e)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("element %d: want a key or an index ≥ 0, got %s", i, show(e))
			}
			out[i] = n
		}
	}
	return out, nil
}

// optString is the string at key, or "" when the key is absent.
func optString(m map[string]any, key string) (string, error) {
	raw, ok := m[key]
	if !ok {
		return "", nil
	}
	s, ok := raw.(string)
	if !ok {
		return "", fmt.Errorf("%s: want a string, got %s", key, show(raw))
	}
	return s, nil
}

// integer reads a whole number of a Rego result.
func integer(v any) (int, error) {
	var f float64
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil && n >= math.MinInt32 && n <= math.MaxInt32 {
			return int(n), nil
		}
		return 0, fmt.Errorf("want an integer, got %s", x)
	case float64:
		f = x
	case int:
		return x, nil
	default:
		return 0, fmt.Errorf("want an integer, got %s", show(v))
	}
	if f != math.Trunc(f) || f < math.MinInt32 || f > math.MaxInt32 {
		return 0, fmt.Errorf("want an integer, got %v", f)
	}
	return int(f), nil
}

func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number, float64, int:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// show is a short rendering of a value for an error message.
func show(v any) string {
	if v == nil {
		return "nothing"
	}
	b, err := json.Marshal(v)
	if err != nil || len(b) > 60 {
		return typeName(v)
	}
	return string(b)
}
