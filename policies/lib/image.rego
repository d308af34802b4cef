# METADATA
# description: |
#   Helpers for rules about image references (the IM rules). An Image has the
#   same shape whatever it came from: a Dockerfile FROM, COPY --from or
#   RUN --mount, or a Kubernetes container (see docs/policies.md).
package lib.image

# images are the image references of the input: a Dockerfile or a Kubernetes object.
images contains img if some img in input.images

# at is a finding about an image reference: at its text in a Dockerfile, at its
# field in a Kubernetes object.
at(msg, img) := {"msg": msg, "range": img.range} if img.range

else := {"msg": msg, "path": img.path}

# at_with_fix is at with a fix (one call instead of two: rules that fire on
# many images build their findings this way).
at_with_fix(msg, img, fix) := {"msg": msg, "range": img.range, "fix": fix} if img.range

else := {"msg": msg, "path": img.path, "fix": fix}

# scratch is the empty image, which has no tag, digest or registry.
scratch(img) if img.scratch

# pinned is true when the reference carries a sha256 digest.
pinned(img) if img.pinned

# unknown is true when variables left the reference unknown (or it is
# blank): a rule cannot tell which image it names.
unknown(img) if img.unknown

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
trusted(img, entries) if trusted_by_prefix(img, [normalize_entry(entry) | some entry in entries])

# trusted_by_prefix is trusted for entries already normalized (see
# normalize_entry), such as trusted_prefixes.
trusted_by_prefix(img, prefixes) if {
	have := concat("/", [registry(img), lower(img.repository)])
	some want in prefixes
	prefix_of(want, have)
}

# trusted_prefixes are the configured trusted_registries, normalized. hardline
# gives them as trusted_registry_prefixes, worked out once per run.
trusted_prefixes := data.hardline.config.trusted_registry_prefixes if {
	is_array(data.hardline.config.trusted_registry_prefixes)
} else := [normalize_entry(entry) | some entry in data.hardline.config.trusted_registries]

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

# family is the distribution family of an image, as far as its name tells,
# which says how to create a user in it:
#   "alpine"   Alpine and BusyBox (busybox addgroup -S / adduser -S)
#   "debian"   Debian and Ubuntu, and the Docker Official Images built on them
#              unless the tag names another base (groupadd/useradd --system)
#   "rhel"     CentOS, Fedora, Rocky Linux, AlmaLinux, Oracle Linux and Red Hat
#              UBI (groupadd -r / useradd -r, from shadow-utils)
#   "minimal"  images known to ship no user tools: Amazon Linux, and the
#              minimal, micro and slim variants of the RHEL family
#   "windows"  Windows Server Core and Nano Server images
#   "unknown"  anything else
family(img) := "windows" if {
	windows(img)
} else := "alpine" if {
	alpine(img)
} else := "minimal" if {
	rhel_minimal(img)
} else := "rhel" if {
	rhel(img)
} else := "debian" if {
	debian(img)
} else := "unknown"

alpine(img) if repository(img) in {"alpine", "busybox"}

# python:3.13-alpine, node:lts-alpine3.22, nginx:1.27-alpine-slim.
alpine(img) if regex.match(`(^|[-.])alpine`, tag(img))

# rhel_distributions are the RHEL-family distribution images by name: "centos",
# "rockylinux/rockylinux", "quay.io/centos/centos", "quay.io/fedora/fedora".
rhel_distributions := {"centos", "fedora", "rockylinux", "almalinux", "oraclelinux"}

rhel(img) if {
	parts := split(repository(img), "/")
	parts[count(parts) - 1] in rhel_distributions
	parts[0] in {parts[count(parts) - 1], repository(img)}
}

# Red Hat UBI: "ubi9", "ubi9/ubi", "ubi8/ubi-init", "redhat/ubi9"; and images
# whose tag names a UBI base ("eclipse-temurin:21-ubi9").
rhel(img) if regex.match(`(^|/)ubi[0-9]*(/ubi[0-9]*)?(-init)?$`, repository(img))

rhel(img) if regex.match(`(^|-)ubi[0-9]*`, tag(img))

rhel_minimal(img) if repository(img) == "amazonlinux"

rhel_minimal(img) if regex.match(`(^|/)ubi[0-9]*(/ubi)?-(minimal|micro)$`, repository(img))

# rockylinux:9-minimal, oraclelinux:9-slim, eclipse-temurin:21-ubi9-minimal.
rhel_minimal(img) if {
	rhel(img)
	regex.match(`minimal|micro|slim`, tag(img))
}

debian(img) if repository(img) in {"debian", "ubuntu", "buildpack-deps"}

# Tags naming a Debian or Ubuntu release: "3.13-slim-bookworm", "22.04-jammy".
debian(img) if regex.match(`(^|[-.])(buster|bullseye|bookworm|trixie|forky|focal|jammy|noble|plucky|questing)`, tag(img))

# Docker Official Images built on Debian (eclipse-temurin on Ubuntu) unless
# the tag says otherwise; "-slim" is Debian too.
debian(img) if {
	img.official
	repository(img) in {"python", "node", "golang", "ruby", "php", "perl", "rust", "gcc", "eclipse-temurin"}
}

# non_root_user is the USER (uid[:gid]) of the unprivileged user an image is
# known to ship: nonroot (65532) in distroless and Chainguard images, nginx
# (101) in nginx-unprivileged, 1001 in Bitnami images and node (1000) in the
# node Docker Official Image.
non_root_user(img) := "65532:65532" if {
	registry(img) == "gcr.io"
	startswith(img.repository, "distroless/")
} else := "65532:65532" if {
	registry(img) == "cgr.dev"
	startswith(img.repository, "chainguard/")
} else := "101:101" if {
	registry(img) == "docker.io"
	img.repository == "nginxinc/nginx-unprivileged"
} else := "1001" if {
	registry(img) == "docker.io"
	some prefix in {"bitnami/", "bitnamilegacy/"}
	startswith(img.repository, prefix)
} else := "1000:1000" if {
	registry(img) == "docker.io"
	repository(img) == "node"
}

# windows holds for Windows Server Core and Nano Server images, named by
# repository (mcr.microsoft.com/windows/servercore) or by tag
# (dotnet/aspnet:8.0-nanoserver-ltsc2022).
windows(img) if regex.match(`windowsservercore|nanoserver`, tag(img))

windows(img) if regex.match(`(^|/)windows/(servercore|nanoserver|server)$`, repository(img))
