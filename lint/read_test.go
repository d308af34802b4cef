package lint_test

import (
	"bytes"
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

func TestReadFileLimit(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(p, bytes.Repeat([]byte("a: b\n"), 30), 0o600); err != nil {
		t.Fatal(err)
	}
	var tooLarge *lint.TooLargeError
	if _, err := lint.ReadFile(p, 100); !errors.As(err, &tooLarge) || tooLarge.Size != 150 || tooLarge.Limit != 100 {
		t.Errorf("ReadFile over the limit = %v, want a *TooLargeError of 150 > 100", err)
	}
	if b, err := lint.ReadFile(p, 150); err != nil || len(b) != 150 {
		t.Errorf("ReadFile at the limit = %d bytes, %v", len(b), err)
	}
	// A stream that never ends (standard input from /dev/zero) stops at
	// the limit.
	zero, err := os.Open("/dev/zero")
	if err != nil {
		t.Fatal(err)
	}
	defer zero.Close()
	if _, err := lint.ReadLimited(zero, 1<<20); !errors.As(err, &tooLarge) {
		t.Errorf("ReadLimited(/dev/zero) = %v, want a *TooLargeError", err)
	}
}

func TestBinary(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  []byte
		want bool
	}{
		{"dockerfile", []byte("FROM alpine:3.22\nRUN echo héllo\n"), false},
		{"nul", []byte("FROM alpine\x00\n"), true},
		{"latin-1 accents", []byte("# caf\xe9\nFROM alpine\nRUN echo ok and a long enough line\n"), false},
		{"random bytes", bytes.Repeat([]byte{0xff, 0xfe, 0x80, 'a'}, 100), true},
		{"empty", nil, false},
	} {
		if got := lint.Binary(tc.src); got != tc.want {
			t.Errorf("%s: Binary = %v, want %v", tc.name, got, tc.want)
		}
	}
}
