package lint

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hardline-dev/hardline/policies"
)

// ErrChanged reports a file that changed on disk after it was linted.
var ErrChanged = errors.New("file changed since it was read; not overwritten")

// FileEdits are the edits to apply to one file.
type FileEdits struct {
	File  string
	Edits []Edit
	// Fixes is the number of findings the edits fix.
	Fixes int
}

// FixSelection says which fixes may be applied.
type FixSelection struct {
	// Unsafe allows unsafe fixes besides the safe ones.
	Unsafe bool
	// Rules, when set, limits fixing to the findings of the rule IDs it
	// accepts (--fix-only).
	Rules func(ruleID string) bool
}

// allows reports whether fix, of a finding of rule ruleID, may be applied.
func (s FixSelection) allows(ruleID string, fix Fix) bool {
	return applicable(fix.Applicability, s.Unsafe) && len(fix.Edits) > 0 && (s.Rules == nil || s.Rules(ruleID))
}

// SelectFixes picks, for every file, the fixes that may be applied (safe
// ones, and unsafe ones when unsafe is true) and whose edits do not
// overlap the edits of fixes picked before them, in finding order.
// Suppressed findings are not fixed.
func SelectFixes(rep *Report, unsafe bool) []FileEdits {
	return selectFixes(rep, FixSelection{Unsafe: unsafe})
}

func selectFixes(rep *Report, sel FixSelection) []FileEdits {
	byFile := map[string]*FileEdits{}
	var order []string
	for _, f := range rep.Findings {
		if f.Suppression != nil {
			continue
		}
		for _, fix := range f.Fixes {
			if !sel.allows(f.RuleID, fix) {
				continue
			}
			fe := byFile[f.File]
			if fe == nil {
				fe = &FileEdits{File: f.File}
				byFile[f.File] = fe
				order = append(order, f.File)
			}
			if overlapsAny(fe.Edits, fix.Edits) {
				continue
			}
			fe.Edits = append(fe.Edits, fix.Edits...)
			fe.Fixes++
			break
		}
	}
	out := make([]FileEdits, 0, len(order))
	for _, file := range order {
		fe := byFile[file]
		slices.SortStableFunc(fe.Edits, func(a, b Edit) int { return cmp.Compare(a.Range.Offset, b.Range.Offset) })
		out = append(out, *fe)
	}
	slices.SortFunc(out, func(a, b FileEdits) int { return cmp.Compare(a.File, b.File) })
	return out
}

func applicable(a policies.Applicability, unsafe bool) bool {
	switch a {
	case policies.ApplicabilitySafe:
		return true
	case policies.ApplicabilityUnsafe:
		return unsafe
	case policies.ApplicabilityDisplay:
	}
	return false
}

// overlapsAny reports whether an edit of b overlaps an edit of a. Two
// insertions at the same offset overlap too: their order would be a guess.
func overlapsAny(a, b []Edit) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Range.Offset < y.Range.EndOffset && y.Range.Offset < x.Range.EndOffset ||
				x.Range.Offset == y.Range.Offset {
				return true
			}
		}
	}
	return false
}

// ApplyEdits returns src with the sorted, non-overlapping edits applied.
func ApplyEdits(src []byte, edits []Edit) ([]byte, error) {
	var b bytes.Buffer
	last := 0
	for _, e := range edits {
		if e.Range.Offset < last || e.Range.EndOffset < e.Range.Offset || e.Range.EndOffset > len(src) {
			return nil, fmt.Errorf("edit at %d:%d: overlaps another edit or lies outside the file", e.Range.Line, e.Range.Column)
		}
		b.Write(src[last:e.Range.Offset])
		b.WriteString(e.NewText)
		last = e.Range.EndOffset
	}
	b.Write(src[last:])
	return b.Bytes(), nil
}

// Fixed is a file as fixing changed it.
type Fixed struct {
	File     string
	Original []byte
	Content  []byte
	FixCount int
}

// maxFixPasses bounds how often Fix lints again: fixes that conflict with
// one applied in a pass (two creating the same missing parent) apply in the
// next.
const maxFixPasses = 5

// Fix applies the safe fixes (and the unsafe ones when unsafe is true) to
// srcs in memory, linting again after each pass until no fix applies, and
// returns the changed files and the report on the fixed content. Nothing
// is written.
func (e *Engine) Fix(ctx context.Context, srcs []Source, unsafe bool) ([]Fixed, *Report, error) {
	return e.FixSelected(ctx, srcs, FixSelection{Unsafe: unsafe})
}

