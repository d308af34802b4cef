package render

import (
	"slices"
	"strings"
	"testing"

	"github.com/hardline-dev/hardline/lint/rule"

	"github.com/hardline-dev/hardline/lint"
)

func TestNodePath(t *testing.T) {
	const text = `---
# Source: x
apiVersion: v1
kind: Pod
spec:
  containers:
    - name: a
      securityContext:
        privileged: true
    - name: b
      image: nginx
`
	d := Doc{StartLine: 3, EndLine: 11}
	for _, tc := range []struct {
		line, col int
		want      []any
	}{
		{4, 1, []any{"kind"}},
		{9, 9, []any{"spec", "containers", 0, "securityContext", "privileged"}},
		{8, 7, []any{"spec", "containers", 0, "securityContext"}},
		{10, 7, []any{"spec", "containers", 1, "name"}},
		{11, 14, []any{"spec", "containers", 1, "image"}},
	} {
		if got := nodePath([]byte(text), d, tc.line, tc.col); !slices.Equal(got, tc.want) {
			t.Errorf("nodePath(%d:%d) = %v, want %v", tc.line, tc.col, got, tc.want)
		}
	}
}

func TestDisplayOnly(t *testing.T) {
	in := []lint.Fix{{
		Title: "Drop all capabilities", Applicability: rule.ApplicabilityUnsafe,
		Edits:   []lint.Edit{{File: "chart", NewText: "drop: [ALL]"}},
		Intents: []lint.Intent{{Op: "add_to_list", Path: []any{"spec", "containers", 0, "securityContext", "capabilities", "drop"}, Values: []any{"ALL"}}},
	}}
	got := displayOnly(in, "Pod/x")
	if len(got) != 1 || len(got[0].Edits) != 0 || got[0].Applicability != rule.ApplicabilityDisplay ||
		!strings.Contains(got[0].Display, `add_to_list spec.containers[0].securityContext.capabilities.drop: ["ALL"]`) ||
		!strings.Contains(got[0].Display, "Pod/x") {
		t.Errorf("displayOnly = %+v", got)
	}
}
