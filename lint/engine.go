package lint

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hardline-dev/hardline/lint/rule"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/hardline-dev/hardline/policies"
)

// DigestResolver resolves an image reference to its digest ("sha256:...").
// The engine asks for every image it pins, from several goroutines at once:
// a resolver remembers its answers (digest.Resolver does, failures included).
type DigestResolver interface {
	Resolve(ctx context.Context, ref string) (string, error)
}

// Options configure an Engine.
type Options struct {
	// Enabled selects the rules to run; nil runs them all.
	Enabled func(rule.Rule) bool
	// Severity overrides a rule's severity; nil keeps the METADATA one.
	Severity func(rule.Rule) rule.Severity
	// Config is what rules read as data.hardline.config. It must hold only
	// JSON types (string, float64, bool, []any, map[string]any).
	Config map[string]any
	// Parsers read each kind of file.
	Parsers map[Kind]Parser
	// Workers is the number of files linted at once, and of documents
	// evaluated at once; 0 means GOMAXPROCS.
	Workers int
	// Trace, when set, sees every rule result as Rego returned it, before
	// it is checked, with the input it was evaluated on (for tools and
	// tests). It is called from several goroutines at once.
	Trace func(input ast.Value, rule string, result ast.Value)
	// Digests, when set, turns image pinning intents into edits. Without
	// it hardline makes no network call.
	Digests DigestResolver
	// MaxFileSize is the size past which a file is reported (DF000 or
	// KS000) rather than linted; 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// FileTimeout bounds the evaluation of each document of a file; 0
	// means no bound other than the context's.
	FileTimeout time.Duration
	// NoInlineSuppressions ignores the suppressions written in the linted
	// files (comments and annotations): what they would silence is
	// reported, and a notice per file counts them.
	NoInlineSuppressions bool
}

// Engine evaluates compiled policies over parsed files. Build it once per
// process; it is safe for concurrent use.
type Engine struct {
	opts  Options
	rules map[string]rule.Rule
	// known maps every catalogue rule's lower-case ID and name to its ID.
	known map[string]string
	// declared is each rule's severity as its METADATA says.
	declared map[string]rule.Severity
	// objects are the objects whose summaries the rules over every
	// manifest read.
	objects objectSelection
	// evalSlots bound the documents evaluated at once, by every file
	// (each evaluates several of its documents at once) and every run.
	evalSlots chan struct{}

	cat   *policies.Catalog
	store storage.Store
	// compiled are the policies compiled for the engine's rules, shared
	// with the engines WithConfig makes.
	compiled *compiled
	// queries are the prepared queries, compiled when a run first needs
	// them: linting one Dockerfile does not compile the Kubernetes rules.
	mu      sync.RWMutex
	queries map[string]rego.PreparedEvalQuery
	// caches are refCaches emptied by the evaluation that used them.
	caches sync.Pool
}

// compiled are the compiled policies of each query: what does not depend
// on the configuration. The program of a query is also used to evaluate a
// timed-out file again rule by rule and name the slow one.
type compiled struct {
	mu       sync.Mutex
	programs map[string]*policies.Program
}

// noPods is the query for Kubernetes objects without pods.
const noPods = "kubernetes_nopods"

// queryNames are the inputs the engine evaluates, one prepared query each.
func queryNames() []string { return []string{"dockerfile", "kubernetes", "manifests", "runtime"} }

// queryInputs are the rule inputs a query collects. Image rules run with
// both per-document inputs.
func queryInputs(query string) []rule.Input {
	switch query {
	case "dockerfile":
		return []rule.Input{rule.InputDockerfile, rule.InputImage}
	case "kubernetes":
		return []rule.Input{rule.InputKubernetes, rule.InputImage}
	case "runtime":
		return []rule.Input{rule.InputRuntime, rule.InputImage}
	}
	return []rule.Input{rule.InputManifests}
}

