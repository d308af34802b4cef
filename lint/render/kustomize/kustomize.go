// Package kustomize builds a Kustomize overlay in-process, offline, on an
// in-memory copy of the linted tree, and places findings on the built
// objects in the resource and patch files they came from.
package kustomize

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/kube"
	"github.com/hardline-dev/hardline/lint/render"
)

const (
	maxTreeBytes = 64 << 20
	// memRoot is where the linted tree sits in the in-memory filesystem.
	memRoot = "/tree"
)

// Names are the file names that make a directory a kustomization.
func Names() []string { return []string{"kustomization.yaml", "kustomization.yml", "Kustomization"} }

// File returns the kustomization file of dir ("" when none), given a
// function that reports whether a file exists.
func File(exists func(string) bool, dir string) string {
	for _, n := range Names() {
		if p := path.Join(dir, n); exists(p) {
			return p
		}
	}
	return ""
}

// Options are the build settings.
type Options struct {
	// Root is the directory the build may read (the linted tree),
	// slash-separated; the overlay and its bases must be inside it.
	Root string
	// Read reads a file; nil reads the disk (bounded).
	Read func(path string) ([]byte, error)
}

// Build builds the kustomization in dir (slash-separated, as linted).
func Build(_ context.Context, dir string, opts Options) *render.Unit {
	read := opts.Read
	if read == nil {
		read = render.ReadFile
	}
	u := &render.Unit{What: "kustomization", Dir: dir, Read: read}
	kfile := File(func(p string) bool { _, err := read(p); return err == nil }, dir)
	root := opts.Root
	if root == "" || !within(root, dir) {
		root = dir
	}
	// What the overlay uses, found by reading its kustomization files
	// (those in the linted tree: the build sees nothing else).
	k := &kustomizations{read: read, root: root, seen: map[string]bool{}}
	k.collect(dir)
	// Until the build succeeds, the unit covers only its kustomization
	// files: the resources of an overlay that is not built are linted as
	// they are, so a kustomization cannot hide them.
	u.Files = k.kfiles
	if k.remote != "" {
		u.Notices = append(u.Notices, lint.Notice{File: kfile, Message: fmt.Sprintf(
			"not built: %s is remote (hardline never fetches); lint a local copy, or the built output (kustomize build %s | hardline lint --stdin-filename built.yaml -)", k.remote, dir)})
		return u
	}
	if k.plugin != "" {
		u.Notices = append(u.Notices, lint.Notice{File: kfile, Message: fmt.Sprintf(
			"not built: %s needs a plugin or a program hardline does not run; lint the built output (kustomize build --enable-helm %s | hardline lint --stdin-filename built.yaml -)", k.plugin, dir)})
		return u
	}
	mem, err := copyTree(root, read)
	if err != nil {
		u.Findings = append(u.Findings, render.ErrorFinding(kfile, 1, "cannot build the kustomization: "+err.Error()))
		return u
	}
	memDir := memPath(root, dir)
	if err := addBuildMetadata(mem, path.Join(memDir, path.Base(kfile))); err != nil {
		u.Findings = append(u.Findings, render.ErrorFinding(kfile, 1, "cannot build the kustomization: "+err.Error()))
		return u
	}
	kopts := krusty.MakeDefaultOptions()
	kopts.LoadRestrictions = types.LoadRestrictionsNone // bounded by the in-memory tree
	kopts.PluginConfig = types.DisabledPluginConfig()
	m, err := runBuild(krusty.MakeKustomizer(kopts), mem, memDir)
	if err != nil {
		msg := strings.ReplaceAll(err.Error(), memRoot+"/", "")
		u.Findings = append(u.Findings, render.ErrorFinding(kfile, 1, "kustomize build failed: "+msg))
		return u
	}
	u.Files = k.files
	mp := &mapper{unit: u, kfile: kfile, jsonPatched: k.jsonPatched, dir: dir, read: read, patches: k.patches}
	u.Mapper = mp
	var out strings.Builder
	line := 1
	for _, obj := range m {
		origin := obj.GetAnnotations()[originKey]
		_ = obj.PipeE(yaml.ClearAnnotation(originKey))
		_ = obj.PipeE(yaml.ClearAnnotation(transformationsKey))
		if len(obj.GetAnnotations()) == 0 {
			_, _ = obj.Pipe(yaml.Lookup("metadata"), yaml.Clear("annotations"))
		}
		text, err := obj.String()
		if err != nil {
			continue
		}
		var o struct {
			Path string `yaml:"path"`
		}
		_ = yaml.Unmarshal([]byte(origin), &o)
		src := ""
		if o.Path != "" {
			src = path.Clean(path.Join(dir, o.Path))
		}
		out.WriteString("---\n")
		line++
		start := line
		out.WriteString(text)
		line += strings.Count(text, "\n")
		name := obj.GetKind() + "/" + obj.GetName()
		u.Docs = append(u.Docs, render.Doc{StartLine: start, EndLine: line - 1, Name: name})
		mp.docs = append(mp.docs, builtDoc{source: src, kind: obj.GetKind(), name: obj.GetName()})
		if out.Len() > render.MaxOutput {
			u.Findings = append(u.Findings, render.ErrorFinding(kfile, 1, fmt.Sprintf("the build is larger than %d MiB", render.MaxOutput>>20)))
			return u
		}
	}
	u.Rendered = []byte(out.String())
	return u
}

