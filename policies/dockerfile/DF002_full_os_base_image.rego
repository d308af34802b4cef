# METADATA
# title: Prefer a minimal base image to a full operating system
# description: |
#   The final image is built on a full distribution image (ubuntu, debian,
#   centos, fedora, rockylinux, almalinux, amazonlinux, oraclelinux, opensuse,
#   Red Hat UBI). It ships a shell, a package manager and hundreds of packages
#   the application never uses, each one a source of CVEs and a tool for an
#   attacker. Slim, minimal, micro, alpine, distroless and Chainguard images
#   are not reported.
# custom:
#   id: DF002
#   name: full-os-base-image
#   severity: info
#   precision: medium
#   input: dockerfile
#   remediation: Build in a full image if you must, then copy the result into a slim, minimal or distroless final stage (multi-stage build).
#   why: |
#     Every package in the image is attack surface and scanner noise. A minimal
#     final stage holds only the application and its runtime, so there is less
#     to patch and less for an intruder to use.
#   bad: |
#     FROM ubuntu:24.04
#     COPY app /usr/local/bin/app
#   good: |
#     FROM golang:1.25 AS build
#     RUN go build -o /app ./cmd/app
#     FROM gcr.io/distroless/static-debian12:nonroot
#     COPY --from=build /app /app
#   references:
#     - https://docs.docker.com/build/building/multi-stage/
#     - https://github.com/GoogleContainerTools/distroless
package rules.dockerfile.DF002

import data.lib.dockerfile as df
import data.lib.image
import data.lib.result

deny contains result.at(msg, df.final_from) if {
	img := df.root_image
	not image.unknown(img)
	full_os(img)
	not minimal_variant(img)
	msg := sprintf("the final stage is based on %s, a full operating system image", [img.ref])
}

# distributions are the full distribution images, by repository name.
distributions := {"ubuntu", "debian", "centos", "fedora", "rockylinux", "almalinux", "amazonlinux", "oraclelinux"}

# full_os: "ubuntu", "library/ubuntu" and vendor repositories such as
# "rockylinux/rockylinux" or "quay.io/centos/centos".
full_os(img) if {
	parts := split(image.repository(img), "/")
	parts[count(parts) - 1] in distributions
	same_vendor(parts)
}

full_os(img) if image.repository(img) in {"opensuse/leap", "opensuse/tumbleweed"}

# Red Hat Universal Base Images: ubi9, ubi9/ubi, ubi8/ubi-init (not ubi-minimal, ubi-micro).
full_os(img) if regex.match(`^ubi[0-9]+(/ubi[0-9]*(-init)?)?$`, image.repository(img))

same_vendor(parts) if count(parts) == 1

same_vendor(parts) if {
	count(parts) == 2
	parts[0] == parts[1]
}

# minimal_variant: debian:bookworm-slim, oraclelinux:9-slim,
# amazonlinux:2023-minimal, almalinux:9-micro.
minimal_variant(img) if regex.match(`(slim|minimal|micro)`, image.tag(img))
