// Package config reads hardline's configuration file, .hardline.yaml: which
// rules run and at what severity, when the run fails, the settings some
// rules read, the paths to skip and the user's own policy directories.
//
// Every error about the file's content is a *lint.PosError naming the file,
// line and column. Rule IDs and names are checked separately, by
// CheckRules, because this package does not know the catalogue.
package config

import (
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hardline-dev/hardline/lint/rule"

	"github.com/hardline-dev/hardline/lint"
)

// Errors wrapped by the errors Parse, Validate and CheckRules return; test
// for them with errors.Is.
var (
	// ErrSyntax is invalid YAML, or more than one YAML document.
	ErrSyntax = errors.New("invalid YAML")
	// ErrUnknownKey is a key the configuration does not define.
	ErrUnknownKey = errors.New("unknown key")
	// ErrDuplicateKey is a key given twice in one mapping.
	ErrDuplicateKey = errors.New("duplicate key")
	// ErrType is a value of the wrong YAML type, such as a string where a
	// list is wanted.
	ErrType = errors.New("wrong type")
	// ErrValue is a value of the right type that is not allowed, such as an
	// unknown severity.
	ErrValue = errors.New("bad value")
	// ErrUnknownRule is a rule ID or name the catalogue does not hold.
	ErrUnknownRule = errors.New("unknown rule")
)

// kindError is an error whose message is written in full and that wraps
// one of the Err sentinels for errors.Is.
type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string { return e.msg }

func (e *kindError) Unwrap() error { return e.kind }

func errorf(kind error, format string, args ...any) error {
	return &kindError{kind: kind, msg: fmt.Sprintf(format, args...)}
}

// All is the name that stands for every rule in disable and enable.
const All = "all"

// FailNever is the fail-on value that never fails the run on findings.
const FailNever = "never"

// Profiles: the Pod Security Standards levels.
const (
	ProfileBaseline   = "baseline"
	ProfileRestricted = "restricted"
)

// FileNames are the names Find looks for, in order of preference.
func FileNames() []string { return []string{".hardline.yaml", ".hardline.yml"} }

// Config is a parsed configuration file. The zero value (with Dir set) is
// the configuration used when there is no file: every rule at its own
// severity.
type Config struct {
	// Disable turns rules off, by ID or name; "all" turns every rule off.
	Disable []string `yaml:"disable,omitempty"`
	// Enable turns rules on again, by ID or name, or "all". A rule named
	// in Enable runs even when Disable names it; see Enabled.
	Enable []string `yaml:"enable,omitempty"`
	// Severity overrides the severity of rules, by ID or name.
	Severity map[string]rule.Severity `yaml:"severity,omitempty"`
	// FailOn is the least severity that makes the run fail: "info",
	// "warning", "error" or "never". Empty means the caller's default.
	FailOn string `yaml:"fail-on,omitempty"`
	// Profile is a Pod Security Standards level, "baseline" or
	// "restricted": the pod security controls (rules with levels) of other
	// levels do not run. Empty, like "restricted", runs them all.
	Profile string `yaml:"profile,omitempty"`
	// TrustedRegistries are the registry hosts, or host/path prefixes,
	// images may come from (IM004).
	TrustedRegistries []string `yaml:"trusted-registries,omitempty"`
	// AllowedCapabilities are the capabilities containers may add (KS005).
	// It is nil when the file does not set it and empty, not nil, when the
	// file sets it to [].
	AllowedCapabilities []string `yaml:"allowed-capabilities,omitempty"`
	// KubeVersion is the Kubernetes version API checks target, such as
	// "1.34" (KS021).
	KubeVersion string `yaml:"kube-version,omitempty"`
	// Exclude holds glob patterns of paths to skip, relative to Dir; see
	// Excluded.
	Exclude []string `yaml:"exclude,omitempty"`
	// Policies are directories of the user's own Rego policies, relative
	// to Dir unless absolute; see PolicyDirs.
	Policies []string `yaml:"policies,omitempty"`
	// MaxFileSize is the size past which a file is not linted but
	// reported, such as "20MiB" or "500KB" (see ParseSize). Empty means
	// the default, DefaultMaxFileSize.
	MaxFileSize string `yaml:"max-file-size,omitempty"`
	// Timeout bounds the whole run's policy evaluation and FileTimeout
	// that of each document of a file, as Go durations ("2m", "30s").
	// Empty means the defaults, DefaultTimeout and DefaultFileTimeout.
	Timeout     string `yaml:"timeout,omitempty"`
	FileTimeout string `yaml:"file-timeout,omitempty"`
	// Workloads are further kinds whose objects hold a pod spec, and
	// where.
	Workloads []Workload `yaml:"workloads,omitempty"`

	// Path is the configuration file, as given to Load or Parse.
	Path string `yaml:"-"`
	// Dir is the directory relative paths of the file are resolved against:
	// the file's directory.
	Dir string `yaml:"-"`

	// pos holds where each entry of disable, enable and severity was
	// written, so that CheckRules can point at it.
	pos map[entry]position
}

