package lint

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"
)

// docWork is one document of a file on its way through lintDocuments:
// read in order, evaluated by any worker, added to the result in order.
type docWork struct {
	doc   Document
	input ast.Value
	query string
	// What reading the document found: its suppressions (the file's
	// comments with the first document), its summary for the rules over
	// every manifest and the lines of the ranges it holds.
	ignores      []*ignore
	summary      ast.Value
	summaryLines []int
	// notices are the document's own, then those of its findings.
	notices  []Notice
	findings []Finding
	// placements are the file's placements in this document.
	placements []placement
	err        error
	// timedOut is set when the evaluation ran out of the file timeout.
	timedOut bool
	done     chan struct{}
}

// lintDocuments evaluates the documents of a file, several at once, and
// returns the file's result in document order, with the lines findings
// made after the file is done may point at (rules over every manifest:
// their fingerprints need the source, which is gone by then). A file of
// many documents (a rendered chart, kubectl get -o yaml) is linted on
// every core, holding a few documents at a time; the engine's evalSlots
// bound the evaluations of all files at once.
//
// Each document's evaluation has the file timeout: a file of many
// thousands of documents is not cut off for its size, a rule that loops
// is, on its first document, and the documents after it count for
// nothing (not even their suppressions or summaries).
//
// With part set, the findings and suppressions of each document are
// handed to it as the document is done, instead of being kept in res.
// With hold above 0, a document after the one that takes the file past
// hold findings stops it, and res is overHold.
func (e *Engine) lintDocuments(run context.Context, s Source, src []byte, parser Parser, part func(docPart) error, hold int) (res fileResult, laterLines []int) {
	lines := lineCount(src)
	res.lines = lines
	query := queryFor(s.Kind)
	workers := e.workers()
	ordered := make(chan *docWork, 2*workers)
	todo := make(chan *docWork)
	// file is cancelled when a document runs out of time: the others in
	// flight stop at once.
	file, cancel := context.WithCancel(run)
	defer cancel()
	var wg sync.WaitGroup
	worker := func() {
		for w := range todo {
			e.evalDocument(file, s, src, lines, w)
			close(w.done)
		}
	}
	// The placements by YAML document, taken by the objects they are
	// about (a file the parser cannot read has none: they are made
	// without them, as when the file is read again).
	placements := map[int][]placement{}
	for _, p := range s.placements {
		placements[p.r.document] = append(placements[p.r.document], p)
	}
	s.placements = nil // each document's go with it

	// The reader builds each document's input, in order, and starts a
	// worker for each of the first documents: a file of one document
	// starts one.
	go func() {
		defer close(ordered)
		defer close(todo)
		i, started := -1, 0
		sums := newSummaries()
		for doc := range documents(parser, s.Path, src) {
			i++
			w := &docWork{doc: doc, query: query, done: make(chan struct{})}
			if n, ok := doc.(interface{ Notices() []Notice }); ok {
				w.notices = n.Notices()
			}
			w.input = doc.Input()
			if i == 0 {
				w.ignores = commentIgnores(src, s.Kind, doc, parser)
			}
			if s.Kind == KindYAML {
				w.ignores = append(w.ignores, annotationIgnores(doc)...)
			}
			// A file handed over in parts is linted once its summaries
			// are known.
			if sum := doc.Summary(); sum != nil && !s.Patch && part == nil && e.objects.keeps(sum) {
				w.summary = sums.copy(sum)
				w.summaryLines = rangeLines(w.summary, nil)
			}
			place := -1
			if len(placements) > 0 && doc.Summary() != nil {
				// An object: the placements about it are made in it.
				var key string
				place, key = placeOf(doc)
				if ps := placements[place]; len(ps) > 0 {
					w.placements, placements[place] = takePlacements(ps, key)
				}
			}
			if w.query == "kubernetes" && !mayHavePods(doc) && e.prepared(noPods) {
				w.query = noPods
			}
			select {
			case ordered <- w:
			case <-file.Done():
				// Its placements are made without it.
				if len(w.placements) > 0 {
					placements[place] = append(placements[place], w.placements...)
				}
				return
			}
			if started < workers {
				started++
				wg.Go(worker)
			}
			todo <- w
		}
	}()
	stopped := false // by a document out of time, or past hold
	// over is set once the file passed hold findings: it stops at the
	// next document (a file of one huge Pod is not evaluated twice).
	over := false
	for w := range ordered {
		if over && !stopped {
			// A document follows: it is not waited for.
			res.overHold, stopped = true, true
			cancel()
		}
		<-w.done
		// The placements are made whatever became of the evaluation; in
		// a file handed over in parts, they go with the object's part.
		placed := len(res.manifests)
		for _, p := range w.placements {
			f, err := e.manifestsFinding(run, s.Path, src, w.doc, p)
			res.manifests, res.manifestsErr = appendFound(res.manifests, f, err, res.manifestsErr)
		}
		if stopped {
			continue
		}
		res.docs++
		if part != nil {
			doc, _ := placeOf(w.doc)
			w.findings = append(w.findings, res.manifests[placed:]...)
			res.manifests = res.manifests[:placed]
			p := docPart{findings: w.findings, ignores: w.ignores, doc: doc}
			if d, ok := w.doc.(documentStarter); ok {
				p.start = d.StartLine()
			}
			w.findings, w.ignores = nil, nil
			if err := part(p); err != nil {
				// The run stops: the sink failed.
				stopped = true
				cancel()
				continue
			}
		}
		res.ignores = append(res.ignores, w.ignores...)
		if w.summary != nil {
			res.summaries = append(res.summaries, w.summary)
			laterLines = append(laterLines, w.summaryLines...)
		}
		res.notices = append(res.notices, w.notices...)
		res.findings = append(res.findings, w.findings...)
		over = hold > 0 && len(res.findings) > hold
		if !w.timedOut {
			res.err = errors.Join(res.err, w.err)
			continue
		}
		// The file's other documents would fail alike.
		stopped = true
		cancel()
		res.err = errors.Join(res.err, fmt.Errorf("evaluate %s%s: %w", s.Path, e.slowRule(run, query, w.input), w.err))
	}
	wg.Wait()
	// Placements whose object was not found (or not read: the file ran
	// out of time) are made without it.
	var left []placement
	for _, ps := range placements {
		left = append(left, ps...)
	}
	slices.SortStableFunc(left, func(a, b placement) int { return cmp.Compare(a.r.document, b.r.document) })
	for _, p := range left {
		f, err := e.manifestsFinding(run, s.Path, src, nil, p)
		res.manifests, res.manifestsErr = appendFound(res.manifests, f, err, res.manifestsErr)
	}
	return res, laterLines
}

