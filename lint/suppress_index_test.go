package lint

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestIgnoreIndexAsTryingEvery checks that the index marks the findings and
// the ignores exactly as trying every ignore on every finding does: the
// same suppression (the first covering ignore's) and the same ignores
// used, over random mixes of file-wide, line and annotation ignores that
// overlap.
func TestIgnoreIndexAsTryingEvery(t *testing.T) {
	rules := []string{"KS001", "KS002", "run-as-root", allRules}
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		lines := 1 + rng.IntN(60)
		var igs, naive []*ignore
		for k := range rng.IntN(25) {
			ig := &ignore{rules: []string{rules[rng.IntN(len(rules))]}, kind: "comment", reason: fmt.Sprint(k), doc: -1}
			switch rng.IntN(4) {
			case 0: // file-wide
			case 1: // annotation
				ig.doc, ig.kind = rng.IntN(3), "annotation"
				if rng.IntN(2) == 0 {
					ig.obj = fmt.Sprint(rng.IntN(2))
				}
			default: // lines, possibly one, possibly overlapping others
				ig.first = 1 + rng.IntN(lines)
				ig.last = ig.first + rng.IntN(lines/2+1)
			}
			igs = append(igs, ig)
			c := *ig
			naive = append(naive, &c)
		}
		var findings []Finding
		for range rng.IntN(40) {
			f := Finding{RuleID: []string{"KS001", "KS002"}[rng.IntN(2)], doc: rng.IntN(3)}
			if f.RuleID == "KS001" {
				f.Name = "run-as-root"
			}
			if rng.IntN(2) == 0 {
				f.obj = fmt.Sprint(rng.IntN(2))
			}
			f.Range.Line = 1 + rng.IntN(lines)
			findings = append(findings, f)
		}
		want := append([]Finding(nil), findings...)
		for i := range want {
			for _, ig := range naive {
				ig.apply(&want[i])
			}
		}
		apply(findings, igs)
		for i := range findings {
			got, exp := findings[i].Suppression, want[i].Suppression
			if (got == nil) != (exp == nil) || got != nil && *got != *exp {
				t.Fatalf("round %d, finding %d at line %d: suppression %+v, want %+v", round, i, findings[i].Range.Line, got, exp)
			}
		}
		for k := range igs {
			if igs[k].used != naive[k].used {
				t.Fatalf("round %d, ignore %d (%d-%d, doc %d): used %v, want %v", round, k, igs[k].first, igs[k].last, igs[k].doc, igs[k].used, naive[k].used)
			}
		}
	}
}

// BenchmarkIgnoreIndex applies a comment above each of 10,000 objects to
// five findings of each: with every comment tried on every finding this
// took seconds.
func BenchmarkIgnoreIndex(b *testing.B) {
	const objects = 10000
	igs := make([]*ignore, objects)
	findings := make([]Finding, 0, 5*objects)
	for i := range objects {
		igs[i] = &ignore{rules: []string{"KS011"}, doc: -1, first: 20*i + 2, last: 20*i + 20}
		for j := range 5 {
			findings = append(findings, Finding{RuleID: []string{"KS011", "KS003"}[j%2], Range: Range{Line: 20*i + 5 + j}})
		}
	}
	for b.Loop() {
		apply(findings, igs)
	}
}

// TestDisjointSpans checks the spans searched for comments inside data
// against the spans as given, on random overlapping spans.
func TestDisjointSpans(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 500 {
		var spans [][2]int
		for range rng.IntN(8) {
			start := rng.IntN(50)
			spans = append(spans, [2]int{start, start + rng.IntN(12) - 1})
		}
		merged := disjointSpans(spans)
		for i := 1; i < len(merged); i++ {
			if merged[i][0] <= merged[i-1][1] {
				t.Fatalf("round %d: %v: spans %d and %d touch", round, merged, i-1, i)
			}
		}
		for off := range 65 {
			want := false
			for _, sp := range spans {
				want = want || off >= sp[0] && off < sp[1]
			}
			got := false
			for _, sp := range merged {
				got = got || off >= sp[0] && off < sp[1]
			}
			if got != want {
				t.Fatalf("round %d: offset %d in %v: %v, in %v: %v", round, off, spans, want, merged, got)
			}
		}
	}
}
