package lint

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hardline-dev/hardline/lint/rule"
)

// holdFindings is how many findings a run holds, waiting for the rules
// over every manifest, before it reads the files it has not linted yet
// for their objects' summaries alone: a run of a few files is linted
// once, a run of many is read twice and holds a bounded number of
// findings.
const holdFindings = 2000

// partFileSize is the size from which a YAML file is linted alone, its
// documents on every core, and handed over in parts as its documents are
// done (see stream.part): a file of 10,000 documents makes some 70,000
// findings, which are not held.
const partFileSize = 1 << 20

// FindingsFunc receives the findings of one file (sorted, the file's
// suppressed findings and those of the rules over every manifest
// included), file after file in the order of a sorted report. A large
// YAML file comes in several calls in a row, as its documents are done.
// It may keep the slice. An error stops the run.
type FindingsFunc func([]Finding) error

// Stream lints srcs as Lint does, and hands each file's findings to sink
// as soon as they are final, in the order of Lint's report: files in
// order of their paths, a bounded number of them linted ahead of the
// one handed over. It returns the rest of the report (everything but
// Findings). The error is as Lint's, or the one sink returned.
func (e *Engine) Stream(ctx context.Context, srcs []Source, sink FindingsFunc) (*Report, error) {
	return e.stream(ctx, srcs, sink, holdFindings, partFileSize)
}

// stream is Stream holding at most about hold findings while it waits for
// the rules over every manifest, and handing YAML files of partSize bytes
// or more over in parts.
func (e *Engine) stream(ctx context.Context, srcs []Source, sink FindingsFunc, hold int, partSize int64) (*Report, error) {
	var queries []string
	yaml := false
	for _, s := range srcs {
		queries = append(queries, queriesFor(s.Kind)...)
		yaml = yaml || s.Kind == KindYAML
	}
	if err := e.prepare(ctx, queries); err != nil {
		return nil, err
	}
	// The sources get the run's placements: the caller's are left alone.
	srcs = slices.Clone(srcs)
	st := &stream{ctx: ctx, e: e, srcs: srcs, sink: sink, rep: &Report{Rules: e.Rules(), Files: len(srcs)}}
	// Files in the order of their paths; files of the same path (named
	// twice) are handed over together, in the order given.
	order := make([]int, len(srcs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(srcs[a].Path, srcs[b].Path) })
	parts := inParts(srcs, partSize)

	if !yaml || !e.runsManifestRules() {
		st.manifests = map[string][]Finding{}
		if _, err := e.lintOrdered(ctx, srcs, order, st.add, parts, st.part, nil); err != nil {
			return nil, err
		}
		return st.end(ctx)
	}
	// The rules over every manifest need every object's summary before
	// any file is handed over: the first files are linted and held (their
	// summaries kept) while they hold few findings; past that, the other
	// files are read for their summaries alone, and linted after. A file
	// to hand over in parts is held too while it makes few findings (a
	// file of 100,000 ConfigMaps is read once); past that, it is one of
	// the others.
	sums := make([][]ast.Value, len(srcs))
	lines := make([]int, len(srcs))
	var held []heldFile
	heldFindings := 0
	// The only error the function returns is errHold.
	next, _ := e.lintOrdered(ctx, srcs, order, func(i int, r fileResult) error {
		sums[i], r.summaries = r.summaries, nil
		lines[i] = r.lines
		held = append(held, heldFile{i, r})
		heldFindings += len(r.findings)
		if heldFindings > hold {
			return errHold
		}
		return nil
	}, parts, nil, func() int { return hold - heldFindings })
	rest := order[next:]
	e.summarize(ctx, srcs, rest, sums, lines)
	st.evalManifests(ctx, sums, lines, placeable(srcs, rest), parts)
	sums = nil
	for _, h := range held {
		if err := st.add(h.i, h.r); err != nil {
			return nil, err
		}
	}
	held = nil
	if _, err := e.lintOrdered(ctx, srcs, rest, st.add, parts, st.part, nil); err != nil {
		return nil, err
	}
	return st.end(ctx)
}

