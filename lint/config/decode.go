package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/hardline-dev/hardline/lint/rule"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/hardline-dev/hardline/lint"
)

// field is one key of the configuration and how its value is read.
type field struct {
	key    string
	decode func(d *decoder, key, value *yaml.Node)
}

// fields are the configuration's keys, in the order the documentation
// lists them.
func fields() []field {
	return []field{
		{"disable", func(d *decoder, k, v *yaml.Node) { d.c.Disable = d.ruleList(k.Value, v) }},
		{"enable", func(d *decoder, k, v *yaml.Node) { d.c.Enable = d.ruleList(k.Value, v) }},
		{"severity", (*decoder).severity},
		{"fail-on", func(d *decoder, k, v *yaml.Node) { d.c.FailOn = d.enum(k.Value, v, checkFailOn) }},
		{"profile", func(d *decoder, k, v *yaml.Node) { d.c.Profile = d.enum(k.Value, v, checkProfile) }},
		{"trusted-registries", func(d *decoder, k, v *yaml.Node) {
			d.c.TrustedRegistries = d.list(k.Value, v, checkRegistry)
		}},
		{"allowed-capabilities", func(d *decoder, k, v *yaml.Node) {
			d.c.AllowedCapabilities = d.list(k.Value, v, checkCapability)
		}},
		{"kube-version", func(d *decoder, k, v *yaml.Node) {
			if s, ok := d.str(k.Value, v); ok {
				if d.check(v, checkKubeVersion(s)) {
					d.c.KubeVersion = s
				}
			}
		}},
		{"exclude", func(d *decoder, k, v *yaml.Node) { d.c.Exclude = d.list(k.Value, v, checkPattern) }},
		{"policies", func(d *decoder, k, v *yaml.Node) { d.c.Policies = d.list(k.Value, v, checkNonEmpty) }},
		{"max-file-size", func(d *decoder, k, v *yaml.Node) { d.c.MaxFileSize = d.checked(k.Value, v, checkSize) }},
		{"timeout", func(d *decoder, k, v *yaml.Node) { d.c.Timeout = d.checked(k.Value, v, checkDuration) }},
		{"file-timeout", func(d *decoder, k, v *yaml.Node) { d.c.FileTimeout = d.checked(k.Value, v, checkDuration) }},
		{"workloads", (*decoder).workloads},
	}
}

// Keys returns the keys a configuration file may hold.
func Keys() []string {
	fs := fields()
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.key
	}
	return keys
}

// decoder reads a configuration from YAML nodes, collecting every error.
type decoder struct {
	file string
	c    *Config
	errs []*lint.PosError
}

func (d *decoder) errorAt(n *yaml.Node, err error) {
	d.errs = append(d.errs, &lint.PosError{File: d.file, Line: max(n.Line, 1), Col: max(n.Column, 1), Err: err})
}

// check records err, if any, at n and reports whether there was none.
func (d *decoder) check(n *yaml.Node, err error) bool {
	if err != nil {
		d.errorAt(n, err)
		return false
	}
	return true
}

func (d *decoder) decode(src []byte) {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if !errors.Is(err, io.EOF) {
			d.syntaxError(err)
		}
		return
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		d.syntaxError(err)
	case !isEmpty(&next):
		d.errorAt(&next, errorf(ErrSyntax, "want one YAML document, found a second one"))
	}
	if len(doc.Content) == 0 {
		return
	}
	root := doc.Content[0]
	m := resolve(root)
	if isNull(m) {
		return
	}
	if m.Kind != yaml.MappingNode {
		d.errorAt(root, errorf(ErrType, "want a mapping of settings, got %s", describe(m)))
		return
	}
	byKey := map[string]field{}
	for _, f := range fields() {
		byKey[f.key] = f
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if rk := resolve(k); rk.Kind != yaml.ScalarNode {
			d.errorAt(k, errorf(ErrType, "want a key, got %s", describe(rk)))
			continue
		}
		key := resolve(k).Value
		if first, dup := seen[key]; dup {
			d.errorAt(k, errorf(ErrDuplicateKey, "duplicate key %q (first at line %d)", key, first.Line))
			continue
		}
		seen[key] = k
		f, ok := byKey[key]
		if !ok {
			d.errorAt(k, unknownKey(key))
			continue
		}
		f.decode(d, k, v)
	}
}

func unknownKey(key string) error {
	keys := Keys()
	if s := closest(key, keys); s != "" {
		return errorf(ErrUnknownKey, "unknown key %q (did you mean %q?)", key, s)
	}
	return errorf(ErrUnknownKey, "unknown key %q (want one of %s)", key, strings.Join(keys, ", "))
}

