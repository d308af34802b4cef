package config

import (
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"
)

// Suggest returns the option s was most likely meant to be, or "" when
// none is close; see closest.
func Suggest(s string, options []string) string { return closest(s, options) }

// closest returns the option s was most likely meant to be, or "" when
// none is close: the same words spelt with other case or separators, a
// prefix of at least three letters either way, or an edit distance of at
// most half of s's length.
func closest(s string, options []string) string {
	norm := func(x string) string {
		return strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(x))
	}
	ns := norm(s)
	ls := strings.ToLower(s)
	best, bestDist, bestShared := "", -1, 0
	for _, o := range options {
		no := norm(o)
		if ns == no {
			return o
		}
		if len(ns) >= 3 && (strings.HasPrefix(no, ns) || strings.HasPrefix(ns, no) && !isDigit(ns[len(no)])) {
			return o
		}
		// Of two options as far away, the one sharing the longer ending
		// wins: "KS0006" is KS006, not KS000.
		lo := strings.ToLower(o)
		d, shared := levenshtein.ComputeDistance(ls, lo), sharedSuffix(ls, lo)
		if bestDist < 0 || d < bestDist || d == bestDist && shared > bestShared {
			best, bestDist, bestShared = o, d, shared
		}
	}
	if bestDist >= 0 && bestDist <= max(1, utf8.RuneCountInString(s)/2) {
		return best
	}
	return ""
}

// sharedSuffix is the length in bytes of the longest common ending of a and b.
func sharedSuffix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
