// Package compose reads Compose files into the "runtime" policy input
// (lint/container). The Compose specification's own loader
// (github.com/compose-spec/compose-go) gives the semantics: interpolation
// with defaults, extends, profiles, the short and long syntaxes; the source
// YAML (yaml.v3 nodes) gives the exact position of every setting.
//
// Loading is offline and deterministic: variables are interpolated from an
// empty environment (a variable without a default is unknown to the
// rules), env_file, label_file and include are not read, and extends may
// read only files under the linted file's directory.
package compose

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/template"
	"github.com/compose-spec/compose-go/v2/types"
	"go.yaml.in/yaml/v3"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/container"
)

// Parser parses Compose files. It implements lint.Parser.
type Parser struct{}

var _ lint.Parser = Parser{}

// Parse returns the Compose file as one runtime document. It never fails:
// a file that cannot be loaded has "errors" (RT000).
func (Parser) Parse(path string, src []byte) []lint.Document {
	m := container.NewModel(filepath.ToSlash(path), container.SourceCompose)
	lines := container.NewLines(src)
	func() {
		defer func() {
			if r := recover(); r != nil {
				m.Containers = m.Containers[:0]
				m.Errors = append(m.Errors, container.Message{
					Message: fmt.Sprintf("the Compose loader failed on this file: %v", r),
					Range:   container.Whole(src),
				})
			}
		}()
		parse(m, path, src, lines)
	}()
	return []lint.Document{container.NewDocument(m, src)}
}

// Override reports whether a Compose file name is an override of another
// file (compose.override.yaml, docker-compose.prod.yml): its services may
// take their other settings from the file they override.
func Override(path string) bool {
	stem := strings.TrimSuffix(strings.TrimSuffix(strings.ToLower(filepath.Base(path)), ".yaml"), ".yml")
	return strings.HasPrefix(stem, "compose.") || strings.HasPrefix(stem, "docker-compose.")
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

func parse(m *container.Model, path string, src []byte, lines *container.Lines) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		r := container.Whole(src)
		if sm := yamlLine.FindStringSubmatch(err.Error()); sm != nil {
			if n, err := strconv.Atoi(sm[1]); err == nil {
				start := lines.Offset(n, 1)
				r = lines.Range(start, lines.LineEnd(start))
			}
		}
		m.Errors = append(m.Errors, container.Message{Message: "invalid YAML: " + strings.TrimPrefix(err.Error(), "yaml: "), Range: r})
		return
	}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) > 0 {
		root = root.Content[0]
	}
	override := Override(path)
	project, err := load(path, src, root, lines, override, "")
	if err != nil {
		// Variables the empty environment leaves unset make typed settings
		// invalid (read_only: ${RO}, "${DIR}:/mnt"); Docker Compose would
		// load them with the variables set. Load again with every unset
		// variable "1": the settings they reach are unknown to the rules.
		for _, unset := range []string{"1", "true"} {
			if p, e := load(path, src, root, lines, true, unset); e == nil && unknownVar.Match(src) {
				project, err = p, nil
				break
			}
		}
	}
	if err != nil {
		m.Errors = append(m.Errors, container.Message{Message: errorText(err, path), Range: errorRange(err, root, lines)})
		return
	}
	services := mapping(root, "services")
	names := make([]string, 0, len(project.Services)+len(project.DisabledServices))
	all := map[string]types.ServiceConfig{}
	for name, s := range project.Services {
		names, all[name] = append(names, name), s
	}
	for name, s := range project.DisabledServices {
		names, all[name] = append(names, name), s
	}
	// File order, then by name for services from elsewhere.
	order := func(name string) int {
		if k, _ := entry(services, name); k != nil {
			return k.Line
		}
		return 1 << 30
	}
	slices.SortFunc(names, func(a, b string) int {
		if d := order(a) - order(b); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	for _, name := range names {
		key, node := entry(services, name)
		b := &builder{lines: lines, key: key, node: node}
		m.Containers = append(m.Containers, b.run(name, all[name], override))
	}
}

// load runs compose-go over the file's bytes.
func load(path string, src []byte, root *yaml.Node, lines *container.Lines, override bool, unset string) (*types.Project, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("compose: %w", err)
	}
	dir := filepath.Dir(abs)
	details := types.ConfigDetails{
		WorkingDir:  dir,
		ConfigFiles: []types.ConfigFile{{Filename: abs, Content: withoutVersion(src, root, lines)}},
		Environment: types.Mapping{},
	}
	return loader.LoadWithContext(context.Background(), details, func(o *loader.Options) {
		o.SetProjectName("hardline", true)
		o.SkipInclude = true
		o.SkipResolveEnvironment = true
		o.SkipResolveLabels = true
		o.ResolvePaths = false
		// Services of included files are not loaded: references to them
		// cannot be checked.
		inc, _ := entry(root, "include")
		o.SkipConsistencyCheck = override || inc != nil
		o.SkipValidation = override
		o.Profiles = []string{"*"}
		o.Interpolate.Substitute = substitute
		o.Interpolate.LookupValue = func(string) (string, bool) { return unset, unset != "" }
		o.ResourceLoaders = []loader.ResourceLoader{boundedLoader{root: dir}}
	})
}

