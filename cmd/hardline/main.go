// Command hardline lints Dockerfiles and Kubernetes manifests for insecure
// defaults and proposes the fixes.
//
// Exit codes: 0 when nothing is at or above the failure threshold, 1 when
// something is, 2 when hardline could not do its job.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync/atomic"

	"github.com/sirupsen/logrus"
	"github.com/spf13/cobra"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/render/helm"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = devVersion

// commit is set at build time with -ldflags "-X main.commit=...".
var commit = "" //nolint:gochecknoglobals // set by the linker, never changed at run time

// devVersion is the version of a build from a checkout.
const devVersion = "0.1.0-dev"

// Exit codes.
const (
	exitClean    = 0
	exitFindings = 1
	exitError    = 2
)

// exitCodeError ends the process with a code after its message (if any)
// has been printed.
type exitCodeError struct {
	code int
	err  error
}

func (e *exitCodeError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitCodeError) Unwrap() error { return e.err }

func main() {
	// The Compose loader logs warnings about the files it reads through
	// logrus; hardline reports what matters about them as findings.
	logrus.SetOutput(io.Discard)
	if len(os.Args) != 2 || os.Args[1] != renderChildCommand {
		// The render child bounds its memory itself.
		tuneGC(os.Getenv)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Collector bounds: see tuneGC.
const (
	// gcHeapGoal is the heap size under which the collector lets the heap
	// grow more than twice what is live.
	gcHeapGoal = 64 << 20
	// maxGCPercent bounds the growth while little is live.
	maxGCPercent = 400
)

// tuneGC lets the heap grow up to gcHeapGoal between collections, within
// twice to five times what is live, instead of always to twice what is
// live. Linting allocates fast and holds little (compiled policies, the
// summaries of the objects read, findings waiting for their file): with a
// small live heap, GOGC=100 collects every few megabytes, and the
// collector took a third of a run. The bound is set again after each
// collection from the heap then live, so that a run holding more than
// half of gcHeapGoal keeps GOGC=100 and its memory bound. GOGC set in the
// environment is left alone.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		tuneGCWith(gcHeapGoal)
	}
}

// tuneGCWith applies tuneGC's bound with heap goal goal until stop is
// called.
func tuneGCWith(goal uint64) (stop func()) {
	var stopped atomic.Bool
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	current := maxGCPercent
	debug.SetGCPercent(current)
	var watch func(*gcSentinel)
	watch = func(*gcSentinel) {
		if stopped.Load() {
			return
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			if pct := gcPercentFor(sample[0].Value.Uint64(), goal); pct != current {
				debug.SetGCPercent(pct)
				current = pct
			}
		}
		runtime.SetFinalizer(&gcSentinel{}, watch)
	}
	runtime.SetFinalizer(&gcSentinel{}, watch)
	return func() { stopped.Store(true) }
}

// gcPercentFor is the GC percent that lets a heap of live bytes grow to
// goal, within 100 and maxGCPercent.
func gcPercentFor(live, goal uint64) int {
	if live == 0 {
		return maxGCPercent
	}
	if goal <= 2*live {
		return 100
	}
	return int(min((goal-live)*100/live, maxGCPercent))
}

// gcSentinel is an object dropped at once, whose finalizer runs after the
// next collection.
type gcSentinel struct{ _ *byte }

// renderChildCommand is the hidden command a Helm chart is rendered in, in
// a child process of hardline (see helm.Child).
const renderChildCommand = "__render-helm-chart"

// env is what the commands may read of the process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	isTerminal     bool
}

// run executes hardline with args and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 1 && args[0] == renderChildCommand {
		if err := helm.ServeChild(ctx, stdin, stdout, os.Getenv); err != nil {
			fmt.Fprintf(stderr, "hardline: %s\n", errorText(err))
			return exitError
		}
		return exitClean
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv, isTerminal: isTerminal(stdout)}
	root := newRootCmd(e)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitClean
	}
	var ec *exitCodeError
	if errors.As(err, &ec) {
		if ec.err != nil {
			fmt.Fprintf(stderr, "hardline: %s\n", errorText(ec.err))
		}
		return ec.code
	}
	fmt.Fprintf(stderr, "hardline: %s\n", errorText(err))
	return exitError
}

// errorText is an error message safe to print: control characters from
// file names and policies are escaped, and the lines of a multi-line
// error are indented, so that no line starts with text from a linted file
// (a GitHub workflow command such as "::error").
func errorText(err error) string {
	lines := strings.Split(err.Error(), "\n")
	for i, l := range lines {
		lines[i] = lint.NoCommand(lint.Printable(l))
	}
	return strings.Join(lines, "\n  ")
}

func newRootCmd(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:           "hardline",
		Short:         "Security linter for Dockerfiles and Kubernetes manifests",
		Long:          "hardline finds the insecure defaults of Dockerfiles and Kubernetes manifests\n(root users, mutable tags, writable filesystems, kept capabilities, flat networks,\nremoved APIs) and proposes the fix for each.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newLintCmd(e), newRulesCmd(e), newExplainCmd(e), newPolicyCmd(e), newVersionCmd(e))
	return root
}

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print hardline's version",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(e.stdout, "hardline %s (commit %s, %s)\n", buildVersion(), buildCommit(), runtime.Version())
			return err
		},
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