// takePlacements splits ps, placements in one YAML document, into those
// about the object at key (see objectPathKey) and the others.
func takePlacements(ps []placement, key string) (taken, left []placement) {
	for _, p := range ps {
		if objectPathKey(p.r.objectPath) == key {
			taken = append(taken, p)
		} else {
			left = append(left, p)
		}
	}
	return taken, left
}

// rangeLines appends to lines the line of every range in v (an object with
// a line and a column): the lines a result of a rule over every manifest
// may point at without a path.
func rangeLines(v ast.Value, lines []int) []int {
	switch v := v.(type) {
	case ast.Object:
		if line, col := v.Get(ast.InternedTerm("line")), v.Get(ast.InternedTerm("column")); line != nil && col != nil {
			if n, ok := line.Value.(ast.Number); ok {
				if line, ok := n.Int(); ok {
					return append(lines, line)
				}
			}
		}
		v.Foreach(func(_, t *ast.Term) { lines = rangeLines(t.Value, lines) })
	case *ast.Array:
		v.Foreach(func(t *ast.Term) { lines = rangeLines(t.Value, lines) })
	}
	return lines
}

// docPart is what lintDocuments hands over of one document of a file
// streamed in parts.
type docPart struct {
	findings []Finding
	ignores  []*ignore
	// doc is the index of the YAML document; start the object's first line
	// (0: unknown), before which no finding of this or a later object is.
	doc, start int
	// hash is the fingerprint of a line of the file.
	hash func(line int) string
}

// documentStarter is a Document that knows its first line.
type documentStarter interface{ StartLine() int }

// evalDocument evaluates one document and makes its findings.
func (e *Engine) evalDocument(file context.Context, s Source, src []byte, lines int, w *docWork) {
	select {
	case e.evalSlots <- struct{}{}:
		defer func() { <-e.evalSlots }()
	case <-file.Done():
		w.timedOut, w.err = true, context.Cause(file)
		return
	}
	// The timeout starts with the evaluation, not with the wait for a slot.
	ctx, cancel := e.documentContext(file)
	defer cancel()
	pairs, err := e.eval(ctx, w.query, w.input)
	if err != nil {
		if ctx.Err() != nil {
			w.timedOut, w.err = true, context.Cause(ctx)
			return
		}
		w.err = fmt.Errorf("evaluate %s: %w", s.Path, err)
		return
	}
	docIndex, objKey := -1, ""
	if len(pairs) > 0 {
		docIndex, objKey = placeOf(w.doc)
	}
	for _, p := range pairs {
		rd, r, ok, err := e.decode(p, lines, len(src))
		if err != nil {
			w.err = errors.Join(w.err, fmt.Errorf("%s: %w", s.Path, err))
		}
		if !ok {
			continue
		}
		f, notices := e.finding(ctx, rd, s.Path, src, w.doc, r)
		w.notices = append(w.notices, notices...)
		if s.Patch {
			if f = patchFinding(f, w.doc); f.RuleID == "" {
				continue
			}
		}
		// The path served to place the finding and check the patch, the
		// intents to make the edits: a file of many findings does not
		// hold them.
		f.doc, f.obj, f.path = docIndex, objKey, nil
		if !s.Intents {
			for i := range f.Fixes {
				f.Fixes[i].Intents = nil
			}
		}
		w.findings = append(w.findings, f)
	}
}

// documentContext bounds the evaluation of one document by the file
// timeout.
func (e *Engine) documentContext(run context.Context) (context.Context, context.CancelFunc) {
	if e.opts.FileTimeout <= 0 {
		return run, func() {}
	}
	return context.WithTimeoutCause(run, e.opts.FileTimeout,
		fmt.Errorf("policies did not finish within %s (file-timeout): a rule, probably a user policy, loops or is too slow", e.opts.FileTimeout))
}
