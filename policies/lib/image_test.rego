package lib.image_test

import data.lib.dockerfile_test as fx
import data.lib.image

test_family if {
	every ref, want in {
		"alpine:3.22": "alpine",
		"busybox:1.37": "alpine",
		"python:3.13-alpine": "alpine",
		"node:lts-alpine3.22": "alpine",
		"nginx:1.27-alpine-slim": "alpine",
		"debian:bookworm-slim": "debian",
		"ubuntu:24.04": "debian",
		"python:3.13-slim": "debian",
		"python:3.13": "debian",
		"golang:1.25": "debian",
		"eclipse-temurin:21-jre": "debian",
		"ghcr.io/acme/base:1.4-bookworm": "debian",
		"centos:7": "rhel",
		"fedora:42": "rhel",
		"rockylinux:9": "rhel",
		"rockylinux/rockylinux:9": "rhel",
		"quay.io/centos/centos:stream9": "rhel",
		"almalinux:9": "rhel",
		"oraclelinux:9": "rhel",
		"registry.access.redhat.com/ubi9/ubi:9.6": "rhel",
		"registry.access.redhat.com/ubi9:latest": "rhel",
		"redhat/ubi9-init": "rhel",
		"eclipse-temurin:21-ubi9": "rhel",
		"amazonlinux:2023": "minimal",
		"registry.access.redhat.com/ubi9/ubi-minimal:9.6": "minimal",
		"registry.access.redhat.com/ubi9-micro": "minimal",
		"rockylinux:9-minimal": "minimal",
		"oraclelinux:9-slim": "minimal",
		"eclipse-temurin:21-ubi9-minimal": "minimal",
		"python:3.13-windowsservercore-ltsc2022": "windows",
		"acme/centos:7": "unknown",
		"ghcr.io/acme/app:1.0": "unknown",
		"postgres:17": "unknown",
	} {
		image.family(fx.image(ref, 1)) == want
	}
}

test_non_root_user if {
	every ref, want in {
		"gcr.io/distroless/static-debian12": "65532:65532",
		"gcr.io/distroless/python3-debian12:debug": "65532:65532",
		"cgr.dev/chainguard/python:latest-dev": "65532:65532",
		"nginxinc/nginx-unprivileged:1.27": "101:101",
		"bitnami/redis:7.4": "1001",
		"node:22-slim": "1000:1000",
		"node:22-alpine": "1000:1000",
	} {
		image.non_root_user(fx.image(ref, 1)) == want
	}
	not image.non_root_user(fx.image("python:3.13", 1))
	not image.non_root_user(fx.image("acme/node:1", 1))
}
