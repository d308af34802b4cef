//go:build unix

package fix

import (
	"fmt"
	"os"
	"syscall"
)

// keepOwner gives tmp the owner and group of the file info describes.
func keepOwner(tmp *os.File, info os.FileInfo) error {
	want, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	cur, err := tmp.Stat()
	if err != nil {
		return err
	}
	if have, ok := cur.Sys().(*syscall.Stat_t); ok && have.Uid == want.Uid && have.Gid == want.Gid {
		return nil
	}
	if err := tmp.Chown(int(want.Uid), int(want.Gid)); err != nil {
		return fmt.Errorf("keep owner %d and group %d: %w", want.Uid, want.Gid, err)
	}
	return nil
}

// hardLinks is the number of names the file has.
func hardLinks(info os.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink) //nolint:unconvert // Nlink is uint32 on some systems
	}
	return 1
}
