// Package render lints Helm charts and Kustomize overlays as the cluster
// would receive them: rendered in-process, with every finding placed in the
// file people edit (a template, a resource, a patch, a chart's values) and
// fixes offered as edits of those files where that is safe.
package render

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hardline-dev/hardline/lint/rule"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/hardline-dev/hardline/lint"
)

// How a finding on rendered output was placed.
const (
	// MapSource: at the key as written in a template, resource or patch.
	MapSource = "source"
	// MapValues: at the key of the chart's values file the value came from.
	MapValues = "values"
	// MapObject: at the start of the object in its template or resource,
	// with the rendered object named in the message.
	MapObject = "object"
)

// MaxOutput bounds the rendered text of one chart or overlay.
const MaxOutput = 32 << 20

// Location is where a finding on rendered output is shown.
type Location struct {
	File    string
	Range   lint.Range
	Mapping string
}

// Mapper places rendered objects in their sources.
type Mapper interface {
	// Map returns where the node at path of rendered document doc is
	// written.
	Map(doc int, path []any) Location
	// FixEdits turns the YAML intents of a fix on rendered document doc
	// into edits of source files, or says why it cannot.
	FixEdits(doc int, ins []lint.Intent) ([]lint.Edit, error)
}

// Doc is one rendered object.
type Doc struct {
	// StartLine and EndLine are the lines of the rendered text it spans.
	StartLine, EndLine int
	// Name is "Kind/name" of the rendered object.
	Name string
	// Note is added to every finding's message ("helm test hook").
	Note string
}

// Unit is one rendered chart release or overlay.
type Unit struct {
	// What is "Helm chart" or "kustomization".
	What string
	// Dir is the chart or overlay directory, slash-separated.
	Dir string
	// Rendered is the rendered YAML stream; Docs its objects in order.
	Rendered []byte
	Docs     []Doc
	// Findings are problems rendering (KS000) at the source they concern.
	Findings []lint.Finding
	Notices  []lint.Notice
	// Files are the source files the unit read, slash-separated.
	Files  []string
	Mapper Mapper
	// Read returns a source file's content as rendered (for fingerprints).
	Read func(path string) ([]byte, error)
}

// ErrNoSourceFix says a fix cannot be made an edit of a source file.
var ErrNoSourceFix = errors.New("no source edit")

// Linter lints documents; *lint.Engine implements it.
type Linter interface {
	Lint(ctx context.Context, srcs []lint.Source) (*lint.Report, error)
	// Rules are the rules that run, with their configured severities.
	Rules() []rule.Rule
}

// Lint lints the rendered output of u and returns the report with every
// finding placed in a source file.
func Lint(ctx context.Context, l Linter, u *Unit) (*lint.Report, error) {
	rep := &lint.Report{}
	var err error
	if len(u.Rendered) > 0 {
		rep, err = l.Lint(ctx, []lint.Source{{Path: u.Dir, Kind: lint.KindYAML, Src: u.Rendered, Intents: true}})
		if rep == nil {
			return nil, err
		}
	}
	rep.Files = len(u.Files)
	hashes := map[string][]string{}
	var mapped []lint.Finding
	for _, f := range rep.Findings {
		mapped = append(mapped, u.place(f, hashes))
	}
	rules := l.Rules()
	if len(rep.Rules) == 0 {
		rep.Rules = rules
	}
	for _, f := range u.Findings {
		// Render errors follow KS000's configuration.
		i := slices.IndexFunc(rules, func(r rule.Rule) bool { return r.ID == f.RuleID })
		if i < 0 {
			continue
		}
		f.Name, f.Severity = rules[i].Name, rules[i].Severity
		f.Fingerprint = u.lineHash(hashes, f.File, f.Range.Line)
		mapped = append(mapped, f)
	}
	rep.Findings = mapped
	lint.SortFindings(rep.Findings)
	for i, n := range rep.Notices {
		if n.File == u.Dir {
			rep.Notices[i].Message = "rendered: " + n.Message
		}
	}
	rep.Notices = append(rep.Notices, u.Notices...)
	return rep, err
}

// docAt returns the index of the rendered document holding line, or -1.
func (u *Unit) docAt(line int) int {
	i, found := slices.BinarySearchFunc(u.Docs, line, func(d Doc, l int) int {
		switch {
		case d.EndLine < l:
			return -1
		case d.StartLine > l:
			return 1
		}
		return 0
	})
	if !found {
		return -1
	}
	return i
}

// place moves a finding on the rendered text to its source.
func (u *Unit) place(f lint.Finding, hashes map[string][]string) lint.Finding {
	doc := u.docAt(f.Range.Line)
	if doc < 0 {
		// Not on an object (a stream-level problem): the directory.
		f.File, f.Mapping = u.Dir, MapObject
		f.Fixes = displayOnly(f.Fixes, "")
		return f
	}
	d := u.Docs[doc]
	path := nodePath(u.Rendered, d, f.Range.Line, f.Range.Column)
	loc := u.Mapper.Map(doc, path)
	f.File, f.Range, f.Mapping = loc.File, loc.Range, loc.Mapping
	if loc.Mapping == MapObject {
		f.Message += fmt.Sprintf(" (in the rendered %s)", d.Name)
	}
	if d.Note != "" {
		f.Message += " (" + d.Note + ")"
	}
	var fixes []lint.Fix
	for _, fix := range f.Fixes {
		fixes = append(fixes, u.sourceFix(doc, fix))
	}
	f.Fixes = fixes
	f.Fingerprint = u.lineHash(hashes, f.File, f.Range.Line)
	return f
}

