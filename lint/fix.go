package lint

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hardline-dev/hardline/lint/rule"
)

// fix turns a rule's fix description into a Fix with text edits. A fix
// whose intents cannot be turned into edits is dropped; notices say why
// when the user should know (a digest that could not be resolved).
func (e *Engine) fix(ctx context.Context, rd rule.Rule, file string, src []byte, doc Document, raw fixResult) (Fix, []Notice) {
	fix := Fix{Applicability: rd.Fix, Title: raw.title, Display: raw.display}
	if raw.applicability != "" {
		if v, err := rule.ParseApplicability(raw.applicability); err == nil {
			fix.Applicability = v
		}
	}
	if fix.Applicability == 0 {
		fix.Applicability = rule.ApplicabilityDisplay
	}
	// Intents the document itself turns into edits (YAML fields) are
	// applied together, so that two of them creating the same missing
	// parent write it once.
	var docIntents []Intent
	for _, in := range raw.intents {
		var edits []Edit
		var err error
		switch in.Op {
		case "replace":
			edits = []Edit{{File: file, Range: in.Range, NewText: in.Text}}
		case "insert_lines":
			edits, err = insertLines(file, src, in)
		case "pin_image":
			var notice *Notice
			edits, notice = e.pin(ctx, file, src, doc, in)
			if notice != nil {
				return Fix{}, []Notice{*notice}
			}
			if edits == nil {
				fix.Display = pinAdvice(in.Image, rd.ID, file, fix.Applicability)
				fix.Applicability = rule.ApplicabilityDisplay
				continue
			}
		default:
			if doc == nil {
				return Fix{}, nil
			}
			docIntents = append(docIntents, in)
			continue
		}
		if err != nil || src == nil {
			return Fix{}, nil
		}
		for i := range edits {
			edits[i].File = file
		}
		fix.Edits = append(fix.Edits, edits...)
	}
	if len(docIntents) > 0 {
		edits, err := documentEdits(doc, docIntents)
		if err != nil || src == nil {
			return Fix{}, nil
		}
		for i := range edits {
			edits[i].File = file
		}
		fix.Edits = append(fix.Edits, edits...)
		fix.Intents = docIntents
	}
	slices.SortFunc(fix.Edits, func(a, b Edit) int { return cmp.Compare(a.Range.Offset, b.Range.Offset) })
	for i := 1; i < len(fix.Edits); i++ {
		if fix.Edits[i].Range.Offset < fix.Edits[i-1].Range.EndOffset || fix.Edits[i].Range.Offset == fix.Edits[i-1].Range.Offset {
			return Fix{}, nil // overlapping, or two insertions whose order is a guess
		}
	}
	if len(fix.Edits) == 0 && fix.Display == "" {
		return Fix{}, nil
	}
	if len(fix.Edits) == 0 {
		fix.Applicability = rule.ApplicabilityDisplay
	}
	return fix, nil
}

// multiEditor is a document that applies several intents at once.
type multiEditor interface {
	EditAll(ins []Intent) ([]Edit, error)
}

func documentEdits(doc Document, ins []Intent) ([]Edit, error) {
	if m, ok := doc.(multiEditor); ok {
		return m.EditAll(ins)
	}
	var out []Edit
	for _, in := range ins {
		edits, err := doc.Edit(in)
		if err != nil {
			return nil, err
		}
		out = append(out, edits...)
	}
	return out, nil
}

// insertLines inserts in.Text at the start of the line in.Range starts on.
func insertLines(file string, src []byte, in Intent) ([]Edit, error) {
	off := in.Range.Offset
	if off < 0 || off > len(src) {
		return nil, fmt.Errorf("insert at offset %d: outside %s", off, file)
	}
	for off > 0 && src[off-1] != '\n' {
		off--
	}
	text := in.Text
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	if strings.Contains(string(src[:off]), "\r\n") || (off == 0 && strings.Contains(string(src), "\r\n")) {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	at := Range{Line: in.Range.Line, Column: 1, EndLine: in.Range.Line, EndColumn: 1, Offset: off, EndOffset: off}
	return []Edit{{File: file, Range: at, NewText: text}}, nil
}

// pinAdvice tells how to pin an image hardline did not pin itself: with a
// command that applies the fixes of this rule alone, or by hand when the
// reference is written through a variable.
func pinAdvice(img *PinImage, ruleID, file string, a rule.Applicability) string {
	ref := img.Ref
	if img.Unresolved || img.Raw != ref {
		return fmt.Sprintf("%s comes from a variable (%s): pin where it is set, as %s@sha256:<digest>", ref, img.Raw, ref)
	}
	flags := "--fix --fix-only " + ruleID + " --resolve-digests"
	if a == rule.ApplicabilityUnsafe {
		flags = "--fix --fix-only " + ruleID + " --unsafe-fixes --resolve-digests"
	}
	return fmt.Sprintf("hardline lint %s %s  # pins %s (and any other image %s reports in this file) to its current digest", flags, shellQuote(file), ref, ruleID)
}

// pin returns the edit that adds the digest to an image reference, nil
// when digests are not being resolved, or a notice when resolution failed.
func (e *Engine) pin(ctx context.Context, file string, src []byte, doc Document, in Intent) ([]Edit, *Notice) {
	if e.opts.Digests == nil || src == nil {
		return nil, nil
	}
	img := in.Image
	ref := img.Ref
	if img.Unresolved || img.Raw != ref || ref == "" {
		return nil, nil
	}
	r := Range{}
	if img.Range != nil {
		r = *img.Range
	} else if img.Path != nil && doc != nil {
		r = doc.Locate(img.Path)
	}
	if r.IsZero() || r.EndOffset > len(src) || r.Offset > r.EndOffset {
		return nil, nil
	}
	digest, err := e.opts.Digests.Resolve(ctx, ref)
	if err != nil {
		return nil, &Notice{File: file, Message: fmt.Sprintf("pin %s: %v", ref, err)}
	}
	// Replace what follows the reference's name and tag (an old digest, or
	// nothing) up to a closing quote.
	text := string(src[r.Offset:r.EndOffset])
	stop := r.Offset + len(strings.TrimRight(text, `"'`))
	start := stop
	if i := strings.IndexByte(text, '@'); i >= 0 {
		start = r.Offset + i
	}
	at := Range{
		Line: r.EndLine, Column: r.EndColumn - utf8.RuneCount(src[start:r.EndOffset]),
		EndLine: r.EndLine, EndColumn: r.EndColumn - utf8.RuneCount(src[stop:r.EndOffset]),
		Offset: start, EndOffset: stop,
	}
	return []Edit{{File: file, Range: at, NewText: "@" + digest}}, nil
}

func sortRules(rs []rule.Rule) {
	slices.SortFunc(rs, func(a, b rule.Rule) int { return cmp.Compare(a.ID, b.ID) })
}

// sortNotices sorts notices and drops repeated ones.
func sortNotices(ns []Notice) []Notice {
	slices.SortFunc(ns, func(a, b Notice) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Message, b.Message))
	})
	return slices.Compact(ns)
}

// shellQuote quotes s for a POSIX shell when it holds anything but
// letters, digits and the punctuation of ordinary paths.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		plain := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./+,:=@%", r)
		return !plain
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
