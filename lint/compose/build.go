package compose

import (
	"bytes"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"go.yaml.in/yaml/v3"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/container"
)

// unknownVar matches a variable that an empty environment leaves unknown:
// $VAR, ${VAR}, ${VAR:?err}, ${VAR:+alt}, but not ${VAR:-default} and not
// the escaped $$.
var unknownVar = regexp.MustCompile(`(^|[^$])\$(\{[A-Za-z_][A-Za-z0-9_]*(:?[?+][^}]*)?\}|[A-Za-z_][A-Za-z0-9_]*)`)

func unknown(raw string) bool { return unknownVar.MatchString(raw) }

// builder builds the Run of one service from its loaded configuration
// and its source nodes.
type builder struct {
	lines *container.Lines
	key   *yaml.Node // the service's key in services:
	node  *yaml.Node // its mapping
}

func (b *builder) serviceRange() lint.Range {
	if b.key == nil {
		return container.Whole(b.lines.Src())
	}
	return keyRange(b.lines, b.key)
}

// field returns the key and value nodes of a setting written in the file.
func (b *builder) field(name string) (k, v *yaml.Node) { return entry(b.node, name) }

// at is where a setting is: its key to the end of a value on the same
// line, or the service's key when the file does not write it (extends).
func (b *builder) at(name string) lint.Range {
	k, v := b.field(name)
	if k == nil {
		return b.serviceRange()
	}
	r := keyRange(b.lines, k)
	if v != nil && v.Kind == yaml.ScalarNode && v.Line == k.Line {
		end := b.nodeRange(v)
		r = b.lines.Range(r.Offset, end.EndOffset)
	}
	return r
}

// nodeRange is the range of a node's text on its first line.
func (b *builder) nodeRange(n *yaml.Node) lint.Range {
	start := b.lines.Offset(n.Line, n.Column)
	if n.Kind != yaml.ScalarNode {
		return b.lines.Range(start, b.lines.LineEnd(start))
	}
	return b.lines.Range(start, scalarEnd(b.lines, start, n))
}

// scalar returns a setting's raw text and whether a variable leaves it
// unknown.
func (b *builder) scalar(name string) (string, bool) {
	_, v := b.field(name)
	if v == nil || v.Kind != yaml.ScalarNode {
		return "", false
	}
	return v.Value, unknown(v.Value)
}

func (b *builder) value(name, val string) *container.Value {
	k, _ := b.field(name)
	if val == "" && k == nil {
		return nil
	}
	_, unk := b.scalar(name)
	return &container.Value{Value: val, Unknown: unk, Range: b.at(name)}
}

func (b *builder) boolean(name string, val bool) *container.Bool {
	k, _ := b.field(name)
	if !val && k == nil {
		return nil
	}
	_, unk := b.scalar(name)
	return &container.Bool{Value: val, Unknown: unk, Range: b.at(name)}
}

// items returns the item nodes of a list setting.
func (b *builder) items(name string) []*yaml.Node {
	_, v := b.field(name)
	if v == nil || v.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, len(v.Content))
	for i, c := range v.Content {
		out[i] = resolve(c)
	}
	return out
}

// list turns a list of strings into values placed at their items.
func (b *builder) list(name string, vals []string) []container.Value {
	items := b.items(name)
	out := make([]container.Value, 0, len(vals))
	used := map[*yaml.Node]bool{}
	for _, val := range vals {
		v := container.Value{Value: val, Range: b.at(name)}
		for _, it := range items {
			if !used[it] && it.Kind == yaml.ScalarNode && (it.Value == val || unknown(it.Value)) {
				used[it] = true
				v.Range, v.Unknown = b.nodeRange(it), unknown(it.Value)
				break
			}
		}
		out = append(out, v)
	}
	return out
}

// indexed places the i-th of n loaded entries at the i-th item written,
// when the counts agree (else at the setting).
func (b *builder) indexed(name string, i, n int) (lint.Range, bool) {
	items := b.items(name)
	if len(items) != n || i >= len(items) {
		return b.at(name), false
	}
	it := items[i]
	unk := false
	if it.Kind == yaml.ScalarNode {
		unk = unknown(it.Value)
	} else {
		for j := 1; j < len(it.Content); j += 2 {
			unk = unk || unknown(it.Content[j].Value)
		}
	}
	return b.nodeRange(it), unk
}

