package lint

import (
	"bytes"
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Suppressions:
//
//   - "# hardline ignore=DF001,IM002 reason" on the line before a Dockerfile
//     instruction covers the instruction; before a YAML field (or at the
//     end of its line) it covers the field and everything nested in it.
//   - "# hardline global ignore=DF009 reason" anywhere in a file covers the
//     file.
//   - The annotation hardline.dev/ignore: "KS003,KS011 reason" on a
//     Kubernetes object or on its pod template covers the object.
//
// A reason may give further rules their own reasons after a ";":
// "KS011 limits come from the LimitRange; KS023 never calls the API".
// Rules are named by ID or name, or "all" for every rule. A suppression
// that silences nothing, or whose reason holds a word shaped like a rule ID,
// is reported by UnusedDockerfileRule or UnusedManifestRule.

// IgnoreAnnotation is the annotation that suppresses rules on an object.
const IgnoreAnnotation = "hardline.dev/ignore"

// Rules that report suppressions which silence nothing. They have METADATA
// like every rule; the engine, not Rego, finds what they report.
const (
	UnusedDockerfileRule = "DF014"
	UnusedManifestRule   = "KS030"
)

// idLike matches a word shaped like a rule ID, such as KS003.
var idLike = regexp.MustCompile(`^[A-Z]{2,}[0-9]{3}$`)

var ignoreComment = regexp.MustCompile(`#\s*hardline\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\- ]*?[A-Za-z0-9])(?:\s+(.*))?$`)

// ignore is one suppression.
type ignore struct {
	rules  []string
	reason string
	kind   string
	// first and last are the lines covered; 0 and 0 cover the whole file.
	first, last int
	// doc is the index of the document an annotation belongs to, or -1,
	// and obj the object's path in it (see objectPathKey): an annotation on
	// an item of a List covers that item.
	doc  int
	obj  string
	at   Range
	used bool
}

func (ig *ignore) covers(f *Finding) bool {
	switch {
	case ig.doc >= 0 && (ig.doc != f.doc || f.obj != "" && ig.obj != f.obj):
		return false
	case ig.doc < 0 && ig.last > 0 && (f.Range.Line < ig.first || f.Range.Line > ig.last):
		return false
	}
	for _, r := range ig.rules {
		if strings.EqualFold(r, allRules) || strings.EqualFold(r, f.RuleID) || strings.EqualFold(r, f.Name) {
			return true
		}
	}
	return false
}

// allRules in an ignore list names every rule.
const allRules = "all"

// strayIDs returns the words of a suppression's reason that look like rule
// IDs: "ignore=KS001 KS003 reason" suppresses KS001 only, which is rarely
// what was meant.
func strayIDs(reason string) []string {
	var out []string
	for _, w := range strings.Fields(reason) {
		if strings.HasPrefix(w, "#") {
			break // a comment after the reason
		}
		if w = strings.Trim(w, ",;:.()[]\"'"); idLike.MatchString(w) {
			out = append(out, w)
		}
	}
	return out
}

// commentIgnores finds the ignore comments of a file. Only real comments
// count: a "#" inside the spans the parser reports as data (quoted and
// block scalars, heredoc bodies) is text, as is one not preceded by a
// blank or the start of the line. A parser that is no DataSpanner reports
// no data: every such "#" counts.
func commentIgnores(src []byte, kind Kind, doc Document, parser Parser) []*ignore {
	if !bytes.Contains(src, []byte("hardline")) {
		return nil
	}
	var spans [][2]int
	spansRead := false
	inData := func(off int) bool {
		if !spansRead {
			// Read for the first comment that may be a suppression.
			spansRead = true
			if ds, ok := parser.(DataSpanner); ok {
				spans = disjointSpans(ds.DataSpans(src))
			}
		}
		// The first span ending after off is the only one that may hold it.
		i, _ := slices.BinarySearchFunc(spans, off, func(sp [2]int, off int) int { return cmp.Compare(sp[1], off+1) })
		return i < len(spans) && spans[i][0] <= off
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	var instrs []Range // of a Dockerfile, read for its first comment
	var out []*ignore
	offset := 0
	for i, raw := range lines {
		lineOffset := offset
		offset += len(raw)
		line := strings.TrimRight(string(raw), "\r\n")
		m := ignoreComment.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		hash := m[0] // the match starts at the comment's #
		ownLine := strings.TrimSpace(line[:hash]) == ""
		if kind == KindDockerfile && !ownLine {
			continue // a # inside an instruction is not a comment
		}
		if hash > 0 && line[hash-1] != ' ' && line[hash-1] != '\t' {
			continue // a # inside a word is not a comment
		}
		if inData(lineOffset + hash) {
			continue // a # inside a string or heredoc is text
		}
		ig := &ignore{
			kind: "comment", doc: -1,
			at: Range{
				Line: i + 1, Column: utf8.RuneCountInString(line[:hash]) + 1,
				EndLine: i + 1, EndColumn: utf8.RuneCountInString(line) + 1,
				Offset: lineOffset + hash, EndOffset: lineOffset + len(line),
			},
		}
		for _, r := range strings.Split(line[m[4]:m[5]], ",") {
			if r = strings.TrimSpace(r); r != "" {
				ig.rules = append(ig.rules, r)
			}
		}
		if m[6] >= 0 {
			ig.reason = strings.TrimSpace(line[m[6]:m[7]])
		}
		if m[2] < 0 { // not global
			switch {
			case !ownLine:
				ig.first, ig.last = i+1, blockEnd(lines, i)
			case kind == KindDockerfile:
				if instrs == nil {
					instrs = instructionRanges(doc)
				}
				ig.first, ig.last = instructionAfter(instrs, i+1)
			default:
				next := nextContentLine(lines, i+1)
				ig.first, ig.last = next+1, blockEnd(lines, next)
			}
			if ig.first == 0 {
				continue
			}
		}
		out = append(out, ig.perRule()...)
	}
	return out
}

// disjointSpans returns the byte spans [start, end) sorted, overlapping
// and touching ones merged: their ends then increase too.
func disjointSpans(spans [][2]int) [][2]int {
	spans = slices.Clone(spans)
	slices.SortFunc(spans, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	out := spans[:0]
	for _, sp := range spans {
		if sp[1] <= sp[0] {
			continue
		}
		if n := len(out); n > 0 && sp[0] <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], sp[1])
			continue
		}
		out = append(out, sp)
	}
	return out
}

