package config

import (
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Excluded reports whether p, a file or directory path relative to the
// working directory or absolute, matches an exclude pattern. Patterns are
// read relative to Dir, like .gitignore lines:
//
//   - "**" as a whole segment matches any number of directories, none
//     included: "**/testdata/**", "vendor/**";
//   - other segments are path.Match globs: "charts/*/templates/**";
//   - a pattern without a slash matches a file or directory name at any
//     depth: "*.generated.yaml", "testdata";
//   - a pattern that matches a directory excludes everything below it;
//   - a leading "/" or "./" anchors nothing more (patterns with a slash are
//     already anchored to Dir), and a trailing "/" is ignored.
//
// Paths outside Dir are never excluded, nor is Dir itself. When one of Dir
// and p is relative and the other absolute, both are made absolute against
// the working directory.
func (c *Config) Excluded(p string) bool {
	if c == nil || len(c.Exclude) == 0 {
		return false
	}
	rel, ok := c.relative(p)
	if !ok {
		return false
	}
	segs := strings.Split(rel, "/")
	return slices.ContainsFunc(c.Exclude, func(pat string) bool { return matchExclude(pat, segs) })
}

// relative returns p relative to Dir, with forward slashes, and whether p
// lies below Dir.
func (c *Config) relative(p string) (string, bool) {
	dir := c.Dir
	if dir == "" {
		dir = "."
	}
	rel, err := "", error(nil)
	if filepath.IsAbs(dir) == filepath.IsAbs(p) {
		rel, err = filepath.Rel(dir, p)
	}
	if rel == "" || err != nil {
		absDir, err1 := filepath.Abs(dir)
		absP, err2 := filepath.Abs(p)
		if err1 != nil || err2 != nil {
			return "", false
		}
		if rel, err = filepath.Rel(absDir, absP); err != nil {
			return "", false
		}
	}
	rel = filepath.ToSlash(rel)
	if rel == "." || rel == ".." || strings.HasPrefix(rel, "../") {
		return "", false
	}
	return rel, true
}

// cleanPattern drops a pattern's leading "./" or "/" and trailing "/".
func cleanPattern(pat string) string {
	pat = strings.TrimSuffix(pat, "/")
	for {
		switch {
		case strings.HasPrefix(pat, "./"):
			pat = pat[2:]
		case strings.HasPrefix(pat, "/"):
			pat = pat[1:]
		default:
			return pat
		}
	}
}

// matchExclude reports whether pat matches the path segs or one of its
// parent directories.
func matchExclude(pat string, segs []string) bool {
	anchored := strings.Contains(strings.TrimSuffix(pat, "/"), "/")
	pat = cleanPattern(pat)
	if pat == "" {
		return false
	}
	if !anchored {
		return slices.ContainsFunc(segs, func(s string) bool {
			ok, err := path.Match(pat, s)
			return ok && err == nil
		})
	}
	return matchPrefix(strings.Split(pat, "/"), segs)
}

// matchPrefix reports whether the pattern segments pat match segs[:j] for
// some j >= 1. It runs in O(len(pat) * len(segs)) however many "**" there
// are.
func matchPrefix(pat, segs []string) bool {
	// cur[j] says whether the pattern segments seen so far match segs[:j].
	cur := make([]bool, len(segs)+1)
	cur[0] = true
	for _, p := range pat {
		next := make([]bool, len(segs)+1)
		if p == "**" {
			seen := false
			for j := range next {
				seen = seen || cur[j]
				next[j] = seen
			}
		} else {
			for j := 1; j <= len(segs); j++ {
				if cur[j-1] {
					ok, err := path.Match(p, segs[j-1])
					next[j] = ok && err == nil
				}
			}
		}
		cur = next
	}
	return slices.Contains(cur[1:], true)
}
