package kube

import (
	"strings"
	"testing"
	"time"

	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// TestPathological checks that hostile or unusual input stays fast: parsing
// it and placing paths in it costs at most maxRatio times decoding it.
func TestPathological(t *testing.T) {
	const maxRatio = 200
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
			el := time.Since(start)
			// The floor is measured in the same run, so that a loaded
			// machine or the race detector slows both alike. The cases
			// take 2-35× it; an exponential or quadratic blowup, thousands.
			floor := time.Hour
			for range 3 {
				s := time.Now()
				dec := yaml.NewDecoder(strings.NewReader(src))
				for {
					var n yaml.Node
					if dec.Decode(&n) != nil {
						break
					}
				}
				floor = min(floor, time.Since(s))
			}
			if ratio := float64(el) / float64(floor); ratio > maxRatio {
				t.Errorf("took %v, %.0f× a yaml.v3 decode of the same input (%v); at most %d× expected", el, ratio, floor, maxRatio)
			}
		})
	}
}
