package lint

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// TestRefCacheAsOPAs runs random sequences of Push, Pop, Put and Get on a
// refCache and on OPA's own virtual cache side by side, over references
// that share prefixes and hashes of their elements, and compares every
// answer. The refCache is reset and reused between sequences, as the
// engine does.
func TestRefCacheAsOPAs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	elems := []*ast.Term{
		ast.StringTerm("data"), ast.StringTerm("rules"), ast.StringTerm("lib"),
		ast.StringTerm("deny"), ast.IntNumberTerm(0), ast.IntNumberTerm(1),
		ast.ArrayTerm(ast.StringTerm("a"), ast.IntNumberTerm(2)), ast.BooleanTerm(true),
	}
	randomRef := func() ast.Ref {
		ref := make(ast.Ref, 1+rng.IntN(4))
		for i := range ref {
			ref[i] = elems[rng.IntN(len(elems))]
		}
		return ref
	}
	ours := newRefCache()
	for seq := range 300 {
		theirs := topdown.NewVirtualCache()
		depth := 0
		for op := range 200 {
			ref := randomRef()
			switch n := rng.IntN(10); {
			case n == 0 && depth < 3:
				ours.Push()
				theirs.Push()
				depth++
			case n == 1 && depth > 0:
				ours.Pop()
				theirs.Pop()
				depth--
			case n < 5:
				var value *ast.Term
				if rng.IntN(4) > 0 {
					value = ast.IntNumberTerm(rng.IntN(1000))
				}
				// The evaluator reuses the slice it passes.
				buf := slices.Clone(ref)
				ours.Put(buf, value)
				theirs.Put(ref, value)
				clear(buf)
			default:
				v1, u1 := ours.Get(ref)
				v2, u2 := theirs.Get(ref)
				if u1 != u2 || !v1.Equal(v2) && (v1 != nil || v2 != nil) {
					t.Fatalf("sequence %d, operation %d: Get(%v) = %v, %v; OPA's cache: %v, %v", seq, op, ref, v1, u1, v2, u2)
				}
			}
		}
		if !sameRefs(ours.Keys(), theirs.Keys()) {
			t.Fatalf("sequence %d: Keys() = %v; OPA's cache: %v", seq, ours.Keys(), theirs.Keys())
		}
		if !ours.reset() {
			t.Fatalf("sequence %d: a cache of fewer than %d entries is not kept", seq, maxReusedEntries)
		}
	}
}

func sameRefs(a, b []ast.Ref) bool {
	key := func(refs []ast.Ref) []string {
		out := make([]string, len(refs))
		for i, r := range refs {
			out[i] = r.String()
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(key(a), key(b))
}

func TestRefCacheLargeIsNotKept(t *testing.T) {
	c := newRefCache()
	for i := range maxReusedEntries + 1 {
		c.Put(ast.Ref{ast.StringTerm("data"), ast.IntNumberTerm(i)}, ast.BooleanTerm(true))
	}
	if c.reset() {
		t.Errorf("a cache of %d entries is kept for another evaluation", maxReusedEntries+1)
	}
	if v, undefined := c.Get(ast.Ref{ast.StringTerm("data"), ast.IntNumberTerm(0)}); v != nil || undefined {
		t.Errorf("after reset, Get = %v, %v; want nothing", v, undefined)
	}
}