// placeable maps the paths of the sources at order whose objects the
// results of rules over every manifest are placed in as they are linted
// (see placement) to their index: Kubernetes YAML files read as they
// are, whose path is named once. The others are read again.
func placeable(srcs []Source, order []int) map[string]int {
	named := map[string]int{}
	for _, s := range srcs {
		named[s.Path]++
	}
	out := map[string]int{}
	for _, i := range order {
		s := srcs[i]
		if s.Kind == KindYAML && !s.Patch && s.Parser == nil && named[s.Path] == 1 {
			out[s.Path] = i
		}
	}
	return out
}

// inParts tells which sources are handed over in parts: Kubernetes YAML
// files of partSize bytes or more, read as they are (not patches, not
// rendered), whose path is named once.
func inParts(srcs []Source, partSize int64) []bool {
	parts := make([]bool, len(srcs))
	named := map[string]int{}
	for _, s := range srcs {
		named[s.Path]++
	}
	for i, s := range srcs {
		if s.Kind != KindYAML || s.Patch || s.Intents || s.Parser != nil || named[s.Path] > 1 {
			continue
		}
		size := int64(len(s.Src))
		if s.Src == nil {
			// An error is the linting's to report.
			if fi, err := os.Stat(s.Path); err == nil {
				size = fi.Size()
			}
		}
		parts[i] = size >= partSize
	}
	return parts
}

// runsManifestRules reports whether a rule over every manifest runs.
func (e *Engine) runsManifestRules() bool {
	for _, r := range e.rules {
		if r.Input == rule.InputManifests {
			return true
		}
	}
	return false
}

// errHold stops the files held before the rules over every manifest.
var errHold = errors.New("too many findings to hold")

type heldFile struct {
	i int
	r fileResult
}

// stream is the state of a run handing its findings over file by file.
type stream struct {
	ctx  context.Context
	e    *Engine
	srcs []Source
	sink FindingsFunc
	rep  *Report
	// manifests are the findings of the rules over every manifest, by
	// file, taken by the first file of that path handed over.
	manifests map[string][]Finding
	// group holds the findings of the files of the path being handed
	// over (a path named twice).
	group     []Finding
	groupPath string
	// parted is the file being handed over in parts, or nil.
	parted  *partedFile
	sinkErr error
	// errs are the errors of files (by index), of the rules over every
	// manifest, and how many files were stopped by the run's end.
	fileErrs     []indexedError
	manifestsErr error
	stopped      int
}

type indexedError struct {
	i   int
	err error
}

// add finishes file i and hands its findings over once every file of its
// path has been added.
func (st *stream) add(i int, r fileResult) error {
	e, s := st.e, st.srcs[i]
	p := st.parted
	st.parted = nil
	st.rep.Notices = append(st.rep.Notices, r.notices...)
	st.rep.Documents += r.docs
	st.fileErr(i, r.err)
	if p != nil {
		// A file handed over in parts: its findings and suppressions are
		// in p, but for the placements made without their object's part
		// (the file stopped, or the object was not found).
		st.manifestsErr = errors.Join(st.manifestsErr, r.manifestsErr)
		if len(r.manifests) > 0 {
			apply(r.manifests, p.comments)
			p.pending = append(p.pending, r.manifests...)
		}
		if p.dropped > 0 {
			st.rep.Notices = append(st.rep.Notices, Notice{File: s.Path, Message: fmt.Sprintf("%d inline suppression(s) not applied: inline suppressions are turned off", p.dropped)})
		}
		return st.handOver(p, true)
	}
	if st.groupPath != s.Path {
		if err := st.flush(); err != nil {
			return err
		}
	}
	manifest := slices.Concat(st.manifests[s.Path], r.manifests)
	delete(st.manifests, s.Path)
	st.manifestsErr = errors.Join(st.manifestsErr, r.manifestsErr)
	for j := range manifest {
		if h, ok := r.lineHashes[manifest[j].Range.Line]; ok {
			manifest[j].Fingerprint = h
		}
	}
	fs := slices.Concat(r.findings, manifest)
	ignores := r.ignores
	if e.opts.NoInlineSuppressions && len(ignores) > 0 {
		st.rep.Notices = append(st.rep.Notices, Notice{File: s.Path, Message: fmt.Sprintf("%d inline suppression(s) not applied: inline suppressions are turned off", len(ignores))})
		ignores = nil
	}
	hash := func(line int) string { return r.lineHashes[line] }
	fs = append(fs, e.ruleFindings(suppress(fs, ignores, s.Path, s.Kind, e.ruleState), hash)...)
	st.groupPath = s.Path
	st.group = append(st.group, fs...)
	return nil
}

