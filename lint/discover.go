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

	"go.yaml.in/yaml/v3"
)

// Classify says what kind of file a name is by the discovery rules:
// Dockerfile and Containerfile (any case), *.Dockerfile and *.Containerfile
// (any case), and Dockerfile, Containerfile or dockerfile followed by ".",
// "-" or "_" and anything (Dockerfile.prod, Dockerfile-chroot,
// Dockerfile_alpine) unless the name ends with the extension of another
// kind of file (Dockerfile.md, Dockerfile-notes.txt, Dockerfile.dockerignore;
// see otherExtension) are Dockerfiles; compose.yaml, compose.yml,
// docker-compose.yaml, docker-compose.yml and their compose.*.yaml and
// docker-compose.*.yml overrides are Compose files; *.yml and *.yaml under
// .github/workflows/ are GitHub Actions workflows; other *.yaml, *.yml and
// *.json are YAML; *.sh and *.bash are shell scripts; Makefile, makefile,
// GNUmakefile and *.mk are Makefiles.
func Classify(name string) Kind {
	base := filepath.Base(name)
	lower := strings.ToLower(base)
	switch {
	case lower == "dockerfile" || lower == "containerfile",
		strings.HasSuffix(lower, ".dockerfile"), strings.HasSuffix(lower, ".containerfile"):
		return KindDockerfile
	case dockerfilePrefix(base) && !otherExtension(lower):
		return KindDockerfile
	case base == "Makefile" || base == "makefile" || base == "GNUmakefile":
		return KindMakefile
	}
	switch filepath.Ext(lower) {
	case ".yaml", ".yml":
		if composeName(lower) {
			return KindCompose
		}
		if dir := filepath.ToSlash(filepath.Dir(name)); dir == ".github/workflows" || strings.HasSuffix(dir, "/.github/workflows") {
			return KindWorkflow
		}
		return KindYAML
	case ".json":
		return KindYAML
	case ".sh", ".bash":
		return KindShell
	case ".mk":
		return KindMakefile
	}
	return KindUnknown
}

// composeName reports whether a lower-case file name is one Docker Compose
// looks for, or an override of one: compose.yaml, docker-compose.yml,
// compose.prod.yaml, docker-compose.override.yml.
func composeName(lower string) bool {
	stem := strings.TrimSuffix(strings.TrimSuffix(lower, ".yaml"), ".yml")
	return stem == "compose" || stem == "docker-compose" ||
		strings.HasPrefix(stem, "compose.") || strings.HasPrefix(stem, "docker-compose.")
}

// dockerfilePrefix reports whether base starts with Dockerfile,
// Containerfile or dockerfile and a separator.
func dockerfilePrefix(base string) bool {
	for _, stem := range []string{"Dockerfile", "Containerfile", "dockerfile"} {
		if rest, ok := strings.CutPrefix(base, stem); ok && rest != "" && strings.ContainsRune("._-", rune(rest[0])) {
			return true
		}
	}
	return false
}

// otherExtension reports whether a lower-case name ends with the extension
// of a file that sits beside Dockerfiles without being one: documentation,
// scripts, templates, backups, patches and BuildKit's per-Dockerfile
// ignore file. The pre-commit hooks' exclude patterns list the same.
func otherExtension(lower string) bool {
	switch strings.TrimPrefix(filepath.Ext(lower), ".") {
	case "md", "markdown", "txt", "rst", "adoc", "html", "sh", "bash", "ps1", "py", "go",
		"j2", "jinja", "jinja2", "tmpl", "tpl", "template", "erb",
		"bak", "orig", "rej", "swp", "patch", "diff", "log", "dockerignore":
		return true
	}
	return false
}

