package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Found is the outcome of Find.
type Found struct {
	// Path is the configuration file, "" for none.
	Path string
	// Ignored lists the configuration files passed over as untrusted,
	// each with the reason.
	Ignored []string
}

// Find looks for the configuration file (see FileNames) that applies to
// dir: in dir, then in each parent, and stops
//
//   - after the root of a repository (a directory holding .git, a
//     directory or a file),
//   - before crossing into another file system (a mount point), and
//   - at the file system's root.
//
// A file in a directory every user may write to is not trusted: in a
// directory with mode o+w and without the sticky bit, anyone could have
// put or replaced it; in one with the sticky bit (such as /tmp), anyone
// could have put it, so it is trusted only when owned by the current user
// or by root. A file that every user may write to is not trusted either.
// An untrusted file is listed in Found.Ignored and ends the search, so no
// file further up applies instead. See docs/configuration.md.
func Find(dir string) (Found, error) {
	var found Found
	dir, err := filepath.Abs(dir)
	if err != nil {
		return found, fmt.Errorf("find configuration: %w", err)
	}
	// A directory that does not exist (that of --stdin-filename, say)
	// is looked for from its nearest existing parent.
	info, err := os.Stat(dir)
	for errors.Is(err, fs.ErrNotExist) && filepath.Dir(dir) != dir {
		dir = filepath.Dir(dir)
		info, err = os.Stat(dir)
	}
	if err != nil {
		return found, fmt.Errorf("find configuration: %w", err)
	}
	for {
		for _, name := range FileNames() {
			p := filepath.Join(dir, name)
			fi, err := os.Stat(p)
			switch {
			case err == nil && !fi.IsDir():
				if why := untrusted(info, fi); why != "" {
					found.Ignored = append(found.Ignored, fmt.Sprintf("ignored the configuration file %s: %s", p, why))
					return found, nil
				}
				found.Path = p
				return found, nil
			case err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission):
				return found, fmt.Errorf("find configuration: %w", err)
			}
		}
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			return found, nil // the repository's root
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return found, nil
		}
		pinfo, err := os.Stat(parent)
		if err != nil || !sameDevice(info, pinfo) {
			return found, nil // unreadable, or a mount point
		}
		dir, info = parent, pinfo
	}
}

// untrusted says why a configuration file in a directory must not be
// read, or "" when it may be.
func untrusted(dir, file fs.FileInfo) string {
	switch {
	case file.Mode().Perm()&0o002 != 0:
		return "every user may write to it"
	case dir.Mode().Perm()&0o002 == 0:
		return ""
	case dir.Mode()&fs.ModeSticky == 0:
		return "every user may write to its directory"
	}
	if uid, ok := owner(file); ok && uid != os.Getuid() && uid != 0 {
		return "another user owns it, in a directory every user may write to"
	}
	return ""
}
