// Package policies holds hardline's embedded Rego rules, the catalogue read
// from their METADATA blocks, and the compiler and sandbox they run in.
package policies

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/hardline-dev/hardline/lint/rule"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Catalog is a set of Rego modules and the rules their METADATA blocks
// describe.
type Catalog struct {
	// Rules are sorted by ID.
	Rules []rule.Rule
	// Tests are the sources of the _test.rego files by file name, parsed
	// only when the tests run: linting does not pay for them.
	Tests map[string]string

	// modules are the policy modules by file name, tests excluded.
	modules map[string]*module
	// reserved are the packages of the built-in policies, which other
	// policies may not define, extend or enclose.
	reserved []ast.Ref
}

// module is one policy file. A built-in module is parsed only when it is
// compiled: the catalogue needs only its package and METADATA, which come
// before the first rule. A user's module is parsed when loaded, so that
// its errors are reported whatever the run compiles.
type module struct {
	src     string
	builtin bool
	pkg     ast.Ref
	// parsed is the module of a user's file.
	parsed *ast.Module
}

// parse returns the module's syntax tree, parsed again for a built-in
// module. caps are OPA's capabilities, which the parser would otherwise
// build (and sort) for every file.
func (m *module) parse(file string, caps *ast.Capabilities) (*ast.Module, error) {
	if m.parsed != nil {
		return m.parsed, nil
	}
	mod, err := ast.ParseModuleWithOpts(file, m.src, ast.ParserOptions{RegoVersion: ast.RegoV1, Capabilities: caps})
	if err != nil {
		return nil, fmt.Errorf("parse policy: %w", err)
	}
	return mod, nil
}

var (
	idPattern   = regexp.MustCompile(`^[A-Z]{2,}[0-9]{3}$`)
	namePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	kindPattern = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
)

// Builtin loads the embedded rules.
func Builtin() (*Catalog, error) {
	c, err := Load(Files, "", true)
	if err != nil {
		return nil, fmt.Errorf("load built-in policies: %w", err)
	}
	return c, nil
}

// Load reads every .rego file of fsys (tests are kept as source) and the
// METADATA of every package under rules. Files are named root/path (root
// may be empty). Errors name the file and line. The files of a catalogue
// of built-in policies are parsed up to their package line (the METADATA
// of a package comes before it) and in full only when compiled; other
// files are parsed in full now.
func Load(fsys fs.FS, root string, builtin bool) (*Catalog, error) {
	c := &Catalog{modules: map[string]*module{}, Tests: map[string]string{}}
	caps := ast.CapabilitiesForThisVersion()
	var errs []error
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Ext(p) != ".rego" {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("read policy: %w", err)
		}
		if root != "" {
			p = path.Join(root, p)
		}
		if strings.HasSuffix(p, "_test.rego") {
			c.Tests[p] = string(src)
			return nil
		}
		text := string(src)
		if builtin {
			text = header(text)
		}
		m, err := ast.ParseModuleWithOpts(p, text, ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1, Capabilities: caps})
		if err != nil {
			errs = append(errs, fmt.Errorf("parse policy: %w", err))
			return nil
		}
		c.modules[p] = &module{src: string(src), builtin: builtin, pkg: m.Package.Path}
		if !builtin {
			c.modules[p].parsed = m
		}
		rule, ok, err := ruleOf(p, m)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		if ok {
			rule.Builtin = builtin
			c.Rules = append(c.Rules, rule)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := c.sortAndCheck(); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if builtin {
		for _, m := range c.modules {
			c.reserved = append(c.reserved, m.pkg)
		}
	}
	return c, nil
}

// header is the start of a Rego module up to its package line: the
// comments before it (METADATA blocks of the package among them) and the
// package statement. It is the whole source when no line starts with
// "package ".
func header(src string) string {
	for off := 0; off < len(src); {
		end := strings.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		line := strings.TrimSpace(src[off : off+end])
		off += end + 1
		if strings.HasPrefix(line, "package ") {
			return src[:min(off, len(src))]
		}
	}
	return src
}

// Merge adds other's modules and rules to c. Rule IDs and names must not
// clash, and other may not define hardline's packages (see checkReserved).
func (c *Catalog) Merge(other *Catalog) error {
	if err := c.checkReserved(other); err != nil {
		return err
	}
	for name, m := range other.modules {
		if _, dup := c.modules[name]; dup {
			return fmt.Errorf("policy file %s is loaded twice", name)
		}
		c.modules[name] = m
	}
	for name, m := range other.Tests {
		c.Tests[name] = m
	}
	c.Rules = append(c.Rules, other.Rules...)
	return c.sortAndCheck()
}

