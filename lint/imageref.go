package lint

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

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

// Image is an image reference as the image rules read it, whatever it came
// from: a Dockerfile FROM, COPY --from or RUN --mount, a Compose service or
// docker run line, a Kubernetes container. Its facts (Unknown, Scratch,
// Pinned) are worked out here once, so that the rules only read them.
type Image struct {
	// Raw is the text as written; Ref the reference after variables were
	// expanded.
	Raw        string `json:"raw"`
	Ref        string `json:"ref"`
	Registry   string `json:"registry"`
	Repository string `json:"repository"`
	Name       string `json:"name"`
	Tag        string `json:"tag"`
	Digest     string `json:"digest"`
	Official   bool   `json:"official"`
	// Unresolved is true when a variable could not be expanded.
	Unresolved bool `json:"unresolved"`
	// Unknown is true when no rule can tell which image Ref names: it is
	// unresolved, holds a "$" or is blank.
	Unknown bool `json:"unknown"`
	// Scratch is true for the empty image, which has no tag, digest or
	// registry.
	Scratch bool `json:"scratch"`
	// Pinned is true when the reference carries a sha256 digest.
	Pinned bool `json:"pinned"`
	// Source says where the reference is written: see docs/policies.md.
	Source string `json:"source"`
	Range  Range  `json:"range"`
}

// NewImage returns the Image of ref, which is raw with its variables
// expanded, written at r. A reference that does not parse has no parts.
func NewImage(raw, ref string, unresolved bool, source string, r Range) Image {
	img := Image{Raw: raw, Ref: ref, Unresolved: unresolved, Source: source, Range: r}
	if p, ok := ParseReference(ref); ok {
		img.Registry, img.Repository, img.Name = p.Registry, p.Repository, p.Name
		img.Tag, img.Digest, img.Official = p.Tag, p.Digest, p.Official()
	}
	img.Unknown = unresolved || strings.Contains(ref, "$") || strings.TrimSpace(ref) == ""
	img.Scratch = strings.EqualFold(ref, "scratch") ||
		img.Registry == DefaultRegistry && (img.Repository == "scratch" || img.Repository == "library/scratch")
	img.Pinned = strings.HasPrefix(img.Digest, "sha256:")
	return img
}

// ImageItems are the fields of img as Rego object items, but Range, which
// each input builds its own way: key makes the terms of the keys, str
// those of the strings.
func ImageItems(img Image, key, str func(string) *ast.Term) [][2]*ast.Term {
	item := func(k string, v *ast.Term) [2]*ast.Term { return [2]*ast.Term{key(k), v} }
	return [][2]*ast.Term{
		item("raw", str(img.Raw)),
		item("ref", str(img.Ref)),
		item("registry", str(img.Registry)),
		item("repository", str(img.Repository)),
		item("name", str(img.Name)),
		item("tag", str(img.Tag)),
		item("digest", str(img.Digest)),
		item("official", ast.InternedTerm(img.Official)),
		item("unresolved", ast.InternedTerm(img.Unresolved)),
		item("unknown", ast.InternedTerm(img.Unknown)),
		item("scratch", ast.InternedTerm(img.Scratch)),
		item("pinned", ast.InternedTerm(img.Pinned)),
		item("source", str(img.Source)),
	}
}

// TrustedPrefix is a trusted_registries entry, such as
// "https://Registry.Example.com/" or "ghcr.io/acme", in the form image
// references are matched against: lower-cased, without a scheme or
// trailing slashes, Docker Hub's aliases as docker.io. lib.image's
// normalize_entry reads entries the same way.
func TrustedPrefix(entry string) string {
	e := strings.ToLower(strings.TrimSpace(entry))
	e = strings.TrimPrefix(strings.TrimPrefix(e, "https://"), "http://")
	e = strings.TrimRight(e, "/")
	host, rest, found := strings.Cut(e, "/")
	switch host {
	case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com":
		host = DefaultRegistry
	}
	if !found {
		return host
	}
	return host + "/" + rest
}
