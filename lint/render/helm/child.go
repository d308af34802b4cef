package helm

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"time"

	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/common/util"
	"helm.sh/helm/v4/pkg/chart/loader/archive"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
	"helm.sh/helm/v4/pkg/engine"
	"helm.sh/helm/v4/pkg/strvals"

	"github.com/hardline-dev/hardline/lint/render"
)

// request is everything a render needs, as plain data, so that a child
// process can do it.
type request struct {
	Files []chartFile
	// Values are the --helm-values files, by the path given, in order.
	Values      []chartFile
	Set         []string
	Release     string
	Namespace   string
	KubeVersion string
}

// stageError is a failure before the templates run, reported at the
// first line of file: a path relative to the chart when inChart, else as
// the user gave it.
type stageError struct {
	file    string
	inChart bool
	msg     string
}

func (e *stageError) Error() string { return e.msg }

// prepare loads the chart and computes the values its templates see. c
// is set once the chart loaded, even when a later step failed.
func (req request) prepare() (c *chart.Chart, top common.Values, err error) {
	buffered := make([]*archive.BufferedFile, 0, len(req.Files))
	for _, f := range req.Files {
		buffered = append(buffered, &archive.BufferedFile{Name: f.Rel, Data: f.Data})
	}
	if c, err = loadChart(buffered); err != nil {
		return nil, nil, &stageError{file: "Chart.yaml", inChart: true, msg: "cannot load the Helm chart: " + err.Error()}
	}
	vals := map[string]any{}
	for _, vf := range req.Values {
		v, err := common.ReadValues(vf.Data)
		if err != nil {
			return c, nil, &stageError{file: vf.Rel, msg: "cannot read Helm values: " + err.Error()}
		}
		vals = loader.MergeMaps(vals, v)
	}
	for _, s := range req.Set {
		if err := strvals.ParseInto(s, vals); err != nil {
			return c, nil, &stageError{file: "Chart.yaml", inChart: true, msg: fmt.Sprintf("--helm-set %s: %v", s, err)}
		}
	}
	if err := chartutil.ProcessDependencies(c, vals); err != nil {
		return c, nil, &stageError{file: "Chart.yaml", inChart: true, msg: "cannot process chart dependencies: " + err.Error()}
	}
	caps := common.DefaultCapabilities.Copy()
	if req.KubeVersion != "" {
		if kv, err := common.ParseKubeVersion(req.KubeVersion); err == nil {
			caps.KubeVersion = *kv
		}
	}
	top, err = util.ToRenderValuesWithSchemaValidation(c, vals,
		common.ReleaseOptions{Name: req.Release, Namespace: req.Namespace, Revision: 1, IsInstall: true}, caps, true)
	if err != nil {
		return c, nil, &stageError{file: "values.yaml", inChart: true, msg: "cannot compute Helm values: " + err.Error()}
	}
	return c, top, nil
}

// render prepares the chart and runs its templates.
func (req request) render(ctx context.Context) (map[string]string, error) {
	c, top, err := req.prepare()
	if err != nil {
		return nil, err
	}
	return execute(ctx, c, top)
}

// execute runs the chart's templates, turning a panic into an error and
// refusing output past render.MaxOutput.
func execute(ctx context.Context, c *chart.Chart, top common.Values) (out map[string]string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	// A zero Engine has no cluster client: lookup returns nothing and DNS
	// functions return "".
	out, err = engine.Engine{}.RenderWithContext(ctx, c, top)
	total := 0
	for _, s := range out {
		total += len(s)
	}
	if total > render.MaxOutput {
		return nil, fmt.Errorf("rendered output larger than %d MiB", render.MaxOutput>>20)
	}
	return out, err
}

// loadChart loads the chart files, turning a loader panic into an error.
func loadChart(files []*archive.BufferedFile) (c *chart.Chart, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	return loader.LoadFiles(files)
}

// DefaultMemoryLimit bounds the heap of a child rendering a chart.
const DefaultMemoryLimit = 512 << 20

// Child runs a chart's templates in a separate process: a template is a
// program, and one written to exhaust memory or time would otherwise take
// hardline, and the machine it runs on, with it. The child is Path run with
// Args and an empty environment; it must call ServeChild.
type Child struct {
	Path string
	Args []string
	// MemoryLimit bounds the child's heap; 0 means DefaultMemoryLimit.
	MemoryLimit int64
	// Timeout bounds the render; 0 means 30 seconds.
	Timeout time.Duration
}

