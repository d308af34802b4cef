package lint_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hardline-dev/hardline/lint"
)

func TestClassifyRuntimeFiles(t *testing.T) {
	for name, want := range map[string]lint.Kind{
		"compose.yaml":                   lint.KindCompose,
		"deploy/docker-compose.yml":      lint.KindCompose,
		"compose.override.yaml":          lint.KindCompose,
		"docker-compose.prod.YML":        lint.KindCompose,
		"composer.yaml":                  lint.KindYAML,
		"compose.json":                   lint.KindYAML,
		".github/workflows/ci.yml":       lint.KindWorkflow,
		"a/.github/workflows/x.yaml":     lint.KindWorkflow,
		".github/workflows/sub/x.yml":    lint.KindYAML,
		".github/workflows/compose.yaml": lint.KindCompose,
		"scripts/run.sh":                 lint.KindShell,
		"run.bash":                       lint.KindShell,
		"Makefile":                       lint.KindMakefile,
		"GNUmakefile":                    lint.KindMakefile,
		"rules.mk":                       lint.KindMakefile,
		"Makefile.in":                    lint.KindUnknown,
		"Dockerfile.sh":                  lint.KindShell, // a script named after a Dockerfile
		"Dockerfile.md":                  lint.KindUnknown,
		"Dockerfile-chroot":              lint.KindDockerfile,
		"Dockerfile.mk":                  lint.KindDockerfile,
	} {
		if got := lint.Classify(name); got != want {
			t.Errorf("Classify(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestClassifyNamed(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      lint.Kind
	}{
		{"stack.yaml", "services:\n  web:\n    image: nginx\n", lint.KindCompose},
		{"stack.yaml", "services:\n  web:\n", lint.KindYAML},
		{"stack.yaml", "services:\n  web:\n    build: .\n    x-team: web\n  db:\n", lint.KindCompose},
		{"values.yaml", "services:\n  web:\n    image:\n      repository: nginx\n", lint.KindYAML},
		{"values.yaml", "services:\n  web:\n    port: 80\n", lint.KindYAML},
		{"app.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nservices: {a: {}}\n", lint.KindYAML},
		{"values.yaml", "services:\n  - web\n", lint.KindYAML},
		{"values.yaml", "services:\n  web: true\n", lint.KindYAML},
		{"deploy", "#!/usr/bin/env bash\ndocker run x\n", lint.KindShell},
		{"deploy", "#!/bin/sh -e\ndocker run x\n", lint.KindShell},
		{"deploy", "#!/usr/bin/env -S python3\n", lint.KindYAML},
		{"build", "FROM alpine\n", lint.KindDockerfile},
		{"compose.yaml", "not: compose\n", lint.KindCompose},
	} {
		if got := lint.ClassifyNamed(tc.name, []byte(tc.src)); got != tc.want {
			t.Errorf("ClassifyNamed(%q, %q) = %v, want %v", tc.name, tc.src, got, tc.want)
		}
	}
}

func TestDiscoverNamedCompose(t *testing.T) {
	dir := t.TempDir()
	stack := filepath.Join(dir, "stack.yml")
	if err := os.WriteFile(stack, []byte("services:\n  web:\n    image: nginx\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	d, err := lint.Discover([]string{stack}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Sources) != 1 || d.Sources[0].Kind != lint.KindCompose {
		t.Errorf("a named YAML file with services is a Compose file: %+v", d.Sources)
	}
	// In a walk, only Compose names are Compose files.
	d, err = lint.Discover([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Sources) != 1 || d.Sources[0].Kind != lint.KindYAML {
		t.Errorf("walked: %+v", d.Sources)
	}
}
