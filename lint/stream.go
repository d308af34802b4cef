package lint

import (
	"bytes"
	"cmp"
	"compress/flate"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hardline-dev/hardline/lint/rule"
)

// holdFindings is how many findings a run holds as they are while it
// waits for the rules over every manifest; the findings of the files
// linted after those are held encoded and compressed (see spill), so that
// every file is read once and a run of many findings holds little.
const holdFindings = 2000

// FindingsFunc receives the findings of one file (sorted, the file's
// suppressed findings and those of the rules over every manifest
// included), file after file in the order of a sorted report. It may keep
// the slice. An error stops the run.
type FindingsFunc func([]Finding) error

// Stream lints srcs as Lint does, and hands each file's findings to sink
// as soon as they are final, in the order of Lint's report: files in
// order of their paths, a bounded number of them linted ahead of the
// one handed over (when YAML files are linted with the rules over every
// manifest, every file is linted first, see holdFindings). It returns the
// rest of the report (everything but Findings). The error is as Lint's,
// or the one sink returned.
func (e *Engine) Stream(ctx context.Context, srcs []Source, sink FindingsFunc) (*Report, error) {
	return e.stream(ctx, srcs, sink, holdFindings)
}

// stream is Stream holding about hold findings as they are while it waits
// for the rules over every manifest.
func (e *Engine) stream(ctx context.Context, srcs []Source, sink FindingsFunc, hold int) (*Report, error) {
	var queries []string
	yaml := false
	for _, s := range srcs {
		queries = append(queries, queriesFor(s.Kind)...)
		yaml = yaml || s.Kind == KindYAML
	}
	if err := e.prepare(ctx, queries); err != nil {
		return nil, err
	}
	st := &stream{ctx: ctx, e: e, srcs: srcs, sink: sink, rep: &Report{Rules: e.Rules(), Files: len(srcs)}}
	// Files in the order of their paths; files of the same path (named
	// twice) are handed over together, in the order given.
	order := make([]int, len(srcs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(srcs[a].Path, srcs[b].Path) })

	if !yaml || !e.runsManifestRules() {
		st.manifests = map[string][]Finding{}
		if err := e.lintOrdered(ctx, srcs, order, st.add); err != nil {
			return nil, err
		}
		return st.end(ctx)
	}
	// The rules over every manifest need every object's summary before
	// any file is handed over: every file is linted and held (its
	// summaries kept), its findings compressed once many are held.
	sums := make([][]ast.Value, len(srcs))
	lines := make([]int, len(srcs))
	var held []heldFile
	heldFindings := 0
	var zw *flate.Writer
	// add never fails: lintOrdered returns no error.
	_ = e.lintOrdered(ctx, srcs, order, func(i int, r fileResult) error {
		sums[i], r.summaries = r.summaries, nil
		lines[i] = r.lines
		h := heldFile{i: i, r: r}
		if heldFindings += len(r.findings); heldFindings > hold {
			if zw == nil {
				zw, _ = flate.NewWriter(nil, flate.BestSpeed) // the level is valid
			}
			h.spill(zw)
		}
		held = append(held, h)
		return nil
	})
	st.evalManifests(ctx, sums, lines)
	sums = nil
	for k := range held {
		h := &held[k]
		if err := h.unspill(srcs[h.i].Path); err != nil {
			return nil, err
		}
		if err := st.add(h.i, h.r); err != nil {
			return nil, err
		}
		*h = heldFile{}
	}
	return st.end(ctx)
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

// heldFile is a file linted while the rules over every manifest wait for
// every object's summary. Its findings are in r, or, spilled, encoded and
// compressed in spilled.
type heldFile struct {
	i       int
	r       fileResult
	spilled []byte
}

// spilledFinding is a Finding as spill encodes it.
type spilledFinding struct {
	F   Finding
	Doc int
}

// spill encodes the file's findings and compresses them with zw, unless a
// fix holds YAML intents (kept for rendered charts), whose values gob
// cannot encode without registering their types. The bytes hold no
// pointers: the collector does not scan them.
func (h *heldFile) spill(zw *flate.Writer) {
	if len(h.r.findings) == 0 || slices.ContainsFunc(h.r.findings, func(f Finding) bool {
		return slices.ContainsFunc(f.Fixes, func(x Fix) bool { return x.Intents != nil })
	}) {
		return
	}
	var buf bytes.Buffer
	zw.Reset(&buf)
	enc := gob.NewEncoder(zw)
	for _, f := range h.r.findings {
		if err := enc.Encode(spilledFinding{F: f, Doc: f.doc}); err != nil {
			return // kept as they are
		}
	}
	if zw.Close() != nil {
		return
	}
	h.spilled = buf.Bytes()
	h.r.findings = nil
}

// unspill decodes the findings spill encoded; path names the file.
func (h *heldFile) unspill(path string) error {
	if h.spilled == nil {
		return nil
	}
	dec := gob.NewDecoder(flate.NewReader(bytes.NewReader(h.spilled)))
	for {
		var sf spilledFinding
		err := dec.Decode(&sf)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("read back the findings held for %s: %w", path, err)
		}
		sf.F.doc = sf.Doc
		h.r.findings = append(h.r.findings, sf.F)
	}
	h.spilled = nil
	return nil
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
	sinkErr   error
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
	if st.groupPath != s.Path {
		if err := st.flush(); err != nil {
			return err
		}
	}
	st.rep.Notices = append(st.rep.Notices, r.notices...)
	st.rep.Documents += r.docs
	// A run that ran out of time says so once, not once per file.
	switch cause := context.Cause(st.ctx); {
	case r.err != nil && cause != nil && errors.Is(r.err, cause):
		st.stopped++
	case r.err != nil:
		st.fileErrs = append(st.fileErrs, indexedError{i, r.err})
	}
	manifest := st.manifests[s.Path]
	delete(st.manifests, s.Path)
	for j := range manifest {
		manifest[j].Fingerprint = r.lineHashes[manifest[j].Range.Line]
	}
	fs := slices.Concat(r.findings, manifest)
	ignores := r.ignores
	if e.opts.NoInlineSuppressions && len(ignores) > 0 {
		st.rep.Notices = append(st.rep.Notices, Notice{File: s.Path, Message: fmt.Sprintf("%d inline suppression(s) not applied: inline suppressions are turned off", len(ignores))})
		ignores = nil
	}
	for _, f := range suppress(fs, ignores, s.Path, s.Kind, e.ruleState) {
		if rd, ok := e.rules[f.RuleID]; ok {
			f.Name, f.Severity = rd.Name, rd.Severity
			f.Fingerprint = r.lineHashes[f.Range.Line]
			fs = append(fs, f)
		}
	}
	st.groupPath = s.Path
	st.group = append(st.group, fs...)
	return nil
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
// file index) and keeps their findings by file.
func (st *stream) evalManifests(ctx context.Context, sums [][]ast.Value, lines []int) {
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
	fs, err := st.e.lintManifests(ctx, terms, st.srcs, byPath)
	st.manifestsErr = err
	for _, f := range fs {
		st.manifests[f.File] = append(st.manifests[f.File], f)
	}
}

// lintOrdered lints the sources at order with the engine's workers and
// calls add with each result in that order, at most a window of files
// ahead of the one added. When add fails, no more files are started; the
// files started are still added. It returns the first error of add.
func (e *Engine) lintOrdered(ctx context.Context, srcs []Source, order []int, add func(int, fileResult) error) error {
	if len(order) == 0 {
		return nil
	}
	workers := min(e.workers(), len(order))
	window := 2 * workers
	type done struct {
		pos int
		r   fileResult
	}
	jobs := make(chan int)
	out := make(chan done, window)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for p := range jobs {
				out <- done{p, e.lintFile(ctx, srcs[order[p]])}
			}
		})
	}
	pending := map[int]fileResult{}
	next, added := 0, 0
	var addErr error
	for added < next || (addErr == nil && next < len(order)) {
		var send chan int
		if addErr == nil && next < len(order) && next-added < window {
			send = jobs
		}
		select {
		case send <- next:
			next++
		case d := <-out:
			pending[d.pos] = d.r
			for {
				r, ok := pending[added]
				if !ok {
					break
				}
				delete(pending, added)
				if err := add(order[added], r); err != nil && addErr == nil {
					addErr = err
				}
				added++
			}
		}
	}
	close(jobs)
	wg.Wait()
	return addErr
}

// workers is the number of files linted at once.
func (e *Engine) workers() int {
	if e.opts.Workers > 0 {
		return e.opts.Workers
	}
	return runtime.GOMAXPROCS(0)
}