// childReply is what a child writes back.
type childReply struct {
	Out map[string]string
	Err string
}

// render renders req in a child process.
func (ch *Child) render(parent context.Context, req request) (map[string]string, error) {
	timeout := ch.Timeout
	if timeout <= 0 {
		timeout = renderTimeout
	}
	ctx, cancel := context.WithTimeout(parent, timeout)
	defer cancel()
	var in bytes.Buffer
	if err := gob.NewEncoder(&in).Encode(req); err != nil {
		return nil, fmt.Errorf("encode the render request: %w", err)
	}
	limit := ch.MemoryLimit
	if limit <= 0 {
		limit = DefaultMemoryLimit
	}
	cmd := exec.CommandContext(ctx, ch.Path, ch.Args...) //nolint:gosec // hardline's own executable, set by the caller
	cmd.Env = []string{fmt.Sprintf("%s=%d", memoryLimitEnv, limit)}
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &limitedWriter{w: &stderr, n: 4 << 10}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("start the renderer: %w", err)
	}
	cmd.WaitDelay = time.Second
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start the renderer: %w", err)
	}
	var reply childReply
	// Output past the limit is not read: the child is killed when the
	// pipe closes.
	decodeErr := gob.NewDecoder(io.LimitReader(stdout, render.MaxOutput+1<<20)).Decode(&reply)
	_ = stdout.Close()
	waitErr := cmd.Wait()
	switch {
	case parent.Err() != nil:
		return nil, context.Cause(parent)
	case ctx.Err() != nil:
		return nil, fmt.Errorf("rendering took longer than %s", timeout)
	case decodeErr != nil && strings.Contains(stderr.String(), "out of memory"):
		return nil, fmt.Errorf("rendering used more than %d MiB of memory", limit>>20)
	case decodeErr != nil:
		msg := strings.TrimSpace(stderr.String())
		if msg == "" && waitErr != nil {
			msg = waitErr.Error()
		}
		return nil, fmt.Errorf("the renderer failed: %s", msg)
	case reply.Err != "":
		return nil, errors.New(reply.Err)
	}
	return reply.Out, nil
}

// memoryLimitEnv carries the memory limit to the child.
const memoryLimitEnv = "HARDLINE_RENDER_MEMORY_LIMIT"

// ServeChild is the child's side of Child: it reads one request from r,
// renders it and writes the reply to w. Past the memory limit (from the
// environment Child sets) it writes an error reply and exits the process
// with status 3.
func ServeChild(ctx context.Context, r io.Reader, w io.Writer, getenv func(string) string) error {
	var limit int64 = DefaultMemoryLimit
	if _, err := fmt.Sscan(getenv(memoryLimitEnv), &limit); err != nil || limit <= 0 {
		limit = DefaultMemoryLimit
	}
	var req request
	if err := gob.NewDecoder(io.LimitReader(r, 2*maxChartBytes)).Decode(&req); err != nil {
		return fmt.Errorf("read the render request: %w", err)
	}
	var once sync.Once
	reply := func(rep childReply) error {
		err := errors.New("already replied")
		once.Do(func() { err = gob.NewEncoder(w).Encode(rep) })
		return err
	}
	// The collector works harder as the heap nears the limit; the watchdog
	// ends the process past it, and, where the system allows, the kernel
	// refuses memory a little past it (a template can grow its output
	// faster than the watchdog looks).
	debug.SetMemoryLimit(limit)
	if err := limitData(limit + limit/2); err != nil {
		return err
	}
	stop := make(chan struct{})
	defer close(stop)
	go watchMemory(limit, stop, func() {
		_ = reply(childReply{Err: fmt.Sprintf("rendering used more than %d MiB of memory", limit>>20)})
		os.Exit(3)
	})
	out, err := req.render(ctx)
	rep := childReply{Out: out}
	if err != nil {
		rep = childReply{Err: err.Error()}
	}
	return reply(rep)
}

// watchMemory calls over when the heap passes limit, checking every
// millisecond until stop is closed.
func watchMemory(limit int64, stop <-chan struct{}, over func()) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-tick.C:
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 && int64(sample[0].Value.Uint64()) > limit { //nolint:gosec // heap sizes fit in int64
			over()
			return
		}
	}
}

// limitedWriter keeps the first n bytes written to it.
type limitedWriter struct {
	w io.Writer
	n int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		l.n -= k
		if _, err := l.w.Write(p[:k]); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}
