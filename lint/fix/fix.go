// Package fix turns the fixes of a report into changed files: it selects
// the fixes that may be applied, applies their edits, lints again until no
// fix applies, renders the changes as unified diffs and writes the files
// back atomically.
package fix

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/hardline-dev/hardline/lint/rule"

	"github.com/hardline-dev/hardline/lint"
)

// FileEdits are the edits to apply to one file.
type FileEdits struct {
	File  string
	Edits []lint.Edit
	// Fixes is the number of findings the edits fix.
	Fixes int
}

// Selection says which fixes may be applied.
type Selection struct {
	// Unsafe allows unsafe fixes besides the safe ones.
	Unsafe bool
	// Rules, when set, limits fixing to the findings of the rule IDs it
	// accepts (--fix-only).
	Rules func(ruleID string) bool
}

// Allows reports whether fix, of a finding of rule ruleID, may be applied.
func (s Selection) Allows(ruleID string, fix lint.Fix) bool {
	return applicable(fix.Applicability, s.Unsafe) && len(fix.Edits) > 0 && (s.Rules == nil || s.Rules(ruleID))
}

// Select picks, for every file, the fixes sel allows whose edits do not overlap the
// edits of fixes picked before them, in finding order. Suppressed findings
// are not fixed. The edits of each file come sorted by offset. Its cost is
// O(e log e) for e edits.
func Select(rep *lint.Report, sel Selection) []FileEdits {
	byFile := map[string]*FileEdits{}
	// An edit is in the file it names: a fix of a rendered manifest edits
	// its sources (a template, a values file), maybe several.
	fileOf := func(f lint.Finding, e lint.Edit) string { return cmp.Or(e.File, f.File) }
	for _, f := range rep.Findings {
		if f.Suppression != nil {
			continue
		}
		for _, fix := range f.Fixes {
			if !sel.Allows(f.RuleID, fix) || slices.ContainsFunc(fix.Edits, func(e lint.Edit) bool {
				fe := byFile[fileOf(f, e)]
				return fe != nil && overlapsAny(fe.Edits, []lint.Edit{e})
			}) {
				continue
			}
			for i, e := range fix.Edits {
				file := fileOf(f, e)
				fe := byFile[file]
				if fe == nil {
					fe = &FileEdits{File: file}
					byFile[file] = fe
				}
				fe.Edits = insertSorted(fe.Edits, e)
				if i == 0 {
					fe.Fixes++ // counted in the file of its first edit
				}
			}
			break
		}
	}
	out := make([]FileEdits, 0, len(byFile))
	for _, fe := range byFile {
		out = append(out, *fe)
	}
	slices.SortFunc(out, func(a, b FileEdits) int { return cmp.Compare(a.File, b.File) })
	return out
}

func applicable(a rule.Applicability, unsafe bool) bool {
	switch a {
	case rule.ApplicabilitySafe:
		return true
	case rule.ApplicabilityUnsafe:
		return unsafe
	case rule.ApplicabilityDisplay:
	}
	return false
}

// insertSorted inserts e into edits, sorted by offset, after the edits at
// the same offset.
func insertSorted(edits []lint.Edit, e lint.Edit) []lint.Edit {
	i, _ := slices.BinarySearchFunc(edits, e.Range.Offset+1, func(x lint.Edit, off int) int { return cmp.Compare(x.Range.Offset, off) })
	return slices.Insert(edits, i, e)
}

// overlapsAny reports whether an edit of b overlaps one of sorted, the
// non-overlapping edits picked so far. Two insertions at the same offset
// overlap too: their order would be a guess.
func overlapsAny(sorted, b []lint.Edit) bool {
	for _, y := range b {
		// The first picked edit that ends after y starts (or starts where
		// y does) is the only one that can overlap it.
		i := firstAfter(sorted, y.Range.Offset)
		for ; i < len(sorted) && sorted[i].Range.Offset <= y.Range.EndOffset; i++ {
			x := sorted[i]
			if x.Range.Offset < y.Range.EndOffset && y.Range.Offset < x.Range.EndOffset || x.Range.Offset == y.Range.Offset {
				return true
			}
		}
	}
	return false
}

// firstAfter returns the index of the first edit of sorted that ends after off,
// or starts at it.
func firstAfter(sorted []lint.Edit, off int) int {
	i, _ := slices.BinarySearchFunc(sorted, off, func(x lint.Edit, off int) int {
		if x.Range.EndOffset > off || x.Range.Offset == off {
			return 1
		}
		return -1
	})
	return i
}

// Apply returns src with the sorted, non-overlapping edits applied, in
// O(len(edits) + len(src)).
func Apply(src []byte, edits []lint.Edit) ([]byte, error) {
	size := len(src)
	for _, e := range edits {
		size += len(e.NewText) - (e.Range.EndOffset - e.Range.Offset)
	}
	out := make([]byte, 0, max(size, 0))
	last := 0
	for _, e := range edits {
		if e.Range.Offset < last || e.Range.EndOffset < e.Range.Offset || e.Range.EndOffset > len(src) {
			return nil, fmt.Errorf("edit at %d:%d: overlaps another edit or lies outside the file", e.Range.Line, e.Range.Column)
		}
		out = append(out, src[last:e.Range.Offset]...)
		out = append(out, e.NewText...)
		last = e.Range.EndOffset
	}
	return append(out, src[last:]...), nil
}

// Fixed is a file as fixing changed it.
type Fixed struct {
	File     string
	Original []byte
	Content  []byte
	FixCount int
}

// maxPasses bounds how often Run lints again: fixes that conflict with one
// applied in a pass (two creating the same missing parent) apply in the
// next.
const maxPasses = 5

// Run applies the fixes sel allows to srcs in memory, linting again after each pass until no fix applies, and
// returns the changed files and the report on the fixed content. Nothing
// is written.
func Run(ctx context.Context, eng *lint.Engine, srcs []lint.Source, sel Selection) ([]Fixed, *lint.Report, error) {
	cur := make([]lint.Source, len(srcs))
	originals := map[string][]byte{}
	index := map[string]int{}
	for i, s := range srcs {
		if s.Src == nil {
			b, err := lint.ReadFile(s.Path, eng.MaxFileSize())
			var tooLarge *lint.TooLargeError
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
	rep, err := eng.Lint(ctx, cur)
	for pass := 0; pass < maxPasses && err == nil; pass++ {
		selected := Select(rep, sel)
		if len(selected) == 0 {
			break
		}
		for _, fe := range selected {
			i := index[fe.File]
			out, aerr := Apply(cur[i].Src, fe.Edits)
			if aerr != nil {
				return nil, nil, fmt.Errorf("fix %s: %w", fe.File, aerr)
			}
			cur[i].Src = out
			counts[fe.File] += fe.Fixes
		}
		rep, err = eng.Lint(ctx, cur)
	}
	var fixed []Fixed
	for _, s := range cur {
		if orig := originals[s.Path]; !bytes.Equal(orig, s.Src) {
			fixed = append(fixed, Fixed{File: s.Path, Original: orig, Content: s.Src, FixCount: counts[s.Path]})
		}
	}
	return fixed, rep, err
}
