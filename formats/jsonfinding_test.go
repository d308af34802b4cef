package formats

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/rule"
)

// TestAppendFindingAsEncodeJSON holds the hand-written encoder of findings
// to what encoding/json writes, through encodeJSON, on random findings
// whose strings mix every kind of text JSON escapes: quotes, backslashes,
// control characters, invalid UTF-8, U+2028, C1 controls, direction
// marks, characters outside the BMP.
func TestAppendFindingAsEncodeJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	pieces := []string{
		"", "a", "KS001", "spec.containers[0]", `"`, `\`, "\n", "\r\n", "\t", "\b", "\f", "\x00", "\x1f", "\x7f",
		"\xff", "\xc3", "\xe2\x80", "é", "\u2028", "\u2029", "\u0085", "\u009b", "\u061c", "\u200e", "\u202e",
		"\u2066", "\ufeff", "😀", "<&>", `\u0080`, "::error::", "# hardline",
	}
	str := func() string {
		var b bytes.Buffer
		for range rng.IntN(5) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	num := func() int { return rng.IntN(2000) - 10 }
	rangeOf := func() lint.Range {
		return lint.Range{Line: num(), Column: num(), EndLine: num(), EndColumn: num(), Offset: num(), EndOffset: num()}
	}
	for i := range 2000 {
		f := lint.Finding{
			RuleID: str(), Name: str(), Severity: rule.Severity(rng.IntN(4)), Message: str(), File: str(),
			Range: rangeOf(), Fingerprint: str(), Mapping: str(),
		}
		for range rng.IntN(3) {
			fix := lint.Fix{Title: str(), Applicability: rule.Applicability(rng.IntN(4)), Display: str()}
			for range rng.IntN(3) {
				fix.Edits = append(fix.Edits, lint.Edit{File: str(), Range: rangeOf(), NewText: str()})
			}
			f.Fixes = append(f.Fixes, fix)
		}
		if rng.IntN(3) == 0 {
			f.Suppression = &lint.Suppression{Kind: str(), Justification: str()}
		}
		want, err := encodeJSON(toJSONFinding(&f), "    ")
		if err != nil {
			t.Fatal(err)
		}
		want = bytes.TrimSuffix(want, []byte("\n"))
		if got := appendFinding(nil, &f); !bytes.Equal(got, want) {
			t.Fatalf("finding %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

// toJSONFinding is a finding as encoding/json reads it: the shape the JSON
// format documents (jsonFinding), which appendFinding writes by hand.
func toJSONFinding(f *lint.Finding) jsonFinding {
	jf := jsonFinding{
		Rule:        f.RuleID,
		Name:        f.Name,
		Severity:    f.Severity.String(),
		Message:     f.Message,
		File:        f.File,
		Line:        f.Range.Line,
		Column:      f.Range.Column,
		EndLine:     f.Range.EndLine,
		EndColumn:   f.Range.EndColumn,
		Fingerprint: f.Fingerprint,
		Mapping:     f.Mapping,
		Fixes:       make([]jsonFix, 0, len(f.Fixes)),
	}
	for _, fix := range f.Fixes {
		jx := jsonFix{
			Title:         fix.Title,
			Applicability: fix.Applicability.String(),
			Edits:         make([]jsonEdit, 0, len(fix.Edits)),
			Display:       fix.Display,
		}
		for _, e := range fix.Edits {
			jx.Edits = append(jx.Edits, jsonEdit{
				File:      e.File,
				Line:      e.Range.Line,
				Column:    e.Range.Column,
				EndLine:   e.Range.EndLine,
				EndColumn: e.Range.EndColumn,
				Offset:    e.Range.Offset,
				EndOffset: e.Range.EndOffset,
				NewText:   e.NewText,
			})
		}
		jf.Fixes = append(jf.Fixes, jx)
	}
	if s := f.Suppression; s != nil {
		jf.Suppressed = &jsonSuppression{Kind: s.Kind, Justification: s.Justification}
	}
	return jf
}

// TestAppendSARIFResultAsEncodeJSON holds the hand-written encoder of SARIF
// results to what encoding/json writes, through encodeJSON, on random
// results: nil and empty lists, optional fields set and not, strings of
// every kind of text.
func TestAppendSARIFResultAsEncodeJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"", "x", "%SRCROOT%", `"`, `\`, "\n", "\x01", "\xff", "\u2029", "\u0090", "\u202e", "é😀", "</script>"}
	str := func() string {
		var b bytes.Buffer
		for range rng.IntN(4) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	num := func() int { return rng.IntN(300) - 5 }
	optInt := func() *int {
		if rng.IntN(2) == 0 {
			return nil
		}
		n := num()
		return &n
	}
	region := func() sarifRegion {
		return sarifRegion{StartLine: num(), StartColumn: num() * rng.IntN(2), EndLine: num() * rng.IntN(2), EndColumn: num() * rng.IntN(2), ByteOffset: optInt(), ByteLength: optInt()}
	}
	loc := func() sarifArtifactLocation { return sarifArtifactLocation{URI: str(), URIBaseID: str()} }
	for i := range 2000 {
		r := sarifResult{RuleID: str(), RuleIndex: num(), Level: str(), Message: sarifText{Text: str()}}
		if rng.IntN(8) > 0 {
			r.Locations = []sarifLoc{}
			for range rng.IntN(3) {
				l := sarifLoc{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: loc()}}
				if rng.IntN(3) > 0 {
					reg := region()
					l.PhysicalLocation.Region = &reg
				}
				r.Locations = append(r.Locations, l)
			}
		}
		if rng.IntN(2) == 0 {
			r.PartialFingerprints = map[string]string{}
			for range rng.IntN(3) {
				r.PartialFingerprints[str()] = str()
			}
		}
		for range rng.IntN(3) {
			fix := sarifFix{Description: sarifText{Text: str()}, Properties: sarifFixProps{Applicability: str()}}
			if rng.IntN(8) > 0 {
				fix.ArtifactChanges = []sarifArtifactChange{}
				for range rng.IntN(3) {
					c := sarifArtifactChange{ArtifactLocation: loc()}
					if rng.IntN(8) > 0 {
						c.Replacements = []sarifReplacement{}
						for range rng.IntN(3) {
							rep := sarifReplacement{DeletedRegion: region()}
							if rng.IntN(2) == 0 {
								rep.InsertedContent = &sarifText{Text: str()}
							}
							c.Replacements = append(c.Replacements, rep)
						}
					}
					fix.ArtifactChanges = append(fix.ArtifactChanges, c)
				}
			}
			r.Fixes = append(r.Fixes, fix)
		}
		for range rng.IntN(2) {
			r.Suppressions = append(r.Suppressions, sarifSuppression{Kind: str(), Justification: str()})
		}
		if rng.IntN(3) == 0 {
			r.Properties = &sarifResultProps{Mapping: str()}
		}
		want, err := encodeJSON(r, sarifIndent)
		if err != nil {
			t.Fatal(err)
		}
		want = bytes.TrimSuffix(want, []byte("\n"))
		if got := appendSARIFResult(nil, &r); !bytes.Equal(got, want) {
			t.Fatalf("result %d:\n got %s\nwant %s", i, got, want)
		}
	}
}
