// Package container holds the "runtime" policy input (docs/policies.md):
// the containers a Compose file or a script (docker run, podman run,
// docker create) starts, each with its runtime settings and where they are
// written. lint/compose and lint/shellrun build it; the RT rules read it.
package container

import (
	"bytes"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/hardline-dev/hardline/lint"
)

// Sources of a runtime input (Model.Source).
const (
	SourceCompose  = "compose"
	SourceShell    = "shell"
	SourceMakefile = "makefile"
	SourceWorkflow = "workflow"
)

// Kinds of a Run.
const (
	// KindService is a Compose service.
	KindService = "service"
	// KindCommand is a docker run, podman run or docker create command.
	KindCommand = "command"
)

// Model is one Compose file or script: the "runtime" input.
type Model struct {
	Type string `json:"type"`
	// Path is the file's path, slash-separated.
	Path string `json:"path"`
	// Source is SourceCompose, SourceShell, SourceMakefile or SourceWorkflow.
	Source string `json:"source"`
	// Errors say why a Compose file cannot be loaded (RT000).
	Errors []Message `json:"errors"`
	// Containers are the services or commands, in file order.
	Containers []Run `json:"containers"`
	// Images are the image references of the containers, the same shape
	// as the other inputs' (the IM rules read them).
	Images []Image `json:"images"`
}

// Message is an error about the file.
type Message struct {
	Message string     `json:"message"`
	Range   lint.Range `json:"range"`
}

// Run is one container: a Compose service or a docker run command. A
// setting that is not given is nil (or an empty list).
type Run struct {
	// Kind is KindService or KindCommand.
	Kind string `json:"kind"`
	// Name is the service's name, or the command as written with its
	// subcommand ("docker run", "podman container create").
	Name string `json:"name"`
	// Range is the service's key or the command's run (create) word:
	// where a missing setting is reported.
	Range lint.Range `json:"range"`
	// Override is true for a service of a Compose override file
	// (compose.override.yaml, docker-compose.prod.yml): its other settings
	// may come from the file it overrides.
	Override bool `json:"override"`
	// Dynamic is true when words hardline cannot read ($DOCKER_OPTS, "$@")
	// may hold more flags: a missing setting may be among them.
	Dynamic bool `json:"dynamic"`
	// Build is true for a Compose service that builds its image: image
	// then names the result, which is not pulled, and is left out of the
	// input's images.
	Build bool `json:"build"`

	Image       *Image   `json:"image,omitempty"`
	Privileged  *Bool    `json:"privileged,omitempty"`
	ReadOnly    *Bool    `json:"read_only,omitempty"`
	User        *Value   `json:"user,omitempty"`
	NetworkMode *Value   `json:"network_mode,omitempty"`
	Pid         *Value   `json:"pid,omitempty"`
	Ipc         *Value   `json:"ipc,omitempty"`
	UsernsMode  *Value   `json:"userns_mode,omitempty"`
	CapAdd      []Value  `json:"cap_add"`
	CapDrop     []Value  `json:"cap_drop"`
	SecurityOpt []Value  `json:"security_opt"`
	Volumes     []Mount  `json:"volumes"`
	Env         []Env    `json:"env"`
	Ports       []Port   `json:"ports"`
	Devices     []Device `json:"devices"`
	// Fixes are the edits that harden this container, prepared by the
	// parser, which knows the syntax: "read_only", "cap_drop",
	// "no_new_privileges", "user" and "privileged" (its removal). A fix
	// that cannot be made safely is absent.
	Fixes map[string]Fix `json:"fixes"`
}

// Value is a setting's value. Unknown is true when it depends on a
// variable hardline cannot resolve: rules must not judge it.
type Value struct {
	Value   string     `json:"value"`
	Unknown bool       `json:"unknown"`
	Range   lint.Range `json:"range"`
}

// Bool is a boolean setting.
type Bool struct {
	Value   bool       `json:"value"`
	Unknown bool       `json:"unknown"`
	Range   lint.Range `json:"range"`
}

// Mount is a volume or bind mount.
type Mount struct {
	// Type is "bind", "volume", "tmpfs", "npipe", "image" or "cluster".
	Type string `json:"type"`
	// Source is the host path of a bind mount, the volume's name, or "".
	Source   string     `json:"source"`
	Target   string     `json:"target"`
	ReadOnly bool       `json:"read_only"`
	Unknown  bool       `json:"unknown"`
	Range    lint.Range `json:"range"`
}

// Env is an environment variable set for the container.
type Env struct {
	Name string `json:"name"`
	// Value is the literal value; HasValue is false when the value is
	// taken from the environment of docker or compose (-e NAME).
	Value    string     `json:"value"`
	HasValue bool       `json:"has_value"`
	Unknown  bool       `json:"unknown"`
	Range    lint.Range `json:"range"`
}

// Port is a published port.
type Port struct {
	// Published is the host port or range ("8080", "8000-8010"), "" when
	// docker picks one.
	Published string `json:"published"`
	// Target is the container port or range.
	Target   string     `json:"target"`
	HostIP   string     `json:"host_ip"`
	Protocol string     `json:"protocol"`
	Unknown  bool       `json:"unknown"`
	Range    lint.Range `json:"range"`
}

// Device is a host device passed to the container.
type Device struct {
	Source      string     `json:"source"`
	Target      string     `json:"target"`
	Permissions string     `json:"permissions"`
	Unknown     bool       `json:"unknown"`
	Range       lint.Range `json:"range"`
}

