//go:build linux

package lint_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"

	"github.com/hardline-dev/hardline/lint"
)

// asNobody runs fn with the file system permissions of an unprivileged
// user: on Linux the file system user ID is per thread, and changing it
// away from root drops the right to read any file. Without root it runs fn
// as is, the permissions already apply.
func asNobody(t *testing.T, fn func()) {
	t.Helper()
	if os.Geteuid() != 0 {
		fn()
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		// The thread is not unlocked: it ends with the goroutine, so no
		// other goroutine runs with its user ID.
		runtime.LockOSThread()
		if _, _, errno := syscall.RawSyscall(syscall.SYS_SETFSUID, 65534, 0, 0); errno != 0 {
			t.Errorf("setfsuid: %v", errno)
			return
		}
		fn()
	}()
	<-done
}

func TestDiscoverUnreadable(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{filepath.Dir(root), root} { // t.TempDir makes them 0700
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	locked := filepath.Join(root, "locked")
	if err := os.Mkdir(locked, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(locked, "Dockerfile"), []byte("FROM alpine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(root, "Dockerfile")
	if err := os.WriteFile(secret, []byte("FROM alpine\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(locked, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(secret, 0o000); err != nil {
		t.Fatal(err)
	}
	asNobody(t, func() {
		// An unreadable directory fails the walk, naming it.
		_, err := lint.Discover([]string{root}, nil)
		if err == nil || !strings.Contains(err.Error(), locked) || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("Discover with an unreadable directory = %v, want an error naming %s", err, locked)
		}
		// An unreadable file is an error too.
		if _, err := lint.ReadFile(secret, 0); err == nil || !os.IsPermission(err) {
			t.Errorf("ReadFile of an unreadable file = %v, want permission denied", err)
		}
	})
}