func (b *builder) run(name string, s types.ServiceConfig, override bool) container.Run {
	r := container.NewRun(container.KindService, name, b.serviceRange())
	r.Override = override
	r.Build = s.Build != nil
	if s.Image != "" {
		raw, unk := b.scalar("image")
		if raw == "" {
			raw = s.Image
		}
		rng := b.at("image")
		if _, v := b.field("image"); v != nil {
			rng = b.nodeRange(v)
		}
		img := container.NewImage(raw, s.Image, unk, "compose", rng)
		r.Image = &img
	}
	r.Privileged = b.boolean("privileged", s.Privileged)
	r.ReadOnly = b.boolean("read_only", s.ReadOnly)
	r.User = b.value("user", s.User)
	r.NetworkMode = b.value("network_mode", s.NetworkMode)
	r.Pid = b.value("pid", s.Pid)
	r.Ipc = b.value("ipc", s.Ipc)
	r.UsernsMode = b.value("userns_mode", s.UserNSMode)
	r.CapAdd = b.list("cap_add", s.CapAdd)
	r.CapDrop = b.list("cap_drop", s.CapDrop)
	r.SecurityOpt = b.list("security_opt", s.SecurityOpt)
	for i, v := range s.Volumes {
		rng, unk := b.indexed("volumes", i, len(s.Volumes))
		m := container.Mount{Type: v.Type, Source: v.Source, Target: v.Target, ReadOnly: v.ReadOnly, Unknown: unk, Range: rng}
		r.Volumes = append(r.Volumes, m)
	}
	for _, name := range slices.Sorted(maps.Keys(s.Environment)) {
		e := container.Env{Name: name, Range: b.at("environment")}
		if v := s.Environment[name]; v != nil {
			e.Value, e.HasValue = *v, true
		}
		b.placeEnv(&e)
		r.Env = append(r.Env, e)
	}
	usedPorts := map[*yaml.Node]map[uint32]bool{}
	for _, p := range s.Ports {
		rng, unk := b.placePort(p.Target, usedPorts)
		r.Ports = append(r.Ports, container.Port{
			Published: p.Published, Target: strconv.FormatUint(uint64(p.Target), 10),
			HostIP: p.HostIP, Protocol: p.Protocol, Unknown: unk, Range: rng,
		})
	}
	for i, d := range s.Devices {
		rng, unk := b.indexed("devices", i, len(s.Devices))
		r.Devices = append(r.Devices, container.Device{Source: d.Source, Target: d.Target, Permissions: d.Permissions, Unknown: unk, Range: rng})
	}
	b.fixes(&r)
	return r
}

// placeEnv finds where a variable is written: NAME: value in a mapping,
// or "NAME=value" in a list.
func (b *builder) placeEnv(e *container.Env) {
	_, v := b.field("environment")
	if v == nil {
		return
	}
	switch v.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(v.Content); i += 2 {
			if v.Content[i].Value == e.Name {
				k, val := v.Content[i], resolve(v.Content[i+1])
				e.Range = keyRange(b.lines, k)
				if val != nil && val.Kind == yaml.ScalarNode {
					if val.Line == k.Line {
						e.Range = b.lines.Range(e.Range.Offset, b.nodeRange(val).EndOffset)
					}
					e.Unknown = unknown(val.Value)
				}
				return
			}
		}
	case yaml.SequenceNode:
		for _, it := range v.Content {
			it = resolve(it)
			if it == nil || it.Kind != yaml.ScalarNode {
				continue
			}
			if n, _, _ := strings.Cut(it.Value, "="); n == e.Name {
				e.Range, e.Unknown = b.nodeRange(it), unknown(it.Value)
				return
			}
		}
	default:
	}
}

// fixes prepares the edits that harden the service. Inserting a setting
// the service does not write is safe; changing one it writes is not.
func (b *builder) fixes(r *container.Run) {
	insertAt, indent, ok := b.insertPoint()
	nl := "\n"
	if bytes.Contains(b.lines.Src(), []byte("\r\n")) {
		nl = "\r\n"
	}
	insert := func(text string, safe bool) container.Fix {
		return container.Fix{Safe: safe, Edits: []container.Intent{{Op: "replace", Range: b.lines.Range(insertAt, insertAt), Text: indent + text + nl}}}
	}
	replace := func(rng lint.Range, text string) container.Fix {
		return container.Fix{Edits: []container.Intent{{Op: "replace", Range: rng, Text: text}}}
	}
	if !ok {
		return
	}
	if k, v := b.field("read_only"); k == nil {
		r.Fixes["read_only"] = insert("read_only: true", true)
	} else if v != nil && v.Kind == yaml.ScalarNode && v.Line == k.Line && !unknown(v.Value) {
		r.Fixes["read_only"] = replace(b.nodeRange(v), "true")
	}
	if k, _ := b.field("cap_drop"); k == nil {
		r.Fixes["cap_drop"] = insert("cap_drop: [ALL]", true)
	} else if f, ok := b.addItem("cap_drop", "ALL", nl); ok {
		r.Fixes["cap_drop"] = f
	}
	if k, _ := b.field("security_opt"); k == nil {
		r.Fixes["no_new_privileges"] = insert(`security_opt: ["no-new-privileges:true"]`, true)
	} else if f, ok := b.addItem("security_opt", `"no-new-privileges:true"`, nl); ok {
		r.Fixes["no_new_privileges"] = f
	}
	if k, v := b.field("user"); k == nil {
		r.Fixes["user"] = insert(`user: "10001:10001"`, false)
	} else if v != nil && v.Kind == yaml.ScalarNode && v.Line == k.Line && !unknown(v.Value) {
		r.Fixes["user"] = replace(b.nodeRange(v), `"10001:10001"`)
	}
	if k, v := b.field("privileged"); k != nil && v != nil && v.Kind == yaml.ScalarNode && v.Line == k.Line {
		start := b.lines.Offset(k.Line, k.Column)
		lineStart := b.lines.LineStart(start)
		if len(bytes.TrimLeft(b.lines.Src()[lineStart:start], " ")) == 0 {
			end := b.lines.LineEnd(start)
			if end < len(b.lines.Src()) {
				end += bytes.IndexByte(b.lines.Src()[end:], '\n') + 1
			}
			r.Fixes["privileged"] = replace(b.lines.Range(lineStart, end), "")
		}
	}
}

