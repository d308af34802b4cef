package lint

import (
	"compress/flate"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hardline-dev/hardline/lint/rule"
)

// Findings spilled while the rules over every manifest wait come back as
// they were, document index included; a fix with YAML intents keeps its
// file's findings as they are.
func TestSpill(t *testing.T) {
	findings := []Finding{
		{
			RuleID: "KS002", Name: "privilege-escalation", Severity: rule.SeverityWarning, File: "a.yaml",
			Message: "container \"web\" allows privilege escalation", Range: Range{Line: 9, Column: 11, EndLine: 9, EndColumn: 14, Offset: 120, EndOffset: 123},
			Fixes: []Fix{{Title: "Set allowPrivilegeEscalation to false", Applicability: rule.ApplicabilitySafe, Edits: []Edit{
				{File: "a.yaml", Range: Range{Line: 10, Column: 1, EndLine: 10, EndColumn: 1, Offset: 130, EndOffset: 130}, NewText: "  securityContext:\n"},
			}}},
			Fingerprint: "0123abcd", doc: 3,
		},
		{RuleID: "IM001", File: "a.yaml", Message: "image nginx uses the implicit latest tag", Range: Range{Line: 20, Column: 18}, doc: 4, Mapping: "source"},
	}
	zw, err := flate.NewWriter(nil, flate.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	h := heldFile{i: 1, r: fileResult{findings: append([]Finding(nil), findings...), lines: 30}}
	h.spill(zw)
	if h.spilled == nil || h.r.findings != nil {
		t.Fatalf("not spilled: %d bytes, %d findings held", len(h.spilled), len(h.r.findings))
	}
	if err := h.unspill("a.yaml"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(findings, h.r.findings, cmp.AllowUnexported(Finding{})); diff != "" {
		t.Errorf("-spilled +read back:\n%s", diff)
	}

	withIntents := append([]Finding(nil), findings...)
	withIntents[0].Fixes = []Fix{{Title: "t", Intents: []Intent{{Op: "set", Path: []any{"spec"}, Value: false}}}}
	h = heldFile{r: fileResult{findings: withIntents}}
	h.spill(zw)
	if h.spilled != nil || len(h.r.findings) != 2 {
		t.Errorf("findings with intents spilled")
	}
	if err := h.unspill("a.yaml"); err != nil || len(h.r.findings) != 2 {
		t.Errorf("unspill of findings kept as they are: %v, %d findings", err, len(h.r.findings))
	}

	h = heldFile{spilled: []byte("not deflate")}
	if err := h.unspill("a.yaml"); err == nil {
		t.Error("corrupt spilled findings read back without an error")
	}
}
