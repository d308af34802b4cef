//go:build ignore

// Command bench measures hardline against the cost of merely decoding the
// same YAML, on generated corpora, and prints the ratios and peak memory
// next to the targets. Run it from the repository root:
//
//	go run scripts/bench.go            # the full corpora (about two minutes)
//	go run scripts/bench.go -scale 0.1 # a tenth of every corpus
//	go run scripts/bench.go -runs 3 -against /tmp/hardline-main
//	                                   # before and after a change
//
// CPU is user+system time of the hardline process (start-up included);
// peak memory is its maximum resident set size. The floor is a yaml.v3
// decode of the same files in this process, measured before each run of
// hardline (the medians are compared).
//
// With -against, a second binary (the version before a change) runs on
// the same corpora, its runs alternating with those of the one measured,
// and each row ends with its CPU and the ratio of the two: on a shared
// machine, runs minutes apart differ more than most changes do.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/hardline-dev/hardline/lint/linttest"
)

func main() {
	scale := flag.Float64("scale", 1, "fraction of every corpus to generate")
	runs := flag.Int("runs", 1, "runs of each case; the median is printed")
	bin := flag.String("hardline", "", "hardline binary to measure (default: built from ./cmd/hardline)")
	only := flag.String("only", "", "comma-separated cases to run: corpus, corpus-one-file, pod, configmaps, dockerfiles, startup")
	keep := flag.String("keep", "", "write each case's files under this directory and keep them")
	against := flag.String("against", "", "another hardline binary to run alternately on the same corpora, for a before/after comparison")
	flag.Parse()
	if err := run(*scale, *runs, *bin, *against, *only, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// measurement is the cost of one process run.
type measurement struct {
	cpu     time.Duration
	peakKiB int64
}

func run(scale float64, runs int, bin, against, only, keep string) error {
	dir, err := os.MkdirTemp("", "hardline-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cases := dir
	if keep != "" {
		cases = keep
	}
	if bin == "" {
		bin = filepath.Join(dir, "built")
		build := exec.Command("go", "build", "-o", bin, "./cmd/hardline")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("build hardline: %w", err)
		}
	}
	// The binary measured is a copy: the peak memory of a process counts
	// the pages of its executable it touched, and how many a touch maps
	// depends on how the file was written (a freshly linked binary peaks
	// about 20 MiB higher than a copy of it on this machine's kernel).
	if bin, err = copyFile(bin, filepath.Join(dir, "hardline")); err != nil {
		return err
	}
	if against != "" {
		if against, err = copyFile(against, filepath.Join(dir, "against")); err != nil {
			return err
		}
	}
	n := func(v int) int { return max(1, int(float64(v)*scale)) }
	h := &harness{bin: bin, against: against, runs: runs}
	fmt.Printf("hardline benchmark (scale %g, median of %d run(s); CPU = user+sys, peak = max RSS)\n\n", scale, runs)
	fmt.Printf("%-34s %10s %10s %8s %10s  %s\n", "case", "CPU", "floor", "ratio", "peak", "target")
	if against != "" {
		fmt.Printf("%-34s %10s %10s %8s %10s  %s\n", "", "", "", "", "", "[CPU of -against, this ÷ against]")
	}

	list := []struct {
		name string
		fn   func(string) error
	}{
		{"corpus", func(d string) error {
			docs := n(10000)
			files := n(200)
			paths, err := writeSplit(d, docs, files)
			if err != nil {
				return err
			}
			return h.vsFloor(fmt.Sprintf("%d docs in %d files", docs, files), paths, d, "≤ 8× floor, ≤ 100 MiB")
		}},
		{"corpus-one-file", func(d string) error {
			docs := n(10000)
			paths, err := writeSplit(d, docs, 1)
			if err != nil {
				return err
			}
			return h.vsFloor(fmt.Sprintf("%d docs in one file", docs), paths, d, "no more than in 200 files")
		}},
		{"pod", func(d string) error {
			// The cost per container is the cost above that of a Pod with
			// one container (start-up and compilation), the fastest of
			// eleven runs (a busy machine only adds time). The big Pod's
			// containers are compared with as many in Pods of 40, in one
			// file: the two runs differ by far more than start-up varies.
			big := n(4000)
			small := max(big/40, 1)
			cases := []struct {
				name string
				src  []byte
			}{
				{"Pod with 1 container", pod(1)},
				{fmt.Sprintf("%d Pods with 40 containers", small), pods(small, 40)},
				{fmt.Sprintf("Pod with %d containers", big), pod(big)},
			}
			var cpu [3]time.Duration
			for i, c := range cases {
				p := filepath.Join(d, fmt.Sprintf("pod-%d.yaml", i))
				if err := os.WriteFile(p, c.src, 0o600); err != nil {
					return err
				}
				runs, fastest := h.runs, i == 0
				if fastest {
					runs = 11
				}
				m, base, err := h.lintRuns(p, runs, fastest)
				if err != nil {
					return err
				}
				cpu[i] = m.cpu
				h.row(c.name, m, base, 0, "")
			}
			perBig := float64(cpu[2]-cpu[0]) / float64(big)
			perSmall := float64(cpu[1]-cpu[0]) / float64(small*40)
			fmt.Printf("%-34s %10s %10s %7.2f×  ≤ 2× (%.0f vs %.0f µs a container)\n", "  per container, big ÷ 40", "", "", perBig/perSmall, perBig/1e3, perSmall/1e3)
			return nil
		}},
		{"configmaps", func(d string) error {
			c := n(100000)
			p := filepath.Join(d, "configmaps.yaml")
			var b bytes.Buffer
			for i := range c {
				fmt.Fprintf(&b, "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-%d\n  namespace: ns-%d\ndata:\n  key: value-%d\n", i, i%50, i)
			}
			if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
				return err
			}
			return h.vsFloor(fmt.Sprintf("%d ConfigMaps in one file", c), []string{p}, p, "≤ 150 MiB")
		}},
		{"dockerfiles", func(d string) error {
			c := n(500)
			for i := range c {
				if err := os.WriteFile(filepath.Join(d, fmt.Sprintf("Dockerfile.%d", i)), dockerfile(i), 0o600); err != nil {
					return err
				}
			}
			m, base, err := h.lint(d)
			if err != nil {
				return err
			}
			h.row(fmt.Sprintf("%d Dockerfiles", c), m, base, 0, "≤ 2 ms each")
			fmt.Printf("%-34s %8.2f ms each\n", "", float64(m.cpu.Microseconds())/1000/float64(c))
			return nil
		}},
		{"startup", func(d string) error {
			p := filepath.Join(d, "deployment.yaml")
			var b bytes.Buffer
			linttest.CorpusDoc(&b, 0, 1, 4)
			if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
				return err
			}
			m, base, err := h.lint(p)
			if err != nil {
				return err
			}
			h.row("one manifest (start-up included)", m, base, 0, "≤ 100 ms")
			df := filepath.Join(d, "Dockerfile")
			if err := os.WriteFile(df, dockerfile(1), 0o600); err != nil {
				return err
			}
			m, base, err = h.lint(df)
			if err != nil {
				return err
			}
			h.row("one Dockerfile (start-up included)", m, base, 0, "≤ 100 ms")
			return nil
		}},
	}
	for i, c := range list {
		if only != "" && !slices.Contains(strings.Split(only, ","), c.name) {
			continue
		}
		d := filepath.Join(cases, fmt.Sprintf("case-%d", i))
		if err := os.MkdirAll(d, 0o700); err != nil {
			return err
		}
		if err := c.fn(d); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		if keep == "" {
			if err := os.RemoveAll(d); err != nil {
				return err
			}
		}
	}
	return nil
}