// checkReserved refuses modules of other that would change what the
// built-in policies report: a package under data.hardline (the engine's
// own queries and data.hardline.config), or a package that is, extends or
// encloses a package of the built-in policies (lib.dockerfile,
// rules.kubernetes.KS006, rules.kubernetes, lib, ...). Rule IDs of built-in
// rules are refused by the ID check of sortAndCheck.
func (c *Catalog) checkReserved(other *Catalog) error {
	hardline := ast.MustParseRef("data.hardline")
	caps := ast.CapabilitiesForThisVersion()
	var errs []error
	check := func(name string, pkg *ast.Package) {
		reserved := pkg.Path.HasPrefix(hardline)
		for _, r := range c.reserved {
			reserved = reserved || pkg.Path.HasPrefix(r) || r.HasPrefix(pkg.Path)
		}
		if reserved {
			errs = append(errs, fmt.Errorf("%s:%d: package %s is %w", name, pkg.Location.Row,
				strings.TrimPrefix(pkg.Path.String(), "data."), ErrReserved))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(other.modules)) {
		m, err := other.modules[name].parse(name, caps)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		check(name, m.Package)
	}
	for _, name := range slices.Sorted(maps.Keys(other.Tests)) {
		m, err := ast.ParseModuleWithOpts(name, other.Tests[name], ast.ParserOptions{RegoVersion: ast.RegoV1, Capabilities: caps})
		if err != nil {
			errs = append(errs, fmt.Errorf("parse policy: %w", err))
			continue
		}
		check(name, m.Package)
	}
	builtin := map[string]string{}
	for _, r := range c.Rules {
		if r.Builtin {
			builtin[r.ID] = r.File
		}
	}
	for _, r := range other.Rules {
		if _, ok := builtin[r.ID]; ok {
			errs = append(errs, fmt.Errorf("%s: rule ID %s (package %s) is %w", r.File, r.ID, r.Package, ErrReserved))
		}
	}
	return errors.Join(errs...)
}

func (c *Catalog) sortAndCheck() error {
	slices.SortFunc(c.Rules, func(a, b rule.Rule) int { return cmp.Compare(a.ID, b.ID) })
	var errs []error
	names := map[string]rule.Rule{}
	for i, r := range c.Rules {
		if i > 0 && c.Rules[i-1].ID == r.ID {
			errs = append(errs, fmt.Errorf("%s: rule ID %s is already defined in %s", r.File, r.ID, c.Rules[i-1].File))
		}
		if prev, dup := names[r.Name]; dup {
			errs = append(errs, fmt.Errorf("%s: rule name %s is already used by %s", r.File, r.Name, prev.ID))
		}
		names[r.Name] = r
	}
	return errors.Join(errs...)
}

// Lookup finds a rule by ID or name, ignoring case.
func (c *Catalog) Lookup(idOrName string) (rule.Rule, bool) {
	for _, r := range c.Rules {
		if strings.EqualFold(r.ID, idOrName) || strings.EqualFold(r.Name, idOrName) {
			return r, true
		}
	}
	return rule.Rule{}, false
}

// ruleOf reads the rule a module defines. Modules outside the rules
// package tree (helpers) define none.
func ruleOf(file string, m *ast.Module) (rule.Rule, bool, error) {
	pkg := m.Package.Path
	if len(pkg) < 2 || !pkg[1].Equal(ast.InternedTerm("rules")) {
		return rule.Rule{}, false, nil
	}
	line := m.Package.Location.Row
	fail := func(format string, args ...any) (rule.Rule, bool, error) {
		return rule.Rule{}, false, fmt.Errorf("%s:%d: %s", file, line, fmt.Sprintf(format, args...))
	}
	if len(pkg) != 4 {
		return fail("package %s: a rule's package is rules.<input>.<ID>", pkg)
	}
	input, okInput := stringTerm(pkg[2])
	id, okID := stringTerm(pkg[3])
	if !okInput || !okID {
		return fail("package %s: a rule's package is rules.<input>.<ID>", pkg)
	}
	var a *ast.Annotations
	for _, ann := range m.Annotations {
		if ann.Scope == "package" {
			a = ann
		}
	}
	if a == nil {
		return fail("rule %s has no package METADATA block", id)
	}
	r := rule.Rule{Package: strings.TrimPrefix(pkg.String(), "data."), File: file, Title: a.Title, Description: a.Description}
	custom := a.Custom
	r.ID = str(custom, "id")
	r.Name = str(custom, "name")
	r.Input = rule.Input(str(custom, "input"))
	r.Remediation = str(custom, "remediation")
	r.Why = str(custom, "why")
	r.Bad = str(custom, "bad")
	r.Good = str(custom, "good")
	r.FixReason = str(custom, "fix_reason")
	r.Levels = strs(custom, "levels")
	r.References = strs(custom, "references")
	r.Tags = strs(custom, "tags")
	r.Objects = strs(custom, "objects")
	switch {
	case r.Title == "":
		return fail("rule %s: METADATA needs a title", id)
	case r.ID != id:
		return fail("rule %s: METADATA custom.id is %q, want the package's last segment %q", id, r.ID, id)
	case !idPattern.MatchString(r.ID):
		return fail("rule ID %q: want two or more capital letters and three digits, such as DF001", r.ID)
	case !namePattern.MatchString(r.Name):
		return fail("rule %s: METADATA custom.name %q must be kebab-case", id, r.Name)
	case string(r.Input) != input:
		return fail("rule %s: METADATA custom.input is %q, want the package's input segment %q", id, r.Input, input)
	}
	switch r.Input {
	case rule.InputDockerfile, rule.InputKubernetes, rule.InputImage, rule.InputManifests, rule.InputRuntime:
	default:
		return fail("rule %s: unknown input %q (want dockerfile, kubernetes, image, manifests or runtime)", id, r.Input)
	}
	if str(custom, "severity") == "" {
		return fail("rule %s: METADATA needs custom.severity (info, warning or error)", id)
	}
	sev, err := rule.ParseSeverity(str(custom, "severity"))
	if err != nil {
		return fail("rule %s: %v", id, err)
	}
	r.Severity = sev
	if f := str(custom, "fix"); f != "" {
		if r.Fix, err = rule.ParseApplicability(f); err != nil {
			return fail("rule %s: %v", id, err)
		}
	}
	switch v := custom["security_severity"].(type) {
	case nil:
	case string:
		if strings.TrimSpace(v) != "none" {
			return fail("rule %s: custom.security_severity %q: want a number from 0.1 to 10.0, or none", id, v)
		}
		r.NotSecurity = true
	case float64:
		if v < 0.1 || v > 10 {
			return fail("rule %s: custom.security_severity %v: want a number from 0.1 to 10.0, or none", id, v)
		}
		r.SecuritySeverity = v
	case int:
		if v < 1 || v > 10 {
			return fail("rule %s: custom.security_severity %v: want a number from 0.1 to 10.0, or none", id, v)
		}
		r.SecuritySeverity = float64(v)
	default:
		return fail("rule %s: custom.security_severity: want a number from 0.1 to 10.0, or none", id)
	}
	switch r.Precision = str(custom, "precision"); r.Precision {
	case "", rule.PrecisionHigh, rule.PrecisionMedium, rule.PrecisionLow:
	default:
		return fail("rule %s: custom.precision %q: want high, medium or low", id, r.Precision)
	}
	switch custom["objects"].(type) {
	case nil, string, []any:
	default:
		return fail("rule %s: custom.objects: want a list of kinds", id)
	}
	if len(r.Objects) > 0 && r.Input != rule.InputManifests {
		return fail("rule %s: custom.objects is for rules over every manifest (input: manifests)", id)
	}
	for _, o := range r.Objects {
		if o != rule.ObjectsWithPods && !kindPattern.MatchString(o) {
			return fail("rule %s: custom.objects %q: want a kind as written in manifests, such as NetworkPolicy, or %s", id, o, rule.ObjectsWithPods)
		}
	}
	for _, l := range r.Levels {
		if l != "baseline" && l != "restricted" {
			return fail("rule %s: unknown level %q (want baseline or restricted)", id, l)
		}
	}
	return r, true, nil
}

func stringTerm(t *ast.Term) (string, bool) {
	s, ok := t.Value.(ast.String)
	return string(s), ok
}

func str(m map[string]any, key string) string {
	switch v := m[key].(type) {
	case string:
		return strings.TrimSpace(v)
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

func strs(m map[string]any, key string) []string {
	switch v := m[key].(type) {
	case []any:
		out := make([]string, 0, len(v))
		for _, e := range v {
			out = append(out, fmt.Sprint(e))
		}
		return out
	case string:
		return []string{v}
	}
	return nil
}
