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
			writeDoc(&buf, i, j)
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

// writeDoc writes one of a mix of objects: hardened and default
// Deployments, StatefulSets, CronJobs, Services and ConfigMaps.
func writeDoc(w io.Writer, i, j int) {
	name := fmt.Sprintf("svc-%d-%d", i, j)
	ns := fmt.Sprintf("team-%d", i%25)
	switch j % 5 {
	case 0:
		fmt.Fprintf(w, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: %[1]s
  namespace: %[2]s
  labels: {app: %[1]s, tier: backend}
spec:
  replicas: 3
  selector:
    matchLabels: {app: %[1]s}
  template:
    metadata:
      labels: {app: %[1]s}
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: app
          image: registry.example.com/%[1]s:1.%[3]d.0@sha256:0d7e4f5a8c6b3e2d1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e
          ports: [{containerPort: 8080}]
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          resources:
            limits: {cpu: 500m, memory: 256Mi}
          env:
            - {name: LOG_LEVEL, value: info}
            - name: DB_PASSWORD
              valueFrom: {secretKeyRef: {name: db, key: password}}
`, name, ns, j)
	case 1:
		fmt.Fprintf(w, `# legacy service, defaults only
apiVersion: apps/v1
kind: Deployment
metadata:
  name: %[1]s
  namespace: %[2]s
spec:
  selector:
    matchLabels: {app: %[1]s}
  template:
    metadata:
      labels: {app: %[1]s}
    spec:
      initContainers:
        - name: migrate
          image: busybox:1.36
          command: [sh, -c, "echo migrating"]
      containers:
        - name: app
          image: nginx:latest
          ports:
            - containerPort: 80
              hostPort: 8080
          env:
            - name: API_TOKEN
              value: "tok_%[1]s"
`, name, ns)
	case 2:
		fmt.Fprintf(w, `apiVersion: batch/v1
kind: CronJob
metadata:
  name: %[1]s
  namespace: %[2]s
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          hostNetwork: true
          containers:
            - name: job
              image: python:3.9-slim
              securityContext:
                privileged: true
              volumeMounts: [{name: host, mountPath: /host}]
          volumes:
            - name: host
              hostPath: {path: /var/log}
`, name, ns)
	case 3:
		fmt.Fprintf(w, `apiVersion: v1
kind: Service
metadata:
  name: %[1]s
  namespace: %[2]s
spec:
  selector: {app: %[1]s}
  ports:
    - port: 80
      targetPort: 8080
`, name, ns)
	default:
		fmt.Fprintf(w, `apiVersion: v1
kind: ConfigMap
metadata:
  name: %[1]s
  namespace: %[2]s
data:
  config.yaml: |
    server:
      port: 8080
      timeout: 30s
`, name, ns)
	}
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