// fileErr records the error of file i.
func (st *stream) fileErr(i int, err error) {
	// A run that ran out of time says so once, not once per file.
	switch cause := context.Cause(st.ctx); {
	case err != nil && cause != nil && errors.Is(err, cause):
		st.stopped++
	case err != nil:
		st.fileErrs = append(st.fileErrs, indexedError{i, err})
	}
}

// flush hands the findings of the current path over.
func (st *stream) flush() error {
	fs := st.group
	st.group = nil
	if st.sinkErr != nil || len(fs) == 0 {
		return st.sinkErr
	}
	SortFindings(fs)
	if err := st.sink(fs); err != nil {
		st.sinkErr = err
	}
	return st.sinkErr
}

// end hands the last file over and returns the rest of the report.
func (st *stream) end(ctx context.Context) (*Report, error) {
	if err := st.flush(); err != nil {
		return nil, err
	}
	rep := st.rep
	var errs []error
	slices.SortStableFunc(st.fileErrs, func(a, b indexedError) int { return cmp.Compare(a.i, b.i) })
	for _, fe := range st.fileErrs {
		errs = append(errs, fe.err)
		rep.Errors = append(rep.Errors, Notice{File: st.srcs[fe.i].Path, Message: fe.err.Error()})
	}
	if st.manifestsErr != nil {
		errs = append(errs, st.manifestsErr)
		rep.Errors = append(rep.Errors, Notice{Message: st.manifestsErr.Error()})
	}
	if cause := context.Cause(ctx); cause != nil {
		err := fmt.Errorf("%d of %d files not linted: %w", st.stopped, len(st.srcs), cause)
		errs = append(errs, err)
		rep.Errors = append(rep.Errors, Notice{Message: err.Error()})
	}
	rep.Notices = sortNotices(rep.Notices)
	return rep, errors.Join(errs...)
}

// evalManifests runs the rules over every manifest on the summaries (by
// file index) and keeps their findings by file. The results about objects
// of the files of later (paths to source indices), linted after, become
// those sources' placements; in a file handed over in parts (parts, by
// source index), only the results placed by a path in their object: the
// findings of an object are on or after its first line (see partedFile).
func (st *stream) evalManifests(ctx context.Context, sums [][]ast.Value, lines []int, later map[string]int, parts []bool) {
	st.manifests = map[string][]Finding{}
	var terms []*ast.Term
	for _, ss := range sums {
		for _, s := range ss {
			terms = append(terms, ast.NewTerm(s))
		}
	}
	if len(terms) == 0 || context.Cause(ctx) != nil {
		return
	}
	byPath := make(map[string]int, len(st.srcs))
	for i, s := range st.srcs {
		byPath[s.Path] = lines[i]
	}
	fs, waiting, err := st.e.lintManifests(ctx, terms, st.srcs, byPath, func(file string, r ruleResult) bool {
		i, ok := later[file]
		return ok && (!parts[i] || r.rng == nil && hasPathPrefix(r.path, r.objectPath))
	})
	st.manifestsErr = err
	for _, f := range fs {
		st.manifests[f.File] = append(st.manifests[f.File], f)
	}
	for file, ps := range waiting {
		st.srcs[later[file]].placements = ps
	}
}

