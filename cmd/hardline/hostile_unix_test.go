//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestNonRegularFilesRefused(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "Dockerfile")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fifo, "/dev/zero", os.DevNull} {
		code, out, errOut := hardline(t, "", "lint", "--config", emptyConfig(t), p)
		if code != exitError || !strings.Contains(errOut, "not a regular file") {
			t.Errorf("lint %s: exit %d, want 2 and 'not a regular file'\n%s%s", p, code, out, errOut)
		}
	}
}
