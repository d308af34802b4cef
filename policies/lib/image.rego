# METADATA
# description: |
#   Helpers for rules about image references (the IM rules). An Image has the
#   same shape whatever it came from: a Dockerfile FROM, COPY --from or
#   RUN --mount, or a Kubernetes container (see docs/policies.md).
package lib.image

import data.lib.result

# images are the image references of the input: a Dockerfile or a Kubernetes object.
images contains img if some img in input.images

# at is a finding about an image reference: at its text in a Dockerfile, at its
# field in a Kubernetes object.
at(msg, img) := result.at(msg, img) if img.range

else := result.at_path(msg, img.path)

# scratch is the empty image, which has no tag, digest or registry.
scratch(img) if lower(img.ref) == "scratch"

scratch(img) if {
	img.registry == "docker.io"
	img.repository in {"scratch", "library/scratch"}
}

# pinned is true when the reference carries a digest.
pinned(img) if startswith(img.digest, "sha256:")

# unknown is true when variables left the reference unknown: a rule cannot
# tell which image it names.
unknown(img) if img.unresolved

unknown(img) if contains(img.ref, "$")

unknown(img) if trim_space(img.ref) == ""

# tag is the tag as written, lower-cased; "" when none is written.
tag(img) := lower(img.tag)

# registry is the registry host in canonical form: the aliases of Docker Hub
# are docker.io.
registry(img) := "docker.io" if {
	lower(img.registry) in {"docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"}
} else := lower(img.registry)

# repository is the repository path without the "library/" Docker Hub adds
# to official images, also when a mirror keeps it ("mirror.gcr.io/library/python",
# "public.ecr.aws/docker/library/python"): "python", "bitnami/redis".
repository(img) := trim_prefix(img.repository, "docker/library/") if {
	startswith(img.repository, "docker/library/")
} else := trim_prefix(img.repository, "library/")

# name is the display name of the reference: its text after ARG expansion.
name(img) := img.ref

# trusted is true when the reference's registry, or registry and repository
# prefix, matches an entry such as "registry.example.com" or
# "ghcr.io/acme" (a whole path component: "ghcr.io/acme" does not trust
# "ghcr.io/acme-evil/x").
trusted(img, entries) if {
	some entry in entries
	want := normalize_entry(entry)
	have := concat("/", [registry(img), lower(img.repository)])
	prefix_of(want, have)
}

prefix_of(want, have) if want == have

prefix_of(want, have) if startswith(have, concat("", [want, "/"]))

# normalize_entry lower-cases a trusted registry entry and removes a scheme
# and trailing slashes; Docker Hub aliases become docker.io.
normalize_entry(entry) := out if {
	e := trim_right(trim_prefix(trim_prefix(lower(trim_space(entry)), "https://"), "http://"), "/")
	parts := split(e, "/")
	host := docker_hub_alias(parts[0])
	out := concat("/", array.concat([host], array.slice(parts, 1, count(parts))))
}

docker_hub_alias(host) := "docker.io" if {
	host in {"index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"}
} else := host

# non_root_default is true for images known to run as a non-root user when
# no USER is set: distroless :nonroot and :debug-nonroot tags, Chainguard
# images (except the -dev variants), nginx-unprivileged and Bitnami images.
# Docker Official Images run as root by default.
non_root_default(img) if {
	registry(img) == "gcr.io"
	startswith(img.repository, "distroless/")
	contains(tag(img), "nonroot")
}

non_root_default(img) if {
	registry(img) == "cgr.dev"
	startswith(img.repository, "chainguard/")
	not chainguard_dev(img)
}

non_root_default(img) if {
	registry(img) == "docker.io"
	img.repository == "nginxinc/nginx-unprivileged"
}

non_root_default(img) if {
	registry(img) == "docker.io"
	some prefix in {"bitnami/", "bitnamilegacy/"}
	startswith(img.repository, prefix)
}

chainguard_dev(img) if endswith(tag(img), "-dev")

chainguard_dev(img) if tag(img) == "dev"
