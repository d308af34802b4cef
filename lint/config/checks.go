package config

import (
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/hardline-dev/hardline/lint/rule"
)

// The checks below validate one value. Parse reports their errors at the
// value's position; Validate reports them as they are.

func severityNames() []string { return []string{"info", "warning", "error"} }

func failOnNames() []string { return append(severityNames(), FailNever) }

func profileNames() []string { return []string{ProfileBaseline, ProfileRestricted} }

// badValue is the error for a value outside a fixed set of names.
func badValue(key, value string, want []string) error {
	list := strings.Join(want[:len(want)-1], ", ") + " or " + want[len(want)-1]
	if s := closest(value, want); s != "" {
		return errorf(ErrValue, "%s: unknown value %q (want %s; did you mean %q?)", key, value, list, s)
	}
	return errorf(ErrValue, "%s: unknown value %q (want %s)", key, value, list)
}

func checkFailOn(s string) error {
	if s == FailNever {
		return nil
	}
	if _, err := rule.ParseSeverity(s); err != nil {
		return badValue("fail-on", s, failOnNames())
	}
	return nil
}

func checkProfile(s string) error {
	switch s {
	case ProfileBaseline, ProfileRestricted:
		return nil
	}
	return badValue("profile", s, profileNames())
}

// checkKubeVersion accepts MAJOR.MINOR, such as "1.34", with an optional
// "v" and patch version as kubectl version prints them ("v1.34.2").
func checkKubeVersion(s string) error {
	if _, ok := KubeMinorVersion(s); ok {
		return nil
	}
	return errorf(ErrValue, "kube-version: %q is not a MAJOR.MINOR version such as \"1.34\"", s)
}

// KubeMinorVersion returns a Kubernetes version as MAJOR.MINOR ("1.34"),
// accepting a leading "v" and a patch version ("v1.34.2"); ok is false when
// s is no such version.
func KubeMinorVersion(s string) (version string, ok bool) {
	t := strings.TrimPrefix(strings.TrimPrefix(s, "v"), "V")
	parts := strings.Split(t, ".")
	if len(parts) < 2 || len(parts) > 3 {
		return "", false
	}
	for _, p := range parts {
		if !digits(p) {
			return "", false
		}
	}
	return parts[0] + "." + parts[1], true
}

func digits(s string) bool {
	if s == "" || len(s) > 4 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func checkNonEmpty(key, s string) error {
	if strings.TrimSpace(s) == "" {
		return errorf(ErrValue, "%s: empty entry", key)
	}
	return nil
}

func hasSpace(s string) bool { return strings.ContainsFunc(s, unicode.IsSpace) }

// checkRegistry accepts a registry host or a host/path prefix.
func checkRegistry(key, s string) error {
	if err := checkNonEmpty(key, s); err != nil {
		return err
	}
	if _, rest, ok := strings.Cut(s, "://"); ok {
		return errorf(ErrValue, "%s: %q has a scheme (write %q)", key, s, rest)
	}
	if hasSpace(s) {
		return errorf(ErrValue, "%s: %q contains white space", key, s)
	}
	return nil
}

// checkCapability accepts a Linux capability as Kubernetes writes it.
func checkCapability(key, s string) error {
	if err := checkNonEmpty(key, s); err != nil {
		return err
	}
	if hasSpace(s) {
		return errorf(ErrValue, "%s: %q contains white space", key, s)
	}
	if rest, ok := strings.CutPrefix(strings.ToUpper(s), "CAP_"); ok {
		return errorf(ErrValue, "%s: %q: Kubernetes names capabilities without the CAP_ prefix (write %q)", key, s, rest)
	}
	return nil
}

// checkPattern accepts an exclude glob; see Config.Excluded.
func checkPattern(key, s string) error {
	if err := checkNonEmpty(key, s); err != nil {
		return err
	}
	if strings.HasPrefix(s, "!") {
		return errorf(ErrValue, "%s: %q: negated patterns are not supported", key, s)
	}
	for _, seg := range strings.Split(cleanPattern(s), "/") {
		if seg == ".." {
			return errorf(ErrValue, "%s: %q: a pattern cannot leave the configuration file's directory", key, s)
		}
		if _, err := path.Match(seg, ""); err != nil {
			return errorf(ErrValue, "%s: %q: %v", key, s, err)
		}
	}
	return nil
}

// checkSeverityKey accepts a key of the severity mapping.
func checkSeverityKey(s string) error {
	if err := checkNonEmpty("severity", s); err != nil {
		return err
	}
	if strings.EqualFold(s, All) {
		return errorf(ErrValue, "severity: %q cannot be given a severity; name a rule", s)
	}
	return nil
}

// Defaults of the limits.
const (
	DefaultMaxFileSize = 20 << 20
	DefaultTimeout     = 5 * time.Minute
	DefaultFileTimeout = 30 * time.Second
)

// ParseSize reads a size in bytes: a whole number with an optional unit,
// B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024), such as
// "20MiB".
func ParseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	num := strings.TrimRightFunc(s, unicode.IsLetter)
	unit := strings.ToLower(strings.TrimSpace(s[len(num):]))
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a size such as 20MiB", s)
	}
	mult := map[string]int64{"": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30}[unit]
	if mult == 0 {
		return 0, fmt.Errorf("%q: unknown unit %q (want B, KB, MB, GB, KiB, MiB or GiB)", s, unit)
	}
	if n > (1<<62)/mult {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return n * mult, nil
}

func checkSize(key, s string) error {
	if _, err := ParseSize(s); err != nil {
		return errorf(ErrValue, "%s: %v", key, err)
	}
	return nil
}

func checkDuration(key, s string) error {
	if d, err := time.ParseDuration(strings.TrimSpace(s)); err != nil || d <= 0 {
		return errorf(ErrValue, "%s: %q is not a positive duration such as 30s or 2m", key, s)
	}
	return nil
}
