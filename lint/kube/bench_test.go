package kube

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"

	yaml "go.yaml.in/yaml/v3"
)

func benchSource(b *testing.B) []byte {
	b.Helper()
	src, err := os.ReadFile("testdata/app.yaml")
	if err != nil {
		b.Fatal(err)
	}
	return src
}

// BenchmarkParse parses a Deployment, a Service and a ConfigMap into
// documents: inputs, summaries and positions.
func BenchmarkParse(b *testing.B) {
	src := benchSource(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if docs := (Parser{}).Parse("app.yaml", src); len(docs) != 3 {
			b.Fatalf("got %d documents", len(docs))
		}
	}
}

// BenchmarkDecodeOnly only decodes the same bytes into yaml.v3 nodes: the
// baseline BenchmarkParse is measured against.
func BenchmarkDecodeOnly(b *testing.B) {
	src := benchSource(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		dec := yaml.NewDecoder(bytes.NewReader(src))
		n := 0
		for {
			var node yaml.Node
			err := dec.Decode(&node)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 3 {
			b.Fatalf("got %d documents", n)
		}
	}
}