// substitute interpolates without logging unset variables; a required
// variable (${VAR:?message}) is left as written, unknown to the rules.
func substitute(s string, m template.Mapping) (string, error) {
	out, err := template.SubstituteWithOptions(s, m, template.WithoutLogging)
	var missing *template.MissingRequiredError
	if errors.As(err, &missing) {
		return s, nil
	}
	return out, err
}

// withoutVersion blanks the obsolete top-level version: key, which the
// loader would warn about on the process's log.
func withoutVersion(src []byte, root *yaml.Node, lines *container.Lines) []byte {
	k, v := entry(root, "version")
	if k == nil || v == nil || v.Kind != yaml.ScalarNode || v.Line != k.Line {
		return src
	}
	out := slices.Clone(src)
	start := lines.Offset(k.Line, k.Column)
	for i := start; i < lines.LineEnd(start); i++ {
		out[i] = ' '
	}
	return out
}

// boundedLoader lets extends read local files under root only.
type boundedLoader struct{ root string }

func (l boundedLoader) abs(p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(l.root, p)
}

func (boundedLoader) Accept(string) bool { return true }

func (l boundedLoader) Load(_ context.Context, p string) (string, error) {
	abs := l.abs(p)
	target, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", fmt.Errorf("extends: cannot read %s", p)
	}
	root, err := filepath.EvalSymlinks(l.root)
	if err != nil {
		root = l.root
	}
	if rel, err := filepath.Rel(root, target); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("extends: %s is outside the directory of the linted file; hardline does not read it", p)
	}
	if info, err := os.Stat(target); err != nil || !info.Mode().IsRegular() {
		return "", fmt.Errorf("extends: cannot read %s", p)
	}
	return target, nil
}

func (l boundedLoader) Dir(p string) string { return filepath.Dir(l.abs(p)) }

// errorText is the loader's message with the absolute path of the file
// made the linted one.
func errorText(err error, path string) string {
	msg := err.Error()
	if abs, e := filepath.Abs(path); e == nil {
		msg = strings.ReplaceAll(msg, abs, filepath.ToSlash(path))
	}
	msg = strings.TrimPrefix(msg, "validating "+filepath.ToSlash(path)+": ")
	if m := falseSchema.FindStringSubmatch(msg); m != nil {
		// The schema allows no such key.
		return fmt.Sprintf("%s is not a Compose setting", m[1])
	}
	return msg
}

var (
	falseSchema = regexp.MustCompile(`^(\S+) false schema$`)
	serviceName = regexp.MustCompile(`service "([^"]+)"`)
)

var dotted = regexp.MustCompile(`\b(services|networks|volumes|secrets|configs)(\.[A-Za-z0-9_.\-\[\]]+)`)