// syntaxError records a yaml.v3 parse error. yaml.v3 gives only a line
// ("yaml: line 3: did not find expected key"), so the column is 1.
func (d *decoder) syntaxError(err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if num, text, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil && n > 0 {
				line, msg = n, text
			}
		}
	}
	d.errs = append(d.errs, &lint.PosError{File: d.file, Line: line, Col: 1, Err: errorf(ErrSyntax, "invalid YAML: %s", msg)})
}

// str reads a string value. A null value reads as "", false with no
// error: the key is as good as absent.
func (d *decoder) str(key string, n *yaml.Node) (string, bool) {
	r := resolve(n)
	if isNull(r) {
		return "", false
	}
	if !isString(r) {
		d.errorAt(n, errorf(ErrType, "%s: want a string, got %s", key, describe(r)))
		return "", false
	}
	return r.Value, true
}

// checked reads a string value (or a number, for sizes) checked by check.
func (d *decoder) checked(key string, n *yaml.Node, check func(key, value string) error) string {
	r := resolve(n)
	if r.Kind == yaml.ScalarNode && (r.Tag == "!!int" || r.Tag == "!!float") {
		if d.check(n, check(key, r.Value)) {
			return r.Value
		}
		return ""
	}
	s, ok := d.str(key, n)
	if !ok || !d.check(n, check(key, strings.TrimSpace(s))) {
		return ""
	}
	return strings.TrimSpace(s)
}

// enum reads a string value checked by check after trimming and
// lower-casing it.
func (d *decoder) enum(key string, n *yaml.Node, check func(string) error) string {
	s, ok := d.str(key, n)
	if !ok {
		return ""
	}
	s = strings.ToLower(strings.TrimSpace(s))
	if !d.check(n, check(s)) {
		return ""
	}
	return s
}

// list reads a list of strings, checking each with check. A null value is
// nil; an empty list is empty and not nil.
func (d *decoder) list(key string, n *yaml.Node, check func(key, value string) error) []string {
	r := resolve(n)
	if isNull(r) {
		return nil
	}
	if r.Kind != yaml.SequenceNode {
		msg := fmt.Sprintf("%s: want a list of strings, got %s", key, describe(r))
		if isString(r) {
			msg += fmt.Sprintf(" (write [%s])", r.Value)
		}
		d.errorAt(n, errorf(ErrType, "%s", msg))
		return nil
	}
	out := make([]string, 0, len(r.Content))
	for _, item := range r.Content {
		ri := resolve(item)
		if !isString(ri) {
			d.errorAt(item, errorf(ErrType, "%s: want a string, got %s", key, describe(ri)))
			continue
		}
		if d.check(item, check(key, ri.Value)) {
			out = append(out, ri.Value)
		}
	}
	return out
}

// ruleList reads a list of rule IDs or names, remembering where each was
// written for CheckRules.
func (d *decoder) ruleList(key string, n *yaml.Node) []string {
	out := d.list(key, n, checkNonEmpty)
	r := resolve(n)
	if r.Kind != yaml.SequenceNode {
		return out
	}
	for _, item := range r.Content {
		if ri := resolve(item); isString(ri) {
			d.remember(key, ri.Value, item)
		}
	}
	return out
}

func (d *decoder) remember(key, value string, n *yaml.Node) {
	e := entry{key, value}
	if _, ok := d.c.pos[e]; !ok {
		d.c.pos[e] = position{line: n.Line, col: n.Column}
	}
}

// severity reads the mapping of rule IDs or names to severities.
func (d *decoder) severity(k, n *yaml.Node) {
	key := k.Value
	r := resolve(n)
	if isNull(r) {
		return
	}
	if r.Kind != yaml.MappingNode {
		d.errorAt(n, errorf(ErrType, "%s: want a mapping of rule ID or name to severity, got %s", key, describe(r)))
		return
	}
	d.c.Severity = map[string]rule.Severity{}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(r.Content); i += 2 {
		rk, rv := r.Content[i], r.Content[i+1]
		kr := resolve(rk)
		if !isString(kr) {
			d.errorAt(rk, errorf(ErrType, "%s: want a rule ID or name, got %s", key, describe(kr)))
			continue
		}
		name := kr.Value
		if !d.check(rk, checkSeverityKey(name)) {
			continue
		}
		if first, dup := seen[strings.ToLower(name)]; dup {
			d.errorAt(rk, errorf(ErrDuplicateKey, "%s: duplicate key %q (first at line %d)", key, name, first.Line))
			continue
		}
		seen[strings.ToLower(name)] = rk
		d.remember(key, name, rk)
		s, ok := d.str(key+": "+name, rv)
		if !ok {
			if isNull(resolve(rv)) {
				d.errorAt(rv, errorf(ErrType, "%s: %s: want a severity (info, warning or error), got nothing", key, name))
			}
			continue
		}
		sev, err := rule.ParseSeverity(s)
		if err != nil {
			d.errorAt(rv, badValue(key+": "+name, s, severityNames()))
			continue
		}
		d.c.Severity[name] = sev
	}
}

