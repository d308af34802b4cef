package kube

import (
	"strings"
	"testing"
	"time"
)

// TestPathological checks that hostile or unusual input stays fast.
func TestPathological(t *testing.T) {
	mergeChain := func() string {
		var b strings.Builder
		b.WriteString("apiVersion: v1\nkind: Pod\nx:\n  a0: &a0 {k0: v}\n")
		for i := 1; i <= 60; i++ {
			b.WriteString("  a" + itoa(i) + ": &a" + itoa(i) + " {<<: [*a" + itoa(i-1) + ", *a" + itoa(i-1) + "], k" + itoa(i) + ": v}\n")
		}
		b.WriteString("spec: *a60\n")
		return b.String()
	}
	longJSON := func() string {
		var b strings.Builder
		b.WriteString(`{"apiVersion": "v1", "kind": "ConfigMap", "data": {`)
		for i := range 50000 {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(`"clé` + itoa(i) + `": "välue"`)
		}
		b.WriteString("}}")
		return b.String()
	}
	nested := func() string {
		return "apiVersion: v1\nkind: ConfigMap\ndata: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n"
	}
	complexKeys := func() string {
		return "apiVersion: v1\nkind: ConfigMap\ndata: " + strings.Repeat("{? ", 2000) + "x" + strings.Repeat("}", 2000) + "\n"
	}
	manyDocs := func() string {
		return strings.Repeat(podYAML+"---\n", 2000)
	}
	for _, tc := range []struct {
		name string
		src  func() string
	}{
		{"merge fan-out", mergeChain},
		{"long single-line JSON", longJSON},
		{"deep flow nesting", nested},
		{"nested complex keys", complexKeys},
		{"many documents", manyDocs},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := tc.src()
			start := time.Now()
			docs := parse(t, "m.yaml", src)
			for _, d := range docs {
				for _, p := range objectPaths(d, 1000) {
					d.Locate(p)
					d.Locate(appendPath(p, "missing"))
				}
			}
			if el := time.Since(start); el > 30*time.Second {
				t.Errorf("took %v", el)
			}
		})
	}
}