const (
	originKey          = "config.kubernetes.io/origin"
	transformationsKey = "alpha.config.kubernetes.io/transformations"
)

func runBuild(k *krusty.Kustomizer, mem filesys.FileSystem, dir string) (objs []*yaml.RNode, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	m, err := k.Run(mem, dir)
	if err != nil {
		return nil, err
	}
	return m.ToRNodeSlice(), nil
}

func within(root, p string) bool {
	rel, err := filepath.Rel(filepath.FromSlash(root), filepath.FromSlash(p))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func memPath(root, p string) string {
	rel, err := filepath.Rel(filepath.FromSlash(root), filepath.FromSlash(p))
	if err != nil {
		return memRoot
	}
	return path.Join(memRoot, filepath.ToSlash(rel))
}

// copyTree copies the regular files under root into memory (symbolic
// links are not followed), bounded in size.
func copyTree(root string, read func(string) ([]byte, error)) (filesys.FileSystem, error) {
	mem := filesys.MakeFsInMemory()
	total := 0
	err := filepath.WalkDir(filepath.FromSlash(root), func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			if e.Name() == ".git" || e.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return mem.MkdirAll(memPath(root, filepath.ToSlash(p)))
		}
		if !e.Type().IsRegular() {
			return nil
		}
		b, err := read(filepath.ToSlash(p))
		if err != nil {
			return nil //nolint:nilerr // a file the build does not need may be unreadable
		}
		total += len(b)
		if total > maxTreeBytes {
			return fmt.Errorf("the tree is larger than %d MiB", maxTreeBytes>>20)
		}
		return mem.WriteFile(memPath(root, filepath.ToSlash(p)), b)
	})
	return mem, err
}

// addBuildMetadata asks the build to record each object's origin.
func addBuildMetadata(mem filesys.FileSystem, kfile string) error {
	b, err := mem.ReadFile(kfile)
	if err != nil {
		return err
	}
	n, err := yaml.Parse(string(b))
	if err != nil {
		return fmt.Errorf("%s: %w", path.Base(kfile), err)
	}
	list := yaml.NewListRNode(types.OriginAnnotations)
	if err := n.PipeE(yaml.SetField("buildMetadata", list)); err != nil {
		return fmt.Errorf("%s: %w", path.Base(kfile), err)
	}
	s, err := n.String()
	if err != nil {
		return err
	}
	return mem.WriteFile(kfile, []byte(s))
}

// kustomizations reads an overlay's kustomization files and those of its
// local bases.
type kustomizations struct {
	read    func(string) ([]byte, error)
	root    string
	seen    map[string]bool
	files   []string
	kfiles  []string // the kustomization files among files
	patches []string // strategic-merge patch files
	remote  string
	plugin  string
	// jsonPatched: a JSON 6902 patch may change what the files say.
	jsonPatched bool
}