type harness struct {
	// bin is the binary measured; against, when set, the one it is
	// compared with.
	bin, against string
	runs         int
}

// vsFloor lints target and compares its CPU with decoding paths.
func (h *harness) vsFloor(name string, paths []string, target, goal string) error {
	// The floor is measured before each run of hardline, so that both see
	// the machine as busy as it is then.
	var floors []time.Duration
	m, base, err := h.lintRunsAfter(target, h.runs, false, func() error {
		d, err := decodeFloor(paths)
		floors = append(floors, d)
		return err
	})
	if err != nil {
		return err
	}
	slices.Sort(floors)
	h.row(name, m, base, floors[len(floors)/2], goal)
	return nil
}

// row prints the measurement m of case name, and base, the -against
// binary's, when there is one.
func (h *harness) row(name string, m, base measurement, floor time.Duration, goal string) {
	ratio, fl := "", ""
	if floor > 0 {
		ratio = fmt.Sprintf("%.1f×", m.cpu.Seconds()/floor.Seconds())
		fl = ms(floor)
	}
	if base.cpu > 0 {
		goal += fmt.Sprintf("  [%s, %d MiB; %.2f×]", ms(base.cpu), base.peakKiB>>10, m.cpu.Seconds()/base.cpu.Seconds())
	}
	fmt.Printf("%-34s %10s %10s %8s %7d MiB  %s\n", name, ms(m.cpu), fl, ratio, m.peakKiB>>10, goal)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d.Microseconds())/1000) }

// lint runs hardline with JSON output (positions and fixes included) and
// returns the median measurement, and that of the -against binary (zero
// without one).
func (h *harness) lint(target string) (m, base measurement, err error) {
	return h.lintRuns(target, h.runs, false)
}

