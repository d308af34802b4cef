//go:build unix

package lint_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/dockerfile"
	"github.com/hardline-dev/hardline/lint/linttest"
)

// dockerfileCorpus is the number of Dockerfiles BenchmarkDockerfiles lints.
const dockerfileCorpus = 200

// BenchmarkDockerfiles lints 200 Dockerfiles in the style of the Docker
// Official Images (long RUN scripts, multi-stage builds, heredocs; see
// linttest.CorpusDockerfile) with every default rule, and reports the CPU
// time of each file and its ratio to two floors measured in the same
// iteration: buildkit's parser alone, and hardline's model (parse, shell
// scripts, positions, Rego input). The machine being shared, it also
// reports the allocations of each file, which do not depend on the load.
//
//	go test ./lint -run '^$' -bench Dockerfiles -benchtime 5x
func BenchmarkDockerfiles(b *testing.B) {
	dir := b.TempDir()
	srcs := make([]lint.Source, dockerfileCorpus)
	for i := range srcs {
		var buf bytes.Buffer
		linttest.CorpusDockerfile(&buf, i)
		path := filepath.Join(dir, fmt.Sprintf("Dockerfile.%d", i))
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			b.Fatal(err)
		}
		srcs[i] = lint.Source{Path: path, Kind: lint.KindDockerfile}
	}
	eng := linttest.Engine(b)
	ctx := context.Background()
	// Compile the policies before measuring.
	if _, err := eng.Lint(ctx, srcs[:1]); err != nil {
		b.Fatal(err)
	}
	var parseCPU, modelCPU, lintCPU time.Duration
	findings := 0
	// Allocations count the work done, whatever else runs on the machine.
	var before, after runtime.MemStats
	var allocs uint64
	for b.Loop() {
		t0 := cpuTime(b)
		for _, s := range srcs {
			src, err := os.ReadFile(s.Path)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := parser.Parse(bytes.NewReader(src)); err != nil {
				b.Fatal(err)
			}
		}
		t1 := cpuTime(b)
		for _, s := range srcs {
			src, err := os.ReadFile(s.Path)
			if err != nil {
				b.Fatal(err)
			}
			dockerfile.Parser{}.Parse(s.Path, src)
		}
		runtime.ReadMemStats(&before)
		t2 := cpuTime(b)
		rep, err := eng.Lint(ctx, srcs)
		t3 := cpuTime(b)
		runtime.ReadMemStats(&after)
		allocs += after.Mallocs - before.Mallocs
		if err != nil {
			b.Fatal(err)
		}
		parseCPU += t1 - t0
		modelCPU += t2 - t1
		lintCPU += t3 - t2
		findings = len(rep.Findings)
	}
	b.StopTimer()
	files := float64(b.N * len(srcs))
	perFile := func(d time.Duration) float64 { return d.Seconds() * 1e3 / files }
	b.ReportMetric(perFile(lintCPU), "cpu-ms/file")
	b.ReportMetric(perFile(modelCPU), "model-cpu-ms/file")
	b.ReportMetric(perFile(parseCPU), "parse-cpu-ms/file")
	b.ReportMetric(lintCPU.Seconds()/parseCPU.Seconds(), "lint/parse")
	b.ReportMetric(lintCPU.Seconds()/modelCPU.Seconds(), "lint/model")
	b.ReportMetric(float64(findings)/float64(len(srcs)), "findings/file")
	b.ReportMetric(float64(allocs)/files, "allocs/file")
}

// cpuTime is the CPU time (user and system) the process has used.
func cpuTime(b *testing.B) time.Duration {
	b.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
