package lint_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/linttest"
)

// Corpus size: about 10,000 Kubernetes documents in 500 files.
const (
	corpusFiles      = 500
	corpusDocsInFile = 20
)

// corpus writes the benchmark corpus once per benchmark and returns its
// sources and document count.
func corpus(b *testing.B) ([]lint.Source, int) {
	b.Helper()
	dir := b.TempDir()
	var srcs []lint.Source
	docs := 0
	for i := range corpusFiles {
		var buf bytes.Buffer
		for j := range corpusDocsInFile {
			if j > 0 {
				buf.WriteString("---\n")
			}
			linttest.CorpusDoc(&buf, i, j, 5)
			docs++
		}
		path := filepath.Join(dir, fmt.Sprintf("app-%03d.yaml", i))
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, lint.Source{Path: path, Kind: lint.KindYAML})
	}
	return srcs, docs
}

// peakHeap samples the heap in use until stop is closed and returns the
// highest value seen.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		var ms runtime.MemStats
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
			select {
			case <-stop:
				out <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

// parseOnly decodes every file of the corpus into YAML nodes, concurrently:
// the baseline the engine's cost is compared with.
func parseOnly(b *testing.B, srcs []lint.Source) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(srcs) {
					return
				}
				src, err := os.ReadFile(srcs[i].Path)
				if err != nil {
					b.Error(err)
					return
				}
				dec := yaml.NewDecoder(bytes.NewReader(src))
				for {
					var n yaml.Node
					if err := dec.Decode(&n); err != nil {
						if !errors.Is(err, io.EOF) {
							b.Error(err)
						}
						break
					}
				}
			}
		})
	}
	wg.Wait()
}

// BenchmarkCorpus lints about 10,000 documents in 500 files and reports
// documents per second, peak heap, and the cost relative to merely
// decoding the same YAML (measured in the same iteration).
//
//	go test ./lint -run '^$' -bench Corpus -benchtime 5x
func BenchmarkCorpus(b *testing.B) {
	srcs, docs := corpus(b)
	eng := linttest.Engine(b)
	ctx := context.Background()
	runtime.GC()
	stop := make(chan struct{})
	peak := peakHeap(stop)
	var parseTime, lintTime time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		parseOnly(b, srcs)
		mid := time.Now()
		rep, err := eng.Lint(ctx, srcs)
		lintTime += time.Since(mid)
		parseTime += mid.Sub(start)
		if err != nil {
			b.Fatal(err)
		}
		if rep.Documents != docs {
			b.Fatalf("linted %d documents, want %d", rep.Documents, docs)
		}
	}
	b.StopTimer()
	close(stop)
	n := float64(b.N)
	b.ReportMetric(float64(docs)*n/lintTime.Seconds(), "docs/s")
	b.ReportMetric(float64(<-peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(lintTime.Seconds()/parseTime.Seconds(), "lint/parse")
}

// BenchmarkSingleFile is the pre-commit case: one Dockerfile and one
// manifest, with the engine built (policies compiled) every time.
func BenchmarkSingleFile(b *testing.B) {
	ctx := context.Background()
	srcs := []lint.Source{
		{Path: "../examples/insecure/Dockerfile", Kind: lint.KindDockerfile},
		{Path: "../examples/kubernetes/deployment-defaults.yaml", Kind: lint.KindYAML},
	}
	for b.Loop() {
		eng := linttest.Engine(b)
		if _, err := eng.Lint(ctx, srcs); err != nil {
			b.Fatal(err)
		}
	}
}
