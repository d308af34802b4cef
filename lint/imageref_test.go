package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseReference(t *testing.T) {
	for _, tc := range []struct {
		ref      string
		want     Reference
		official bool
		bad      bool
	}{
		{ref: "python", want: Reference{"docker.io", "library/python", "python", "", ""}, official: true},
		{ref: "python:3.12-slim", want: Reference{"docker.io", "library/python", "python", "3.12-slim", ""}, official: true},
		{ref: "library/python:3", want: Reference{"docker.io", "library/python", "python", "3", ""}, official: true},
		{ref: "docker.io/library/python", want: Reference{"docker.io", "library/python", "python", "", ""}, official: true},
		{ref: "docker.io/python", want: Reference{"docker.io", "library/python", "python", "", ""}, official: true},
		{ref: "index.docker.io/library/alpine:3.20", want: Reference{"docker.io", "library/alpine", "alpine", "3.20", ""}, official: true},
		{ref: "bitnami/redis:7.2", want: Reference{"docker.io", "bitnami/redis", "redis", "7.2", ""}},
		{ref: "ghcr.io/acme/app:v1", want: Reference{"ghcr.io", "acme/app", "app", "v1", ""}},
		{ref: "registry-1.docker.io/library/nginx", want: Reference{"docker.io", "library/nginx", "nginx", "", ""}, official: true},
		{ref: "localhost/app", want: Reference{"localhost", "app", "app", "", ""}},
		{ref: "registry.example.com:5000/a/b/c", want: Reference{"registry.example.com:5000", "a/b/c", "c", "", ""}},
		{ref: "quay.io/org/img:1.0@sha256:abc", want: Reference{"quay.io", "org/img", "img", "1.0", "sha256:abc"}},
		{ref: "gcr.io/distroless/static-debian12:nonroot", want: Reference{"gcr.io", "distroless/static-debian12", "static-debian12", "nonroot", ""}},
		{ref: "localhost/app", want: Reference{"localhost", "app", "app", "", ""}},
		{ref: "localhost:5000/app:1", want: Reference{"localhost:5000", "app", "app", "1", ""}},
		{ref: "localhost:5000", want: Reference{"docker.io", "library/localhost", "localhost", "5000", ""}, official: true},
		{ref: "registry.example.com:5000/team/sub/app@sha256:abc123", want: Reference{"registry.example.com:5000", "team/sub/app", "app", "", "sha256:abc123"}},
		{ref: "nginx:1.25@sha256:deadbeef", want: Reference{"docker.io", "library/nginx", "nginx", "1.25", "sha256:deadbeef"}, official: true},
		{ref: "Upper/app", want: Reference{"Upper", "app", "app", "", ""}},
		{ref: "myorg/library/app", want: Reference{"docker.io", "myorg/library/app", "app", "", ""}},
		{ref: "", bad: true},
		{ref: ":tag", bad: true},
		{ref: "@sha256:abc", bad: true},
		{ref: "reg.example.com/", bad: true},
	} {
		t.Run(tc.ref, func(t *testing.T) {
			got, ok := ParseReference(tc.ref)
			if ok == tc.bad {
				t.Fatalf("ParseReference(%q) ok = %v, want %v", tc.ref, ok, !tc.bad)
			}
			if tc.bad {
				return
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("ParseReference(%q) -want +got:\n%s", tc.ref, diff)
			}
			if got.Official() != tc.official {
				t.Errorf("Official() = %v, want %v", got.Official(), tc.official)
			}
		})
	}
}

func TestNewImageFacts(t *testing.T) {
	for _, tc := range []struct {
		ref                      string
		unresolved               bool
		unknown, scratch, pinned bool
	}{
		{ref: "python:3.12"},
		{ref: "python@sha256:0123", pinned: true},
		{ref: "python:3@sha512:0123"},
		{ref: "scratch", scratch: true},
		{ref: "SCRATCH", scratch: true},
		{ref: "docker.io/library/scratch", scratch: true},
		{ref: "ghcr.io/acme/scratch"},
		{ref: "${BASE}", unresolved: true, unknown: true},
		{ref: "$BASE:1", unknown: true},
		{ref: "  ", unknown: true},
		{ref: "", unknown: true},
		{ref: "app:latest", unresolved: true, unknown: true},
	} {
		img := NewImage(tc.ref, tc.ref, tc.unresolved, "from", Range{})
		if img.Unknown != tc.unknown || img.Scratch != tc.scratch || img.Pinned != tc.pinned {
			t.Errorf("NewImage(%q, unresolved %v): unknown %v scratch %v pinned %v, want %v %v %v",
				tc.ref, tc.unresolved, img.Unknown, img.Scratch, img.Pinned, tc.unknown, tc.scratch, tc.pinned)
		}
	}
	// The parts written are kept when a variable is unresolved.
	if img := NewImage("${R}/app:latest", "/app:latest", true, "from", Range{}); img.Tag != "latest" || !img.Unknown {
		t.Errorf("unresolved registry: %+v", img)
	}
}
