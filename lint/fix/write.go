package fix

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

var (
	// ErrChanged reports a file that changed on disk after it was linted.
	ErrChanged = errors.New("file changed since it was read; not overwritten")
	// ErrHardLinked reports a file with more than one name: replacing it
	// would split the names into two files, and rewriting it in place
	// could leave it half written. Apply the --diff output instead.
	ErrHardLinked = errors.New("file has several hard links; not overwritten (apply the --diff output instead)")
)

// Write replaces the file f.File with f.Content, atomically, unless the file
// no longer holds f.Original (it changed since it was read):
//
//   - a symbolic link is written through: its target is replaced and the
//     link kept;
//   - a file with several hard links is refused (ErrHardLinked);
//   - the new file keeps the old one's mode, including the setuid, setgid
//     and sticky bits, and its owner and group (an error when they cannot
//     be kept, rather than a file silently owned by someone else);
//   - the content is checked through the descriptor it was read from right
//     before the rename, and the path checked to still name that file, so
//     that an edit made while the new content was being written is not
//     lost.
func Write(f Fixed) error { return writer{}.write(f) }

// writer writes fixed files. Its hook exists for tests.
type writer struct {
	// beforeRename runs after the new content is written and before the
	// final check.
	beforeRename func()
}

func (w writer) write(f Fixed) (err error) {
	wrap := func(err error) error { return fmt.Errorf("fix %s: %w", f.File, err) }
	target, err := filepath.EvalSymlinks(f.File)
	if err != nil {
		return wrap(err)
	}
	fd, err := os.Open(target)
	if err != nil {
		return wrap(err)
	}
	defer func() { _ = fd.Close() }()
	info, err := fd.Stat()
	if err != nil {
		return wrap(err)
	}
	if !info.Mode().IsRegular() {
		return wrap(errors.New("not a regular file"))
	}
	if hardLinks(info) > 1 {
		return wrap(ErrHardLinked)
	}
	if !holds(fd, f.Original) {
		return wrap(ErrChanged)
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".hardline-*")
	if err != nil {
		return wrap(err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(f.Content); err != nil {
		return wrap(err)
	}
	// The owner first: changing it clears the setuid and setgid bits.
	if err = keepOwner(tmp, info); err != nil {
		return wrap(err)
	}
	if err = tmp.Chmod(info.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)); err != nil {
		return wrap(err)
	}
	if err = tmp.Sync(); err != nil {
		return wrap(err)
	}
	if err = tmp.Close(); err != nil {
		return wrap(err)
	}
	if w.beforeRename != nil {
		w.beforeRename()
	}
	now, err := os.Lstat(target)
	if err != nil {
		return wrap(err)
	}
	if !os.SameFile(now, info) || !holds(fd, f.Original) {
		err = ErrChanged
		return wrap(err)
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return wrap(err)
	}
	syncDir(filepath.Dir(target))
	return nil
}

// holds reports whether the file open as fd holds exactly want, reading it
// from the start.
func holds(fd *os.File, want []byte) bool {
	got, err := io.ReadAll(io.NewSectionReader(fd, 0, int64(len(want))+1))
	return err == nil && bytes.Equal(got, want)
}

// syncDir makes a rename in dir durable where the system allows it.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