// NewEngine compiles the enabled rules of cat, with their helpers, once.
func NewEngine(ctx context.Context, cat *policies.Catalog, opts Options) (*Engine, error) {
	return newEngine(ctx, cat, opts, &compiled{programs: map[string]*policies.Program{}})
}

// WithConfig returns an engine that runs the same rules, compiled once
// for both, with cfg as data.hardline.config (see Options.Config): a run
// under other settings, such as another Kubernetes version, compiles
// nothing again.
func (e *Engine) WithConfig(ctx context.Context, cfg map[string]any) (*Engine, error) {
	opts := e.opts
	opts.Config = cfg
	return newEngine(ctx, e.cat, opts, e.compiled)
}

func newEngine(ctx context.Context, cat *policies.Catalog, opts Options, c *compiled) (*Engine, error) {
	e := &Engine{opts: opts, cat: cat, rules: map[string]rule.Rule{}, compiled: c, queries: map[string]rego.PreparedEvalQuery{}}
	e.known = map[string]string{}
	e.declared = map[string]rule.Severity{}
	user := false
	for _, r := range cat.Rules {
		e.known[strings.ToLower(r.ID)] = r.ID
		e.known[strings.ToLower(r.Name)] = r.ID
		e.declared[r.ID] = r.Severity
		if opts.Enabled != nil && !opts.Enabled(r) {
			continue
		}
		if opts.Severity != nil {
			r.Severity = opts.Severity(r)
		}
		e.rules[r.ID] = r
		user = user || !r.Builtin
	}
	e.objects = selectObjects(e.rules)
	e.evalSlots = make(chan struct{}, e.workers())
	cfg := derivedConfig(opts.Config)
	// Rules read the configuration for every document: stored as Rego
	// values, it is not converted again on each read.
	e.store = inmem.NewFromObjectWithOpts(map[string]any{"hardline": map[string]any{"config": cfg}}, inmem.OptReturnASTValuesOnRead(true))
	if user {
		// A user's policies are checked now, whatever the run lints.
		if err := e.prepare(ctx, queryNames()); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// derivedConfig is cfg with what rules would otherwise work out for every
// document: trusted_registry_prefixes, the trusted_registries normalized.
func derivedConfig(cfg map[string]any) map[string]any {
	out := maps.Clone(cfg)
	if out == nil {
		out = map[string]any{}
	}
	if entries, ok := cfg["trusted_registries"].([]any); ok {
		prefixes := make([]any, 0, len(entries))
		for _, entry := range entries {
			s, ok := entry.(string)
			if !ok {
				return out // the rules read such a list as written
			}
			prefixes = append(prefixes, TrustedPrefix(s))
		}
		out["trusted_registry_prefixes"] = prefixes
	}
	return out
}

// prepare prepares the queries of names not prepared yet, compiling,
// together, those not compiled yet with the helpers and the rules they
// collect.
func (e *Engine) prepare(ctx context.Context, names []string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	var missing []string
	for _, name := range names {
		if _, ok := e.queries[name]; !ok && !slices.Contains(missing, name) {
			missing = append(missing, name)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	progs, err := e.compiled.get(e.cat, e.rules, missing)
	if err != nil {
		return err
	}
	for _, name := range slices.Sorted(maps.Keys(progs)) {
		pq, err := progs[name].Prepare(ctx, name, e.store)
		if err != nil {
			return fmt.Errorf("prepare %s policies: %w", name, err)
		}
		e.queries[name] = pq
	}
	return nil
}

// get returns the programs of the queries of names, and of the query over
// Kubernetes objects without pods with the one over Kubernetes objects,
// compiling those not compiled yet together. A query the program leaves
// out (see policies.Query) is left out.
func (c *compiled) get(cat *policies.Catalog, rules map[string]rule.Rule, names []string) (map[string]*policies.Program, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var queries []policies.Query
	for _, name := range names {
		if _, ok := c.programs[name]; !ok {
			queries = append(queries, policies.Query{Name: name, Inputs: queryInputs(name)})
			if name == "kubernetes" {
				queries = append(queries, policies.Query{Name: noPods, Inputs: queryInputs(name), WithoutPods: true})
			}
		}
	}
	if len(queries) > 0 {
		prog, err := cat.Compile(func(r rule.Rule) bool { _, ok := rules[r.ID]; return ok }, queries)
		if err != nil {
			return nil, err
		}
		for _, name := range prog.Queries() {
			c.programs[name] = prog
		}
	}
	out := map[string]*policies.Program{}
	for _, name := range names {
		if prog, ok := c.programs[name]; ok {
			out[name] = prog
		}
		if prog, ok := c.programs[noPods]; ok && name == "kubernetes" {
			out[noPods] = prog
		}
	}
	return out, nil
}

// prepared reports whether the query is prepared.
func (e *Engine) prepared(query string) bool {
	e.mu.RLock()
	defer e.mu.RUnlock()
	_, ok := e.queries[query]
	return ok
}

// mayHavePods reports whether a document may hold a pod: only a
// Kubernetes object read without one does not.
func mayHavePods(d Document) bool {
	o, ok := d.(Object)
	return !ok || o.MayHavePods()
}

// placeOf is the index of a Kubernetes object's YAML document and the key
// of its place in it (see objectPathKey); -1 and "" for other documents.
func placeOf(d Document) (doc int, objKey string) {
	o, ok := d.(Object)
	if !ok {
		return -1, ""
	}
	doc, path := o.Place()
	return doc, objectPathKey(path)
}

// queryFor is the query that evaluates the documents of a file of kind k.
func queryFor(k Kind) string {
	switch k {
	case KindYAML:
		return "kubernetes"
	case KindCompose, KindShell, KindMakefile, KindWorkflow:
		return "runtime"
	case KindDockerfile, KindUnknown:
	}
	return "dockerfile"
}

// queriesFor are the queries linting a file of kind k may evaluate: its
// own, and the one over every Kubernetes object for YAML.
func queriesFor(k Kind) []string {
	if k == KindYAML {
		return []string{"kubernetes", "manifests"}
	}
	return []string{queryFor(k)}
}

// Rules returns the rules the engine runs.
func (e *Engine) Rules() []rule.Rule {
	out := make([]rule.Rule, 0, len(e.rules))
	for _, r := range e.rules {
		out = append(out, r)
	}
	sortRules(out)
	return out
}

// Source is a file to lint.
type Source struct {
	// Path is the name findings carry.
	Path string
	Kind Kind
	// Src holds the content; when nil, the engine reads Path.
	Src []byte
	// Parser, when set, reads the file instead of the parser of its kind
	// (a manifest listed by a kustomization with a namespace).
	Parser Parser
	// Patch marks a file a kustomization uses as a patch: only the fields
	// it writes are checked (see lintFile).
	Patch bool
	// placements are results of rules over every manifest to place in
	// the file's documents as they are read (set by the run).
	placements []placement
	// Intents keeps the YAML intents of each fix (Fix.Intents), for a
	// caller that applies the fixes to other files: the templates of a
	// rendered chart.
	Intents bool
}

// fileResult is what linting one file produced.
type fileResult struct {
	findings  []Finding
	summaries []ast.Value
	notices   []Notice
	docs      int
	ignores   []*ignore
	// lineHashes are the fingerprints of the lines findings made later
	// may point at.
	lineHashes map[int]string
	// lines is the number of lines of the file.
	lines int
	err   error
	// overHold is set when the file made more findings than it could
	// hold: the result is partial.
	overHold bool
	// manifests are the findings of the file's placements (see
	// placement), manifestsErr the errors placing them.
	manifests    []Finding
	manifestsErr error
}

// Lint parses and evaluates every source concurrently and returns the
// sorted report. Problems with the input are findings; an error means
// hardline could not do its job for some file, and the report is still
// complete for the others.
func (e *Engine) Lint(ctx context.Context, srcs []Source) (*Report, error) {
	var findings []Finding
	rep, err := e.Stream(ctx, srcs, func(fs []Finding) error {
		findings = append(findings, fs...)
		return nil
	})
	if rep != nil {
		rep.Findings = findings
	}
	return rep, err
}

// lintFile lints one source. With part set, the findings (with their
// fingerprints) and suppressions of each document are handed to part as
// the document is done, with the fingerprints of every line, instead of
// being returned. With hold above 0, the linting stops once the file
// makes more than hold findings (the result is overHold, and partial).
func (e *Engine) lintFile(ctx context.Context, s Source, part func(docPart) error, hold int) fileResult {
	if err := ctx.Err(); err != nil {
		return fileResult{err: fmt.Errorf("lint %s: %w", s.Path, context.Cause(ctx))}
	}
	src, parser, early := e.load(s)
	if early != nil {
		// The placements are made without their documents.
		for _, p := range s.placements {
			f, err := e.manifestsFinding(ctx, s.Path, nil, nil, p)
			early.manifests, early.manifestsErr = appendFound(early.manifests, f, err, early.manifestsErr)
		}
		return *early
	}
	var onDoc func(docPart) error
	if part != nil {
		hashes := &lazyHashes{src: src}
		onDoc = func(p docPart) error {
			for i := range p.findings {
				p.findings[i].Fingerprint = hashes.line(p.findings[i].Range.Line)
			}
			p.hash = hashes.line
			return part(p)
		}
	}
	res, laterLines := e.lintDocuments(ctx, s, src, parser, onDoc, hold)
	if res.overHold {
		return res
	}
	for _, ig := range res.ignores {
		laterLines = append(laterLines, ig.at.Line)
	}
	hashes := lazyHashes{src: src}
	if len(res.findings) > 0 || len(laterLines) > 0 {
		res.lineHashes = map[int]string{}
		for _, n := range laterLines {
			if h := hashes.line(n); h != "" {
				res.lineHashes[n] = h
			}
		}
		for i := range res.findings {
			res.findings[i].Fingerprint = hashes.line(res.findings[i].Range.Line)
		}
	}
	for i := range res.manifests {
		res.manifests[i].Fingerprint = hashes.line(res.manifests[i].Range.Line)
	}
	return res
}

// appendFound appends f to fs, or err to errs.
func appendFound(fs []Finding, f Finding, err, errs error) ([]Finding, error) {
	if err != nil {
		return fs, errors.Join(errs, err)
	}
	return append(fs, f), errs
}

// load reads a source and picks its parser. When the file is not to be
// evaluated (unreadable, too large, binary, no parser), early is its
// result instead.
func (e *Engine) load(s Source) (src []byte, parser Parser, early *fileResult) {
	src = s.Src
	var tooLarge *TooLargeError
	if src == nil {
		b, err := ReadFile(s.Path, e.opts.MaxFileSize)
		switch {
		case errors.As(err, &tooLarge):
			r := e.unread(s, tooLarge)
			return nil, nil, &r
		case err != nil:
			return nil, nil, &fileResult{err: fmt.Errorf("read %s: %w", s.Path, err)}
		}
		src = b
	}
	if limit := cmp.Or(e.opts.MaxFileSize, DefaultMaxFileSize); int64(len(src)) > limit {
		r := e.unread(s, &TooLargeError{Size: int64(len(src)), Limit: limit})
		return nil, nil, &r
	}
	if Binary(src) {
		return nil, nil, &fileResult{notices: []Notice{{File: s.Path, Message: "skipped: a binary file (NUL bytes or not UTF-8), not a Dockerfile or YAML"}}}
	}
	parser, ok := e.opts.Parsers[s.Kind]
	if s.Parser != nil {
		parser, ok = s.Parser, true
	}
	if !ok {
		return nil, nil, &fileResult{err: fmt.Errorf("lint %s: no parser for %s files", s.Path, s.Kind)}
	}
	return src, parser, nil
}

// unread is the result for a file too large to read: a finding of the
// rule that reports unparseable files of its kind.
func (e *Engine) unread(s Source, err *TooLargeError) fileResult {
	id := "DF000"
	if s.Kind == KindYAML {
		id = "KS000"
	}
	rd, ok := e.rules[id]
	if !ok {
		return fileResult{notices: []Notice{{File: s.Path, Message: "skipped: " + err.Error()}}}
	}
	return fileResult{findings: []Finding{{
		RuleID: rd.ID, Name: rd.Name, Severity: rd.Severity, File: s.Path,
		Message: err.Error() + ": not linted", doc: -1,
		Range: Range{Line: 1, Column: 1, EndLine: 1, EndColumn: 1},
	}}}
}

// lintManifests runs the rules that see every Kubernetes object at once.
// A result that gives a path, or a fix that edits fields, is about the
// object it names (file, document, object_path): when later says it can
// wait for its file, still to be linted, it waits (see placement);
// otherwise its file is read again and only that object built to place
// it. lines is the number of lines of each file.
func (e *Engine) lintManifests(ctx context.Context, summaries []*ast.Term, srcs []Source, lines map[string]int, later func(file string, r ruleResult) bool) ([]Finding, map[string][]placement, error) {
	input := ast.NewObject(
		[2]*ast.Term{ast.StringTerm("type"), ast.StringTerm("manifests")},
		[2]*ast.Term{ast.StringTerm("objects"), ast.ArrayTerm(summaries...)},
	)
	pairs, err := e.eval(ctx, "manifests", input)
	if err != nil {
		return nil, nil, fmt.Errorf("evaluate manifests: %w", err)
	}
	// One file read again at a time, forward: results in file and
	// document order.
	type placed struct {
		p        pair
		file     string
		document int
	}
	order := make([]placed, len(pairs))
	for i, p := range pairs {
		order[i].p = p
		order[i].file, order[i].document = resultPlace(p)
	}
	slices.SortStableFunc(order, func(a, b placed) int {
		return cmp.Or(strings.Compare(a.file, b.file), cmp.Compare(a.document, b.document))
	})
	var cur struct {
		file   string
		parsed *parsedFile
	}
	var byPath map[string]Source
	var out []Finding
	waiting := map[string][]placement{}
	var errs []error
	for _, pl := range order {
		p, file := pl.p, pl.file
		n, known := lines[file]
		if !known {
			n = -1
		}
		rd, r, ok, err := e.decode(p, n, -1)
		if err == nil && ok && !known {
			err = &resultError{rule: rd.ID, err: fmt.Errorf("a manifests result needs the file of a linted object, got file %q", file)}
			ok = false
		}
		if err != nil {
			errs = append(errs, err)
		}
		if !ok {
			continue
		}
		var doc Document
		var src []byte
		// A path is placed, and fix intents edited, in the object's
		// document; a range and a fix that only displays need neither.
		if r.path != nil || r.fix != nil && len(r.fix.intents) > 0 {
			if r.objectPath != nil && later(file, r) {
				waiting[file] = append(waiting[file], placement{rd.ID, r})
				continue
			}
			if cur.parsed == nil || cur.file != file {
				if byPath == nil {
					byPath = make(map[string]Source, len(srcs))
					for _, s := range srcs {
						if s.Kind == KindYAML {
							byPath[s.Path] = s
						}
					}
				}
				pf := e.reparse(byPath[file])
				cur.file, cur.parsed = file, &pf
				if pf.err != nil {
					errs = append(errs, pf.err)
				}
			}
			pf := cur.parsed
			doc, src = pf.place(r.document, r.objectPath), pf.src
		}
		f, err := e.manifestsFinding(ctx, file, src, doc, placement{rd.ID, r})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if src != nil {
			// Placed by a path, it may be on a line the summaries do
			// not point at.
			f.Fingerprint = cur.parsed.hashes.line(f.Range.Line)
		}
		out = append(out, f)
	}
	return out, waiting, errors.Join(errs...)
}

// placement is a result of a rule over every manifest about an object of
// a file not linted yet: it is placed in the object's document when the
// file is read to be linted (see lintDocuments), not read once more.
type placement struct {
	// rule is the rule's ID: a run holds a placement for every such
	// result of the files linted last, not a copy of its rule each.
	rule string
	r    ruleResult
}

// manifestsFinding makes the finding of a result of a rule over every
// manifest, in doc (nil when the result's object was not found) of file
// src (nil when not read).
func (e *Engine) manifestsFinding(ctx context.Context, file string, src []byte, doc Document, p placement) (Finding, error) {
	r := p.r
	if r.rng == nil && doc == nil {
		return Finding{}, &resultError{rule: p.rule, err: fmt.Errorf("a path in %s document %d, which was not found", file, r.document)}
	}
	f, _ := e.finding(ctx, e.rules[p.rule], file, src, doc, r)
	f.doc = r.document
	if r.objectPath != nil {
		f.obj = objectPathKey(r.objectPath)
	}
	return f, nil
}

// resultPlace is the "file" and "document" of a manifests result, or ""
// and 0.
func resultPlace(p pair) (file string, document int) {
	m, _ := fields(p.result)
	f, _ := m["file"].(ast.String)
	document, _ = integer(m["document"])
	return string(f), document
}

// parsedFile is a YAML file read again for rules over every manifest.
type parsedFile struct {
	src []byte
	// place finds the document of an object: see Placer.
	place func(index int, objPath []any) Document
	err   error
	// hashes are the fingerprints of its lines.
	hashes *lazyHashes
}

// lazyHashes are the fingerprints of the lines of src, worked out when a
// line first needs one.
type lazyHashes struct {
	src    []byte
	hashes *lineHashes
}

// line is the fingerprint of line n, "" for a line src does not have.
func (h *lazyHashes) line(n int) string {
	if h.hashes == nil {
		hs := hashLines(h.src)
		h.hashes = &hs
	}
	return h.hashes.line(n)
}

// reparse reads a linted YAML file again for its parser, a Placer, to
// build the objects results point at.
func (e *Engine) reparse(s Source) parsedFile {
	none := func(int, []any) Document { return nil }
	p, ok := e.opts.Parsers[s.Kind].(Placer)
	if !ok || s.Path == "" {
		return parsedFile{place: none, err: fmt.Errorf("%s: its parser cannot place the results of rules over every manifest", s.Path)}
	}
	src := s.Src
	if src == nil {
		b, err := ReadFile(s.Path, e.opts.MaxFileSize)
		if err != nil {
			return parsedFile{err: fmt.Errorf("read %s: %w", s.Path, err), place: none}
		}
		src = b
	}
	return parsedFile{src: src, place: p.Placer(s.Path, src), hashes: &lazyHashes{src: src}}
}

// severityOverridden reports whether the configuration set the rule's
// severity.
func (e *Engine) severityOverridden(r rule.Rule) bool {
	return e.opts.Severity != nil && e.declared[r.ID] != r.Severity
}

// ruleState tells whether a rule ID or name exists and runs.
func (e *Engine) ruleState(idOrName string) (exists, enabled bool) {
	id, exists := e.known[strings.ToLower(idOrName)]
	_, enabled = e.rules[id]
	return exists, enabled
}

// pair is one result of one rule, as Rego gave it.
type pair struct {
	id     string
	result ast.Value
}

func (e *Engine) eval(ctx context.Context, query string, input ast.Value) ([]pair, error) {
	e.mu.RLock()
	pq, ok := e.queries[query]
	e.mu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("no %s query prepared", query)
	}
	cache, _ := e.caches.Get().(*refCache)
	if cache == nil {
		cache = newRefCache()
	}
	// The results are read as Rego values: not converted to Go's first.
	rs, err := pq.Eval(ctx, rego.EvalParsedInput(input), rego.EvalGenerateJSON(asTerm), rego.EvalVirtualCache(cache))
	if cache.reset() {
		e.caches.Put(cache)
	}
	if err != nil {
		return nil, err
	}
	var out []pair
	for _, r := range rs {
		for _, expr := range r.Expressions {
			t, _ := expr.Value.(*ast.Term)
			set, ok := t.Value.(ast.Set)
			if !ok {
				continue
			}
			set.Foreach(func(v *ast.Term) {
				tuple, ok := v.Value.(*ast.Array)
				if !ok || tuple.Len() != 2 {
					return
				}
				id, _ := tuple.Elem(0).Value.(ast.String)
				if e.opts.Trace != nil {
					e.opts.Trace(input, string(id), tuple.Elem(1).Value)
				}
				out = append(out, pair{id: string(id), result: tuple.Elem(1).Value})
			})
		}
	}
	return out, nil
}

// asTerm leaves a result as Rego gave it (rego.EvalGenerateJSON).
func asTerm(t *ast.Term, _ *rego.EvalContext) (any, error) { return t, nil }

// finding turns one decoded rule result into a finding. doc and src are
// nil for rules over every manifest.
func (e *Engine) finding(ctx context.Context, rd rule.Rule, file string, src []byte, doc Document, res ruleResult) (Finding, []Notice) {
	f := Finding{RuleID: rd.ID, Name: rd.Name, Severity: rd.Severity, File: file, Message: res.msg}
	if res.severity != "" && !e.severityOverridden(rd) {
		// A result may raise or lower its rule's severity, unless the
		// configuration set the rule's severity explicitly.
		if v, err := rule.ParseSeverity(res.severity); err == nil {
			f.Severity = v
		}
	}
	if f.Message == "" {
		f.Message = strings.ToLower(rd.Title)
	}
	switch {
	case res.rng != nil:
		f.Range = *res.rng
	case doc != nil:
		f.Range = doc.Locate(res.path)
	}
	f.path = res.path
	var notices []Notice
	if res.fix != nil {
		fix, n := e.fix(ctx, rd, file, src, doc, *res.fix)
		notices = n
		if fix.Title != "" {
			f.Fixes = append(f.Fixes, fix)
		}
	}
	return f, notices
}

// MaxFileSize is the size past which a file is reported rather than
// linted.
func (e *Engine) MaxFileSize() int64 { return cmp.Or(e.opts.MaxFileSize, DefaultMaxFileSize) }

// programFor is the compiled policies of a prepared query, or nil.
func (e *Engine) programFor(query string) *policies.Program {
	e.compiled.mu.Lock()
	defer e.compiled.mu.Unlock()
	return e.compiled.programs[query]
}

// decode checks and decodes the result of p, for a file of the given
// number of lines and bytes (-1 when not known). ok is false for the
// results of rules that do not run.
func (e *Engine) decode(p pair, lines, size int) (rd rule.Rule, res ruleResult, ok bool, err error) {
	rd, ok = e.rules[p.id]
	if !ok {
		return rd, res, false, nil
	}
	res, err = decodeResult(rd.ID, p.result, lines, size)
	return rd, res, err == nil, err
}

// lineCount is the number of lines of src, counting every line break a
// parser may count (LF, CR LF, lone CR, and YAML's NEL, LS and PS).
func lineCount(src []byte) int {
	n := 1 + bytes.Count(src, []byte{'\n'}) + bytes.Count(src, []byte("\u0085")) +
		bytes.Count(src, []byte("\u2028")) + bytes.Count(src, []byte("\u2029"))
	return n + bytes.Count(src, []byte{'\r'}) - bytes.Count(src, []byte("\r\n"))
}
