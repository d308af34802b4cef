package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// fakeRelease writes, into dir, a release as .goreleaser.yaml lays it out:
// hardline_linux_amd64.tar.gz holding a hardline script, and checksums.txt.
func fakeRelease(t *testing.T, dir string) {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	script := "#!/bin/sh\necho \"hardline 1.2.3 (commit fake)\"\n"
	if err := tw.WriteHeader(&tar.Header{Name: "hardline", Mode: 0o755, Size: int64(len(script))}); err != nil {
		t.Fatal(err)
	}
	if _, err := tw.Write([]byte(script)); err != nil {
		t.Fatal(err)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(buf.Bytes())
	writeTestFile(t, filepath.Join(dir, "hardline_linux_amd64.tar.gz"), buf.String())
	writeTestFile(t, filepath.Join(dir, "checksums.txt"),
		strings.Repeat("0", 64)+"  hardline_darwin_arm64.tar.gz\n"+hex.EncodeToString(sum[:])+"  hardline_linux_amd64.tar.gz\n")
}

// TestActionInstallsRelease runs the action's install script with bash and
// a fake curl serving a release from a directory: the asset it picks for the
// runner, the URL of the release the action is used at, and that a
// checksum mismatch fails the step before anything is installed.
func TestActionInstallsRelease(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not found")
	}
	var script string
	for _, s := range loadAction(t).Runs.Steps {
		if s.Name == "Install hardline" {
			script = s.Run
		}
	}
	if script == "" {
		t.Fatal("no step named Install hardline")
	}
	for _, s := range loadAction(t).Runs.Steps {
		if s.Uses != "" && !regexp.MustCompile(`@[0-9a-f]{40}$`).MatchString(s.Uses) {
			t.Errorf("step %q: %s is not pinned to a commit", s.Name, s.Uses)
		}
	}

	run := func(t *testing.T, actionRef, version string, tamper bool) (string, string, error) {
		t.Helper()
		dir := t.TempDir()
		releases, fakeBin, temp := filepath.Join(dir, "releases"), filepath.Join(dir, "bin"), filepath.Join(dir, "temp")
		for _, d := range []string{releases, fakeBin, temp} {
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		fakeRelease(t, releases)
		if tamper {
			writeTestFile(t, filepath.Join(releases, "hardline_linux_amd64.tar.gz"), "not the archive")
		}
		curl := "#!/bin/sh\nout=\nwhile [ $# -gt 0 ]; do case \"$1\" in -o) out=$2; shift;; -*) ;; *) url=$1;; esac; shift; done\n" +
			"echo \"$url\" >> \"$CURL_LOG\"\ncp \"$RELEASES/$(basename \"$url\")\" \"$out\"\n"
		if err := os.WriteFile(filepath.Join(fakeBin, "curl"), []byte(curl), 0o755); err != nil {
			t.Fatal(err)
		}
		cmd := exec.CommandContext(t.Context(), bash, "-c", script)
		cmd.Env = append(os.Environ(),
			"PATH="+fakeBin+string(os.PathListSeparator)+os.Getenv("PATH"),
			"RELEASES="+releases, "CURL_LOG="+filepath.Join(dir, "curl.log"),
			"VERSION="+version, "INSTALL=release",
			"ACTION_PATH=/home/runner/work/_actions/hardline-dev/hardline/"+actionRef,
			"REPOSITORY=https://github.com/hardline-dev/hardline",
			"RUNNER_TEMP="+temp, "RUNNER_OS=Linux", "RUNNER_ARCH=X64",
			"GITHUB_PATH="+filepath.Join(dir, "github_path"))
		out, err := cmd.CombinedOutput()
		urls, _ := os.ReadFile(filepath.Join(dir, "curl.log"))
		if err == nil {
			installed := filepath.Join(temp, "hardline-bin", "hardline")
			if _, serr := os.Stat(installed); serr != nil {
				t.Errorf("hardline not installed: %v", serr)
			}
			if p, _ := os.ReadFile(filepath.Join(dir, "github_path")); strings.TrimSpace(string(p)) != filepath.Join(temp, "hardline-bin") {
				t.Errorf("GITHUB_PATH holds %q", p)
			}
		}
		return string(out), string(urls), err
	}

	t.Run("the action's release", func(t *testing.T) {
		out, urls, err := run(t, "v1.2.3", "", false)
		if err != nil || !strings.Contains(out, "hardline 1.2.3") {
			t.Fatalf("%v\n%s", err, out)
		}
		if !strings.Contains(urls, "https://github.com/hardline-dev/hardline/releases/download/v1.2.3/hardline_linux_amd64.tar.gz") {
			t.Errorf("downloaded %s", urls)
		}
	})
	t.Run("latest", func(t *testing.T) {
		_, urls, err := run(t, "0123456789abcdef0123456789abcdef01234567", "latest", false)
		if err != nil || !strings.Contains(urls, "/releases/latest/download/checksums.txt") {
			t.Errorf("%v: downloaded %s", err, urls)
		}
	})
	t.Run("pinned to a commit without a version", func(t *testing.T) {
		out, _, err := run(t, "0123456789abcdef0123456789abcdef01234567", "", false)
		if err == nil || !strings.Contains(out, "set the version input") {
			t.Errorf("%v\n%s", err, out)
		}
	})
	t.Run("checksum mismatch", func(t *testing.T) {
		out, _, err := run(t, "v1.2.3", "", true)
		if err == nil {
			t.Fatalf("a tampered archive was installed:\n%s", out)
		}
	})
}
