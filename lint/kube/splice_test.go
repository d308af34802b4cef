package kube

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/hardline-dev/hardline/lint"
)

// diffSpliced, which reads only around a splice, finds what diff finds on
// the whole spliced text.
func TestDiffSplicedMatchesDiff(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab \n\r:é-")
	word := func(n int) []byte {
		out := make([]byte, 0, n)
		for len(out) < n {
			out = append(out, alphabet[rng.IntN(len(alphabet))])
		}
		return out
	}
	for i := range 5000 {
		a := word(rng.IntN(40))
		lo := rng.IntN(len(a) + 1)
		hi := lo + rng.IntN(len(a)-lo+1)
		text := string(word(rng.IntN(6)))
		edits := []lint.Edit{{Range: lint.Range{Offset: lo, EndOffset: hi}, NewText: text}}
		whole := spliceAll(a, edits)
		edits[0].Range.Offset, edits[0].Range.EndOffset = 0, hi-lo
		b := spliced{a: a, mid: spliceAll(a[lo:hi], edits), lo: lo, hi: hi}
		if !bytes.Equal(b.slice(0, b.len()), whole) {
			t.Fatalf("case %d: spliced reads %q, want %q", i, b.slice(0, b.len()), whole)
		}
		s1, e1, n1 := diff(a, whole)
		s2, e2, n2 := diffSpliced(a, b)
		if s1 != s2 || e1 != e2 || n1 != n2 {
			t.Fatalf("case %d: %q [%d,%d) ← %q: diff %d,%d,%d, diffSpliced %d,%d,%d", i, a, lo, hi, text, s1, e1, n1, s2, e2, n2)
		}
	}
}
