package dockerfile

import (
	"strings"

	"github.com/hardline-dev/hardline/lint/cmdline"
)

// isShellName reports whether a program is a POSIX-like shell whose
// scripts hardline parses.
func isShellName(name string) bool {
	switch name {
	case "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "rbash":
		return true
	}
	return false
}

// shellScript finds the script of a shell command line whose shell is
// words[i]: the index of SCRIPT in `sh -c SCRIPT`, or -1; and whether the
// shell reads its script from standard input (no -c, no script file).
func shellScript(words []string, i int) (int, bool) {
	c, s := false, false
	k := i + 1
	for k < len(words) {
		w := words[k]
		if w == "--" || w == "-" {
			k++
			break
		}
		if len(w) < 2 || (w[0] != '-' && w[0] != '+') {
			break
		}
		k++
		switch {
		case w == "-o" || w == "+o" || w == "-O" || w == "+O" || w == "--rcfile" || w == "--init-file":
			k++
		case strings.HasPrefix(w, "--"):
		case w[0] == '-':
			c = c || strings.IndexByte(w[1:], 'c') >= 0
			s = s || strings.IndexByte(w[1:], 's') >= 0
		}
	}
	switch {
	case c && k < len(words):
		return k, false
	case c:
		return -1, false
	}
	return -1, s || k >= len(words)
}

// shebangIsShell reports whether a script's "#!" line names a shell.
func shebangIsShell(script string) bool {
	line, _, _ := strings.Cut(strings.TrimPrefix(script, "#!"), "\n")
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return false
	}
	name := cmdline.Base(fields[0])
	if name == "env" {
		name = ""
		for _, f := range fields[1:] {
			if !strings.HasPrefix(f, "-") && !cmdline.IsAssignment(f) {
				name = cmdline.Base(f)
				break
			}
		}
	}
	return isShellName(name)
}
