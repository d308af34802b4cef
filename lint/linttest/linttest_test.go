package linttest

import (
	"strconv"
	"strings"
	"testing"

	"github.com/hardline-dev/hardline/lint"
)

func TestWants(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      string // line:col[/msg] of each want of KS006, or the error
	}{
		{"end of line", "a: 1\n  privileged: true # want \"KS006\" col=3\n", "2:3"},
		{"own line", "# want \"KS006\" col=1\n\n# a comment\nFROM x\n", "4:1"},
		{"two on one line", "x # want \"KS006\" col=1 \"KS006\" col=9 msg=\"privileged\"\n", "1:1 1:9/privileged"},
		{"other rules skipped", "x # want \"KS001\" col=4 \"KS006\" col=2 \"IM001\" col=8 msg=\"latest\"\n", "1:2"},
		{"crlf", "# want \"KS006\" col=5\r\nFROM x\r\n", "2:5"},
		{"escaped message", `x # want "KS006" col=1 msg="runs \"privileged\\b"` + "\n", `1:1/runs "privileged\b`},
		{"no column", "x # want \"KS006\"\n", `error: 1: # want "KS006": "KS006" pins no column`},
		{"another rule without column", "x # want \"KS001\"\n", ""},
		{"column before ID", "x # want col=3 \"KS006\"\n", "error: 1: # want col=3"},
		{"bad column", "x # want \"KS006\" col=0\n", "error: 1: # want \"KS006\" col=0: col=0: want col=N"},
		{"two columns", "x # want \"KS006\" col=1 col=2\n", "has two columns"},
		{"bad regexp", "x # want \"KS006\" col=1 msg=\"(\"\n", "error parsing regexp"},
		{"unquoted message", "x # want \"KS006\" col=1 msg=privileged\n", "msg= wants a Go-quoted"},
		{"unknown word", "x # want \"KS006\" col=1 line=3\n", `unexpected "line=3"`},
		{"not a rule ID", "x # want \"ks006\" col=1\n", `"ks006" is not a rule ID`},
		{"empty", "x # want\n", "names no rule"},
		{"dangling", "FROM x\n# want \"KS006\" col=1\n\n", "with no line after it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws, err := wants([]byte(tc.src), "KS006")
			var got string
			if err != nil {
				got = "error: " + err.Error()
			} else {
				var parts []string
				for _, w := range ws {
					s := itoa(w.line) + ":" + itoa(w.col)
					if w.msg != nil {
						s += "/" + w.msg.String()
					}
					parts = append(parts, s)
				}
				got = strings.Join(parts, " ")
			}
			if strings.HasPrefix(tc.want, "error: ") || err != nil {
				if err == nil || !strings.Contains(got, strings.TrimPrefix(tc.want, "error: ")) {
					t.Errorf("got %q, want an error containing %q", got, strings.TrimPrefix(tc.want, "error: "))
				}
				return
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	src := []byte("line one\n  privileged: true # want\n")
	finding := func(line, col int, msg string) lint.Finding {
		return lint.Finding{RuleID: "KS006", Message: msg, Range: lint.Range{Line: line, Column: col}}
	}
	for _, tc := range []struct {
		name  string
		wants string
		got   []lint.Finding
		fails []string // a substring of each failure, in order
	}{
		{"met", `x # want "KS006" col=3`, []lint.Finding{finding(1, 3, "runs privileged")}, nil},
		{"message met", `x # want "KS006" col=3 msg="^runs priv"`, []lint.Finding{finding(1, 3, "runs privileged")}, nil},
		{
			"wrong column", `x # want "KS006" col=4`,
			[]lint.Finding{finding(1, 3, "runs privileged")},
			[]string{`1:3: KS006 finding with no want: runs privileged`, `1:4: want "KS006" col=4 (comment on line 1) is not met: KS006 findings on that line: 1:3 runs privileged`},
		},
		{
			"wrong message", `x # want "KS006" col=3 msg="root"`,
			[]lint.Finding{finding(1, 3, "runs privileged")},
			[]string{`1:3: KS006 finding with no want`, `1:3: want "KS006" col=3 msg="root" (comment on line 1) is not met`},
		},
		{
			"no finding", "x\ny # want \"KS006\" col=3", nil,
			[]string{`2:3: want "KS006" col=3 (comment on line 2) is not met: no KS006 finding on that line`},
		},
		{
			"no want", "x",
			[]lint.Finding{finding(2, 3, "runs privileged")},
			[]string{"2:3: KS006 finding with no want: runs privileged\n\t  privileged: true # want\n\t  ^\n\tannounce it with # want \"KS006\" col=3"},
		},
		{
			"two findings, one want", `x # want "KS006" col=3`,
			[]lint.Finding{finding(1, 3, "a"), finding(1, 3, "b")},
			[]string{`1:3: KS006 finding with no want: b`},
		},
		{"precise want first", `x # want "KS006" col=3 "KS006" col=3 msg="^a$"`, []lint.Finding{finding(1, 3, "a"), finding(1, 3, "b")}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws, err := wants([]byte(tc.wants), "KS006")
			if err != nil {
				t.Fatal(err)
			}
			got := match(ws, tc.got, "KS006", src)
			if len(got) != len(tc.fails) {
				t.Fatalf("got %d failures, want %d:\n%s", len(got), len(tc.fails), strings.Join(got, "\n"))
			}
			for i, f := range tc.fails {
				if !strings.Contains(got[i], f) {
					t.Errorf("failure %d:\n%s\nwant it to contain:\n%s", i, got[i], f)
				}
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
