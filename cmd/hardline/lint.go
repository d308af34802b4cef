package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hardline-dev/hardline/lint/rule"

	"github.com/spf13/cobra"

	"github.com/hardline-dev/hardline/formats"
	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/compose"
	"github.com/hardline-dev/hardline/lint/config"
	"github.com/hardline-dev/hardline/lint/container"
	"github.com/hardline-dev/hardline/lint/digest"
	"github.com/hardline-dev/hardline/lint/dockerfile"
	"github.com/hardline-dev/hardline/lint/fix"
	"github.com/hardline-dev/hardline/lint/kube"
	"github.com/hardline-dev/hardline/lint/shellrun"
	"github.com/hardline-dev/hardline/policies"
)

// lintFlags are the lint command's flags.
type lintFlags struct {
	format              string
	failOn              string
	color               string
	configFile          string
	profile             string
	kubeVersion         string
	today               string
	stdinFilename       string
	maxFileSize         string
	timeout             time.Duration
	fileTimeout         time.Duration
	trustedRegistries   []string
	allowedCapabilities []string
	policyDirs          []string
	disable             []string
	enable              []string
	fixOnly             []string
	fix                 bool
	unsafeFixes         bool
	diff                bool
	resolveDigests      bool
	forceExclude        bool
	render              bool
	helmValues          []string
	helmSet             []string
	helmRelease         string
	helmNamespace       string
	noInline            bool
	showSource          bool
	// stdinSrc is standard input as read, for --show-source.
	stdinSrc map[string][]byte
}