// resolve follows aliases to the node they stand for.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// isString reports whether n is a scalar that reads as a string: strings
// and numbers (kube-version: 1.34), not booleans or nulls.
func isString(n *yaml.Node) bool {
	if n.Kind != yaml.ScalarNode {
		return false
	}
	switch n.ShortTag() {
	case "!!null", "!!bool":
		return false
	}
	return true
}

// isEmpty reports whether a document node holds nothing (a lone "---").
func isEmpty(doc *yaml.Node) bool {
	return len(doc.Content) == 0 || isNull(resolve(doc.Content[0]))
}

// describe names a node's type for error messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			return "nothing"
		case "!!bool":
			return "a boolean"
		case "!!int", "!!float":
			return "a number"
		}
		return "a string"
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	return "an unknown node"
}

// workloads reads the list of further workload kinds and where they keep
// their pod spec.
func (d *decoder) workloads(k, n *yaml.Node) {
	key := k.Value
	r := resolve(n)
	if isNull(r) {
		return
	}
	if r.Kind != yaml.SequenceNode {
		d.errorAt(n, errorf(ErrType, "%s: want a list of {kind, apiVersion, podSpec, metadata}, got %s", key, describe(r)))
		return
	}
	seen := map[[2]string]*yaml.Node{}
	for _, item := range r.Content {
		m := resolve(item)
		if m.Kind != yaml.MappingNode {
			d.errorAt(item, errorf(ErrType, "%s: want a mapping with kind and podSpec, got %s", key, describe(m)))
			continue
		}
		var w Workload
		ok := true
		fieldsSeen := map[string]bool{}
		for i := 0; i+1 < len(m.Content); i += 2 {
			fk, fv := resolve(m.Content[i]), m.Content[i+1]
			name := fk.Value
			if fieldsSeen[name] {
				d.errorAt(fk, errorf(ErrDuplicateKey, "%s: duplicate key %q", key, name))
				ok = false
				continue
			}
			fieldsSeen[name] = true
			var target *string
			var check func(string) error
			switch name {
			case "kind":
				target, check = &w.Kind, checkKind
			case "apiVersion":
				target, check = &w.APIVersion, checkAPIVersion
			case "podSpec":
				target, check = &w.PodSpec, checkFieldPath
			case "metadata":
				target, check = &w.Metadata, checkFieldPath
			default:
				d.errorAt(fk, errorf(ErrUnknownKey, "%s: unknown key %q (want kind, apiVersion, podSpec or metadata)", key, name))
				ok = false
				continue
			}
			s, isStr := d.str(key+": "+name, fv)
			if !isStr || !d.check(fv, check(s)) {
				ok = false
				continue
			}
			*target = s
		}
		for _, req := range [...]struct{ name, value string }{{"kind", w.Kind}, {"podSpec", w.PodSpec}} {
			if ok && req.value == "" {
				d.errorAt(item, errorf(ErrValue, "%s: %s is missing", key, req.name))
				ok = false
			}
		}
		if !ok {
			continue
		}
		id := [2]string{w.APIVersion, w.Kind}
		if first, dup := seen[id]; dup {
			d.errorAt(item, errorf(ErrDuplicateKey, "%s: kind %q is listed twice (first at line %d)", key, w.Kind, first.Line))
			continue
		}
		seen[id] = item
		d.c.Workloads = append(d.c.Workloads, w)
	}
}

func checkKind(s string) error {
	if s == "" || strings.ContainsAny(s, " ./") {
		return errorf(ErrValue, "workloads: kind %q is not a Kubernetes kind", s)
	}
	return nil
}

func checkAPIVersion(s string) error {
	if s == "" || strings.Count(s, "/") > 1 || strings.ContainsAny(s, " ") {
		return errorf(ErrValue, "workloads: apiVersion %q is not group/version", s)
	}
	return nil
}

// checkFieldPath checks a path of keys written with dots: spec.template.spec.
func checkFieldPath(s string) error {
	for _, k := range strings.Split(s, ".") {
		if k == "" || strings.ContainsAny(k, " []") {
			return errorf(ErrValue, "workloads: %q is not a path of keys such as spec.template.spec", s)
		}
	}
	return nil
}
