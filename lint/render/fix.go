package render

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/fix"
)

// maxPasses bounds how often a unit is rendered again while fixing.
const maxPasses = 5

// Builder renders a unit, reading its files through read.
type Builder func(read func(path string) ([]byte, error)) *Unit

// Fix applies the fixes sel allows of a rendered unit to its source files in memory, rendering again after
// each pass, and returns the changed files and the report on the fixed
// sources. Nothing is written.
func Fix(ctx context.Context, l Linter, build Builder, sel fix.Selection) ([]fix.Fixed, *lint.Report, error) {
	cur := map[string][]byte{}
	orig := map[string][]byte{}
	counts := map[string]int{}
	read := func(p string) ([]byte, error) {
		p = filepath.ToSlash(filepath.Clean(p))
		if b, ok := cur[p]; ok {
			return b, nil
		}
		return ReadFile(p)
	}
	rep, err := Lint(ctx, l, build(read))
	for pass := 0; pass < maxPasses && err == nil; pass++ {
		picked := selectFixes(rep, sel)
		if len(picked) == 0 {
			break
		}
		for file, fe := range picked {
			src, rerr := read(file)
			if rerr != nil {
				return nil, nil, fmt.Errorf("fix %s: %w", file, rerr)
			}
			if _, ok := orig[file]; !ok {
				orig[file] = src
			}
			slices.SortFunc(fe.edits, func(a, b lint.Edit) int { return cmp.Compare(a.Range.Offset, b.Range.Offset) })
			out, aerr := fix.Apply(src, fe.edits)
			if aerr != nil {
				return nil, nil, fmt.Errorf("fix %s: %w", file, aerr)
			}
			cur[file] = out
			counts[file] += fe.fixes
		}
		rep, err = Lint(ctx, l, build(read))
	}
	var fixed []fix.Fixed
	for file, o := range orig {
		if !bytes.Equal(o, cur[file]) {
			fixed = append(fixed, fix.Fixed{File: file, Original: o, Content: cur[file], FixCount: counts[file]})
		}
	}
	slices.SortFunc(fixed, func(a, b fix.Fixed) int { return cmp.Compare(a.File, b.File) })
	return fixed, rep, err
}

type fileEdits struct {
	edits []lint.Edit
	fixes int
}

// selectFixes picks, in finding order, the first applicable fix of each
// finding whose edits overlap none picked before, by file.
func selectFixes(rep *lint.Report, sel fix.Selection) map[string]*fileEdits {
	out := map[string]*fileEdits{}
	for _, f := range rep.Findings {
		if f.Suppression != nil {
			continue
		}
		for _, fx := range f.Fixes {
			if !sel.Allows(f.RuleID, fx) {
				continue
			}
			if slices.ContainsFunc(fx.Edits, func(e lint.Edit) bool { return out[e.File] != nil && overlaps(out[e.File].edits, e) }) {
				continue
			}
			for i, e := range fx.Edits {
				fe := out[e.File]
				if fe == nil {
					fe = &fileEdits{}
					out[e.File] = fe
				}
				fe.edits = append(fe.edits, e)
				if i == 0 {
					fe.fixes++
				}
			}
			break
		}
	}
	return out
}

func overlaps(es []lint.Edit, y lint.Edit) bool {
	for _, x := range es {
		if x.Range.Offset < y.Range.EndOffset && y.Range.Offset < x.Range.EndOffset || x.Range.Offset == y.Range.Offset {
			return true
		}
	}
	return false
}
