package compose_test

import (
	"testing"
)

// FuzzParse checks that loading never fails and that every range lies in
// the file. The loader itself panics on some input (testdata/fuzz holds
// one): that is an RT000 finding too.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"services:\n  web:\n    image: nginx:${TAG:-1}\n    privileged: true\n    ports: ['2222:22']\n",
		"services:\n  a: &a\n    image: x\n    cap_add: [SYS_ADMIN]\n  b:\n    <<: *a\n    extends: a\n",
		"services:\n  web: {image: x, volumes: ['/:/h']}\n",
		"version: '3'\nservices:\n  web:\n    image: x\n    environment: [A=1, B]\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		m := parse(t, "compose.yaml", src)
		check := func(what string, off, end int) {
			if off < 0 || end > len(src) || off > end {
				t.Fatalf("%s: [%d, %d) outside the file (%d bytes)", what, off, end, len(src))
			}
		}
		for _, e := range m.Errors {
			check("error", e.Range.Offset, e.Range.EndOffset)
			if e.Message == "" {
				t.Fatal("an error without a message")
			}
		}
		for _, c := range m.Containers {
			check("service", c.Range.Offset, c.Range.EndOffset)
			for _, fix := range c.Fixes {
				for _, e := range fix.Edits {
					check("edit", e.Range.Offset, e.Range.EndOffset)
				}
			}
			for _, v := range c.Volumes {
				check("volume", v.Range.Offset, v.Range.EndOffset)
			}
		}
	})
}