// lintOrdered lints the sources at order with the engine's workers and
// calls add with each result in that order, at most a window of files
// ahead of the one added. When add fails, no more files are started; the
// files started are still added. A source that parts marks is linted
// alone once every file before it is added, handing its documents' parts
// to part; with part nil, it is linted whole unless it makes more than
// hold() findings (what the run may still hold), and then neither it nor
// the files after it are added.
// It returns how many of order were started (or linted whole), and the
// first error of add.
func (e *Engine) lintOrdered(ctx context.Context, srcs []Source, order []int, add func(int, fileResult) error, parts []bool, part func(int, docPart) error, hold func() int) (int, error) {
	if len(order) == 0 {
		return 0, nil
	}
	workers := min(e.workers(), len(order))
	window := 2 * workers
	type done struct {
		pos int
		r   fileResult
	}
	// source is the source to lint: the run holds its placements no
	// longer, its linting lets them go as it makes them.
	source := func(i int) Source {
		s := srcs[i]
		srcs[i].placements = nil
		return s
	}
	jobs := make(chan int)
	out := make(chan done, window)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for p := range jobs {
				out <- done{p, e.lintFile(ctx, source(order[p]), nil, 0)}
			}
		})
	}
	pending := map[int]fileResult{}
	next, added := 0, 0
	var addErr error
	// drain adds the results that are next in order.
	drain := func() {
		for {
			r, ok := pending[added]
			if !ok {
				return
			}
			delete(pending, added)
			if err := add(order[added], r); err != nil && addErr == nil {
				addErr = err
			}
			added++
		}
	}
	for {
		start := addErr == nil && next < len(order)
		alone := start && parts[order[next]]
		if alone && added == next {
			i := order[next]
			if part != nil {
				pending[next] = e.lintFile(ctx, source(i), func(p docPart) error { return part(i, p) }, 0)
			} else if left := hold(); left <= 0 {
				break
			} else if r := e.lintFile(ctx, source(i), nil, left); !r.overHold {
				pending[next] = r
			} else {
				break
			}
			next++
			drain()
			continue
		}
		if !start && added == next {
			break
		}
		var send chan int
		if start && !alone && next-added < window {
			send = jobs
		}
		select {
		case send <- next:
			next++
		case d := <-out:
			pending[d.pos] = d.r
			drain()
		}
	}
	close(jobs)
	wg.Wait()
	return next, addErr
}

// summarize reads the sources at order for their objects' summaries and
// line counts, concurrently.
func (e *Engine) summarize(ctx context.Context, srcs []Source, order []int, sums [][]ast.Value, lines []int) {
	// Each worker writes its own indexes; Wait orders the writes before
	// the caller's reads.
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(e.workers(), max(len(order), 1)) {
		wg.Go(func() {
			for i := range next {
				sums[i], lines[i] = e.summariesOf(ctx, srcs[i])
			}
		})
	}
	for _, i := range order {
		next <- i
	}
	close(next)
	wg.Wait()
}

// summariesOf are the summaries of a file's objects and its number of
// lines, as lintFile finds them.
func (e *Engine) summariesOf(ctx context.Context, s Source) ([]ast.Value, int) {
	if ctx.Err() != nil {
		return nil, 0
	}
	src, parser, early := e.load(s)
	if early != nil {
		return nil, 0
	}
	var out []ast.Value
	if s.Kind == KindYAML && !s.Patch {
		store := newSummaries()
		for sum := range summariesOfFile(parser, s.Path, src) {
			if e.objects.keeps(sum) {
				out = append(out, store.copy(sum))
			}
		}
	}
	return out, lineCount(src)
}

// workers is the number of files linted at once.
func (e *Engine) workers() int {
	if e.opts.Workers > 0 {
		return e.opts.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// hasPathPrefix reports whether path starts with prefix.
func hasPathPrefix(path, prefix []any) bool {
	return len(path) >= len(prefix) && slices.Equal(path[:len(prefix)], prefix)
}
