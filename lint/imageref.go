package lint

import "strings"

// DefaultRegistry is the registry of image references that name none.
const DefaultRegistry = "docker.io"

// Reference is an image reference split the way Docker reads it. Both
// parsers use it, so image rules see the same parts whatever the source.
type Reference struct {
	// Registry is the host (and port) of the registry, DefaultRegistry
	// when the reference names none.
	Registry string
	// Repository is the path in the registry, with "library/" added for
	// single-component names on Docker Hub.
	Repository string
	// Name is the last component of Repository.
	Name string
	// Tag is "" when none is written.
	Tag string
	// Digest is the "algorithm:hex" pin after '@', or "".
	Digest string
}

// Official reports whether the reference names a Docker Official Image
// (docker.io/library/<name>).
func (r Reference) Official() bool {
	return r.Registry == DefaultRegistry && strings.HasPrefix(r.Repository, "library/") &&
		strings.Count(r.Repository, "/") == 1
}

// ParseReference splits an image reference such as "python:3.12-slim",
// "ghcr.io/org/app@sha256:..." or "localhost:5000/app:1" the way Docker
// normalises it: a first path component is a registry when it contains '.'
// or ':', is "localhost", or has upper-case letters; Docker Hub is the
// default registry and single-component Hub names get "library/". It
// reports false for references that have no repository (empty, or only a
// tag or digest); it does not otherwise validate the characters used.
func ParseReference(ref string) (Reference, bool) {
	var r Reference
	name := ref
	if i := strings.IndexByte(name, '@'); i >= 0 {
		r.Digest = name[i+1:]
		name = name[:i]
	}
	if i := strings.LastIndexByte(name, ':'); i >= 0 && i > strings.LastIndexByte(name, '/') {
		r.Tag = name[i+1:]
		name = name[:i]
	}
	if name == "" {
		return Reference{}, false
	}
	r.Registry, r.Repository = DefaultRegistry, name
	if i := strings.IndexByte(name, '/'); i >= 0 {
		first := name[:i]
		if strings.ContainsAny(first, ".:") || first == "localhost" || strings.ToLower(first) != first {
			r.Registry, r.Repository = first, name[i+1:]
		}
	}
	switch r.Registry {
	case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com":
		r.Registry = DefaultRegistry
	}
	if r.Registry == DefaultRegistry && !strings.Contains(r.Repository, "/") {
		r.Repository = "library/" + r.Repository
	}
	if r.Repository == "" {
		return Reference{}, false
	}
	r.Name = r.Repository[strings.LastIndexByte(r.Repository, '/')+1:]
	return r, true
}