// perRule splits an ignore whose reason gives further rules reasons of
// their own ("KS011 limits come from the LimitRange; KS023 never calls the
// API") into one ignore per rule list. A ";" not followed by rule IDs
// stays part of the reason.
func (ig *ignore) perRule() []*ignore {
	parts := strings.Split(ig.reason, ";")
	first := *ig
	first.reason = parts[0]
	out := []*ignore{&first}
	for _, p := range parts[1:] {
		word, rest, _ := strings.Cut(strings.TrimSpace(p), " ")
		if rules := ruleList(word); rules != nil {
			seg := *ig
			seg.rules, seg.reason = rules, rest
			out = append(out, &seg)
			continue
		}
		out[len(out)-1].reason += ";" + p
	}
	for _, o := range out {
		o.reason = strings.TrimSpace(o.reason)
	}
	return out
}

// ruleList reads "KS011,KS023" as rule IDs (or "all"), or returns nil.
func ruleList(word string) []string {
	if word == "" {
		return nil
	}
	rules := strings.Split(word, ",")
	for _, r := range rules {
		if !idLike.MatchString(r) && !strings.EqualFold(r, allRules) {
			return nil
		}
	}
	return rules
}

// nextContentLine is the index of the first line at or after i that is
// neither blank nor a comment.
func nextContentLine(lines [][]byte, i int) int {
	for ; i < len(lines); i++ {
		t := bytes.TrimSpace(lines[i])
		if len(t) > 0 && t[0] != '#' {
			return i
		}
	}
	return len(lines) - 1
}

