package lint

import (
	"cmp"
	"math"
	"slices"
)

// partedFile is a file handed over in parts, as its documents are done,
// in the order of a sorted report. The findings of a document are on or
// after the first line of its YAML document, so when a document starts,
// the findings before its first line are final, but for two kinds that
// come from elsewhere:
//   - the findings of the rules over every manifest (known before the file
//     is linted), held until their line is final;
//   - the findings of suppressions that silence nothing, known once
//     nothing more can be covered: for a suppression of a line, once the
//     documents pass the line; of an object, once the next document comes;
//     of the file, at the end. Until then, nothing on or after the
//     suppression's line is handed over (a file-wide suppression that
//     silences nothing holds the file).
type partedFile struct {
	i int
	// comments are the file's suppression comments (which come with its
	// first document), annotations those of the last document; open are
	// the suppressions that may still report that they silence nothing.
	comments, annotations []*ignore
	open                  []*ignore
	// manifests are the findings of the rules over every manifest, sorted;
	// those before next were handed over.
	manifests []Finding
	next      int
	// pending are the findings of the documents not handed over yet, in
	// document order; notes those of the suppressions.
	pending, notes []Finding
	// start is the first line of the last document's YAML document and
	// doc its index: every later finding is on or after start.
	start, doc int
	// sent is the line before which findings were handed over.
	sent int
	// hash is the fingerprint of a line.
	hash func(line int) string
	// dropped counts the inline suppressions not applied.
	dropped int
}

// part takes the findings and suppressions of one document of file i and
// hands over those now final. An error of the sink stops the file.
func (st *stream) part(i int, dp docPart) error {
	p := st.parted
	if p == nil || p.i != i {
		// The file's first part: the file before it is complete.
		if err := st.flush(); err != nil {
			return err
		}
		path := st.srcs[i].Path
		p = &partedFile{i: i, manifests: st.manifests[path], doc: -1}
		delete(st.manifests, path)
		SortFindings(p.manifests)
		st.parted = p
	}
	p.hash = dp.hash
	if dp.doc != p.doc {
		// A new YAML document: its first object gives its first line (an
		// object of a List that failed to convert gives where it is). An
		// annotation covers the findings of its own document.
		p.doc, p.annotations = dp.doc, nil
		p.start = max(p.start, dp.start)
	}
	ignores := dp.ignores
	if st.e.opts.NoInlineSuppressions {
		p.dropped += len(ignores)
		ignores = nil
	}
	for _, ig := range ignores {
		if ig.doc >= 0 {
			p.annotations = append(p.annotations, ig)
		} else {
			p.comments = append(p.comments, ig)
		}
		p.open = append(p.open, ig)
		p.notes = append(p.notes, st.e.ruleFindings(ig.stray(st.srcs[i].Path, st.srcs[i].Kind), p.hash)...)
		// It covers findings not handed over yet: pending ones (of earlier
		// objects of an annotation's document, at the end) and those of
		// the rules over every manifest (in document order).
		pending, manifests := p.pending, p.manifests[p.next:]
		if ig.doc >= 0 {
			from := len(pending)
			for from > 0 && pending[from-1].doc >= ig.doc {
				from--
			}
			pending = pending[from:]
			first, _ := slices.BinarySearchFunc(manifests, ig.doc, func(f Finding, doc int) int { return cmp.Compare(f.doc, doc) })
			manifests = manifests[first:]
		}
		for j := range pending {
			ig.apply(&pending[j])
		}
		for j := range manifests {
			if ig.doc >= 0 && manifests[j].doc > ig.doc {
				break
			}
			ig.apply(&manifests[j])
		}
	}
	apply(dp.findings, p.comments)
	apply(dp.findings, p.annotations)
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
	open := p.open[:0]
	for _, ig := range p.open {
		switch {
		case ig.used:
		case end || ig.doc >= 0 && ig.doc < p.doc || ig.doc < 0 && ig.last > 0 && ig.last < final:
			p.notes = append(p.notes, st.e.ruleFindings(ig.unused(s.Path, s.Kind, st.e.ruleState), p.hash)...)
		default:
			open = append(open, ig)
			limit = min(limit, ig.at.Line)
		}
	}
	p.open = open
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
