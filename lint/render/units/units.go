// Package units finds the Helm charts and Kustomize overlays under the
// linted directories and renders them.
package units

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/kube"
	"github.com/hardline-dev/hardline/lint/render"
	"github.com/hardline-dev/hardline/lint/render/helm"
	"github.com/hardline-dev/hardline/lint/render/kustomize"
)

// Options are the settings of every render.
type Options struct {
	Helm helm.Options
	// Exclude drops paths, as for discovery.
	Exclude func(path string) bool
}

// Target is one chart or overlay to render.
type Target struct {
	// Dir is the chart or overlay directory, slash-separated.
	Dir   string
	Build render.Builder
}

// Find returns the charts and the top overlays (kustomizations no other
// kustomization found uses) under the directories among paths, sorted.
func Find(ctx context.Context, paths []string, opts Options) []Target {
	var out []Target
	seen := map[string]bool{}
	helmTarget := func(dir string) Target {
		ho := opts.Helm
		return Target{Dir: dir, Build: func(read func(string) ([]byte, error)) *render.Unit {
			ho.Read = read
			return helm.Render(ctx, dir, ho)
		}}
	}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			// A file of a chart (pre-commit names the files it changed)
			// renders its chart.
			if dir := ChartOf(root); dir != "" && !seen[dir] {
				seen[dir] = true
				out = append(out, helmTarget(dir))
			}
			continue
		}
		rootSlash := filepath.ToSlash(filepath.Clean(root))
		var kdirs []string
		used := map[string]bool{}
		refs := map[string][]string{}
		_ = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil || !e.IsDir() {
				return nil //nolint:nilerr // discovery reports unreadable paths
			}
			if p != root && (e.Name() == ".git" || e.Name() == "node_modules" || e.Name() == "vendor" ||
				opts.Exclude != nil && opts.Exclude(p)) {
				return filepath.SkipDir
			}
			dir := filepath.ToSlash(filepath.Clean(p))
			if exists(path.Join(dir, "Chart.yaml")) {
				if !seen[dir] {
					seen[dir] = true
					out = append(out, helmTarget(dir))
				}
				return filepath.SkipDir // its charts/ render with it
			}
			if kf := kustomize.File(exists, dir); kf != "" {
				kdirs = append(kdirs, dir)
				for _, r := range references(kf) {
					ref := path.Clean(path.Join(dir, r))
					used[ref] = true
					refs[dir] = append(refs[dir], ref)
				}
			}
			return nil
		})
		for _, dir := range buildable(kdirs, used, refs) {
			if seen[dir] {
				continue
			}
			seen[dir] = true
			out = append(out, Target{Dir: dir, Build: func(read func(string) ([]byte, error)) *render.Unit {
				return kustomize.Build(ctx, dir, kustomize.Options{Root: rootSlash, Read: read})
			}})
		}
	}
	slices.SortFunc(out, func(a, b Target) int { return strings.Compare(a.Dir, b.Dir) })
	return out
}

// buildable returns the overlays to build among kdirs: the top ones, which
// no other kustomization uses, and, so that a cycle of kustomizations is
// reported rather than skipped in silence, those no top one reaches.
func buildable(kdirs []string, used map[string]bool, refs map[string][]string) []string {
	reached := map[string]bool{}
	reach := func(dir string) {
		stack := []string{dir}
		for len(stack) > 0 {
			d := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if !reached[d] {
				reached[d] = true
				stack = append(stack, refs[d]...)
			}
		}
	}
	var out []string
	for _, dir := range kdirs {
		if !used[dir] {
			out = append(out, dir)
			reach(dir)
		}
	}
	for _, dir := range kdirs {
		if !reached[dir] {
			out = append(out, dir) // the rest of its cycle builds with it
			reach(dir)
		}
	}
	return out
}

func exists(p string) bool {
	info, err := os.Stat(filepath.FromSlash(p))
	return err == nil && info.Mode().IsRegular()
}

