//go:build unix

package lint_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/hardline-dev/hardline/lint"
)

func TestReadFileRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "Dockerfile")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, path, want string }{
		// Opening a FIFO nobody writes to would block without O_NONBLOCK.
		{"fifo", fifo, "named pipe"},
		{"device", os.DevNull, "character device"},
		{"directory", dir, "directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := lint.ReadFile(tc.path, 0)
			if !errors.Is(err, lint.ErrNotRegular) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ReadFile(%s) = %v, want ErrNotRegular (%s)", tc.path, err, tc.want)
			}
		})
	}
	// A symbolic link to a device is refused too: the descriptor is checked.
	link := filepath.Join(dir, "link")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Fatal(err)
	}
	if _, err := lint.ReadFile(link, 0); !errors.Is(err, lint.ErrNotRegular) {
		t.Errorf("ReadFile(link to /dev/zero) = %v, want ErrNotRegular", err)
	}
	if _, err := lint.Discover([]string{fifo}, nil); !errors.Is(err, lint.ErrNotRegular) {
		t.Errorf("Discover(fifo) = %v, want ErrNotRegular", err)
	}
}
