package lint

import (
	"bytes"
	"cmp"
	"crypto/sha256"
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

// SelectFixes picks, for every file, the fixes that may be applied (safe
// ones, and unsafe ones when unsafe is true) and whose edits do not
// overlap the edits of fixes picked before them, in finding order.
// Suppressed findings are not fixed.
func SelectFixes(rep *Report, unsafe bool) []FileEdits {
	byFile := map[string]*FileEdits{}
	var order []string
	for _, f := range rep.Findings {
		if f.Suppression != nil {
			continue
		}
		for _, fix := range f.Fixes {
			if !applicable(fix.Applicability, unsafe) || len(fix.Edits) == 0 {
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

// WriteFixed applies edits to the file on disk atomically: the new content
// goes to a temporary file in the same directory, which then replaces the
// original with its mode kept. The file is left alone when its content no
// longer matches checksum (it changed since it was linted).
func WriteFixed(fe FileEdits, checksum [sha256.Size]byte) error {
	src, err := os.ReadFile(fe.File)
	if err != nil {
		return fmt.Errorf("fix %s: %w", fe.File, err)
	}
	if sha256.Sum256(src) != checksum {
		return fmt.Errorf("fix %s: %w", fe.File, ErrChanged)
	}
	out, err := ApplyEdits(src, fe.Edits)
	if err != nil {
		return fmt.Errorf("fix %s: %w", fe.File, err)
	}
	return WriteAtomic(fe.File, out)
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

// UnifiedDiff renders the effect of edits on src as a unified diff with
// three lines of context. The hunks come from the edits themselves, so the
// diff shows exactly the lines they touch.
func UnifiedDiff(name string, src []byte, edits []Edit) (string, error) {
	out, err := ApplyEdits(src, edits)
	if err != nil {
		return "", err
	}
	if bytes.Equal(out, src) {
		return "", nil
	}
	oldLines := splitLines(src)
	// Each edit touches whole old lines [first, last]; the new text of
	// those lines is what the edits make of them.
	type span struct{ first, last int } // 0-based old line indices, inclusive
	var spans []span
	for _, e := range edits {
		first := lineIndex(src, e.Range.Offset)
		last := lineIndex(src, max(e.Range.EndOffset-1, e.Range.Offset))
		if e.Range.EndOffset == e.Range.Offset {
			last = first
		}
		spans = append(spans, span{first, last})
	}
	const context = 3
	var b strings.Builder
	if filepath.IsAbs(name) {
		fmt.Fprintf(&b, "--- %s\n+++ %s\n", name, name)
	} else {
		fmt.Fprintf(&b, "--- a/%s\n+++ b/%s\n", name, name)
	}
	delta := 0 // new line count minus old line count before the current hunk
	for i := 0; i < len(spans); {
		// Group spans whose contexts touch.
		j := i
		hiLast := spans[i].last
		for j+1 < len(spans) && spans[j+1].first <= hiLast+2*context+1 {
			j++
			hiLast = max(hiLast, spans[j].last)
		}
		lo := max(spans[i].first-context, 0)
		hi := min(hiLast+context, len(oldLines)-1)
		startOff := lineStart(src, lo)
		endOff := lineStart(src, hi+1)
		var hunkEdits []Edit
		for _, e := range edits[i : j+1] {
			e.Range.Offset -= startOff
			e.Range.EndOffset -= startOff
			hunkEdits = append(hunkEdits, e)
		}
		newText, err := ApplyEdits(src[startOff:endOff], hunkEdits)
		if err != nil {
			return "", err
		}
		oldHunk := oldLines[lo : hi+1]
		newHunk := splitLines(newText)
		fmt.Fprintf(&b, "@@ -%d,%d +%d,%d @@\n", lo+1, len(oldHunk), lo+1+delta, len(newHunk))
		writeHunk(&b, oldHunk, newHunk)
		delta += len(newHunk) - len(oldHunk)
		i = j + 1
	}
	return b.String(), nil
}

// writeHunk prints old and new lines as a line diff (longest common
// subsequence; hunks are small).
func writeHunk(b *strings.Builder, oldL, newL []string) {
	line := func(prefix, s string) {
		b.WriteString(prefix)
		b.WriteString(strings.TrimSuffix(s, "\n"))
		b.WriteString("\n")
		if !strings.HasSuffix(s, "\n") {
			b.WriteString("\\ No newline at end of file\n")
		}
	}
	n, m := len(oldL), len(newL)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if oldL[i] == newL[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && oldL[i] == newL[j]:
			line(" ", oldL[i])
			i++
			j++
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			line("-", oldL[i])
			i++
		default:
			line("+", newL[j])
			j++
		}
	}
}

func splitLines(b []byte) []string {
	var out []string
	for l := range bytes.Lines(b) {
		out = append(out, string(l))
	}
	return out
}

// lineIndex is the 0-based line of a byte offset.
func lineIndex(src []byte, off int) int {
	return bytes.Count(src[:min(off, len(src))], []byte("\n"))
}

// lineStart is the byte offset of the 0-based line i, or len(src).
func lineStart(src []byte, i int) int {
	off := 0
	for ; i > 0; i-- {
		n := bytes.IndexByte(src[off:], '\n')
		if n < 0 {
			return len(src)
		}
		off += n + 1
	}
	return off
}
