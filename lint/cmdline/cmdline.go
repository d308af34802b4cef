// Package cmdline reads command lines as a shell would run them: which
// program a line really runs behind wrappers such as sudo, env, nice,
// timeout or xargs, skipping their options. Dockerfile RUN commands and
// docker run lines in scripts are read through it.
package cmdline

import (
	"slices"
	"strings"
)

// optSpec describes the options of a command that runs another command.
type optSpec struct {
	// arg lists the short options that take an argument, attached or in
	// the next word.
	arg string
	// attached lists the short options whose argument can only be
	// attached (xargs -e[eof]).
	attached string
	// longArg lists the long options that take an argument in the next
	// word when not written --name=value.
	longArg []string
	// assigns is true when NAME=value words may follow the options.
	assigns bool
	// dashOption is true when a lone "-" is an option (env).
	dashOption bool
	// operands is the number of words between the options and the
	// command (timeout's duration).
	operands int
}

// wrapperSpec returns the options of the wrapper command name, or false
// when name runs no other command.
func wrapperSpec(name string) (optSpec, bool) {
	switch name {
	case "sudo":
		return optSpec{
			arg: "CDgpRrTtUu",
			longArg: []string{
				"user", "group", "chdir", "chroot", "prompt", "role", "type",
				"close-from", "host", "command-timeout", "other-user",
			},
			assigns: true,
		}, true
	case "doas":
		return optSpec{arg: "uC"}, true
	case "env":
		return optSpec{
			arg: "uCSP", longArg: []string{"unset", "chdir", "split-string"},
			assigns: true, dashOption: true,
		}, true
	case "exec":
		return optSpec{arg: "a"}, true
	case "nohup", "builtin", "busybox":
		return optSpec{}, true
	case "time":
		return optSpec{arg: "fo", longArg: []string{"format", "output"}}, true
	case "nice":
		return optSpec{arg: "n", longArg: []string{"adjustment"}}, true
	case "xargs":
		return optSpec{
			arg: "adEILnPs", attached: "eil",
			longArg: []string{"arg-file", "delimiter", "max-args", "max-procs", "max-chars", "process-slot-var"},
		}, true
	case "command":
		return optSpec{}, true
	case "timeout":
		return optSpec{arg: "sk", longArg: []string{"signal", "kill-after"}, operands: 1}, true
	case "stdbuf":
		return optSpec{arg: "ioe", longArg: []string{"input", "output", "error"}}, true
	}
	return optSpec{}, false
}

// Base removes the directory from a program name: /bin/sh -> sh.
func Base(s string) string {
	return s[strings.LastIndexByte(s, '/')+1:]
}

// IsAssignment reports whether w is a NAME=value word.
func IsAssignment(w string) bool {
	name, _, ok := strings.Cut(w, "=")
	if !ok || name == "" {
		return false
	}
	for i, c := range []byte(name) {
		if c != '_' && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// skipOptions returns the index of the first word of words[i:] after the
// options spec describes.
func skipOptions(words []string, i int, spec optSpec) int {
	for i < len(words) {
		w := words[i]
		if w == "--" {
			i++
			break
		}
		if w == "-" && spec.dashOption {
			i++
			continue
		}
		if len(w) < 2 || w[0] != '-' {
			break
		}
		i++
		if strings.HasPrefix(w, "--") {
			if !strings.Contains(w, "=") && slices.Contains(spec.longArg, w[2:]) {
				i++
			}
			continue
		}
		for k := 1; k < len(w); k++ {
			c := w[k]
			if strings.IndexByte(spec.attached, c) >= 0 {
				break
			}
			if strings.IndexByte(spec.arg, c) >= 0 {
				if k == len(w)-1 {
					i++
				}
				break
			}
		}
	}
	if spec.assigns {
		for i < len(words) && IsAssignment(words[i]) {
			i++
		}
	}
	return i + spec.operands
}

// Unwrap finds the program a command line really runs, skipping wrappers
// such as sudo, env, exec, nohup, time, nice, xargs and command with their
// options. It returns the index of that program's word, or -1 when a
// wrapper runs nothing, and the program's name without its directory.
func Unwrap(words []string) (int, string) {
	i := 0
	for range 16 {
		name := Base(words[i])
		spec, ok := wrapperSpec(name)
		if !ok {
			return i, name
		}
		if name == "command" && slices.ContainsFunc(words[i+1:], isCommandQuery) {
			return i, name
		}
		next := skipOptions(words, i+1, spec)
		if next >= len(words) {
			if name == "xargs" {
				return -1, "echo"
			}
			return -1, name
		}
		i = next
	}
	return i, Base(words[i])
}

// isCommandQuery reports `command -v`/`-V`, which run nothing.
func isCommandQuery(w string) bool {
	return len(w) > 1 && w[0] == '-' && strings.ContainsAny(w[1:], "vV")
}