// Fix is a prepared fix: replace intents (an empty range inserts).
type Fix struct {
	// Safe is true when the edit cannot override a choice the file
	// makes (the setting is absent, not set otherwise).
	Safe  bool     `json:"safe"`
	Edits []Intent `json:"edits"`
}

// Intent is a "replace" fix intent of docs/policies.md.
type Intent struct {
	Op    string     `json:"op"`
	Range lint.Range `json:"range"`
	Text  string     `json:"text"`
}

// Image is an image reference, the shape the IM rules read. Its Source
// is "compose" or "docker-run".
type Image = lint.Image

// NewImage splits ref (raw after interpolation) into an Image. A reference
// without a repository is unresolved too: a variable left it so.
func NewImage(raw, ref string, unresolved bool, source string, r lint.Range) Image {
	_, ok := lint.ParseReference(ref)
	return lint.NewImage(raw, ref, unresolved || !ok, source, r)
}

// NewModel returns an empty model of a file.
func NewModel(path, source string) *Model {
	return &Model{Type: "runtime", Path: path, Source: source, Errors: []Message{}, Containers: []Run{}, Images: []Image{}}
}

// NewRun returns a run with empty lists.
func NewRun(kind, name string, r lint.Range) Run {
	return Run{
		Kind: kind, Name: name, Range: r,
		CapAdd: []Value{}, CapDrop: []Value{}, SecurityOpt: []Value{},
		Volumes: []Mount{}, Env: []Env{}, Ports: []Port{}, Devices: []Device{},
		Fixes: map[string]Fix{},
	}
}

// Document is a parsed Compose file or script. It implements lint.Document.
type Document struct {
	model *Model
	input ast.Value
	whole lint.Range
}

var _ lint.Document = (*Document)(nil)

// NewDocument converts the model to its Rego input once.
func NewDocument(m *Model, src []byte) *Document {
	for i := range m.Containers {
		if m.Containers[i].Image != nil && !m.Containers[i].Build {
			m.Images = append(m.Images, *m.Containers[i].Image)
		}
	}
	d := &Document{model: m, whole: Whole(src)}
	b, err := json.Marshal(m)
	if err == nil {
		var v any
		if err = util.UnmarshalJSON(b, &v); err == nil {
			d.input, err = ast.InterfaceToValue(v)
		}
	}
	if err != nil {
		// Cannot happen with the model's plain types; keep the document
		// evaluable all the same.
		d.input = ast.NewObject([2]*ast.Term{ast.StringTerm("type"), ast.StringTerm("runtime")})
	}
	return d
}

// Model returns the document's model. Callers must not change it.
func (d *Document) Model() *Model { return d.model }

// Input returns the Rego input.
func (d *Document) Input() ast.Value { return d.input }

// Locate returns the whole file: runtime results carry their ranges.
func (d *Document) Locate([]any) lint.Range { return d.whole }

// Summary returns nil: these files take no part in rules over every
// Kubernetes object.
func (d *Document) Summary() ast.Value { return nil }

// Edit returns an error: runtime fixes are prepared replace intents, which
// the engine applies itself.
func (d *Document) Edit(in lint.Intent) ([]lint.Edit, error) {
	return nil, fmt.Errorf("runtime: unsupported fix operation %q", in.Op)
}

// Whole is the range of the first line of src.
func Whole(src []byte) lint.Range {
	end := bytes.IndexByte(src, '\n')
	if end < 0 {
		end = len(src)
	}
	line := bytes.TrimRight(src[:end], "\r")
	return lint.Range{Line: 1, Column: 1, EndLine: 1, EndColumn: utf8.RuneCount(line) + 1, EndOffset: len(line)}
}

// Lines maps byte offsets of a file to lines and columns.
type Lines struct {
	src    []byte
	starts []int
}

// NewLines indexes the line starts of src.
func NewLines(src []byte) *Lines {
	l := &Lines{src: src, starts: []int{0}}
	for i, c := range src {
		if c == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// Pos returns the 1-based line and column (in code points) of offset off.
func (l *Lines) Pos(off int) (line, col int) {
	off = max(0, min(off, len(l.src)))
	lo, hi := 0, len(l.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if l.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1, utf8.RuneCount(l.src[l.starts[lo]:off]) + 1
}

// Offset returns the byte offset of a 1-based line and column (in code
// points), clamped to the file.
func (l *Lines) Offset(line, col int) int {
	if line < 1 {
		return 0
	}
	if line > len(l.starts) {
		return len(l.src)
	}
	off := l.starts[line-1]
	for i := 1; i < col && off < len(l.src) && l.src[off] != '\n'; i++ {
		_, n := utf8.DecodeRune(l.src[off:])
		off += n
	}
	return off
}

// LineStart returns the offset of the start of the line holding off.
func (l *Lines) LineStart(off int) int {
	line, _ := l.Pos(off)
	return l.starts[line-1]
}

// LineEnd returns the offset of the end of the line holding off, before
// its line ending.
func (l *Lines) LineEnd(off int) int {
	end := off
	for end < len(l.src) && l.src[end] != '\n' {
		end++
	}
	if end > off && end > 0 && l.src[end-1] == '\r' {
		end--
	}
	return end
}

// Range returns the range of the bytes [start, end).
func (l *Lines) Range(start, end int) lint.Range {
	start = max(0, min(start, len(l.src)))
	end = max(start, min(end, len(l.src)))
	sl, sc := l.Pos(start)
	el, ec := l.Pos(end)
	return lint.Range{Line: sl, Column: sc, EndLine: el, EndColumn: ec, Offset: start, EndOffset: end}
}

// Src returns the file's bytes.
func (l *Lines) Src() []byte { return l.src }