func newLintCmd(e *env) *cobra.Command {
	var fl lintFlags
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Lint Dockerfiles and Kubernetes manifests",
		Long: `Lint the Dockerfiles and Kubernetes manifests in PATHs (default: the current
directory). Directories are walked for Dockerfile, Containerfile, *.Dockerfile,
*.Containerfile, Dockerfile.*, Dockerfile-*, Dockerfile_* (not *.md, *.txt and
other documents), *.yaml, *.yml and *.json, skipping .git, node_modules and
vendor; symbolic links to files inside the directory are followed. A file named
on the command line is linted when its name or content says it is a Dockerfile
or manifest. Named paths that give nothing to lint are an error. "-" reads
standard input, named by --stdin-filename.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 hardline could not run.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLint(cmd, e, &fl, args)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&fl.format, "format", "f", "text", "output format: text, json, sarif, github, gitlab (Code Quality), junit or checkstyle")
	f.StringVar(&fl.failOn, "fail-on", "", "exit 1 for findings at or above this severity: info, warning, error or never (default warning)")
	f.StringVar(&fl.color, "color", "auto", "colour the text output: auto, always or never")
	f.StringVarP(&fl.configFile, "config", "c", "", "configuration file (default: the .hardline.yaml nearest to the linted paths, up to the repository's root)")
	f.StringVar(&fl.profile, "profile", "", "Pod Security Standards level the pod security controls check: baseline or restricted (default restricted); other rules are unaffected")
	f.StringVar(&fl.kubeVersion, "kube-version", "", `Kubernetes version the API checks target, such as "1.34" or "v1.34.2" (default: the newest known)`)
	f.StringVar(&fl.today, "today", "", "date end-of-life checks compare with, YYYY-MM-DD (default: today)")
	f.StringVar(&fl.stdinFilename, "stdin-filename", "", `name standard input ("-") is linted as: its type, configuration and suppressions follow it; with --fix, the fixed text goes to standard output and the report to standard error`)
	f.StringSliceVar(&fl.trustedRegistries, "trusted-registry", nil, "registry (or registry/prefix) images may come from; repeatable; turns on IM004")
	f.StringSliceVar(&fl.allowedCapabilities, "allowed-capability", nil, "capability containers may add (default NET_BIND_SERVICE); repeatable")
	f.StringSliceVar(&fl.policyDirs, "policy", nil, "directory of your own Rego policies; repeatable")
	f.StringSliceVar(&fl.disable, "disable", nil, "rule ID or name to turn off; repeatable")
	f.StringSliceVar(&fl.enable, "enable", nil, "rule ID or name to turn on; repeatable")
	f.BoolVar(&fl.fix, "fix", false, "apply the safe fixes in place")
	f.BoolVar(&fl.unsafeFixes, "unsafe-fixes", false, "with --fix or --diff, apply the unsafe fixes too")
	f.StringSliceVar(&fl.fixOnly, "fix-only", nil, "with --fix or --diff, apply only the fixes of these rules (IDs or names); repeatable, comma-separated; findings of other rules are still reported")
	f.BoolVar(&fl.diff, "diff", false, "print the fixes as a unified diff and write nothing")
	f.BoolVar(&fl.forceExclude, "force-exclude", false, "apply the configuration's exclude patterns to files named on the command line too (for pre-commit and editors)")
	f.StringVar(&fl.maxFileSize, "max-file-size", "", "size past which a file is reported (DF000/KS000) instead of linted, such as 20MiB (default 20MiB)")
	f.DurationVar(&fl.timeout, "timeout", 0, "time the policies may take over the whole run (default 5m)")
	f.DurationVar(&fl.fileTimeout, "file-timeout", 0, "time the policies may take over each document of a file (default 30s)")
	f.BoolVar(&fl.showSource, "show-source", false, "text format: show the source line of each finding with a caret under its column")
	f.BoolVar(&fl.noInline, "no-inline-suppressions", false, "ignore the suppressions written in the linted files (# hardline ignore= comments, the hardline.dev/ignore annotation) and report what they silence, for CI")
	f.BoolVar(&fl.resolveDigests, "resolve-digests", false, "look image digests up in their registries (network) so tags can be pinned")
	f.BoolVar(&fl.render, "render", true, "render Helm charts and Kustomize overlays found in directories and lint the result (false: lint their files as they are)")
	f.StringArrayVar(&fl.helmValues, "helm-values", nil, "values file for rendering Helm charts, as helm template -f; repeatable")
	f.StringArrayVar(&fl.helmSet, "helm-set", nil, "KEY=VALUE for rendering Helm charts, as helm template --set; repeatable")
	f.StringVar(&fl.helmRelease, "helm-release", "", `release name Helm charts are rendered with (default "release-name")`)
	f.StringVar(&fl.helmNamespace, "helm-namespace", "", "namespace Helm charts are rendered for; set on their namespaced objects that have none")
	return cmd
}

func runLint(cmd *cobra.Command, e *env, fl *lintFlags, args []string) error {
	ctx := cmd.Context()
	if fl.fix && fl.diff {
		return fmt.Errorf("--fix and --diff cannot be used together")
	}
	if len(fl.fixOnly) > 0 && !fl.fix && !fl.diff {
		return fmt.Errorf("--fix-only selects the fixes of --fix or --diff; add one of them")
	}
	cfg, cfgNotices, err := loadConfig(fl.configFile, fl.stdinFilename, args)
	if err != nil {
		return err
	}
	if err := fl.merge(cfg, cmd); err != nil {
		return err
	}
	formatter, err := newFormatter(fl, e)
	if err != nil {
		return err
	}
	failOn, err := parseFailOn(cfg.FailOn)
	if err != nil {
		return err
	}

	cat, err := loadCatalog(cfg.PolicyDirs())
	if err != nil {
		return err
	}
	if err := cfg.CheckRules(func(s string) bool { _, ok := cat.Lookup(s); return ok || strings.EqualFold(s, "all") }, ruleNames(cat)...); err != nil {
		return err
	}
	sel, err := fixSelection(cat, fl)
	if err != nil {
		return err
	}
	opts, err := engineOptions(cfg, fl)
	if err != nil {
		return err
	}
	var pins *failedPins
	if opts.Digests != nil {
		pins = &failedPins{resolver: opts.Digests}
		opts.Digests = pins
	}
	eng, err := lint.NewEngine(ctx, cat, opts)
	if err != nil {
		return err
	}

	srcs, notices, err := sources(e, fl, cfg, args)
	if err != nil {
		return err
	}
	lim, err := limitsOf(cfg)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeoutCause(ctx, lim.timeout,
		fmt.Errorf("policies did not finish within %s (timeout): a rule, probably a user policy, loops or is too slow", lim.timeout))
	defer cancel()
	targets := renderTargets(ctx, fl, cfg, args)
	built, srcs, notices := renderUnits(targets, srcs, notices)
	if !fl.fix && !fl.diff && len(built) == 0 {
		return streamLint(ctx, e, eng, srcs, formatter, slices.Concat(cfgNotices, notices), reportConfig(cfg), failOn)
	}
	var rep *lint.Report
	var lintErr error
	if fl.fix || fl.diff {
		rep, lintErr = fixOrDiff(ctx, e, fl, eng, srcs, sel, isStdin(args))
		if rep != nil {
			lintErr = errors.Join(lintErr, fixRendered(ctx, e, fl, eng, targets, sel, rep))
		}
	} else {
		rep, lintErr = eng.Lint(ctx, srcs)
		if rep != nil {
			lintErr = errors.Join(lintErr, lintRendered(ctx, eng, built, rep))
		}
	}
	if rep == nil {
		return lintErr
	}
	rep.Notices = slices.Concat(cfgNotices, notices, rep.Notices)
	rep.Config = reportConfig(cfg)
	if lintErr != nil && len(rep.Errors) == 0 {
		rep.Errors = []lint.Notice{{Message: lintErr.Error()}}
	}
	if fl.diff {
		// The diff is on standard output; what explains it (nothing pinned,
		// a skipped file) goes to standard error.
		for _, n := range rep.Notices {
			fmt.Fprintf(e.stderr, "hardline: notice: %s\n", lint.Printable(withFile(n)))
		}
	} else {
		out := e.stdout
		if fl.fix && isStdin(args) {
			out = e.stderr // standard output holds the fixed text
		}
		if err := formatter.Format(out, rep); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
	}
	if lintErr != nil {
		return lintErr
	}
	if n := pins.count(); n > 0 && (fl.fix || fl.diff) {
		return fmt.Errorf("could not pin %s to a digest (see the notices)", plural(n, "image", "images"))
	}
	for _, f := range rep.Findings {
		if f.Suppression == nil && failOn != 0 && f.Severity >= failOn {
			return &exitCodeError{code: exitFindings}
		}
	}
	return nil
}

// streamLint lints srcs and writes the report as the findings come, file
// by file, holding only what the report's end needs.
func streamLint(ctx context.Context, e *env, eng *lint.Engine, srcs []lint.Source, formatter formats.Formatter, notices []lint.Notice, cfgPath string, failOn rule.Severity) error {
	out := formats.NewStream(formatter, e.stdout, &lint.Report{Rules: eng.Rules(), Config: cfgPath, Files: len(srcs)})
	failed := false
	var writeErr error
	rep, lintErr := eng.Stream(ctx, srcs, func(fs []lint.Finding) error {
		for i := range fs {
			if fs[i].Suppression == nil && failOn != 0 && fs[i].Severity >= failOn {
				failed = true
			}
		}
		writeErr = out.Findings(fs)
		return writeErr
	})
	if writeErr != nil {
		return fmt.Errorf("write report: %w", writeErr)
	}
	if rep == nil {
		return lintErr
	}
	rep.Notices = slices.Concat(notices, rep.Notices)
	rep.Config = cfgPath
	if lintErr != nil && len(rep.Errors) == 0 {
		rep.Errors = []lint.Notice{{Message: lintErr.Error()}}
	}
	if err := out.End(rep); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if lintErr != nil {
		return lintErr
	}
	if failed {
		return &exitCodeError{code: exitFindings}
	}
	return nil
}

// reportConfig is the configuration file as the report names it: relative
// to the working directory when below it, with forward slashes.
func reportConfig(cfg *config.Config) string {
	path := cfg.Path
	if wd, err := os.Getwd(); err == nil && filepath.IsAbs(cfg.Path) {
		path = displayPath(wd, cfg.Path)
	}
	return filepath.ToSlash(path)
}

func withFile(n lint.Notice) string {
	if n.File == "" {
		return n.Message
	}
	return n.File + ": " + n.Message
}

// merge applies the command-line flags over the configuration file.
func (fl *lintFlags) merge(cfg *config.Config, cmd *cobra.Command) error {
	changed := cmd.Flags().Changed
	if changed("fail-on") {
		cfg.FailOn = fl.failOn
	}
	if changed("profile") {
		cfg.Profile = fl.profile
	}
	if changed("kube-version") {
		cfg.KubeVersion = fl.kubeVersion
	}
	if changed("trusted-registry") {
		cfg.TrustedRegistries = fl.trustedRegistries
	}
	if changed("allowed-capability") {
		cfg.AllowedCapabilities = fl.allowedCapabilities
	}
	if changed("max-file-size") {
		cfg.MaxFileSize = fl.maxFileSize
	}
	if changed("timeout") {
		cfg.Timeout = fl.timeout.String()
	}
	if changed("file-timeout") {
		cfg.FileTimeout = fl.fileTimeout.String()
	}
	cfg.Disable = append(cfg.Disable, fl.disable...)
	cfg.Enable = append(cfg.Enable, fl.enable...)
	for _, dir := range fl.policyDirs {
		// Flags are relative to the working directory, the file's entries
		// to the file's directory.
		abs, err := filepath.Abs(dir)
		if err != nil {
			return fmt.Errorf("--policy %s: %w", dir, err)
		}
		cfg.Policies = append(cfg.Policies, abs)
	}
	return cfg.Validate()
}

// loadConfig loads the configuration file named by --config, else the
// .hardline.yaml that applies to the linted paths (see config.Find): the
// one nearest to each path named on the command line (to the directory of
// --stdin-filename for standard input). All paths must share it: paths
// with different configurations are linted in separate runs (or under one
// --config), so that no repository's configuration decides how another is
// linted. Untrusted configuration files passed over are notices.
func loadConfig(path, stdinFilename string, args []string) (*config.Config, []lint.Notice, error) {
	if path != "" {
		cfg, err := config.Load(path)
		return cfg, nil, err
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, nil, fmt.Errorf("find configuration: %w", err)
	}
	var starts []string
	switch {
	case len(args) == 1 && args[0] == "-":
		if stdinFilename != "" {
			starts = []string{filepath.Dir(stdinFilename)}
		} else {
			starts = []string{"."}
		}
	case len(args) == 0:
		starts = []string{"."}
	}
	for _, a := range args {
		if a == "-" {
			continue
		}
		info, err := os.Stat(a)
		switch {
		case err != nil:
			continue // reported when the paths are walked
		case info.IsDir():
			starts = append(starts, a)
		default:
			starts = append(starts, filepath.Dir(a))
		}
	}
	var chosen *config.Found
	var chosenFor string
	var notices []lint.Notice
	for _, start := range starts {
		if !filepath.IsAbs(start) {
			start = filepath.Join(wd, start)
		}
		found, err := config.Find(start)
		if err != nil {
			return nil, nil, err
		}
		for _, why := range found.Ignored {
			n := lint.Notice{Message: why}
			if !slices.Contains(notices, n) {
				notices = append(notices, n)
			}
		}
		switch {
		case chosen == nil:
			chosen, chosenFor = &found, start
		case chosen.Path != found.Path:
			return nil, nil, fmt.Errorf("%s and %s have different configuration files (%s, %s): lint them in separate runs or name one with --config",
				displayPath(wd, chosenFor), displayPath(wd, start), orNone(displayPath(wd, chosen.Path)), orNone(displayPath(wd, found.Path)))
		}
	}
	if chosen == nil || chosen.Path == "" {
		return &config.Config{Dir: wd}, notices, nil
	}
	cfg, err := config.Load(chosen.Path)
	return cfg, notices, err
}

// displayPath is path relative to the working directory when it is below
// it, else path itself.
func displayPath(wd, path string) string {
	if path == "" {
		return ""
	}
	if rel, err := filepath.Rel(wd, path); err == nil && filepath.IsLocal(rel) {
		return rel
	}
	return path
}

func orNone(path string) string {
	if path == "" {
		return "none"
	}
	return path
}

func parseFailOn(s string) (rule.Severity, error) {
	switch s {
	case "":
		return rule.SeverityWarning, nil
	case "never":
		return 0, nil
	}
	sev, err := rule.ParseSeverity(s)
	if err != nil {
		return 0, fmt.Errorf("--fail-on: %w", err)
	}
	return sev, nil
}

func newFormatter(fl *lintFlags, e *env) (formats.Formatter, error) {
	switch fl.format {
	case "text":
		color, err := useColor(fl.color, e)
		if err != nil {
			return nil, err
		}
		t := formats.Text{Color: color, ShowSource: fl.showSource}
		if fl.showSource {
			t.Source = fl.source
		}
		return t, nil
	case "json":
		return formats.JSON{}, nil
	case "sarif":
		wd, err := os.Getwd()
		if err != nil {
			return nil, fmt.Errorf("sarif: %w", err)
		}
		return formats.SARIF{Version: buildVersion(), WorkDir: wd}, nil
	case "github":
		return formats.GitHub{}, nil
	case "gitlab":
		wd, err := os.Getwd()
		if err != nil {
			return nil, fmt.Errorf("gitlab: %w", err)
		}
		return formats.GitLab{WorkDir: wd}, nil
	case "junit":
		return formats.JUnit{}, nil
	case "checkstyle":
		return formats.Checkstyle{}, nil
	}
	return nil, fmt.Errorf("unknown --format %q (want text, json, sarif, github, gitlab, junit or checkstyle)", fl.format)
}

func useColor(mode string, e *env) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		// no-color.org: NO_COLOR set to a non-empty value turns colour off.
		return e.isTerminal && e.getenv("NO_COLOR") == "" && e.getenv("TERM") != "dumb", nil
	}
	return false, fmt.Errorf("unknown --color %q (want auto, always or never)", mode)
}

// loadCatalog loads the built-in rules and the user's policy directories.
func loadCatalog(dirs []string) (*policies.Catalog, error) {
	cat, err := policies.Builtin()
	if err != nil {
		return nil, err
	}
	for _, dir := range dirs {
		user, err := policies.Load(os.DirFS(dir), policyRoot(dir), false)
		if err != nil {
			return nil, fmt.Errorf("load policies from %s: %w", dir, err)
		}
		if err := cat.Merge(user); err != nil {
			return nil, fmt.Errorf("load policies from %s: %w", dir, err)
		}
	}
	return cat, nil
}

// policyRoot is the name the files of a policy directory are known by: the
// directory as given, cleaned, or its absolute path for the working
// directory, so that they do not take the built-in policies' names.
func policyRoot(dir string) string {
	root := filepath.Clean(dir)
	if root == "." {
		if abs, err := filepath.Abs(root); err == nil {
			root = abs
		}
	}
	return filepath.ToSlash(root)
}

func engineOptions(cfg *config.Config, fl *lintFlags) (lint.Options, error) {
	today := fl.today
	if today == "" {
		today = time.Now().Format(time.DateOnly)
	} else if _, err := time.Parse(time.DateOnly, today); err != nil {
		return lint.Options{}, fmt.Errorf("--today %q: want YYYY-MM-DD", today)
	}
	data := map[string]any{
		"today":                today,
		"trusted_registries":   anySlice(cfg.TrustedRegistries),
		"allowed_capabilities": anySlice(cfg.AllowedCapabilities),
	}
	if v, ok := config.KubeMinorVersion(cfg.KubeVersion); ok {
		data["kube_version"] = v
		_, minor, _ := strings.Cut(v, ".")
		if n, err := strconv.Atoi(minor); err == nil {
			data["kube_minor"] = n
		}
	}
	if cfg.AllowedCapabilities == nil {
		delete(data, "allowed_capabilities")
	}
	limits, err := limitsOf(cfg)
	if err != nil {
		return lint.Options{}, err
	}
	opts := lint.Options{
		MaxFileSize: limits.maxFileSize,
		FileTimeout: limits.fileTimeout,
		Config:      data,
		Enabled:     cfg.Enabled,
		Severity:    cfg.SeverityFor,
		Parsers: map[lint.Kind]lint.Parser{
			lint.KindDockerfile: dockerfile.Parser{},
			lint.KindYAML:       kube.Parser{Workloads: workloads(cfg.Workloads)},
			lint.KindCompose:    compose.Parser{},
			lint.KindShell:      shellrun.Parser{Source: container.SourceShell},
			lint.KindMakefile:   shellrun.Parser{Source: container.SourceMakefile},
			lint.KindWorkflow:   shellrun.Parser{Source: container.SourceWorkflow},
		},
	}
	if fl.resolveDigests {
		opts.Digests = digest.New(digest.Options{})
	}
	opts.NoInlineSuppressions = fl.noInline
	return opts, nil
}

// limits are the bounds of a run.
type limits struct {
	maxFileSize          int64
	timeout, fileTimeout time.Duration
}

// limitsOf reads the limits of the configuration (flags merged), with
// their defaults. Validate has checked the values.
func limitsOf(cfg *config.Config) (limits, error) {
	l := limits{maxFileSize: config.DefaultMaxFileSize, timeout: config.DefaultTimeout, fileTimeout: config.DefaultFileTimeout}
	var err error
	if cfg.MaxFileSize != "" {
		if l.maxFileSize, err = config.ParseSize(cfg.MaxFileSize); err != nil {
			return l, fmt.Errorf("max-file-size: %w", err)
		}
	}
	for _, d := range []struct {
		s   string
		out *time.Duration
	}{{cfg.Timeout, &l.timeout}, {cfg.FileTimeout, &l.fileTimeout}} {
		if d.s == "" {
			continue
		}
		if *d.out, err = time.ParseDuration(d.s); err != nil {
			return l, fmt.Errorf("timeout: %w", err)
		}
	}
	return l, nil
}

// workloads converts the configuration's workload kinds for the parser.
func workloads(ws []config.Workload) []kube.Workload {
	out := make([]kube.Workload, len(ws))
	for i, w := range ws {
		out[i] = kube.Workload{APIVersion: w.APIVersion, Kind: w.Kind, PodSpec: strings.Split(w.PodSpec, ".")}
		if w.Metadata != "" {
			out[i].Metadata = strings.Split(w.Metadata, ".")
		}
	}
	return out
}

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// sources lists the files to lint: standard input, or a walk of the paths.
func sources(e *env, fl *lintFlags, cfg *config.Config, args []string) ([]lint.Source, []lint.Notice, error) {
	if isStdin(args) {
		if fl.stdinFilename == "" {
			return nil, nil, errors.New(`linting standard input ("-") needs --stdin-filename`)
		}
		lim, err := limitsOf(cfg)
		if err != nil {
			return nil, nil, err
		}
		// One byte past the limit is enough for the engine to report the
		// file as too large.
		src, err := io.ReadAll(io.LimitReader(e.stdin, lim.maxFileSize+1))
		if err != nil {
			return nil, nil, fmt.Errorf("read standard input: %w", err)
		}
		kind := lint.ClassifyNamed(fl.stdinFilename, src)
		path := filepath.ToSlash(filepath.Clean(fl.stdinFilename))
		fl.stdinSrc = map[string][]byte{path: src}
		return []lint.Source{{Path: path, Kind: kind, Src: src}}, nil, nil
	}
	if fl.stdinFilename != "" {
		return nil, nil, errors.New(`--stdin-filename names standard input: pass "-" as the only path`)
	}
	named := len(args) > 0
	if !named {
		args = []string{"."}
	}
	for _, a := range args {
		if a == "-" {
			return nil, nil, errors.New(`"-" (standard input) cannot be mixed with other paths`)
		}
	}
	if fl.forceExclude {
		kept := args[:0:0]
		for _, a := range args {
			if info, err := os.Stat(a); err == nil && !info.IsDir() && cfg.Excluded(a) {
				continue
			}
			kept = append(kept, a)
		}
		if len(kept) == 0 {
			return nil, nil, nil
		}
		args = kept
	}
	d, err := lint.Discover(args, cfg.Excluded)
	if err != nil {
		return nil, nil, err
	}
	if named && len(d.Sources) == 0 && len(d.Empty) == len(args) {
		return nil, nil, fmt.Errorf("nothing to lint in %s: no Dockerfile or Kubernetes manifest (see hardline lint --help for the names hardline looks for)", strings.Join(args, ", "))
	}
	for _, p := range d.Empty {
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			d.Notices = append(d.Notices, lint.Notice{File: filepath.ToSlash(p), Message: "found no Dockerfile or Kubernetes manifest to lint"})
		}
	}
	return d.Sources, d.Notices, nil
}

// isStdin reports whether the paths are "-", standard input.
func isStdin(args []string) bool { return len(args) == 1 && args[0] == "-" }

// fixOrDiff applies the fixes in memory. --fix writes the changed files
// and returns the report on what is left; --diff prints the changes and
// returns the report on the files as they are, since nothing changed.
//
// With standard input, --fix writes the fixed text (the text as it was
// when nothing is fixed) to standard output, for editors' fix on save.
func fixOrDiff(ctx context.Context, e *env, fl *lintFlags, eng *lint.Engine, srcs []lint.Source, sel fix.Selection, stdin bool) (*lint.Report, error) {
	fixed, rep, err := fix.Run(ctx, eng, srcs, sel)
	if err != nil {
		return rep, err
	}
	if stdin && fl.fix {
		text := srcs[0].Src
		if len(fixed) == 1 {
			text = fixed[0].Content
			fl.stdinSrc[srcs[0].Path] = text // the report is on the fixed text
		}
		if _, err := e.stdout.Write(text); err != nil {
			return rep, fmt.Errorf("write fixed text: %w", err)
		}
		return rep, nil
	}
	if fl.diff {
		if rep, err = eng.Lint(ctx, srcs); err != nil {
			return rep, err
		}
	}
	var errs []error
	for _, f := range fixed {
		if fl.diff {
			if _, err := io.WriteString(e.stdout, fix.Diff(f.File, f.Original, f.Content)); err != nil {
				return rep, fmt.Errorf("write diff: %w", err)
			}
			continue
		}
		if err := fix.Write(f); err != nil {
			errs = append(errs, err)
			continue
		}
		fmt.Fprintf(e.stderr, "hardline: fixed %d finding(s) in %s\n", f.FixCount, lint.Printable(f.File))
	}
	return rep, errors.Join(errs...)
}

// fixSelection is what --unsafe-fixes and --fix-only allow --fix and
// --diff to apply.
func fixSelection(cat *policies.Catalog, fl *lintFlags) (fix.Selection, error) {
	sel := fix.Selection{Unsafe: fl.unsafeFixes}
	if len(fl.fixOnly) == 0 {
		return sel, nil
	}
	ids := map[string]bool{}
	for _, s := range fl.fixOnly {
		r, ok := cat.Lookup(strings.TrimSpace(s))
		if !ok {
			return sel, unknownRule("--fix-only", s, cat)
		}
		ids[r.ID] = true
	}
	sel.Rules = func(id string) bool { return ids[id] }
	return sel, nil
}

// failedPins counts the image references whose digest lookup failed.
type failedPins struct {
	resolver lint.DigestResolver
	mu       sync.Mutex
	failed   map[string]bool
}

func (p *failedPins) Resolve(ctx context.Context, ref string) (string, error) {
	d, err := p.resolver.Resolve(ctx, ref)
	if err != nil {
		p.mu.Lock()
		if p.failed == nil {
			p.failed = map[string]bool{}
		}
		p.failed[ref] = true
		p.mu.Unlock()
	}
	return d, err
}

func (p *failedPins) count() int {
	if p == nil {
		return 0
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.failed)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// source returns a linted file's content for --show-source: standard input
// as read, or the file as it is now (fixed, after --fix).
func (fl *lintFlags) source(file string) []byte {
	if src, ok := fl.stdinSrc[file]; ok {
		return src
	}
	b, err := os.ReadFile(filepath.FromSlash(file))
	if err != nil {
		return nil
	}
	return b
}