// blockEnd is the 1-based last line of the YAML block that starts on line
// index i: the following lines indented deeper, blank lines and comments
// included.
func blockEnd(lines [][]byte, i int) int {
	if i >= len(lines) {
		return len(lines)
	}
	// A sequence item's content is indented past its dash, so "- name: x"
	// covers the whole item.
	indent := indentOf(lines[i])
	last := i
	for j := i + 1; j < len(lines); j++ {
		t := bytes.TrimSpace(lines[j])
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		if indentOf(lines[j]) <= indent {
			break
		}
		last = j
	}
	return last + 1
}

func indentOf(line []byte) int {
	return len(line) - len(bytes.TrimLeft(line, " "))
}

// instructionRanges are the ranges of a document's instructions, in file
// order; none for a document without instructions.
func instructionRanges(doc Document) []Range {
	if d, ok := doc.(InstructionDocument); ok {
		return d.InstructionRanges()
	}
	return []Range{}
}

// instructionAfter returns the lines of the first instruction of instrs
// (in file order) starting after line (1-based); 0, 0 when none does.
func instructionAfter(instrs []Range, line int) (first, last int) {
	i, _ := slices.BinarySearchFunc(instrs, line+1, func(r Range, l int) int { return cmp.Compare(r.Line, l) })
	if i == len(instrs) {
		return 0, 0
	}
	return instrs[i].Line, instrs[i].EndLine
}

// annotationIgnores reads hardline.dev/ignore from an object's metadata and
// from its pod templates.
func annotationIgnores(d Document) []*ignore {
	o, ok := d.(Object)
	if !ok {
		return nil
	}
	doc, key := placeOf(d)
	var out []*ignore
	// A Pod's metadata is read as the object's and as its pod's: one
	// annotation.
	seen := map[Range]bool{}
	for _, a := range o.Annotations(IgnoreAnnotation) {
		at := d.Locate(a.Path)
		if seen[at] {
			continue
		}
		seen[at] = true
		ig := &ignore{kind: "annotation", doc: doc, obj: key, at: at}
		ids, reason, _ := strings.Cut(strings.TrimSpace(a.Value), " ")
		if trimmed := strings.TrimSuffix(ids, ";"); trimmed != ids {
			ids, reason = trimmed, ";"+reason // "KS011; KS023 reason"
		}
		ig.reason = strings.TrimSpace(reason)
		for _, r := range strings.Split(ids, ",") {
			if r = strings.TrimSpace(r); r != "" {
				ig.rules = append(ig.rules, r)
			}
		}
		out = append(out, ig.perRule()...)
	}
	return out
}

// objectPathKey identifies an object within its YAML document by its path:
// "[]", or "[items 3]" for an item of a List.
func objectPathKey(path []any) string { return fmt.Sprint(path) }

// suppress marks the findings the ignores cover and returns findings for
// ignores that covered nothing. known tells whether a rule ID or name
// exists and runs; an ignore naming a rule that exists but does not run
// is not reported.
func suppress(findings []Finding, ignores []*ignore, file string, kind Kind, known func(string) (exists, enabled bool)) []Finding {
	apply(findings, ignores)
	var out []Finding
	for _, ig := range ignores {
		out = append(out, ig.stray(file, kind)...)
		out = append(out, ig.unused(file, kind, known)...)
	}
	return out
}

// apply marks the findings the ignores cover, and the ignores used.
func apply(findings []Finding, ignores []*ignore) {
	newIgnoreIndex(ignores).apply(findings)
}

// ignoreIndex finds the ignores that may cover a finding without trying
// every one: a file with a suppression comment above each of its objects
// would otherwise cost its findings times its comments.
type ignoreIndex struct {
	igs []*ignore
	// wide are the file-wide comments, as indices into igs.
	wide []int
	// lines are the comments that cover lines, sorted by first line, and
	// maxLast[m] the last line covered by any of lines[lo:hi], for the
	// range whose middle is m (see build).
	lines, maxLast []int
	// docs are the annotations by document.
	docs map[int][]int
}