// insertPoint is the start of the line of the service's first key, and
// that key's indentation, when the service is a block mapping whose keys
// start their lines.
func (b *builder) insertPoint() (int, string, bool) {
	if b.node == nil || b.node.Kind != yaml.MappingNode || b.node.Style&yaml.FlowStyle != 0 || len(b.node.Content) == 0 {
		return 0, "", false
	}
	first := b.node.Content[0]
	start := b.lines.Offset(first.Line, first.Column)
	lineStart := b.lines.LineStart(start)
	indent := b.lines.Src()[lineStart:start]
	if len(bytes.Trim(indent, " ")) != 0 || b.key == nil || first.Line == b.key.Line {
		return 0, "", false
	}
	return lineStart, string(indent), true
}

// addItem adds an item to a list the service writes: a line before the
// first item of a block list, or after the [ of a flow list.
func (b *builder) addItem(name, item, nl string) (container.Fix, bool) {
	_, v := b.field(name)
	if v == nil || v.Kind != yaml.SequenceNode {
		return container.Fix{}, false
	}
	src := b.lines.Src()
	if v.Style&yaml.FlowStyle != 0 {
		start := b.lines.Offset(v.Line, v.Column)
		if start >= len(src) || src[start] != '[' {
			return container.Fix{}, false
		}
		text := item
		if len(v.Content) > 0 {
			text += ", "
		}
		return container.Fix{Edits: []container.Intent{{Op: "replace", Range: b.lines.Range(start+1, start+1), Text: text}}}, true
	}
	if len(v.Content) == 0 {
		return container.Fix{}, false
	}
	first := v.Content[0]
	start := b.lines.Offset(first.Line, first.Column)
	lineStart := b.lines.LineStart(start)
	prefix := src[lineStart:start]
	dash := bytes.IndexByte(prefix, '-')
	if dash < 0 || len(bytes.Trim(prefix[:dash], " ")) != 0 {
		return container.Fix{}, false
	}
	text := string(prefix[:dash]) + "- " + item + nl
	return container.Fix{Edits: []container.Intent{{Op: "replace", Range: b.lines.Range(lineStart, lineStart), Text: text}}}, true
}

// placePort finds the item of ports: that publishes container port target:
// a long-syntax item with that target, or a short one whose container part
// is that port or a range holding it.
func (b *builder) placePort(target uint32, used map[*yaml.Node]map[uint32]bool) (lint.Range, bool) {
	for _, it := range b.items("ports") {
		if used[it][target] {
			continue
		}
		if used[it] == nil {
			used[it] = map[uint32]bool{}
		}
		switch it.Kind {
		case yaml.MappingNode:
			if _, v := entry(it, "target"); v != nil && v.Value == strconv.FormatUint(uint64(target), 10) {
				used[it][target] = true
				return b.nodeRange(it), unknown(v.Value)
			}
		case yaml.ScalarNode:
			spec, _, _ := strings.Cut(it.Value, "/")
			if i := strings.LastIndexByte(spec, ':'); i >= 0 {
				spec = spec[i+1:]
			}
			lo, hi, isRange := strings.Cut(spec, "-")
			if !isRange {
				hi = lo
			}
			l, e1 := strconv.ParseUint(lo, 10, 32)
			h, e2 := strconv.ParseUint(hi, 10, 32)
			if e1 == nil && e2 == nil && uint64(target) >= l && uint64(target) <= h {
				used[it][target] = true
				return b.nodeRange(it), unknown(it.Value)
			}
		default:
		}
	}
	_, v := b.field("ports")
	return b.at("ports"), v != nil && unknown(nodeText(v))
}

// nodeText is the text of every scalar of a node, for finding variables.
func nodeText(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	var parts []string
	for _, c := range n.Content {
		parts = append(parts, nodeText(c))
	}
	return strings.Join(parts, " ")
}