// Sniff guesses the kind of a file named on the command line whose name
// says nothing: a file that starts with a sh or bash shebang is a shell
// script, a file whose first instruction is FROM or ARG is a Dockerfile,
// anything else is read as YAML.
func Sniff(src []byte) Kind {
	if shellShebang(src) {
		return KindShell
	}
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

// ClassifyNamed says what kind a file named on the command line (or
// standard input named by --stdin-filename) is: by its name, else by its
// content (Sniff); YAML whose top level has Compose-shaped services is a
// Compose file whatever its name.
func ClassifyNamed(name string, src []byte) Kind {
	k := Classify(name)
	if k == KindUnknown {
		k = Sniff(src)
	}
	if k == KindYAML && LooksLikeCompose(src) {
		return KindCompose
	}
	return k
}

// shellShebang reports whether src starts with #! naming sh, bash, dash,
// ash or ksh, directly or through env.
func shellShebang(src []byte) bool {
	if !bytes.HasPrefix(src, []byte("#!")) {
		return false
	}
	line, _, _ := bytes.Cut(src[2:], []byte("\n"))
	fields := strings.Fields(string(line))
	if len(fields) == 0 {
		return false
	}
	prog := filepath.Base(fields[0])
	if prog == "env" {
		rest := slices.DeleteFunc(fields[1:], func(f string) bool { return strings.HasPrefix(f, "-") })
		if len(rest) == 0 {
			return false
		}
		prog = filepath.Base(rest[0])
	}
	switch prog {
	case "sh", "bash", "dash", "ash", "ksh", "zsh":
		return true
	}
	return false
}

// LooksLikeCompose reports whether the first YAML document of src is a
// Compose file: a mapping with no apiVersion (a Kubernetes object) and a
// services: mapping whose entries are mappings of Compose service settings
// only (x- extensions allowed), image a string, at least one of them set.
// Helm values with a services: key (image: {repository: ...}, port: 80) are
// not.
func LooksLikeCompose(src []byte) bool {
	var top map[string]any
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&top); err != nil || top == nil {
		return false
	}
	if _, ok := top["apiVersion"]; ok {
		return false
	}
	services, ok := top["services"].(map[string]any)
	if !ok {
		return false
	}
	settings := 0
	for _, v := range services {
		if v == nil {
			continue
		}
		svc, ok := v.(map[string]any)
		if !ok {
			return false
		}
		for k, val := range svc {
			if strings.HasPrefix(k, "x-") {
				continue
			}
			if !composeServiceKey(k) {
				return false
			}
			if _, isString := val.(string); k == "image" && !isString {
				return false
			}
			settings++
		}
	}
	return settings > 0
}

// composeServiceKey reports whether k is a setting of a Compose service
// (the Compose specification's service attributes).
func composeServiceKey(k string) bool {
	switch k {
	case "annotations", "attach", "build", "blkio_config", "cpu_count", "cpu_percent", "cpu_shares",
		"cpu_period", "cpu_quota", "cpu_rt_runtime", "cpu_rt_period", "cpus", "cpuset", "cap_add",
		"cap_drop", "cgroup", "cgroup_parent", "command", "configs", "container_name", "credential_spec",
		"depends_on", "deploy", "develop", "device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search",
		"domainname", "driver_opts", "entrypoint", "env_file", "environment", "expose", "extends",
		"external_links", "extra_hosts", "gpus", "group_add", "healthcheck", "hostname", "image", "init",
		"ipc", "isolation", "labels", "label_file", "links", "logging", "mac_address", "mem_limit",
		"mem_reservation", "mem_swappiness", "memswap_limit", "models", "network_mode", "networks",
		"oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start",
		"pre_stop", "privileged", "profiles", "provider", "pull_policy", "pull_refresh_after", "read_only",
		"restart", "runtime", "scale", "secrets", "security_opt", "shm_size", "stdin_open",
		"stop_grace_period", "stop_signal", "storage_opt", "sysctls", "tmpfs", "tty", "ulimits",
		"use_api_socket", "user", "userns_mode", "uts", "volumes", "volumes_from", "working_dir":
		return true
	}
	return false
}

// skippedDir reports whether a directory is never entered during a walk.
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
	// Empty lists the paths that gave nothing to lint, other than those
	// skipped with a notice saying why they are not linted here (Helm
	// templates).
	Empty []string
}

