package lint_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/hardline-dev/hardline/lint"
)

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
		{"random bytes", bytes.Repeat([]byte{0x80, 0xff, 0xfe, 'a'}, 100), true},
		{"empty", nil, false},
		{"utf-16 with a byte order mark", []byte("\xff\xfek\x00i\x00n\x00d\x00"), false},
	} {
		if got := lint.Binary(tc.src); got != tc.want {
			t.Errorf("%s: Binary = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// A file is read into one buffer of its size: a big file read three times
// a run is not copied as a buffer grows each time.
func TestReadFileOneBuffer(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.yaml")
	want := bytes.Repeat([]byte("key: value\n"), 100_000)
	if err := os.WriteFile(p, want, 0o600); err != nil {
		t.Fatal(err)
	}
	var got []byte
	allocs := testing.AllocsPerRun(5, func() {
		b, err := lint.ReadFile(p, 0)
		if err != nil {
			t.Fatal(err)
		}
		got = b
	})
	if !bytes.Equal(got, want) {
		t.Fatalf("ReadFile read %d bytes, want %d", len(got), len(want))
	}
	// The file, its information, the buffer: a growing buffer takes a
	// dozen more for 1.1 MB.
	if allocs > 8 {
		t.Errorf("ReadFile of %d bytes: %.0f allocations", len(want), allocs)
	}
}