// references are the resources, bases and components of a kustomization
// file.
func references(kfile string) []string {
	b, err := render.ReadFile(kfile)
	if err != nil {
		return nil
	}
	var kz types.Kustomization
	if yaml.Unmarshal(b, &kz) != nil {
		return nil
	}
	return slices.Concat(kz.Resources, kz.Bases, kz.Components) //nolint:staticcheck // old kustomizations still use bases
}

// Covered reports whether a linted file belongs to a rendered unit: it is
// under a chart, or among the files an overlay read.
func Covered(units []*render.Unit) func(file string) bool {
	files := map[string]bool{}
	var charts []string
	for _, u := range units {
		if u.What == "Helm chart" {
			charts = append(charts, u.Dir+"/")
		}
		for _, f := range u.Files {
			files[f] = true
		}
	}
	return func(file string) bool {
		file = filepath.ToSlash(filepath.Clean(file))
		if files[file] {
			return true
		}
		for _, c := range charts {
			if strings.HasPrefix(file, c) {
				return true
			}
		}
		return false
	}
}

// Drop removes the sources and notices of files rendered units cover.
func Drop(srcs []lint.Source, notices []lint.Notice, covered func(string) bool) ([]lint.Source, []lint.Notice) {
	srcs = slices.DeleteFunc(slices.Clone(srcs), func(s lint.Source) bool { return covered(s.Path) })
	notices = slices.DeleteFunc(slices.Clone(notices), func(n lint.Notice) bool {
		return covered(n.File) && strings.HasPrefix(n.Message, "skipped: a template of the Helm chart")
	})
	return srcs, notices
}

// ApplyRoles marks the YAML sources that kustomizations (in the sources'
// directories, up to two levels up but not above a repository's root, or
// among the sources) use as patches, and gives those they list with a
// namespace: a parser that knows it. It is for files linted without
// building their kustomization. Nothing outside the highest directories
// looked at is read: a kustomization there cannot name files elsewhere.
func ApplyRoles(srcs []lint.Source) []lint.Source {
	var dirs, tops []string
	for _, s := range srcs {
		if s.Kind != lint.KindYAML {
			continue
		}
		d := path.Dir(s.Path)
		for i := range 3 {
			dirs = append(dirs, d)
			parent := path.Dir(d)
			if _, err := os.Lstat(filepath.FromSlash(path.Join(d, ".git"))); err == nil || i == 2 || parent == d || d == "." {
				break
			}
			d = parent
		}
		if abs, err := filepath.Abs(filepath.FromSlash(d)); err == nil {
			tops = append(tops, abs)
		}
	}
	slices.Sort(tops)
	tops = slices.Compact(tops)
	inside := func(p string) bool {
		abs, err := filepath.Abs(filepath.FromSlash(p))
		return err == nil && slices.ContainsFunc(tops, func(top string) bool {
			rel, err := filepath.Rel(top, abs)
			return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
		})
	}
	read := func(p string) ([]byte, error) {
		if !inside(p) {
			return nil, fs.ErrNotExist
		}
		info, err := os.Stat(filepath.FromSlash(p))
		if err != nil {
			return nil, err
		}
		if !info.Mode().IsRegular() {
			return nil, fs.ErrNotExist
		}
		return render.ReadFile(p)
	}
	roles := kustomize.Roles(dirs, read)
	out := slices.Clone(srcs)
	for i, s := range out {
		role, ok := roles[path.Clean(s.Path)]
		if !ok || s.Kind != lint.KindYAML {
			continue
		}
		out[i].Patch = role.Patch
		if role.Namespace != "" && !role.Patch {
			out[i].Parser = kube.Parser{Namespace: role.Namespace}
		}
	}
	return out
}

// ChartOf returns the directory of the Helm chart file belongs to (the
// top chart when it sits in a chart's charts/), or "".
func ChartOf(file string) string {
	dir := path.Dir(filepath.ToSlash(filepath.Clean(file)))
	chart := ""
	for range 64 {
		if exists(path.Join(dir, "Chart.yaml")) {
			chart = dir
			break
		}
		parent := path.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
	for chart != "" {
		up := path.Dir(chart)
		if path.Base(up) != "charts" || !exists(path.Join(path.Dir(up), "Chart.yaml")) {
			break
		}
		chart = path.Dir(up)
	}
	return chart
}