// sourceFix turns a fix on the rendered text into edits of sources, or
// into a display fix saying what to change.
func (u *Unit) sourceFix(doc int, fix lint.Fix) lint.Fix {
	if len(fix.Edits) == 0 {
		return fix
	}
	if len(fix.Intents) > 0 {
		if edits, err := u.Mapper.FixEdits(doc, fix.Intents); err == nil && len(edits) > 0 {
			fix.Edits = edits
			return fix
		}
	}
	return displayOnly([]lint.Fix{fix}, u.Docs[doc].Name)[0]
}

// displayOnly makes fixes display fixes that say what to set.
func displayOnly(fixes []lint.Fix, object string) []lint.Fix {
	out := make([]lint.Fix, 0, len(fixes))
	for _, fix := range fixes {
		if len(fix.Edits) > 0 {
			var b strings.Builder
			for _, in := range fix.Intents {
				fmt.Fprintf(&b, "%s %s", in.Op, PathString(in.Path))
				switch in.Op {
				case "set":
					fmt.Fprintf(&b, ": %s", valueText(in.Value))
				case "add_to_list":
					fmt.Fprintf(&b, ": %s", valueText(in.Values))
				}
				b.WriteString("\n")
			}
			if b.Len() == 0 {
				for _, e := range fix.Edits {
					b.WriteString(e.NewText)
				}
			}
			where := "in the rendered output"
			if object != "" {
				where = "in the rendered " + object
			}
			fix.Display = fmt.Sprintf("%s (change the template, values or patch that produce it):\n%s", where, b.String())
			fix.Edits = nil
			fix.Applicability = rule.ApplicabilityDisplay
		}
		out = append(out, fix)
	}
	return out
}

// valueText writes a fix's value as YAML flow text.
func valueText(v any) string {
	switch v.(type) {
	case []any, map[string]any:
		if b, err := json.Marshal(v); err == nil {
			return string(b)
		}
	}
	out, err := yaml.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSpace(string(out))
}

// PathString writes a path as a.b[0].c.
func PathString(path []any) string {
	var b strings.Builder
	for _, p := range path {
		if i, ok := p.(int); ok {
			fmt.Fprintf(&b, "[%d]", i)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		fmt.Fprint(&b, p)
	}
	return b.String()
}

func (u *Unit) lineHash(cache map[string][]string, file string, line int) string {
	h, ok := cache[file]
	if !ok {
		if u.Read != nil {
			if src, err := u.Read(file); err == nil {
				h = lint.LineHashes(src)
			}
		}
		cache[file] = h
	}
	if line >= 1 && line <= len(h) {
		return h[line-1]
	}
	return ""
}

// nodePath returns the path, from the object root, of the deepest node of
// rendered document d that starts at or before line:col.
func nodePath(rendered []byte, d Doc, line, col int) []any {
	text := linesOf(rendered, d.StartLine, d.EndLine)
	var root yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(text)).Decode(&root); err != nil || len(root.Content) == 0 {
		return nil
	}
	line -= d.StartLine - 1
	before := func(n *yaml.Node) bool { return n.Line < line || n.Line == line && n.Column <= col }
	var path []any
	n := root.Content[0]
	for range 100 {
		switch n.Kind {
		case yaml.MappingNode:
			next := -1
			for i := 0; i+1 < len(n.Content); i += 2 {
				if before(n.Content[i]) {
					next = i
				}
			}
			if next < 0 {
				return path
			}
			path = append(path, n.Content[next].Value)
			v := n.Content[next+1]
			if v.Kind == yaml.ScalarNode || !before(v) && v.Line != line {
				return path
			}
			n = v
		case yaml.SequenceNode:
			next := -1
			for i, item := range n.Content {
				if before(item) || item.Line == line {
					next = i
				}
			}
			if next < 0 {
				return path
			}
			path = append(path, next)
			n = n.Content[next]
		default:
			return path
		}
	}
	return path
}

// linesOf returns lines [from, to] (1-based) of text.
func linesOf(text []byte, from, to int) []byte {
	var b bytes.Buffer
	i := 0
	for l := range bytes.Lines(text) {
		i++
		if i > to {
			break
		}
		if i >= from {
			b.Write(l)
		}
	}
	return b.Bytes()
}

// MaxFileBytes is the size past which a file of a chart or an overlay is
// not read.
const MaxFileBytes = 8 << 20

// ReadFile reads a file of a chart or an overlay by its slash-separated
// path, at most MaxFileBytes of it.
func ReadFile(p string) ([]byte, error) {
	return readBounded(filepath.FromSlash(p), MaxFileBytes)
}

// readBounded reads a file of at most limit bytes: only a regular file,
// opened without blocking (a FIFO in a chart would hang the run).
func readBounded(path string, limit int64) ([]byte, error) {
	b, err := lint.ReadFile(path, limit)
	var tooLarge *lint.TooLargeError
	if errors.As(err, &tooLarge) {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, limit)
	}
	return b, err
}

// ErrorFinding is a KS000 finding at a file and line.
func ErrorFinding(file string, line int, msg string) lint.Finding {
	line = max(line, 1)
	return lint.Finding{
		RuleID: "KS000", Name: "invalid-manifest", Severity: rule.SeverityError,
		Message: msg, File: file, Mapping: MapSource,
		Range: lint.Range{Line: line, Column: 1, EndLine: line, EndColumn: 1},
	}
}

// Merge adds o to r.
func Merge(r, o *lint.Report) {
	r.Findings = append(r.Findings, o.Findings...)
	r.Notices = append(r.Notices, o.Notices...)
	r.Files += o.Files
	r.Documents += o.Documents
	if len(r.Rules) == 0 {
		r.Rules = o.Rules
	}
	lint.SortFindings(r.Findings)
	slices.SortFunc(r.Notices, func(a, b lint.Notice) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Message, b.Message))
	})
	r.Notices = slices.Compact(r.Notices)
}