// Discover walks paths (files and directories) and returns the files to
// lint in a stable order. Files named explicitly are always linted;
// directories contribute the files Classify recognises. exclude, when set,
// drops paths (directories and files). A path that does not exist, a
// path named on the command line that is neither a directory nor a regular
// file (a FIFO, a device) and a directory or file that cannot be read are
// errors: the walk goes on to list them all, then fails.
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
	var errs []error
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("lint %s: %w", root, err)
		}
		if !info.IsDir() && !info.Mode().IsRegular() {
			return nil, fmt.Errorf("lint %s: %w (%s)", root, ErrNotRegular, fileType(info.Mode()))
		}
		if !info.IsDir() {
			k := Classify(root)
			if k == KindUnknown || k == KindYAML {
				// Bounded: a file over the limit is reported when linted.
				src, err := readHead(root, DefaultMaxFileSize)
				if err != nil {
					return nil, fmt.Errorf("lint %s: %w", root, err)
				}
				unknownName := k == KindUnknown
				if k = ClassifyNamed(root, src); unknownName && k == KindYAML && !mayBeManifest(src) {
					d.Notices = append(d.Notices, Notice{File: filepath.ToSlash(root), Message: "not linted: neither its name nor its content says what hardline should lint it as (lint it as a given kind with --stdin-filename NAME - < FILE)"})
					d.Empty = append(d.Empty, root)
					continue
				}
			}
			if k == KindYAML && helmChart(root) != "" {
				d.Notices = append(d.Notices, helmNotice(root))
				continue
			}
			add(root, k)
			continue
		}
		found := len(d.Sources)
		skipped := false
		walkRoot := root
		if li, err := os.Lstat(root); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			// A directory named through a link: walk what it points to,
			// under the name given.
			walkRoot = root + string(filepath.Separator)
		}
		err = filepath.WalkDir(walkRoot, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrPermission) {
					// Go on, to list every unreadable directory.
					errs = append(errs, fmt.Errorf("walk %s: %w", p, err))
					return nil
				}
				return err
			}
			if exclude != nil && p != walkRoot && exclude(p) {
				if e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if e.IsDir() {
				if p != walkRoot && skippedDir(e.Name()) {
					return filepath.SkipDir
				}
				return nil
			}
			// The name says what a file is, a link's name too.
			k := Classify(p)
			if e.Type()&fs.ModeSymlink != 0 {
				target, msg := symlinkTarget(root, p)
				if msg != "" {
					d.Notices = append(d.Notices, Notice{File: filepath.ToSlash(p), Message: msg})
					return nil
				}
				if target == "" || (exclude != nil && exclude(target)) {
					return nil
				}
				p = target
			} else if !e.Type().IsRegular() {
				return nil
			}
			if k == KindUnknown {
				return nil
			}
			if k == KindYAML {
				if helmChart(p) != "" {
					d.Notices = append(d.Notices, helmNotice(p))
					skipped = true
					return nil
				}
			}
			add(p, k)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("walk %s: %w", root, err)
		}
		if len(d.Sources) == found && !skipped {
			d.Empty = append(d.Empty, root)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	slices.SortStableFunc(d.Sources, func(a, b Source) int { return strings.Compare(a.Path, b.Path) })
	return d, nil
}

// symlinkTarget follows a symbolic link met in the walk of root. A link
// to a regular file inside root is linted as that file, and returned as
// its path in the walk (so that the file is linted once, and fixes edit it
// rather than replace the link); a link to a file of a name hardline does
// not lint returns "". Any other link is skipped, with a message saying
// why.
func symlinkTarget(root, link string) (p, msg string) {
	target, err := filepath.EvalSymlinks(link)
	if err != nil {
		if Classify(link) == KindUnknown {
			return "", ""
		}
		return link, "skipped: broken symbolic link"
	}
	info, err := os.Stat(target)
	switch {
	case err != nil:
		return link, "skipped: symbolic link: " + err.Error()
	case info.IsDir():
		return link, "skipped: symbolic link to a directory; directory links are not followed (name the directory to lint it)"
	case !info.Mode().IsRegular():
		return "", ""
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return link, "skipped: symbolic link: " + err.Error()
	}
	rel, err := filepath.Rel(realRoot, target)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		if Classify(link) == KindUnknown {
			return "", ""
		}
		return link, "skipped: symbolic link to a file outside " + filepath.ToSlash(root) + " (name the file to lint it)"
	}
	// The link's name says what the file is: lint the target as that.
	if Classify(link) == KindUnknown {
		return "", ""
	}
	return filepath.Join(root, rel), ""
}

// mayBeManifest reports whether YAML or JSON content may hold a Kubernetes
// object: both apiVersion and kind appear in it.
func mayBeManifest(src []byte) bool {
	return bytes.Contains(src, []byte("apiVersion")) && bytes.Contains(src, []byte("kind"))
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
