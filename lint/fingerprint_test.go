package lint

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLineHashes(t *testing.T) {
	// The first cases are the test vectors of github/codeql-action
	// (src/fingerprints.test.ts). The others were computed with a port of its
	// hash function run by Node.js on the same bytes: UTF-16 surrogate pairs,
	// invalid UTF-8, a byte order mark, lines longer than the window.
	crlf := []string{
		"e9496ae3ebfced30:1",
		"fb7c023a8b9ccb3f:1",
		"ce8ba1a563dcdaca:1",
		"e20e36e16fcb0cc8:1",
		"b3edc88f2938467e:1",
		"c8e28b0b4002a3a0:1",
		"c129715d7a2bc9a3:1",
	}
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{
		{"empty", "", []string{"c129715d7a2bc9a3:1"}},
		{"spaces and tabs", " a\nb\n  \t\tc\n d", []string{
			"271789c17abda88f:1",
			"54703d4cd895b18:1",
			"180aee12dab6264:1",
			"a23a3dc5e078b07b:1",
		}},
		{"no final newline", " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End", []string{
			"8b7cf3e952e7aeb2:1",
			"b1ae1287ec4718d9:1",
			"bff680108adb0fcc:1",
			"c6805c5e1288b612:1",
			"b86d3392aea1be30:1",
			"e6ceba753e1a442:1",
		}},
		{"lf", " hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", crlf},
		{"cr", " hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", crlf},
		{"crlf", " hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", crlf},
		{"mixed", " hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", crlf},
		{"repeated lines", strings.Repeat("Lorem ipsum dolor sit amet.\n", 10), []string{
			"a7f2ff13bc495cf2:1",
			"a7f2ff13bc495cf2:2",
			"a7f2ff13bc495cf2:3",
			"a7f2ff13bc495cf2:4",
			"a7f2ff13bc495cf2:5",
			"a7f2ff13bc495cf2:6",
			"a7f2ff1481e87703:1",
			"a9cf91f7bbf1862b:1",
			"55ec222b86bcae53:1",
			"cc97dc7b1d7d8f7b:1",
			"c129715d7a2bc9a3:1",
		}},
		{"non-ascii", "FROM caf\u00e9 \U0001F600\nRUN x\n", []string{
			"2361699ebcf0bbf0:1",
			"642bd1e5138257ee:1",
			"c129715d7a2bc9a3:1",
		}},
		{"invalid utf-8", "a\xe2\x82A\xff\xed\xa0\x80b\xf0\x9f\x98\nc\xf4\x90\x80\x80\xc0\xaf\xe0\x80\xaf", []string{
			"a2c3c2ebc3acdc2f:1",
			"d2ef8c507c83f47f:1",
		}},
		{"bom and crlf", "\ufeffFROM x\r\nUSER root\r\n", []string{
			"218107eb21e05125:1",
			"43f93dba3974e70:1",
			"c129715d7a2bc9a3:1",
		}},
		{"long lines", strings.Repeat("x", 150) + "\n" + strings.Repeat("  y\n", 3) + strings.Repeat("z", 99), []string{
			"52b56201ffb58620:1",
			"fb5f14dcea916f99:1",
			"bfea52ac84f3a1b6:1",
			"cc87dddd1c119ecb:1",
			"430534b53b71039d:1",
		}},
		{"blank lines", "\r\n \r \n\t", []string{
			"4e5d562094661a0d:1",
			"5b5d4caf73a13177:1",
			"3c5bef55b72b93c9:1",
			"c129715d7a2bc9a3:1",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := LineHashes([]byte(tc.src))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("LineHashes(%q) -want +got:\n%s", tc.src, diff)
			}
		})
	}
}

func BenchmarkLineHashes(b *testing.B) {
	src := []byte(strings.Repeat("RUN apt-get update && apt-get install -y curl ca-certificates\n", 2000))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		LineHashes(src)
	}
}

// TestHashLinesRoom checks that the room made for the hashes is the number
// of lines: a large file's hashes are held while it is linted, and a
// slice grown by appending can hold twice the memory.
func TestHashLinesRoom(t *testing.T) {
	for _, src := range []string{
		"", "\n", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\rb\r", "\r\n\r\n\n\r", "  \n\t\n", "a\n\n\nb\r\n\r",
		strings.Repeat("key: value\n", 300) + "end",
	} {
		h := hashLines([]byte(src))
		if h.len() != cap(h.hash) || h.len() != cap(h.n) {
			t.Errorf("%q: %d lines in room for %d and %d", src, h.len(), cap(h.hash), cap(h.n))
		}
	}
}
