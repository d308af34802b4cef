package lint

import (
	"bytes"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// The line hash is GitHub's primaryLocationLineHash, as computed by
// github/codeql-action (src/fingerprints.ts) for results uploaded without
// one: a rolling hash over the UTF-16 code units of the file that skips
// spaces and tabs, normalises \r\n and \r to \n, and hashes for each line the
// hashWindow characters that start at the line's first character. A line's
// hash is followed by ":n" for its n-th occurrence in the file.
const (
	hashWindow = 100
	hashMod    = 37
	hashEOF    = 0xFFFF // the code unit that marks the end of the file
)

// LineHashes returns the primaryLocationLineHash of every line of src:
// element i is the hash of line i+1. Lines end at \n, \r\n or \r, and a final
// line break starts one more (empty) line, so the result always has at least
// one element. src is read as UTF-8; invalid bytes count as U+FFFD, as in
// the WHATWG decoder that codeql-action uses.
func LineHashes(src []byte) []string {
	hs := hashLines(src)
	out := make([]string, hs.len())
	for i := range out {
		out[i] = hs.line(i + 1)
	}
	return out
}

// lineHashes are the fingerprints of the lines of a file, kept as numbers
// (most lines never need theirs written out) in two slices: a large file's
// are held while it is linted.
type lineHashes struct {
	hash []uint64
	// n is each line's occurrence of its hash in the file, from 1.
	n []uint32
}

func (h lineHashes) len() int { return len(h.hash) }

// line is the fingerprint of line n (from 1) as SARIF has it: the hash in
// hexadecimal, ":", the occurrence; "" for a line the file does not have.
func (h lineHashes) line(n int) string {
	if n < 1 || n > len(h.hash) {
		return ""
	}
	return strconv.FormatUint(h.hash[n-1], 16) + ":" + strconv.FormatUint(uint64(h.n[n-1]), 10)
}

// hashLines is LineHashes without the formatting.
func hashLines(src []byte) lineHashes {
	var h lineHasher
	// A line ends at \n, \r\n or \r: room for every line, counted
	// (the hashes are held while the file's findings are handed over).
	h.init(bytes.Count(src, []byte{'\n'}) + bytes.Count(src, []byte{'\r'}) - bytes.Count(src, []byte("\r\n")) + 1)
	for i := 0; i < len(src); {
		r, n := decodeRuneWHATWG(src[i:])
		i += n
		if r >= 0x10000 {
			hi, lo := utf16.EncodeRune(r)
			h.char(codeUnit(hi))
			h.char(codeUnit(lo))
			continue
		}
		h.char(codeUnit(r))
	}
	h.char(hashEOF)
	// Flush the lines that start in the last hashWindow characters.
	for range hashWindow {
		if h.lines[h.index] != 0 {
			h.output()
		}
		h.update(0)
	}
	return h.hashes
}

// lineHasher holds the state of LineHashes. uint64 arithmetic wraps exactly
// like the signed 64-bit Long of the reference implementation.
type lineHasher struct {
	window [hashWindow]uint64
	// lines[i] is the 1-based line that starts at window[i], or 0.
	lines    [hashWindow]int
	hash     uint64
	firstMod uint64 // hashMod to the power hashWindow
	index    int
	line     int
	// lineStart is set when the next character starts a line; prevCR when
	// the previous character was \r.
	lineStart, prevCR bool
	counts            map[uint64]uint32
	hashes            lineHashes
}

func (h *lineHasher) init(lines int) {
	h.firstMod = 1
	for range hashWindow {
		h.firstMod *= hashMod
	}
	h.lineStart = true
	h.counts = make(map[uint64]uint32)
	h.hashes = lineHashes{hash: make([]uint64, 0, lines), n: make([]uint32, 0, lines)}
}

func (h *lineHasher) char(c uint64) {
	if c == ' ' || c == '\t' || (h.prevCR && c == '\n') {
		h.prevCR = false
		return
	}
	h.prevCR = c == '\r'
	if c == '\r' {
		c = '\n'
	}
	if h.lines[h.index] != 0 {
		h.output()
	}
	if h.lineStart {
		h.lineStart = false
		h.line++
		h.lines[h.index] = h.line
		h.hashes.hash = append(h.hashes.hash, 0)
		h.hashes.n = append(h.hashes.n, 0)
	}
	if c == '\n' {
		h.lineStart = true
	}
	h.update(c)
}

func (h *lineHasher) update(c uint64) {
	begin := h.window[h.index]
	h.window[h.index] = c
	h.hash = hashMod*h.hash + c - h.firstMod*begin
	h.index = (h.index + 1) % hashWindow
}

func (h *lineHasher) output() {
	h.counts[h.hash]++
	i := h.lines[h.index] - 1
	h.hashes.hash[i], h.hashes.n[i] = h.hash, h.counts[h.hash]
	h.lines[h.index] = 0
}

// codeUnit widens a UTF-16 code unit: a rune of the Basic Multilingual Plane
// or half of a surrogate pair.
func codeUnit(r rune) uint64 {
	return uint64(r) //nolint:gosec // r is in 0..0xFFFF: decoded runes are never negative
}

// decodeRuneWHATWG decodes the first rune of a non-empty b like
// utf8.DecodeRune, except that an invalid sequence is replaced by one U+FFFD
// per maximal subpart (Unicode §3.9, the WHATWG decoder's behaviour) rather
// than one per byte.
func decodeRuneWHATWG(b []byte) (rune, int) {
	r, n := utf8.DecodeRune(b)
	if r != utf8.RuneError || n != 1 {
		return r, n
	}
	// Bounds of the second byte after each lead byte; later bytes are in
	// 0x80-0xBF.
	var need int
	lo, hi := byte(0x80), byte(0xBF)
	switch c := b[0]; {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c >= 0xE0 && c <= 0xEF:
		need = 2
		switch c {
		case 0xE0:
			lo = 0xA0
		case 0xED:
			hi = 0x9F
		}
	case c >= 0xF0 && c <= 0xF4:
		need = 3
		switch c {
		case 0xF0:
			lo = 0x90
		case 0xF4:
			hi = 0x8F
		}
	default:
		return utf8.RuneError, 1
	}
	n = 1
	for n <= need && n < len(b) && b[n] >= lo && b[n] <= hi {
		n++
		lo, hi = 0x80, 0xBF
	}
	return utf8.RuneError, n
}