// errorRange places a loader error at the deepest node of the dotted path
// its message names (services.web.ports), else on the first line.
func errorRange(err error, root *yaml.Node, lines *container.Lines) lint.Range {
	best := container.Whole(lines.Src())
	if r, ok := extendsRange(err, root, lines); ok {
		return r
	}
	sm := dotted.FindString(err.Error())
	for _, lm := range yamlLine.FindAllStringSubmatch(err.Error(), -1) {
		if n, e := strconv.Atoi(lm[1]); e == nil && n > 1 && sm == "" {
			start := lines.Offset(n, 1)
			for start < len(lines.Src()) && lines.Src()[start] == ' ' {
				start++
			}
			return lines.Range(start, lines.LineEnd(start))
		}
	}
	if m := serviceName.FindStringSubmatch(err.Error()); sm == "" && m != nil {
		if k, _ := entry(mapping(root, "services"), m[1]); k != nil {
			return keyRange(lines, k)
		}
	}
	if sm == "" {
		if strings.Contains(err.Error(), "services") {
			if k, _ := entry(root, "services"); k != nil {
				return keyRange(lines, k)
			}
		}
		return best
	}
	node := root
	for part := range strings.SplitSeq(strings.TrimRight(sm, "."), ".") {
		if node == nil {
			break
		}
		var k, v *yaml.Node
		switch node.Kind {
		case yaml.MappingNode:
			k, v = entry(node, part)
		case yaml.SequenceNode:
			if i, e := strconv.Atoi(strings.Trim(part, "[]")); e == nil && i >= 0 && i < len(node.Content) {
				k, v = node.Content[i], node.Content[i]
			}
		default:
		}
		if k == nil {
			break
		}
		best = keyRange(lines, k)
		node = v
	}
	return best
}

// entry returns the key and value nodes of key in a mapping node.
func entry(n *yaml.Node, key string) (k, v *yaml.Node) {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], resolve(n.Content[i+1])
		}
	}
	return nil, nil
}

// resolve follows an alias.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 10; i++ {
		n = n.Alias
	}
	return n
}

func mapping(n *yaml.Node, key string) *yaml.Node {
	_, v := entry(n, key)
	return v
}

// keyRange is the range of a scalar node (a key), to the end of its text.
func keyRange(lines *container.Lines, n *yaml.Node) lint.Range {
	start := lines.Offset(n.Line, n.Column)
	return lines.Range(start, scalarEnd(lines, start, n))
}

// scalarEnd is where the text of a scalar that starts at off ends on its
// line: after its closing quote, or before a comment or trailing blanks.
func scalarEnd(lines *container.Lines, off int, n *yaml.Node) int {
	src := lines.Src()
	end := lines.LineEnd(off)
	if off >= end {
		return off
	}
	switch src[off] {
	case '"':
		for i := off + 1; i < end; i++ {
			if src[i] == '\\' {
				i++
				continue
			}
			if src[i] == '"' {
				return i + 1
			}
		}
		return end
	case '\'':
		for i := off + 1; i < end; i++ {
			if src[i] == '\'' {
				if i+1 < end && src[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
		return end
	}
	if n != nil && n.Kind == yaml.ScalarNode && n.Style == 0 && off+len(n.Value) <= end && string(src[off:off+len(n.Value)]) == n.Value {
		return off + len(n.Value)
	}
	text := src[off:end]
	if i := bytes.Index(text, []byte(" #")); i >= 0 {
		text = text[:i]
	}
	for _, stop := range []string{": ", ", ", "}", "]"} {
		if i := bytes.Index(text, []byte(stop)); i >= 0 && n != nil && n.Kind == yaml.ScalarNode {
			text = text[:i]
		}
	}
	return off + len(bytes.TrimRight(text, " \t:"))
}

// extendsRange places an error about an extends at the file or service it
// names.
func extendsRange(err error, root *yaml.Node, lines *container.Lines) (lint.Range, bool) {
	msg := err.Error()
	if !strings.Contains(msg, "extend") {
		return lint.Range{}, false
	}
	services := mapping(root, "services")
	if services == nil || services.Kind != yaml.MappingNode {
		return lint.Range{}, false
	}
	for i := 0; i+1 < len(services.Content); i += 2 {
		k, ext := entry(resolve(services.Content[i+1]), "extends")
		if k == nil || ext == nil {
			continue
		}
		for _, name := range []string{"file", "service"} {
			if _, v := entry(ext, name); v != nil && v.Kind == yaml.ScalarNode && v.Value != "" && strings.Contains(msg, v.Value) {
				start := lines.Offset(v.Line, v.Column)
				return lines.Range(start, scalarEnd(lines, start, v)), true
			}
		}
		if ext.Kind == yaml.ScalarNode && strings.Contains(msg, fmt.Sprintf("%q", ext.Value)) {
			start := lines.Offset(ext.Line, ext.Column)
			return lines.Range(start, scalarEnd(lines, start, ext)), true
		}
	}
	return lint.Range{}, false
}
