package rules.dockerfile.DF002_test

import data.lib.dockerfile_test as fx
import data.rules.dockerfile.DF002

test_full_distribution_denied_at_final_from if {
	doc := fx.single("ubuntu:24.04", [])
	res := DF002.deny with input as doc
	res == {{"msg": "the final stage is based on ubuntu:24.04, a full operating system image", "range": doc.instructions[0].range}}
}

test_full_distributions_denied if {
	every ref in [
		"debian:bookworm",
		"debian",
		"centos:7",
		"fedora:42",
		"rockylinux:9",
		"rockylinux/rockylinux:9",
		"almalinux:9",
		"amazonlinux:2023",
		"oraclelinux:9",
		"opensuse/leap:15.6",
		"quay.io/centos/centos:stream9",
		"registry.access.redhat.com/ubi9/ubi",
		"registry.access.redhat.com/ubi9",
		"mirror.gcr.io/library/ubuntu:22.04",
	] {
		count(DF002.deny) == 1 with input as fx.single(ref, [])
	}
}

test_minimal_images_allowed if {
	every ref in [
		"debian:bookworm-slim",
		"debian:12-slim",
		"oraclelinux:9-slim",
		"amazonlinux:2023-minimal",
		"almalinux:9-minimal",
		"registry.access.redhat.com/ubi9/ubi-minimal",
		"registry.access.redhat.com/ubi9/ubi-micro",
		"alpine:3.22",
		"busybox:1.37",
		"gcr.io/distroless/static-debian12",
		"cgr.dev/chainguard/wolfi-base",
		"python:3.12-slim",
		"acme/ubuntu-tools:1",
		"scratch",
	] {
		count(DF002.deny) == 0 with input as fx.single(ref, [])
	}
}

test_only_the_final_stage_counts if {
	count(DF002.deny) == 0 with input as fx.two_stages("ubuntu:24.04", [], "gcr.io/distroless/static-debian12:nonroot", [])
}

test_final_stage_built_on_a_full_os_stage_denied if {
	doc := fx.two_stages("ubuntu:24.04", [], "builder", [])
	res := DF002.deny with input as doc
	res == {{"msg": "the final stage is based on ubuntu:24.04, a full operating system image", "range": doc.instructions[1].range}}
}
