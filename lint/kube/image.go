package kube

import "strings"

// imageRef is a container image reference split into its parts, with Docker
// Hub's defaults applied (see "Image" in docs/policies.md).
type imageRef struct {
	registry   string
	repository string
	name       string
	tag        string
	digest     string
	official   bool
	unresolved bool
}

const dockerHub = "docker.io"

// parseImage splits an image reference such as
// "registry.example.com:5000/team/app:1.2@sha256:...". A first path component
// is a registry when it holds a "." or a ":" or is "localhost"; Docker Hub
// is the default and single-component names live under "library/".
func parseImage(raw string) imageRef {
	ref := strings.TrimSpace(raw)
	var r imageRef
	r.unresolved = strings.Contains(ref, "${") || strings.Contains(ref, "$(") || strings.Contains(ref, "{{")
	if ref == "" {
		return r
	}
	rest := ref
	if i := strings.IndexByte(rest, '@'); i >= 0 {
		r.digest = rest[i+1:]
		rest = rest[:i]
	}
	r.registry = dockerHub
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		if first := rest[:i]; strings.ContainsAny(first, ".:") || first == "localhost" {
			r.registry = first
			rest = rest[i+1:]
		}
	}
	switch r.registry {
	case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com":
		r.registry = dockerHub
	}
	if i := strings.LastIndexByte(rest, ':'); i >= 0 && !strings.Contains(rest[i:], "/") {
		r.tag = rest[i+1:]
		rest = rest[:i]
	}
	if r.registry == dockerHub && rest != "" && !strings.Contains(rest, "/") {
		rest = "library/" + rest
	}
	r.repository = rest
	r.name = rest[strings.LastIndexByte(rest, '/')+1:]
	r.official = r.registry == dockerHub && strings.HasPrefix(rest, "library/") && strings.Count(rest, "/") == 1
	return r
}
