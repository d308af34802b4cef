package dockerfile

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hardline-dev/hardline/lint"
)

// ranges returns every range of the model.
func ranges(m *Model) []lint.Range {
	var out []lint.Range
	for _, e := range m.Errors {
		out = append(out, e.Range)
	}
	for _, w := range m.Warnings {
		out = append(out, w.Range)
	}
	for _, a := range m.Args {
		out = append(out, a.Range)
	}
	for _, s := range m.Stages {
		for _, b := range []Base{s.Base, s.Root} {
			if b.Image != nil {
				out = append(out, b.Image.Range)
			}
		}
		if s.User != nil {
			out = append(out, s.User.Range)
		}
	}
	for _, in := range m.Instructions {
		out = append(out, in.Range, in.KeywordRange, in.ArgsRange)
		for _, h := range in.Heredocs {
			out = append(out, h.Range)
		}
		for _, c := range in.Commands {
			out = append(out, c.Range)
			out = append(out, c.ArgRanges...)
		}
	}
	for _, img := range m.Images {
		out = append(out, img.Range)
	}
	return out
}

// checkRange checks that r is a valid range of src whose lines and columns
// agree with its offsets.
func checkRange(t *testing.T, src []byte, r lint.Range) {
	t.Helper()
	if r.Offset < 0 || r.Offset > r.EndOffset || r.EndOffset > len(src) {
		t.Fatalf("range %+v: offsets outside the source (%d bytes)", r, len(src))
	}
	if r.Line < 1 || r.Column < 1 || r.EndLine < r.Line || r.EndColumn < 1 ||
		(r.EndLine == r.Line && r.EndColumn < r.Column) {
		t.Fatalf("range %+v: bad lines or columns", r)
	}
	line := 1 + bytes.Count(src[:r.Offset], []byte{'\n'})
	start := bytes.LastIndexByte(src[:r.Offset], '\n') + 1
	if start == 0 && bytes.HasPrefix(src, []byte("\ufeff")) {
		start = min(3, r.Offset)
	}
	col := 1 + utf8.RuneCount(src[start:r.Offset])
	if line != r.Line || col != r.Column {
		t.Fatalf("range %+v: offset %d is at %d:%d", r, r.Offset, line, col)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("FROM alpine\nRUN apk add curl && curl -fsSL https://x | sh\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		docs := Parser{}.Parse("Dockerfile", src)
		if len(docs) != 1 {
			t.Fatalf("%d documents", len(docs))
		}
		doc, ok := docs[0].(*Document)
		if !ok {
			t.Fatalf("document is a %T", docs[0])
		}
		if doc.Input() == nil {
			t.Fatal("no input")
		}
		m := doc.model
		for _, e := range m.Errors {
			if strings.HasPrefix(e.Message, "internal error") {
				t.Fatalf("panic: %s", e.Message)
			}
		}
		for _, r := range ranges(m) {
			checkRange(t, src, r)
		}
		for _, in := range m.Instructions {
			if kw := in.KeywordRange; kw.Line == kw.EndLine && !strings.EqualFold(string(src[kw.Offset:kw.EndOffset]), in.Cmd) {
				t.Fatalf("keyword range of %q covers %q", in.Cmd, src[kw.Offset:kw.EndOffset])
			}
		}
		doc.Locate([]any{"instructions", 0, "commands", 0})
		for _, in := range m.Instructions {
			for _, h := range in.Heredocs {
				if h.Range != in.Range && string(src[h.Range.Offset:h.Range.EndOffset]) != h.Content {
					t.Fatalf("heredoc range covers %q, content is %q", src[h.Range.Offset:h.Range.EndOffset], h.Content)
				}
			}
		}

		// Without the recover of ParseModel: every instruction must be
		// found in the source.
		b := newBuilder(emptyModel("Dockerfile"), src)
		b.run()
		for _, in := range b.instrs {
			if !in.exact {
				t.Fatalf("instruction %q not found in the source", in.node.Original)
			}
			if len(in.heredocs) != len(in.node.Heredocs) {
				t.Fatalf("heredocs of %q not found in the source", in.node.Original)
			}
		}
	})
}