// Workload names a kind whose objects hold a pod spec at PodSpec (and
// the pod's metadata at Metadata), paths of keys written with dots.
// APIVersion, when set, limits it to that API group.
type Workload struct {
	APIVersion string `yaml:"apiVersion,omitempty"`
	Kind       string `yaml:"kind"`
	PodSpec    string `yaml:"podSpec"`
	Metadata   string `yaml:"metadata,omitempty"`
}

// entry is one value of a list, or one key of the severity mapping.
type entry struct{ key, value string }

type position struct{ line, col int }

// maxConfigSize is the largest configuration file Load reads.
const maxConfigSize = 1 << 20

// Load reads and parses the configuration file at path.
func Load(path string) (*Config, error) {
	// Bounded, and only a regular file: the file may come from the
	// repository being linted.
	src, err := lint.ReadFile(filepath.Clean(path), maxConfigSize)
	if err != nil {
		return nil, fmt.Errorf("read configuration: %w", err)
	}
	return Parse(path, src)
}

// Parse parses src, the content of the configuration file at path. An
// empty file is an empty configuration. The error joins one
// *lint.PosError per problem, sorted by position.
func Parse(path string, src []byte) (*Config, error) {
	c := &Config{Path: path, Dir: filepath.Dir(path), pos: map[entry]position{}}
	d := &decoder{file: path, c: c}
	d.decode(src)
	if len(d.errs) > 0 {
		slices.SortStableFunc(d.errs, func(a, b *lint.PosError) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
		})
		errs := make([]error, len(d.errs))
		for i, e := range d.errs {
			errs[i] = e
		}
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// Validate checks the values of c, for a configuration changed after
// Parse (by command-line flags, say). Its errors carry no position.
func (c *Config) Validate() error {
	var errs []error
	check := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	for _, f := range []struct {
		key    string
		values []string
		check  func(string, string) error
	}{
		{"disable", c.Disable, checkNonEmpty},
		{"enable", c.Enable, checkNonEmpty},
		{"trusted-registries", c.TrustedRegistries, checkRegistry},
		{"allowed-capabilities", c.AllowedCapabilities, checkCapability},
		{"exclude", c.Exclude, checkPattern},
		{"policies", c.Policies, checkNonEmpty},
	} {
		for _, v := range f.values {
			check(f.check(f.key, v))
		}
	}
	for _, k := range sortedKeys(c.Severity) {
		check(checkSeverityKey(k))
		if s := c.Severity[k]; s < rule.SeverityInfo || s > rule.SeverityError {
			errs = append(errs, errorf(ErrValue, "severity: %s: %v is not info, warning or error", k, s))
		}
	}
	if c.FailOn != "" {
		check(checkFailOn(c.FailOn))
	}
	if c.Profile != "" {
		check(checkProfile(c.Profile))
	}
	if c.KubeVersion != "" {
		check(checkKubeVersion(c.KubeVersion))
	}
	if c.MaxFileSize != "" {
		check(checkSize("max-file-size", c.MaxFileSize))
	}
	if c.Timeout != "" {
		check(checkDuration("timeout", c.Timeout))
	}
	if c.FileTimeout != "" {
		check(checkDuration("file-timeout", c.FileTimeout))
	}
	return errors.Join(errs...)
}

// CheckRules reports the entries of disable, enable and severity that name
// no rule: known says whether an ID or name is in the catalogue. "all" is
// always known in disable and enable. Entries read from the file get a
// *lint.PosError; entries added later (from flags) a plain error. The
// error suggests the closest of suggestions (rule IDs and names), if any.
func (c *Config) CheckRules(known func(idOrName string) bool, suggestions ...string) error {
	var positioned []*lint.PosError
	var plain []error
	report := func(key, value string) {
		err := errorf(ErrUnknownRule, "%s: unknown rule %q", key, value)
		if s := closest(value, suggestions); s != "" {
			err = errorf(ErrUnknownRule, "%s: unknown rule %q (did you mean %q?)", key, value, s)
		}
		if p, ok := c.pos[entry{key, value}]; ok {
			positioned = append(positioned, &lint.PosError{File: c.Path, Line: p.line, Col: p.col, Err: err})
			return
		}
		plain = append(plain, err)
	}
	for _, l := range []struct {
		key    string
		values []string
	}{{"disable", c.Disable}, {"enable", c.Enable}} {
		for _, v := range l.values {
			if !strings.EqualFold(v, All) && !known(v) {
				report(l.key, v)
			}
		}
	}
	for _, k := range sortedKeys(c.Severity) {
		if !known(k) {
			report("severity", k)
		}
	}
	slices.SortStableFunc(positioned, func(a, b *lint.PosError) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	errs := make([]error, 0, len(positioned)+len(plain))
	for _, e := range positioned {
		errs = append(errs, e)
	}
	return errors.Join(append(errs, plain...)...)
}

// Enabled reports whether rule r runs. A rule named (by ID or name) in
// Enable runs; otherwise one named in Disable does not; otherwise a Pod
// Security Standards control (a rule with levels) of another level than
// Profile does not; otherwise "all" in Enable turns it on and "all" in
// Disable turns it off; otherwise it runs. The more specific entry wins,
// and Enable wins over Disable at the same level, so that "disable: [all]"
// with "enable: [KS001]" runs only KS001. Profile leaves every rule that is
// not a pod security control (Dockerfile, image, API and network rules) as
// configured.
func (c *Config) Enabled(r rule.Rule) bool {
	if c == nil {
		return true
	}
	switch {
	case names(c.Enable, r):
		return true
	case names(c.Disable, r):
		return false
	case c.Profile != "" && len(r.Levels) > 0 && !slices.Contains(r.Levels, c.Profile):
		return false
	case slices.ContainsFunc(c.Enable, isAll):
		return true
	case slices.ContainsFunc(c.Disable, isAll):
		return false
	}
	return true
}

// SeverityFor returns the severity rule r reports at: the one Severity
// gives for its ID, else for its name, else the rule's own.
func (c *Config) SeverityFor(r rule.Rule) rule.Severity {
	if c == nil {
		return r.Severity
	}
	var byName rule.Severity
	for k, s := range c.Severity {
		if s == 0 {
			continue
		}
		if strings.EqualFold(k, r.ID) {
			return s
		}
		if strings.EqualFold(k, r.Name) {
			byName = s
		}
	}
	if byName != 0 {
		return byName
	}
	return r.Severity
}

// PolicyDirs returns the policy directories, relative ones joined with Dir.
func (c *Config) PolicyDirs() []string {
	if c == nil {
		return nil
	}
	dirs := make([]string, 0, len(c.Policies))
	for _, p := range c.Policies {
		p = filepath.FromSlash(p)
		if !filepath.IsAbs(p) {
			p = filepath.Join(c.Dir, p)
		}
		dirs = append(dirs, filepath.Clean(p))
	}
	return dirs
}

func isAll(s string) bool { return strings.EqualFold(s, All) }

// names reports whether list names r by ID or name.
func names(list []string, r rule.Rule) bool {
	return slices.ContainsFunc(list, func(s string) bool {
		return strings.EqualFold(s, r.ID) || (r.Name != "" && strings.EqualFold(s, r.Name))
	})
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
