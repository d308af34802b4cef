package lint

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Classify says what kind of file a name is by the discovery rules:
// Dockerfile, Containerfile, *.Dockerfile, *.dockerfile, Dockerfile.* and
// Containerfile.* are Dockerfiles; *.yaml, *.yml and *.json are YAML.
func Classify(name string) Kind {
	base := filepath.Base(name)
	lower := strings.ToLower(base)
	switch {
	case lower == "dockerfile" || lower == "containerfile",
		strings.HasSuffix(lower, ".dockerfile"),
		strings.HasPrefix(base, "Dockerfile."), strings.HasPrefix(base, "Containerfile."),
		strings.HasPrefix(base, "dockerfile."):
		return KindDockerfile
	}
	switch filepath.Ext(lower) {
	case ".yaml", ".yml", ".json":
		return KindYAML
	}
	return KindUnknown
}

// Sniff guesses the kind of a file named on the command line whose name
// says nothing: a file whose first instruction is FROM or ARG is a
// Dockerfile, anything else is read as YAML.
func Sniff(src []byte) Kind {
	for line := range bytes.Lines(src) {
		fields := bytes.Fields(line)
		if len(fields) == 0 || fields[0][0] == '#' {
			continue
		}
		switch strings.ToUpper(string(fields[0])) {
		case "FROM", "ARG":
			return KindDockerfile
		}
		return KindYAML
	}
	return KindYAML
}

// skippedDirs are never entered during a directory walk.
func skippedDir(name string) bool {
	switch name {
	case ".git", "node_modules", "vendor":
		return true
	}
	return false
}

// Discovery is what a walk of the command-line paths found.
type Discovery struct {
	Sources []Source
	Notices []Notice
}

// Discover walks paths (files and directories) and returns the files to
// lint in a stable order. Files named explicitly are always linted;
// directories contribute the files Classify recognises. exclude, when set,
// drops paths (directories and files). A path that does not exist is an
// error.
func Discover(paths []string, exclude func(path string) bool) (*Discovery, error) {
	d := &Discovery{}
	seen := map[string]bool{}
	add := func(p string, k Kind) {
		clean := filepath.Clean(p)
		if !seen[clean] {
			seen[clean] = true
			d.Sources = append(d.Sources, Source{Path: filepath.ToSlash(clean), Kind: k})
		}
	}
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("lint %s: %w", root, err)
		}
		if !info.IsDir() {
			k := Classify(root)
			if k == KindUnknown {
				src, err := os.ReadFile(root)
				if err != nil {
					return nil, fmt.Errorf("lint %s: %w", root, err)
				}
				k = Sniff(src)
			}
			if k == KindYAML && helmChart(root) != "" {
				d.Notices = append(d.Notices, helmNotice(root))
				continue
			}
			add(root, k)
			continue
		}
		err = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrPermission) {
					d.Notices = append(d.Notices, Notice{File: filepath.ToSlash(p), Message: "skipped: permission denied"})
					return nil
				}
				return err
			}
			if exclude != nil && p != root && exclude(p) {
				if e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if e.IsDir() {
				if p != root && skippedDir(e.Name()) {
					return filepath.SkipDir
				}
				return nil
			}
			if !e.Type().IsRegular() {
				return nil
			}
			k := Classify(p)
			if k == KindUnknown {
				return nil
			}
			if k == KindYAML {
				if helmChart(p) != "" {
					d.Notices = append(d.Notices, helmNotice(p))
					return nil
				}
			}
			add(p, k)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", root, err)
		}
	}
	slices.SortStableFunc(d.Sources, func(a, b Source) int { return strings.Compare(a.Path, b.Path) })
	return d, nil
}

// helmChart returns the chart directory when p sits under a templates/
// directory whose parent holds a Chart.yaml.
func helmChart(p string) string {
	dir := filepath.Dir(p)
	for {
		if filepath.Base(dir) == "templates" {
			chart := filepath.Dir(dir)
			if _, err := os.Stat(filepath.Join(chart, "Chart.yaml")); err == nil {
				return chart
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

func helmNotice(p string) Notice {
	chart := filepath.ToSlash(helmChart(p))
	return Notice{
		File: filepath.ToSlash(p),
		Message: fmt.Sprintf("skipped: a template of the Helm chart %s; lint the rendered manifests instead (helm template %s | hardline lint --stdin-filename %s.yaml -)",
			chart, chart, filepath.Base(chart)),
	}
}