// FixSelected is Fix applying the fixes sel allows.
func (e *Engine) FixSelected(ctx context.Context, srcs []Source, sel FixSelection) ([]Fixed, *Report, error) {
	cur := make([]Source, len(srcs))
	originals := map[string][]byte{}
	index := map[string]int{}
	for i, s := range srcs {
		if s.Src == nil {
			b, err := ReadFile(s.Path, e.opts.MaxFileSize)
			var tooLarge *TooLargeError
			switch {
			case errors.As(err, &tooLarge):
				// Linted (and reported) without fixes.
			case err != nil:
				return nil, nil, fmt.Errorf("fix %s: %w", s.Path, err)
			}
			s.Src = b
		}
		cur[i] = s
		originals[s.Path] = s.Src
		index[s.Path] = i
	}
	counts := map[string]int{}
	rep, err := e.Lint(ctx, cur)
	for pass := 0; pass < maxFixPasses && err == nil; pass++ {
		selected := selectFixes(rep, sel)
		if len(selected) == 0 {
			break
		}
		for _, fe := range selected {
			i := index[fe.File]
			out, aerr := ApplyEdits(cur[i].Src, fe.Edits)
			if aerr != nil {
				return nil, nil, fmt.Errorf("fix %s: %w", fe.File, aerr)
			}
			cur[i].Src = out
			counts[fe.File] += fe.Fixes
		}
		rep, err = e.Lint(ctx, cur)
	}
	var fixed []Fixed
	for _, s := range cur {
		if orig := originals[s.Path]; !bytes.Equal(orig, s.Src) {
			fixed = append(fixed, Fixed{File: s.Path, Original: orig, Content: s.Src, FixCount: counts[s.Path]})
		}
	}
	return fixed, rep, err
}

// WriteFixed writes a fixed file atomically, unless the file on disk no
// longer holds the content that was fixed (it changed since it was read).
func WriteFixed(f Fixed) error {
	disk, err := os.ReadFile(f.File)
	if err != nil {
		return fmt.Errorf("fix %s: %w", f.File, err)
	}
	if !bytes.Equal(disk, f.Original) {
		return fmt.Errorf("fix %s: %w", f.File, ErrChanged)
	}
	return WriteAtomic(f.File, f.Content)
}

// WriteAtomic replaces path with data through a temporary file and a
// rename, keeping the file's mode.
func WriteAtomic(path string, data []byte) (err error) {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".hardline-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Chmod(info.Mode().Perm()); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// diffName is a file name for a diff header, quoted as git quotes names
// holding control characters, quotes or backslashes ("a/x\ny").
func diffName(prefix, name string) string {
	if Printable(name) == name && !strings.ContainsAny(name, `"\`) {
		return prefix + name
	}
	return `"` + strings.ReplaceAll(Printable(strings.ReplaceAll(prefix+name, `\`, `\\`)), `"`, `\"`) + `"`
}

// UnifiedDiff renders the change from old to new as a unified diff with
// three lines of context, or "" when they are equal. The file name is
// quoted when it holds control characters.
func UnifiedDiff(name string, oldText, newText []byte) string {
	if bytes.Equal(oldText, newText) {
		return ""
	}
	a, b := splitLines(oldText), splitLines(newText)
	// Only the lines between the common head and tail need a real diff.
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	var ops []diffOp
	for _, l := range a[:head] {
		ops = append(ops, diffOp{' ', l})
	}
	ops = append(ops, lineDiff(a[head:len(a)-tail], b[head:len(b)-tail])...)
	for _, l := range a[len(a)-tail:] {
		ops = append(ops, diffOp{' ', l})
	}

	var out strings.Builder
	if filepath.IsAbs(name) {
		fmt.Fprintf(&out, "--- %s\n+++ %s\n", diffName("", name), diffName("", name))
	} else {
		fmt.Fprintf(&out, "--- %s\n+++ %s\n", diffName("a/", name), diffName("b/", name))
	}
	const contextLines = 3
	for i := 0; i < len(ops); {
		if ops[i].kind == ' ' {
			i++
			continue
		}
		// A hunk runs from context lines before this change to context
		// lines after the last change that is at most 2*context away.
		start := max(i-contextLines, 0)
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j
			} else if j-end > 2*contextLines {
				break
			}
		}
		stop := min(end+contextLines+1, len(ops))
		oldLine, newLine := 1, 1
		for _, op := range ops[:start] {
			if op.kind != '+' {
				oldLine++
			}
			if op.kind != '-' {
				newLine++
			}
		}
		oldCount, newCount := 0, 0
		for _, op := range ops[start:stop] {
			if op.kind != '+' {
				oldCount++
			}
			if op.kind != '-' {
				newCount++
			}
		}
		fmt.Fprintf(&out, "@@ -%d,%d +%d,%d @@\n", oldLine, oldCount, newLine, newCount)
		for _, op := range ops[start:stop] {
			out.WriteByte(op.kind)
			out.WriteString(strings.TrimSuffix(op.text, "\n"))
			out.WriteString("\n")
			if !strings.HasSuffix(op.text, "\n") {
				out.WriteString("\\ No newline at end of file\n")
			}
		}
		i = stop
	}
	return out.String()
}

// diffOp is one line of a diff: ' ' kept, '-' removed, '+' added.
type diffOp struct {
	kind byte
	text string
}

// lineDiff is a longest-common-subsequence line diff. Callers trim the
// common head and tail first, so the tables stay small; past a size where
// they would not, it replaces the lines wholesale.
func lineDiff(a, b []string) []diffOp {
	var ops []diffOp
	if len(a)*len(b) > 4_000_000 {
		for _, l := range a {
			ops = append(ops, diffOp{'-', l})
		}
		for _, l := range b {
			ops = append(ops, diffOp{'+', l})
		}
		return ops
	}
	n, m := len(a), len(b)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, diffOp{' ', a[i]})
			i++
			j++
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, diffOp{'-', a[i]})
			i++
		default:
			ops = append(ops, diffOp{'+', b[j]})
			j++
		}
	}
	return ops
}

func splitLines(b []byte) []string {
	var out []string
	for l := range bytes.Lines(b) {
		out = append(out, string(l))
	}
	return out
}
