package lint

import (
	"container/heap"
	"math"
)

// partedFile is a file handed over in parts, as its objects are done, in
// the order of a sorted report. The findings of an object are on or after
// its first line, so when an object starts, the findings before its first
// line are final, but for two kinds that come from elsewhere:
//   - the findings of the rules over every manifest (known before the file
//     is linted), held until their line is final (and, for those that do
//     not name their object, until their YAML document is done: an
//     annotation of any object of the document covers them);
//   - the findings of suppressions that silence nothing, known once
//     nothing more can be covered: for an annotation, once its object is
//     done; for a comment on a line, once the objects pass the line; for
//     a file-wide comment, at the end. Until then, nothing on or after the
//     suppression's line is handed over (a file-wide suppression that
//     silences nothing holds the file).
type partedFile struct {
	i int
	// comments are the file's suppression comments (they come with its
	// first object); open are the suppressions that may still report that
	// they silence nothing.
	comments []*ignore
	open     ignoreHeap
	// commentIndex indexes comments (rebuilt when more come).
	commentIndex *ignoreIndex
	// manifests are the findings of the rules over every manifest, sorted;
	// those before next were handed over.
	manifests []Finding
	next      int
	// byDoc are the indexes in manifests of each YAML document's.
	byDoc map[int][]int
	// pending are the objects' findings not handed over yet; notes those
	// of the suppressions.
	pending, notes []Finding
	// start is the first line of the last object and doc the index of its
	// YAML document: every later finding is on or after start.
	start, doc int
	// sent is the line before which findings were handed over.
	sent int
	// hash is the fingerprint of a line.
	hash func(line int) string
	// dropped counts the inline suppressions not applied.
	dropped int
}

// part takes the findings and suppressions of one object of file i and
// hands over those now final. An error of the sink stops the file.
func (st *stream) part(i int, dp docPart) error {
	p := st.parted
	if p == nil || p.i != i {
		// The file's first part: the file before it is complete.
		if err := st.flush(); err != nil {
			return err
		}
		path := st.srcs[i].Path
		p = &partedFile{i: i, manifests: st.manifests[path]}
		delete(st.manifests, path)
		SortFindings(p.manifests)
		p.byDoc = map[int][]int{}
		for j, f := range p.manifests {
			p.byDoc[f.doc] = append(p.byDoc[f.doc], j)
		}
		st.parted = p
	}
	p.hash = dp.hash
	p.start, p.doc = max(p.start, dp.start), dp.doc
	ignores := dp.ignores
	if st.e.opts.NoInlineSuppressions {
		p.dropped += len(ignores)
		ignores = nil
	}
	// The suppressions cover findings of the rules over every manifest not
	// handed over: a comment any of them, an annotation those of its
	// object. Comments come first.
	var comments, annotations []*ignore
	for _, ig := range ignores {
		if ig.doc >= 0 {
			annotations = append(annotations, ig)
		} else {
			comments = append(comments, ig)
		}
		heap.Push(&p.open, ig)
		p.notes = append(p.notes, st.e.ruleFindings(ig.stray(st.srcs[i].Path, st.srcs[i].Kind), p.hash)...)
	}
	p.comments = append(p.comments, comments...)
	apply(p.manifests[p.next:], comments)
	for _, ig := range annotations {
		for _, j := range p.byDoc[ig.doc] {
			if j >= p.next {
				ig.apply(&p.manifests[j])
			}
		}
	}
	// Comments come with the first object and annotations cover their own
	// object: nothing pending is theirs.
	if p.commentIndex == nil || len(p.commentIndex.igs) != len(p.comments) {
		p.commentIndex = newIgnoreIndex(p.comments)
	}
	p.commentIndex.apply(dp.findings)
	apply(dp.findings, annotations)
	p.pending = append(p.pending, dp.findings...)
	return st.handOver(p, false)
}

// handOver hands over the findings of p that are final; at the end of
// the file, all of them.
func (st *stream) handOver(p *partedFile, end bool) error {
	s := st.srcs[p.i]
	final := p.start // every later finding is on or after it
	if end {
		final = math.MaxInt
	}
	limit := final
	// The open suppression on the first line bounds what is final. Those
	// on later lines that may report themselves now would be held by it
	// anyway: they report once they come first.
	for len(p.open) > 0 {
		ig := p.open[0]
		if !ig.used && !end && ig.doc < 0 && (ig.last == 0 || ig.last >= final) {
			limit = min(limit, ig.at.Line)
			break
		}
		if !ig.used {
			p.notes = append(p.notes, st.e.ruleFindings(ig.unused(s.Path, s.Kind, st.e.ruleState), p.hash)...)
		}
		heap.Pop(&p.open)
	}
	for j := p.next; !end && j < len(p.manifests) && p.manifests[j].Range.Line < limit; j++ {
		if f := p.manifests[j]; f.obj == "" && f.doc == p.doc {
			// An annotation of a later object of its document may cover it.
			limit = f.Range.Line
		}
	}
	if limit <= p.sent || st.sinkErr != nil {
		return st.sinkErr
	}
	p.sent = limit
	var out []Finding
	for p.next < len(p.manifests) && p.manifests[p.next].Range.Line < limit {
		f := p.manifests[p.next]
		f.Fingerprint = p.hash(f.Range.Line)
		out = append(out, f)
		p.next++
	}
	take := func(fs []Finding) []Finding {
		kept := fs[:0]
		for _, f := range fs {
			if f.Range.Line < limit {
				out = append(out, f)
			} else {
				kept = append(kept, f)
			}
		}
		return kept
	}
	p.pending = take(p.pending)
	p.notes = take(p.notes)
	if end {
		p.manifests = nil
	}
	if len(out) == 0 {
		return nil
	}
	SortFindings(out)
	if err := st.sink(out); err != nil {
		st.sinkErr = err
	}
	return st.sinkErr
}

// ruleFindings are fs, the findings of suppressions, of the rules that
// run, with their rule's name, severity and fingerprint.
func (e *Engine) ruleFindings(fs []Finding, hash func(line int) string) []Finding {
	out := fs[:0]
	for _, f := range fs {
		if rd, ok := e.rules[f.RuleID]; ok {
			f.Name, f.Severity = rd.Name, rd.Severity
			f.Fingerprint = hash(f.Range.Line)
			out = append(out, f)
		}
	}
	return out
}

// ignoreHeap holds suppressions, the one on the first line first
// (container/heap).
type ignoreHeap []*ignore

func (h ignoreHeap) Len() int           { return len(h) }
func (h ignoreHeap) Less(i, j int) bool { return h[i].at.Line < h[j].at.Line }
func (h ignoreHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }

func (h *ignoreHeap) Push(x any) {
	if ig, ok := x.(*ignore); ok {
		*h = append(*h, ig)
	}
}

func (h *ignoreHeap) Pop() any {
	old := *h
	ig := old[len(old)-1]
	*h = old[:len(old)-1]
	return ig
}
