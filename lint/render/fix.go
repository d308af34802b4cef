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
		picked := fix.Select(rep, sel)
		if len(picked) == 0 {
			break
		}
		for _, fe := range picked {
			src, rerr := read(fe.File)
			if rerr != nil {
				return nil, nil, fmt.Errorf("fix %s: %w", fe.File, rerr)
			}
			if _, ok := orig[fe.File]; !ok {
				orig[fe.File] = src
			}
			out, aerr := fix.Apply(src, fe.Edits)
			if aerr != nil {
				return nil, nil, fmt.Errorf("fix %s: %w", fe.File, aerr)
			}
			cur[fe.File] = out
			counts[fe.File] += fe.Fixes
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
