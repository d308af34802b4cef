package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// writeFiles writes name → content into a new temporary directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// rules lists the rule IDs of a report's findings, sorted and unique.
func rules(rep jsonReport) []string {
	var ids []string
	for _, f := range rep.Findings {
		if !slices.Contains(ids, f.Rule) {
			ids = append(ids, f.Rule)
		}
	}
	slices.Sort(ids)
	return ids
}

const pipeToShell = "FROM alpine:3.22\nRUN curl -fsSL https://example.com/install.sh | sh\nUSER 10001\n"

const defaultsPod = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
    - name: web
      image: nginx:1.27
`

// TestProfileSelectsLevelOnly checks that --profile only picks the Pod
// Security Standards level of the pod security controls: Dockerfile,
// image and other Kubernetes rules stay on, and --enable/--disable apply
// on top.
func TestProfileSelectsLevelOnly(t *testing.T) {
	dir := writeFiles(t, map[string]string{"Dockerfile": pipeToShell, "pod.yaml": defaultsPod})
	for _, tc := range []struct {
		name      string
		args      []string
		want, not []string
	}{
		{"restricted", []string{"--profile", "restricted"}, []string{"DF006", "IM002", "KS001", "KS002", "KS011"}, nil},
		{"baseline", []string{"--profile", "baseline"}, []string{"DF006", "IM002", "KS011"}, []string{"KS001", "KS002", "KS004", "KS028"}},
		{"baseline enable", []string{"--profile", "baseline", "--enable", "KS002"}, []string{"DF006", "KS002"}, []string{"KS001"}},
		{"restricted disable", []string{"--profile", "restricted", "--disable", "DF006"}, []string{"KS001"}, []string{"DF006"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, rep := lintJSON(t, append(tc.args, dir)...)
			if code != exitFindings {
				t.Errorf("exit code %d, want %d", code, exitFindings)
			}
			got := rules(rep)
			for _, id := range tc.want {
				if !slices.Contains(got, id) {
					t.Errorf("no %s finding; got %s", id, strings.Join(got, " "))
				}
			}
			for _, id := range tc.not {
				if slices.Contains(got, id) {
					t.Errorf("unexpected %s finding", id)
				}
			}
		})
	}
}

// TestOneFindingPerLatestImage checks that a latest or missing tag is
// reported once, by IM001 with the pin fix, and a version tag by IM002.
func TestOneFindingPerLatestImage(t *testing.T) {
	dir := writeFiles(t, map[string]string{"Dockerfile": "FROM ubuntu:latest\nFROM debian\nFROM alpine:3.22\nUSER 10001\n"})
	_, rep := lintJSON(t, "--disable", "DF002,DF009,IM003", dir)
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Rule+":"+strconv.Itoa(f.Line))
	}
	want := []string{"IM001:1", "IM001:2", "IM002:3"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}
