package kustomize

import (
	"path"
	"slices"
	"strings"

	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// Role is what kustomizations make of a file linted without building
// them.
type Role struct {
	// Patch: a kustomization uses the file as a patch.
	Patch bool
	// Namespace: the namespace a kustomization sets on the file's objects
	// ("" when none, or when kustomizations set different ones).
	Namespace string
}

// Roles reads the kustomizations in dirs (and the local bases they use)
// and returns the role of each file they name, by slash path. read reads
// a file and fails when it does not exist.
func Roles(dirs []string, read func(string) ([]byte, error)) map[string]Role {
	r := &roles{read: read, out: map[string]Role{}, nsSet: map[string]map[string]bool{}, seen: map[string]bool{}}
	slices.Sort(dirs)
	for _, d := range slices.Compact(dirs) {
		r.visit(d, "")
	}
	for file, nss := range r.nsSet {
		role := r.out[file]
		if len(nss) == 1 {
			for ns := range nss {
				role.Namespace = ns
			}
		}
		r.out[file] = role
	}
	return r.out
}

type roles struct {
	read  func(string) ([]byte, error)
	out   map[string]Role
	nsSet map[string]map[string]bool
	seen  map[string]bool
}

// visit reads the kustomization of dir, whose objects an including
// kustomization puts in namespace ns ("" for none).
func (r *roles) visit(dir, ns string) {
	key := dir + "\x00" + ns
	if r.seen[key] || len(r.seen) > 1000 {
		return
	}
	r.seen[key] = true
	kfile := File(func(p string) bool { _, err := r.read(p); return err == nil }, dir)
	if kfile == "" {
		return
	}
	b, err := r.read(kfile)
	if err != nil {
		return
	}
	var kz types.Kustomization
	if yaml.Unmarshal(b, &kz) != nil {
		return
	}
	if kz.Namespace != "" {
		ns = kz.Namespace
	}
	for _, res := range slices.Concat(kz.Resources, kz.Bases) { //nolint:staticcheck // old kustomizations still use bases
		if isRemote(res) {
			continue
		}
		p := path.Clean(path.Join(dir, res))
		if File(func(p string) bool { _, err := r.read(p); return err == nil }, p) != "" {
			r.visit(p, ns)
			continue
		}
		if ns != "" {
			if r.nsSet[p] == nil {
				r.nsSet[p] = map[string]bool{}
			}
			r.nsSet[p][ns] = true
		}
	}
	mark := func(p string) {
		role := r.out[p]
		role.Patch = true
		r.out[p] = role
	}
	for _, p := range kz.Patches {
		if p.Path != "" {
			mark(path.Clean(path.Join(dir, p.Path)))
		}
	}
	for _, p := range kz.PatchesStrategicMerge { //nolint:staticcheck // old kustomizations still use it
		if s := string(p); !strings.Contains(s, "\n") && !strings.Contains(s, ":") {
			mark(path.Clean(path.Join(dir, s)))
		}
	}
	for _, p := range kz.PatchesJson6902 { //nolint:staticcheck // old kustomizations still use it
		if p.Path != "" {
			mark(path.Clean(path.Join(dir, p.Path)))
		}
	}
}
