package config

import (
	"strings"
	"unicode/utf8"
)

// closest returns the option s was most likely meant to be, or "" when
// none is close: the same words spelt with other case or separators, a
// prefix of at least three letters either way, or an edit distance of at
// most half of s's length.
func closest(s string, options []string) string {
	norm := func(x string) string {
		return strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(x))
	}
	ns := norm(s)
	best, bestDist := "", -1
	for _, o := range options {
		no := norm(o)
		if ns == no {
			return o
		}
		if len(ns) >= 3 && (strings.HasPrefix(no, ns) || strings.HasPrefix(ns, no)) {
			return o
		}
		if d := distance(strings.ToLower(s), o); bestDist < 0 || d < bestDist {
			best, bestDist = o, d
		}
	}
	if bestDist >= 0 && bestDist <= max(1, utf8.RuneCountInString(s)/2) {
		return best
	}
	return ""
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