func newIgnoreIndex(igs []*ignore) *ignoreIndex {
	x := &ignoreIndex{igs: igs}
	for i, ig := range igs {
		switch {
		case ig.doc >= 0:
			if x.docs == nil {
				x.docs = map[int][]int{}
			}
			x.docs[ig.doc] = append(x.docs[ig.doc], i)
		case ig.last > 0:
			x.lines = append(x.lines, i)
		default:
			x.wide = append(x.wide, i)
		}
	}
	slices.SortStableFunc(x.lines, func(a, b int) int { return cmp.Compare(igs[a].first, igs[b].first) })
	x.maxLast = make([]int, len(x.lines))
	x.build(0, len(x.lines))
	return x
}

// build fills maxLast for lines[lo:hi] and returns the last line they
// cover.
func (x *ignoreIndex) build(lo, hi int) int {
	if lo >= hi {
		return 0
	}
	m := (lo + hi) / 2
	x.maxLast[m] = max(x.igs[x.lines[m]].last, x.build(lo, m), x.build(m+1, hi))
	return x.maxLast[m]
}

// stab appends the comments of lines[lo:hi] whose lines hold line n.
func (x *ignoreIndex) stab(lo, hi, n int, out []int) []int {
	if lo >= hi {
		return out
	}
	m := (lo + hi) / 2
	if x.maxLast[m] < n {
		return out
	}
	out = x.stab(lo, m, n, out)
	ig := x.igs[x.lines[m]]
	if ig.first > n {
		return out // and so do the later ones
	}
	if ig.last >= n {
		out = append(out, x.lines[m])
	}
	return x.stab(m+1, hi, n, out)
}

// apply marks the findings the ignores cover, and the ignores used. The
// ignores that may cover a finding are tried in their order, so that the
// first that covers it gives its suppression, as when all are tried.
func (x *ignoreIndex) apply(findings []Finding) {
	if len(x.igs) == 0 {
		return
	}
	var cand []int
	for i := range findings {
		f := &findings[i]
		cand = append(cand[:0], x.wide...)
		cand = x.stab(0, len(x.lines), f.Range.Line, cand)
		cand = append(cand, x.docs[f.doc]...)
		slices.Sort(cand)
		for _, j := range cand {
			x.igs[j].apply(f)
		}
	}
}

// apply marks f suppressed and the ignore used when the ignore covers f.
func (ig *ignore) apply(f *Finding) {
	if ig.covers(f) {
		ig.used = true
		if f.Suppression == nil {
			f.Suppression = &Suppression{Kind: ig.kind, Justification: ig.reason}
		}
	}
}

// unusedRule is the rule that reports the suppressions of a file of kind
// that silence nothing.
func unusedRule(kind Kind) string {
	if kind == KindYAML || kind == KindCompose || kind == KindWorkflow {
		return UnusedManifestRule
	}
	return UnusedDockerfileRule
}

// stray returns the finding for rule IDs in the ignore's reason.
func (ig *ignore) stray(file string, kind Kind) []Finding {
	stray := strayIDs(ig.reason)
	if len(stray) == 0 {
		return nil
	}
	msg := fmt.Sprintf("%s in the reason of this suppression is not suppressed: list every rule before the reason, comma-separated (ignore=%s,%s reason)",
		strings.Join(stray, ", "), strings.Join(ig.rules, ","), strings.Join(stray, ","))
	return []Finding{{RuleID: unusedRule(kind), Message: msg, File: file, Range: ig.at}}
}

// unused returns the finding for an ignore that covered nothing, unless it
// names a rule that exists and does not run.
func (ig *ignore) unused(file string, kind Kind, known func(string) (exists, enabled bool)) []Finding {
	if ig.used {
		return nil
	}
	var unknown []string
	for _, r := range ig.rules {
		if strings.EqualFold(r, allRules) {
			continue
		}
		exists, enabled := known(r)
		if !exists {
			unknown = append(unknown, r)
		}
		if exists && !enabled {
			return nil
		}
	}
	msg := fmt.Sprintf("this suppression of %s silences nothing: remove it", strings.Join(ig.rules, ","))
	if len(unknown) > 0 {
		msg = fmt.Sprintf("this suppression names no known rule (%s): use rule IDs or names", strings.Join(unknown, ","))
	}
	return []Finding{{RuleID: unusedRule(kind), Message: msg, File: file, Range: ig.at}}
}
