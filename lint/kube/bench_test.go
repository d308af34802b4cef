package kube

import (
	"bytes"
	"errors"
	"io"
	"os"
	"testing"
	"time"

	"sigs.k8s.io/kustomize/kyaml/yaml"
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
		if n := decodeOnly(b, src); n != 3 {
			b.Fatalf("got %d documents", n)
		}
	}
}

func decodeOnly(b *testing.B, src []byte) int {
	dec := yaml.NewDecoder(bytes.NewReader(src))
	n := 0
	for {
		var node yaml.Node
		err := dec.Decode(&node)
		if errors.Is(err, io.EOF) {
			return n
		}
		if err != nil {
			b.Fatal(err)
		}
		n++
	}
}

// BenchmarkParseVsDecode alternates Parse and the bare decoding of the same
// bytes, so that both see the same machine load, and reports the ratio of
// their times: the speed target is at most about 2. The large case holds
// 10,002 documents.
func BenchmarkParseVsDecode(b *testing.B) {
	src := benchSource(b)
	for _, tc := range []struct {
		name string
		src  []byte
	}{{"3docs", src}, {"10k", bytes.Repeat(append(append([]byte{}, src...), "---\n"...), 3334)}} {
		b.Run(tc.name, func(b *testing.B) {
			var parse, decode time.Duration
			for b.Loop() {
				t0 := time.Now()
				n := decodeOnly(b, tc.src)
				t1 := time.Now()
				docs := (Parser{}).Parse("app.yaml", tc.src)
				parse += time.Since(t1)
				decode += t1.Sub(t0)
				if len(docs) != n && len(docs)+1 != n {
					b.Fatalf("%d documents, %d decoded", len(docs), n)
				}
			}
			b.ReportMetric(float64(parse)/float64(decode), "parse/decode")
		})
	}
}