func (k *kustomizations) collect(dir string) {
	if k.seen[dir] || len(k.seen) > 1000 {
		return
	}
	k.seen[dir] = true
	kfile := File(func(p string) bool { _, err := k.read(p); return err == nil }, dir)
	if kfile == "" {
		return
	}
	b, err := k.read(kfile)
	if err != nil {
		return
	}
	k.files = append(k.files, kfile)
	k.kfiles = append(k.kfiles, kfile)
	var kz types.Kustomization
	if err := yaml.Unmarshal(b, &kz); err != nil {
		return
	}
	refs := slices.Concat(kz.Resources, kz.Bases, kz.Components) //nolint:staticcheck // old kustomizations still use bases

	for _, r := range refs {
		p := path.Clean(path.Join(dir, r))
		if isRemote(r) || hostLike(r) && !existsOnDisk(p) {
			// kustomize would clone it with git.
			k.remote = cmpOr(k.remote, r)
			continue
		}
		if !within(k.root, p) {
			continue // not in the build's tree: kustomize reports it missing
		}
		if File(func(p string) bool { _, err := k.read(p); return err == nil }, p) != "" {
			k.collect(p)
		} else {
			k.files = append(k.files, p)
		}
	}
	if len(kz.HelmCharts) > 0 || len(kz.HelmChartInflationGenerator) > 0 {
		k.plugin = cmpOr(k.plugin, "helmCharts")
	}
	if len(kz.Generators) > 0 || len(kz.Transformers) > 0 || len(kz.Validators) > 0 {
		k.plugin = cmpOr(k.plugin, "generators, transformers or validators")
	}
	for _, p := range kz.Patches {
		if p.Path != "" {
			k.addPatch(path.Clean(path.Join(dir, p.Path)))
		}
	}
	for _, p := range kz.PatchesStrategicMerge { //nolint:staticcheck // old kustomizations still use it
		if s := string(p); !strings.Contains(s, "\n") && !strings.Contains(s, ":") {
			k.addPatch(path.Clean(path.Join(dir, s)))
		}
	}
	for _, p := range kz.PatchesJson6902 { //nolint:staticcheck // old kustomizations still use it
		k.jsonPatched = true
		if p.Path != "" {
			k.files = append(k.files, path.Clean(path.Join(dir, p.Path)))
		}
	}
}

