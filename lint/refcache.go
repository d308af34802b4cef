package lint

import (
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// refCache holds the values of the rules an evaluation has worked out (a
// topdown.VirtualCache), and is emptied to serve the next evaluation. OPA's
// own cache is a tree with a hash map for each element of each rule's
// reference, built anew for every document: a tenth of the allocations of
// a run. This one keeps the references flat, in slices and one map that
// an evaluation reuses from the one before.
type refCache struct {
	// frames are the stack of Push and Pop (with statements), the active
	// one at top-1; those above it are empty, kept for reuse.
	frames []refFrame
	top    int
	// large is set when a frame held more than maxReusedEntries.
	large bool
}

var _ topdown.VirtualCache = (*refCache)(nil)

// refFrame is one frame of a refCache.
type refFrame struct {
	// byHash is the index in entries of the last entry of each hash of a
	// reference; entries of the same hash are chained by next.
	byHash  map[int]int
	entries []refEntry
	// terms hold the references of entries, copied (the evaluator reuses
	// the slice it passes).
	terms []*ast.Term
}

// refEntry is the value of a reference: undefined when a Put said so.
type refEntry struct {
	ref       ast.Ref
	value     *ast.Term
	undefined bool
	next      int
}

// maxReusedEntries bounds the entries of a cache kept for another
// evaluation: emptying a map costs its size, however few entries the next
// evaluation puts (an evaluation over every manifest puts many).
const maxReusedEntries = 4096

func newRefCache() *refCache {
	c := &refCache{}
	c.Push()
	return c
}

// Push starts a frame of values, empty.
func (c *refCache) Push() {
	if c.top == len(c.frames) {
		c.frames = append(c.frames, refFrame{byHash: map[int]int{}})
	}
	c.top++
}

// Pop drops the values of the active frame.
func (c *refCache) Pop() {
	c.frames[c.top-1].reset()
	c.top--
}

// Get returns the value of ref, or nil and whether ref is known undefined.
func (c *refCache) Get(ref ast.Ref) (*ast.Term, bool) {
	f := &c.frames[c.top-1]
	i := f.find(ref, ref.Hash())
	if i < 0 {
		return nil, false
	}
	if e := &f.entries[i]; !e.undefined {
		return e.value, false
	}
	return nil, true
}

// Put records the value of ref; a nil value records ref as undefined.
func (c *refCache) Put(ref ast.Ref, value *ast.Term) {
	f := &c.frames[c.top-1]
	h := ref.Hash()
	i := f.find(ref, h)
	if i < 0 {
		next, ok := f.byHash[h]
		if !ok {
			next = -1
		}
		start := len(f.terms)
		f.terms = append(f.terms, ref...)
		f.entries = append(f.entries, refEntry{ref: f.terms[start:len(f.terms):len(f.terms)], next: next})
		i = len(f.entries) - 1
		f.byHash[h] = i
		c.large = c.large || i >= maxReusedEntries
	}
	if e := &f.entries[i]; value != nil {
		e.value = value
	} else {
		e.undefined = true
	}
}

// Keys are the references of the active frame that have a value.
func (c *refCache) Keys() []ast.Ref {
	var keys []ast.Ref
	for _, e := range c.frames[c.top-1].entries {
		if e.value != nil {
			keys = append(keys, e.ref)
		}
	}
	return keys
}

// reset empties the cache for another evaluation. It reports whether the
// cache is worth keeping for one (see maxReusedEntries).
func (c *refCache) reset() bool {
	for i := range c.top {
		c.frames[i].reset()
	}
	c.top = 1
	return !c.large
}

func (f *refFrame) find(ref ast.Ref, h int) int {
	i, ok := f.byHash[h]
	if !ok {
		return -1
	}
	for ; i >= 0; i = f.entries[i].next {
		if f.entries[i].ref.Equal(ref) {
			return i
		}
	}
	return -1
}

// reset empties the frame, keeping its room; the values it held are let
// go.
func (f *refFrame) reset() {
	clear(f.byHash)
	clear(f.entries)
	f.entries = f.entries[:0]
	clear(f.terms)
	f.terms = f.terms[:0]
}
