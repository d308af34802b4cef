package fix

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// file writes content to a new file of mode perm in a new directory.
func file(t *testing.T, content string, perm os.FileMode) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "Dockerfile")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, perm); err != nil {
		t.Fatal(err)
	}
	return path
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// onlyFile fails when dir holds anything but the names given (a temporary
// file left behind).
func onlyFile(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(names) {
		t.Errorf("%s holds %v, want only %v", dir, entries, names)
	}
}

func TestWrite(t *testing.T) {
	path := file(t, "FROM a\n", 0o640)
	if err := Write(Fixed{File: path, Original: []byte("FROM b\n"), Content: []byte("x")}); !errors.Is(err, ErrChanged) {
		t.Errorf("a file changed since it was read was overwritten (err %v)", err)
	}
	if err := Write(Fixed{File: path, Original: []byte("FROM a\n"), Content: []byte("FROM a\nUSER 1\n")}); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, path); got != "FROM a\nUSER 1\n" || info.Mode().Perm() != 0o640 {
		t.Errorf("content %q mode %v", got, info.Mode().Perm())
	}
	onlyFile(t, filepath.Dir(path), "Dockerfile")
}

// A longer or shorter file with the same start is a changed file too.
func TestWriteComparesWholeContent(t *testing.T) {
	path := file(t, "FROM a\nUSER 1\n", 0o600)
	for _, orig := range []string{"FROM a\n", "FROM a\nUSER 1\nEXPOSE 1\n"} {
		if err := Write(Fixed{File: path, Original: []byte(orig), Content: []byte("x")}); !errors.Is(err, ErrChanged) {
			t.Errorf("original %q: err %v", orig, err)
		}
	}
}

// A symbolic link is written through: the target changes, the link stays.
func TestWriteThroughSymlink(t *testing.T) {
	target := file(t, "FROM a\n", 0o644)
	link := filepath.Join(t.TempDir(), "Dockerfile")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := Write(Fixed{File: link, Original: []byte("FROM a\n"), Content: []byte("FROM b\n")}); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v, %v", info.Mode(), err)
	}
	if got := read(t, target); got != "FROM b\n" {
		t.Errorf("target holds %q", got)
	}
	onlyFile(t, filepath.Dir(target), "Dockerfile")
	onlyFile(t, filepath.Dir(link), "Dockerfile")
}

// A file with two names is refused and left as it was.
func TestWriteRefusesHardLinks(t *testing.T) {
	path := file(t, "FROM a\n", 0o644)
	other := filepath.Join(filepath.Dir(path), "Containerfile")
	if err := os.Link(path, other); err != nil {
		t.Fatal(err)
	}
	if err := Write(Fixed{File: path, Original: []byte("FROM a\n"), Content: []byte("FROM b\n")}); !errors.Is(err, ErrHardLinked) {
		t.Errorf("err %v, want ErrHardLinked", err)
	}
	if got := read(t, other); got != "FROM a\n" {
		t.Errorf("the other name holds %q", got)
	}
	onlyFile(t, filepath.Dir(path), "Containerfile", "Dockerfile")
}

// The setuid, setgid and sticky bits are kept, and so are the owner and
// group (which only root can set to someone else).
func TestWriteKeepsModeAndOwner(t *testing.T) {
	path := file(t, "FROM a\n", 0o750|os.ModeSetuid|os.ModeSetgid|os.ModeSticky)
	uid, gid := os.Getuid(), os.Getgid()
	if uid == 0 {
		uid, gid = 4321, 8765
		if err := os.Chown(path, uid, gid); err != nil {
			t.Fatal(err)
		}
		// chown clears setuid and setgid: set them again.
		if err := os.Chmod(path, 0o750|os.ModeSetuid|os.ModeSetgid|os.ModeSticky); err != nil {
			t.Fatal(err)
		}
	}
	if err := Write(Fixed{File: path, Original: []byte("FROM a\n"), Content: []byte("FROM b\n")}); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := 0o750 | os.ModeSetuid | os.ModeSetgid | os.ModeSticky; info.Mode() != want {
		t.Errorf("mode %v, want %v", info.Mode(), want)
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		t.Fatal("no owner")
	}
	if int(st.Uid) != uid || int(st.Gid) != gid {
		t.Errorf("owner %d:%d, want %d:%d", st.Uid, st.Gid, uid, gid)
	}
}

// An edit made to the file, or a new file put in its place, between the
// first check and the rename is not overwritten.
func TestWriteRechecksBeforeRename(t *testing.T) {
	for name, change := range map[string]func(path string) error{
		"edited in place": func(path string) error {
			return os.WriteFile(path, []byte("FROM c\n"), 0o600)
		},
		"replaced": func(path string) error {
			tmp := path + ".new"
			if err := os.WriteFile(tmp, []byte("FROM c\n"), 0o600); err != nil {
				return err
			}
			return os.Rename(tmp, path)
		},
	} {
		t.Run(name, func(t *testing.T) {
			path := file(t, "FROM a\n", 0o600)
			ran := false
			w := writer{beforeRename: func() {
				ran = true
				if err := change(path); err != nil {
					t.Fatal(err)
				}
			}}
			err := w.write(Fixed{File: path, Original: []byte("FROM a\n"), Content: []byte("FROM b\n")})
			if !ran || !errors.Is(err, ErrChanged) {
				t.Errorf("hook ran %v, err %v, want ErrChanged", ran, err)
			}
			if got := read(t, path); got != "FROM c\n" {
				t.Errorf("the file holds %q, not the edit made meanwhile", got)
			}
			onlyFile(t, filepath.Dir(path), "Dockerfile")
		})
	}
}