// lintRuns is lint with the median of runs runs, or their fastest. The
// runs of the two binaries alternate.
func (h *harness) lintRuns(target string, runs int, fastest bool) (m, base measurement, err error) {
	return h.lintRunsAfter(target, runs, fastest, func() error { return nil })
}

// lintRunsAfter is lintRuns calling before ahead of each run.
func (h *harness) lintRunsAfter(target string, runs int, fastest bool, before func() error) (m, base measurement, err error) {
	var ms, bs []measurement
	for range runs {
		if err := before(); err != nil {
			return m, base, err
		}
		r, err := runOnce(h.bin, target)
		if err != nil {
			return m, base, err
		}
		ms = append(ms, r)
		if h.against != "" {
			if r, err = runOnce(h.against, target); err != nil {
				return m, base, err
			}
			bs = append(bs, r)
		}
	}
	return pick(ms, fastest), pick(bs, fastest), nil
}

// pick is the median of ms, or the fastest; zero for none.
func pick(ms []measurement, fastest bool) measurement {
	if len(ms) == 0 {
		return measurement{}
	}
	slices.SortFunc(ms, func(a, b measurement) int { return int(a.cpu - b.cpu) })
	if fastest {
		return ms[0]
	}
	return ms[len(ms)/2]
}

// runOnce runs binary bin on target and measures the process.
func runOnce(bin, target string) (measurement, error) {
	cmd := exec.Command(bin, "lint", "--format", "json", "--fail-on", "never", target)
	cmd.Stdout = io.Discard
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		return measurement{}, fmt.Errorf("%s %s: %w: %s", bin, target, err, stderr.Bytes())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return measurement{}, errors.New("no resource usage for the hardline process")
	}
	return measurement{cpu: time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), peakKiB: ru.Maxrss}, nil
}

// decodeFloor is the CPU time this process spends decoding every file of paths
// into yaml.v3 nodes.
func decodeFloor(paths []string) (time.Duration, error) {
	before := cpuTime()
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			return 0, err
		}
		dec := yaml.NewDecoder(bytes.NewReader(src))
		for {
			var n yaml.Node
			if err := dec.Decode(&n); err != nil {
				if !errors.Is(err, io.EOF) {
					return 0, fmt.Errorf("decode %s: %w", p, err)
				}
				break
			}
		}
	}
	return cpuTime() - before, nil
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// writeSplit writes docs documents into files files and returns their paths.
func writeSplit(dir string, docs, files int) ([]string, error) {
	per := (docs + files - 1) / files
	var paths []string
	for i := range files {
		var b bytes.Buffer
		for j := range per {
			if i*per+j >= docs {
				break
			}
			if j > 0 {
				b.WriteString("---\n")
			}
			linttest.CorpusDoc(&b, i, j, 4)
		}
		p := filepath.Join(dir, fmt.Sprintf("app-%03d.yaml", i))
		if err := os.WriteFile(p, b.Bytes(), 0o600); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// pod is one Pod with n containers on default settings.
func pod(n int) []byte { return pods(1, n) }

// pods is count Pods with n containers each, in one YAML stream.
func pods(count, n int) []byte {
	var b bytes.Buffer
	for p := range count {
		if p > 0 {
			b.WriteString("---\n")
		}
		fmt.Fprintf(&b, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-%d\n  namespace: apps\nspec:\n  containers:\n", p)
		for i := range n {
			fmt.Fprintf(&b, "    - name: c%d\n      image: registry.example.com/app-%d:1.%d\n      ports: [{containerPort: %d}]\n", i, i, i%10, 8000+i%1000)
		}
	}
	return b.Bytes()
}

// dockerfile is Dockerfile i of the benchmark corpus, in the style of the
// Docker Official Images (see linttest.CorpusDockerfile).
func dockerfile(i int) []byte {
	var b bytes.Buffer
	linttest.CorpusDockerfile(&b, i)
	return b.Bytes()
}

// copyFile copies the executable from to the path to, 64 KiB at a time,
// and returns to.
func copyFile(from, to string) (string, error) {
	src, err := os.Open(from)
	if err != nil {
		return "", fmt.Errorf("read hardline: %w", err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o700)
	if err != nil {
		return "", fmt.Errorf("copy hardline: %w", err)
	}
	buf := make([]byte, 64<<10)
	for {
		n, rerr := src.Read(buf)
		if _, err := dst.Write(buf[:n]); err != nil {
			dst.Close()
			return "", fmt.Errorf("copy hardline: %w", err)
		}
		if errors.Is(rerr, io.EOF) {
			break
		}
		if rerr != nil {
			dst.Close()
			return "", fmt.Errorf("read hardline: %w", rerr)
		}
	}
	if err := dst.Close(); err != nil {
		return "", fmt.Errorf("copy hardline: %w", err)
	}
	return to, nil
}