func (k *kustomizations) addPatch(p string) {
	k.files = append(k.files, p)
	k.patches = append(k.patches, p)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// isRemote reports whether a resource reference is a URL or a Git
// repository rather than a local path.
func isRemote(r string) bool {
	return strings.Contains(r, "://") || strings.HasPrefix(r, "git@") ||
		strings.HasPrefix(r, "github.com/") || strings.HasPrefix(r, "gitlab.com/") ||
		strings.HasPrefix(r, "bitbucket.org/") || strings.Contains(r, "?ref=")
}

// builtDoc is where a built object came from.
type builtDoc struct {
	source     string // resource file, "" when generated
	kind, name string
}

type mapper struct {
	unit        *render.Unit
	kfile       string
	jsonPatched bool
	dir         string
	read        func(string) ([]byte, error)
	patches     []string
	docs        []builtDoc
}

var _ render.Mapper = (*mapper)(nil)

// candidate is an object in a source file that contributes to a built
// object.
type candidate struct {
	file string
	doc  *kube.PlainDoc
}

// candidates are the patches that target the built object, then its
// resource file's object.
func (m *mapper) candidates(d builtDoc) []candidate {
	var out []candidate
	for _, p := range m.patches {
		out = append(out, m.objectsIn(p, d)...)
	}
	if d.source != "" {
		out = append(out, m.objectsIn(d.source, d)...)
	}
	return out
}

// objectsIn returns the objects of file with the built object's kind whose
// name the built name contains (name prefixes and suffixes).
func (m *mapper) objectsIn(file string, d builtDoc) []candidate {
	src, err := m.read(file)
	if err != nil {
		return nil
	}
	docs, err := kube.ParsePlain(file, src)
	if err != nil {
		return nil
	}
	var out []candidate
	for _, pd := range docs {
		if pd == nil {
			continue
		}
		n := yaml.NewRNode(pd.Root())
		if n.GetKind() == d.kind && n.GetName() != "" && strings.Contains(d.name, n.GetName()) {
			out = append(out, candidate{file: file, doc: pd})
		}
	}
	return out
}

// translate turns a path in the built object into the path of the same
// node in a source object: list items are matched by name, as strategic
// merge matches containers and volumes.
func translate(built *yaml.RNode, src *yaml.Node, p []any) ([]any, bool) {
	out := make([]any, 0, len(p))
	b, s := built.YNode(), src
	for _, e := range p {
		if b == nil || s == nil {
			return out, false
		}
		switch e := e.(type) {
		case string:
			b, s = field(b, e), field(s, e)
			out = append(out, e)
		case int:
			if b.Kind != yaml.SequenceNode || s.Kind != yaml.SequenceNode || e >= len(b.Content) {
				return out, false
			}
			item := b.Content[e]
			name := field(item, "name")
			j := -1
			if name != nil {
				for i, c := range s.Content {
					if n := field(c, "name"); n != nil && n.Value == name.Value {
						j = i
					}
				}
			} else if e < len(s.Content) {
				j = e
			}
			if j < 0 {
				return out, false
			}
			b, s = item, s.Content[j]
			out = append(out, j)
		}
	}
	return out, s != nil
}

func field(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// builtObject returns the built object of doc, parsed from the rendered text.
func builtObject(rendered []byte, d render.Doc) *yaml.RNode {
	n, err := yaml.Parse(string(linesOf(rendered, d.StartLine, d.EndLine)))
	if err != nil {
		return nil
	}
	return n
}

func linesOf(text []byte, from, to int) []byte {
	var out []byte
	i := 0
	for l := range strings.Lines(string(text)) {
		i++
		if i > to {
			break
		}
		if i >= from {
			out = append(out, l...)
		}
	}
	return out
}

// Map implements render.Mapper: the first patch, then the resource, that
// writes the whole path; else the resource's object.
func (m *mapper) Map(doc int, p []any) render.Location {
	if doc < 0 || doc >= len(m.docs) {
		return render.Location{File: m.dir, Mapping: render.MapObject}
	}
	d := m.docs[doc]
	built := builtObject(m.unit.Rendered, m.unit.Docs[doc])
	cands := m.candidates(d)
	if built != nil {
		for _, c := range cands {
			if sp, ok := translate(built, c.doc.Root(), p); ok {
				if r, exact := c.doc.Lookup(sp); exact {
					return render.Location{File: c.file, Range: r, Mapping: render.MapSource}
				}
			}
		}
	}
	for i := len(cands) - 1; i >= 0; i-- {
		if cands[i].file == d.source {
			r, _ := cands[i].doc.Lookup([]any{"kind"})
			return render.Location{File: d.source, Range: r, Mapping: render.MapObject}
		}
	}
	file := d.source
	if file == "" {
		file = m.kfile
	}
	return render.Location{File: file, Range: lint.Range{Line: 1, Column: 1, EndLine: 1, EndColumn: 1}, Mapping: render.MapObject}
}

// FixEdits implements render.Mapper: each intent edits the patch that
// writes its path, else the resource file, with list items matched by
// name.
func (m *mapper) FixEdits(doc int, ins []lint.Intent) ([]lint.Edit, error) {
	if doc < 0 || doc >= len(m.docs) || m.jsonPatched {
		return nil, render.ErrNoSourceFix
	}
	d := m.docs[doc]
	built := builtObject(m.unit.Rendered, m.unit.Docs[doc])
	if built == nil {
		return nil, render.ErrNoSourceFix
	}
	cands := m.candidates(d)
	var target *candidate
	var out []lint.Intent
	for _, in := range ins {
		var chosen *candidate
		var srcPath []any
		for i := range cands {
			c := &cands[i]
			sp, ok := translate(built, c.doc.Root(), in.Path)
			if ok {
				if _, exact := c.doc.Lookup(sp); exact {
					chosen, srcPath = c, sp
					break
				}
			}
		}
		if chosen == nil {
			// A field no file writes: added to the resource, when the
			// resource holds its parents.
			order := slices.Clone(cands)
			slices.SortStableFunc(order, func(a, b candidate) int {
				return boolInt(a.file != d.source) - boolInt(b.file != d.source)
			})
			for i := range order {
				c := &order[i]
				if chosen != nil {
					break
				}
				sp, ok := translate(built, c.doc.Root(), in.Path[:max(len(in.Path)-1, 0)])
				if !ok && !containersReachable(built, c.doc.Root(), in.Path) {
					continue
				}
				if full, _ := translate(built, c.doc.Root(), in.Path); len(full) == len(in.Path) {
					chosen, srcPath = c, full
				} else if ok {
					chosen, srcPath = c, append(slices.Clip(sp), in.Path[len(in.Path)-1])
				}
			}
		}
		if chosen == nil || (target != nil && target.file != chosen.file) {
			return nil, render.ErrNoSourceFix
		}
		target = chosen
		in.Path = srcPath
		out = append(out, in)
	}
	if target == nil {
		return nil, render.ErrNoSourceFix
	}
	return target.doc.Edit(out)
}

// containersReachable reports whether every list item on path exists in
// the source object, so that missing mappings can be created.
func containersReachable(built *yaml.RNode, src *yaml.Node, p []any) bool {
	last := -1
	for i, e := range p {
		if _, ok := e.(int); ok {
			last = i
		}
	}
	if last < 0 {
		return true
	}
	_, ok := translate(built, src, p[:last+1])
	return ok
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// hostLike reports whether a reference starts with what may be a host
// name (example.com/org/repo), which kustomize tries to clone when no such
// local path exists.
func hostLike(r string) bool {
	first, rest, found := strings.Cut(r, "/")
	return found && rest != "" && strings.Contains(first, ".") && !strings.HasPrefix(first, ".")
}

func existsOnDisk(p string) bool {
	_, err := os.Stat(filepath.FromSlash(p))
	return err == nil
}
