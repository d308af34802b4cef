package formats

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/flate"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hardline-dev/hardline/lint/rule"

	"github.com/hardline-dev/hardline/lint"
)

// SARIF writes the report as a SARIF 2.1.0 log with one run, as GitHub code
// scanning and editors' SARIF viewers read it.
type SARIF struct {
	// Version is hardline's version, written as tool.driver.version.
	Version string
	// WorkDir is the absolute directory that relative file names are
	// relative to, normally the repository root. Artifact URIs are relative
	// to it (uriBaseId %SRCROOT%); files outside it get absolute file URIs.
	WorkDir string
}

// SARIF constants.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
	toolName     = "hardline"
	toolURI      = "https://github.com/hardline-dev/hardline"
	rulesDocURI  = toolURI + "/blob/main/docs/rules.md#"
	srcRoot      = "%SRCROOT%"
	// maxSARIFText is GitHub's limit for a rule's short and full
	// descriptions and help text, applied to messages too. It counts bytes
	// here, which is never fewer than characters or UTF-16 code units.
	maxSARIFText = 1024
	// maxSARIFTags is GitHub's limit of tags per rule.
	maxSARIFTags = 20
)

// semverRE matches a semantic version (semver.org 2.0.0) without a "v".
var semverRE = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	Invocations        []sarifInvocation                `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                           `json:"columnKind"`
	Results            []sarifResult                    `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version,omitempty"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 sarifHelp          `json:"help"`
	HelpURI              string             `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags             []string `json:"tags"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
	Precision        string   `json:"precision"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                  `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification   `json:"toolExecutionNotifications,omitempty"`
	Properties                 *sarifInvocationProps `json:"properties,omitempty"`
}

// sarifInvocationProps names the configuration file the run used.
type sarifInvocationProps struct {
	Configuration string `json:"configuration"`
}

type sarifNotification struct {
	Level          string        `json:"level"`
	Message        sarifText     `json:"message"`
	Locations      []sarifLoc    `json:"locations,omitempty"`
	AssociatedRule *sarifRuleRef `json:"associatedRule,omitempty"`
}

type sarifRuleRef struct {
	ID    string `json:"id"`
	Index int    `json:"index"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLoc         `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints,omitempty"`
	Fixes               []sarifFix         `json:"fixes,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          *sarifResultProps  `json:"properties,omitempty"`
}

// sarifResultProps says how a finding on rendered output (a Helm chart, a
// Kustomize overlay) was placed in its source.
type sarifResultProps struct {
	Mapping string `json:"hardline/mapping"`
}

type sarifLoc struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int  `json:"startLine"`
	StartColumn int  `json:"startColumn,omitempty"`
	EndLine     int  `json:"endLine,omitempty"`
	EndColumn   int  `json:"endColumn,omitempty"`
	ByteOffset  *int `json:"byteOffset,omitempty"`
	ByteLength  *int `json:"byteLength,omitempty"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	Properties      sarifFixProps         `json:"properties"`
}

// sarifFixProps tells when hardline applies a fix: "safe" with --fix,
// "unsafe" only with --unsafe-fixes.
type sarifFixProps struct {
	Applicability string `json:"applicability"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent *sarifText  `json:"insertedContent,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

// Format writes the report as SARIF.
func (s SARIF) Format(w io.Writer, r *lint.Report) error {
	r = orEmpty(r)
	return writeAll(s.Stream(w, r), r)
}

// Stream encodes the results as they come and holds them compressed:
// SARIF puts the run's notifications, known at the end, before its
// results, so no result can be written before the run is over.
func (s SARIF) Stream(w io.Writer, head *lint.Report) Stream {
	_, index := sarifRules(&lint.Report{Rules: head.Rules})
	st := &sarifStream{s: s, w: w, rules: head.Rules, index: index}
	// BestSpeed cannot fail: the level is valid.
	st.zw, _ = flate.NewWriter(&st.held, flate.BestSpeed)
	return st
}

// sarifIndent is the indentation of a result in the log.
const sarifIndent = "        "

type sarifStream struct {
	s     SARIF
	w     io.Writer
	rules []rule.Rule
	// index is the index of each rule of rules.
	index map[string]int
	// held are the results, compressed: each a record of a kind byte, then
	// either a length and the encoded result (sarifEncoded), or the
	// position in missing of its finding (sarifMissing).
	held bytes.Buffer
	zw   *flate.Writer
	n    int
	// missing are the findings of rules not in rules, encoded at the end
	// when their rules have an index.
	missing []lint.Finding
	// notes are the notifications of parse failures, whose rule index is
	// set at the end.
	notes []sarifNotification
	// enc is room for encoding a result.
	enc []byte
}

// The kinds of record of a held result.
const (
	sarifEncoded byte = iota
	sarifMissing
)

func (st *sarifStream) Findings(fs []lint.Finding) error {
	var rec []byte
	for i := range fs {
		f := &fs[i]
		res := st.s.result(f, st.index[f.RuleID])
		rec = rec[:0]
		if _, known := st.index[f.RuleID]; known {
			st.enc = appendSARIFResult(st.enc[:0], &res)
			rec = append(rec, sarifEncoded)
			rec = binary.AppendVarint(rec, int64(len(st.enc)))
			rec = append(rec, st.enc...)
		} else {
			rec = append(rec, sarifMissing)
			rec = binary.AppendVarint(rec, int64(len(st.missing)))
			st.missing = append(st.missing, *f)
		}
		if _, err := st.zw.Write(rec); err != nil {
			return err
		}
		st.n++
		if isParseFailure(f.RuleID) && f.Suppression == nil {
			st.notes = append(st.notes, sarifNotification{
				Level:          "error",
				Message:        sarifText{Text: limitText(withFile(f.File, f.Message))},
				Locations:      res.Locations,
				AssociatedRule: &sarifRuleRef{ID: f.RuleID},
			})
		}
	}
	return nil
}

func (st *sarifStream) End(r *lint.Report) error {
	r = orEmpty(r)
	s := st.s
	rules, index := sarifRules(&lint.Report{Rules: st.rules, Findings: st.missing})
	version, semantic := driverVersion(s.Version)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:            toolName,
			Version:         version,
			SemanticVersion: semantic,
			InformationURI:  toolURI,
			Rules:           rules,
		}},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	if s.WorkDir != "" && filepath.IsAbs(s.WorkDir) {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{srcRoot: {URI: dirURI(s.WorkDir)}}
	}
	var notes notifications
	for _, note := range st.notes {
		note.AssociatedRule.Index = index[note.AssociatedRule.ID]
		notes.add(note)
	}
	for _, n := range r.Notices {
		note := sarifNotification{Level: "note", Message: sarifText{Text: limitText(withFile(n.File, n.Message))}}
		if n.File != "" {
			note.Locations = []sarifLoc{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: s.artifactLocation(n.File)}}}
		}
		notes.add(note)
	}
	for _, n := range r.Errors {
		note := sarifNotification{Level: "error", Message: sarifText{Text: limitText(withFile(n.File, n.Message))}}
		if n.File != "" {
			note.Locations = []sarifLoc{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: s.artifactLocation(n.File)}}}
		}
		notes.add(note)
	}
	inv := sarifInvocation{ExecutionSuccessful: len(r.Errors) == 0, ToolExecutionNotifications: notes.list}
	if r.Config != "" {
		inv.Properties = &sarifInvocationProps{Configuration: r.Config}
	}
	run.Invocations = []sarifInvocation{inv}
	log, err := encodeJSON(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}}, "")
	if err != nil {
		return err
	}
	const key = `"results": [`
	at := bytes.Index(log, []byte(key))
	if at < 0 {
		return errors.New("encode SARIF log: no results array")
	}
	at += len(key)
	buf := bufio.NewWriter(st.w)
	out := &errWriter{w: buf}
	out.write(log[:at])
	if err := st.zw.Close(); err != nil {
		return err
	}
	if err := st.writeResults(out, index); err != nil {
		return err
	}
	if st.n > 0 {
		out.write([]byte("\n      "))
	}
	out.write(log[at:])
	if out.err != nil {
		return out.err
	}
	return buf.Flush()
}

// errWriter writes until the first error, which it keeps.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) write(b []byte) { _, _ = e.Write(b) }

func (e *errWriter) Write(b []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	var n int
	n, e.err = e.w.Write(b)
	return n, e.err
}

// writeResults writes the held results, each on a new line after a comma
// but the first.
func (st *sarifStream) writeResults(out *errWriter, index map[string]int) error {
	in := bufio.NewReader(flate.NewReader(&st.held))
	for i := range st.n {
		if i > 0 {
			out.write([]byte(","))
		}
		out.write([]byte("\n" + sarifIndent))
		kind, err := in.ReadByte()
		if err != nil {
			return fmt.Errorf("read held results: %w", err)
		}
		n, err := binary.ReadVarint(in)
		if err != nil {
			return fmt.Errorf("read held results: %w", err)
		}
		if kind == sarifMissing {
			if n < 0 || n >= int64(len(st.missing)) {
				return errors.New("read held results: no such finding")
			}
			f := &st.missing[n]
			res := st.s.result(f, index[f.RuleID])
			out.write(appendSARIFResult(nil, &res))
			continue
		}
		if _, err := io.CopyN(out, in, n); err != nil && out.err == nil {
			return fmt.Errorf("read held results: %w", err)
		}
	}
	return out.err
}

func (s SARIF) result(f *lint.Finding, ruleIndex int) sarifResult {
	res := sarifResult{
		RuleID:    f.RuleID,
		RuleIndex: ruleIndex,
		Level:     f.Severity.Name("error", "warning", "note"),
		Message:   sarifText{Text: limitText(f.Message)},
		Locations: []sarifLoc{{PhysicalLocation: sarifPhysicalLocation{
			ArtifactLocation: s.artifactLocation(f.File),
			Region:           resultRegion(f.Range),
		}}},
	}
	if f.Mapping != "" {
		res.Properties = &sarifResultProps{Mapping: f.Mapping}
	}
	if f.Fingerprint != "" {
		res.PartialFingerprints = map[string]string{"primaryLocationLineHash": f.Fingerprint}
	}
	for _, fix := range f.Fixes {
		if sf, ok := s.fix(f.File, fix); ok && !slices.ContainsFunc(res.Fixes, func(x sarifFix) bool { return sameFix(&x, &sf) }) {
			res.Fixes = append(res.Fixes, sf)
		}
	}
	if sup := f.Suppression; sup != nil {
		// Ignore comments and annotations, the only suppressions, are in the file.
		res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: sup.Justification}}
	}
	return res
}

// fix converts a fix that has edits; display fixes have none and are left
// out.
func (s SARIF) fix(file string, fix lint.Fix) (sarifFix, bool) {
	if len(fix.Edits) == 0 {
		return sarifFix{}, false
	}
	sf := sarifFix{
		Description: sarifText{Text: limitText(fix.Title)},
		Properties:  sarifFixProps{Applicability: fix.Applicability.String()},
	}
	byFile := map[string]int{}
	for _, e := range fix.Edits {
		ef := cmp.Or(e.File, file)
		i, ok := byFile[ef]
		if !ok {
			i = len(sf.ArtifactChanges)
			byFile[ef] = i
			sf.ArtifactChanges = append(sf.ArtifactChanges, sarifArtifactChange{ArtifactLocation: s.artifactLocation(ef)})
		}
		rep := sarifReplacement{DeletedRegion: editRegion(e.Range)}
		if e.NewText != "" {
			rep.InsertedContent = &sarifText{Text: e.NewText}
		}
		sf.ArtifactChanges[i].Replacements = append(sf.ArtifactChanges[i].Replacements, rep)
	}
	return sf, true
}

// artifactLocation names file relative to WorkDir (%SRCROOT%) when it is
// inside it, else by an absolute file URI.
func (s SARIF) artifactLocation(file string) sarifArtifactLocation {
	p := filepath.FromSlash(file)
	if s.WorkDir == "" {
		if filepath.IsAbs(p) {
			return sarifArtifactLocation{URI: fileURI(p)}
		}
		return sarifArtifactLocation{URI: relativeURI(filepath.ToSlash(filepath.Clean(p))), URIBaseID: srcRoot}
	}
	abs := p
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(s.WorkDir, p)
	}
	rel, err := filepath.Rel(s.WorkDir, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return sarifArtifactLocation{URI: fileURI(abs)}
	}
	return sarifArtifactLocation{URI: relativeURI(filepath.ToSlash(rel)), URIBaseID: srcRoot}
}

// relativeURI escapes a slash-separated relative path as a URI reference.
func relativeURI(p string) string {
	u := url.URL{Path: p}
	return u.String() // "./" is prepended when the first segment has a colon
}

// fileURI is the file URI of an absolute path.
func fileURI(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String()
}

// dirURI is the file URI of a directory, ending with a slash.
func dirURI(dir string) string {
	u := fileURI(filepath.Clean(dir))
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// driverVersion drops the "v" of a Go module version, as SARIF viewers
// compare versions that start with a digit, and gives it again as the
// semantic version when it is one.
func driverVersion(v string) (version, semantic string) {
	version = strings.TrimSpace(v)
	if len(version) > 1 && version[0] == 'v' && version[1] >= '0' && version[1] <= '9' {
		version = version[1:]
	}
	if semverRE.MatchString(version) {
		semantic = version
	}
	return version, semantic
}

// resultRegion is a finding's region; a finding about the whole file
// points at its first line.
func resultRegion(rg lint.Range) *sarifRegion {
	if rg.IsZero() {
		return &sarifRegion{StartLine: 1}
	}
	reg := &sarifRegion{StartLine: rg.Line, StartColumn: max(rg.Column, 0)}
	if rg.EndLine > rg.Line || (rg.EndLine == rg.Line && rg.EndColumn > max(rg.Column, 1)) {
		reg.EndLine, reg.EndColumn = rg.EndLine, max(rg.EndColumn, 0)
	}
	return reg
}

// editRegion is the region an edit replaces, by line and column and by
// byte offsets. An empty region is an insertion point.
func editRegion(rg lint.Range) sarifRegion {
	reg := sarifRegion{StartLine: max(rg.Line, 1), StartColumn: max(rg.Column, 1)}
	reg.EndLine, reg.EndColumn = reg.StartLine, reg.StartColumn
	if rg.EndLine > reg.StartLine || (rg.EndLine == reg.StartLine && rg.EndColumn > reg.StartColumn) {
		reg.EndLine, reg.EndColumn = rg.EndLine, max(rg.EndColumn, 1)
	}
	if rg.Offset >= 0 && rg.EndOffset >= rg.Offset {
		off, n := rg.Offset, rg.EndOffset-rg.Offset
		reg.ByteOffset, reg.ByteLength = &off, &n
	}
	return reg
}

// sarifRules describes every rule of the report, plus any rule a finding
// names that the report lacks, and indexes them by ID.
func sarifRules(r *lint.Report) ([]sarifRule, map[string]int) {
	rules := make([]sarifRule, 0, len(r.Rules))
	index := make(map[string]int, len(r.Rules))
	add := func(rd rule.Rule) {
		if _, dup := index[rd.ID]; dup {
			return
		}
		index[rd.ID] = len(rules)
		rules = append(rules, sarifRuleOf(rd))
	}
	for _, rd := range r.Rules {
		add(rd)
	}
	var missing []rule.Rule
	for i := range r.Findings {
		f := &r.Findings[i]
		if _, ok := index[f.RuleID]; !ok && !slices.ContainsFunc(missing, func(m rule.Rule) bool { return m.ID == f.RuleID }) {
			missing = append(missing, rule.Rule{ID: f.RuleID, Name: f.Name, Title: cmp.Or(f.Name, f.RuleID), Severity: f.Severity})
		}
	}
	slices.SortFunc(missing, func(a, b rule.Rule) int { return strings.Compare(a.ID, b.ID) })
	for _, rd := range missing {
		add(rd)
	}
	return rules, index
}

func sarifRuleOf(rd rule.Rule) sarifRule {
	title := cmp.Or(strings.TrimSpace(rd.Title), rd.ID)
	// GitHub shows a rule with the security tag and a security-severity
	// as a security alert (critical, high, medium, low); other rules, such
	// as parse errors and stale suppressions, as error, warning or note.
	score, security := rd.EffectiveSecuritySeverity()
	var tags []string
	if security {
		tags = append(tags, "security")
	}
	if rd.Input != "" {
		tags = append(tags, string(rd.Input))
	}
	tags = append(tags, rd.Levels...)
	tags = append(tags, rd.Tags...)
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		if t != "" && !slices.Contains(out, t) && len(out) < maxSARIFTags {
			out = append(out, t)
		}
	}
	return sarifRule{
		ID:               rd.ID,
		Name:             pascalCase(cmp.Or(rd.Name, rd.ID)),
		ShortDescription: sarifText{Text: limitText(title)},
		FullDescription:  sarifText{Text: limitText(cmp.Or(strings.TrimSpace(rd.Description), title))},
		Help: sarifHelp{
			Text:     helpText(rd, title),
			Markdown: helpMarkdown(rd, title),
		},
		HelpURI:              helpURI(rd),
		DefaultConfiguration: sarifConfiguration{Level: rd.Severity.Name("error", "warning", "note")},
		Properties: sarifRuleProps{
			Tags:             out,
			SecuritySeverity: securitySeverity(score, security),
			Precision:        rd.EffectivePrecision(),
		},
	}
}

// helpURI links a built-in rule to its section of docs/rules.md.
func helpURI(rd rule.Rule) string {
	if !rd.Builtin {
		if len(rd.References) > 0 {
			return rd.References[0]
		}
		return ""
	}
	return rulesDocURI + strings.ToLower(rd.ID)
}

// helpText is the plain-text help: the description, why, remediation and
// examples, leaving out whole sections that would take it past GitHub's
// limit.
func helpText(rd rule.Rule, title string) string {
	sections := []string{cmp.Or(strings.TrimSpace(rd.Description), title)}
	if s := strings.TrimSpace(rd.Why); s != "" {
		sections = append(sections, "Why it matters: "+s)
	}
	if s := strings.TrimSpace(rd.Remediation); s != "" {
		sections = append(sections, "How to fix: "+s)
	}
	if s := strings.TrimRight(rd.Bad, "\n"); s != "" {
		sections = append(sections, "Bad:\n"+s)
	}
	if s := strings.TrimRight(rd.Good, "\n"); s != "" {
		sections = append(sections, "Good:\n"+s)
	}
	text := limitText(sections[0])
	for _, s := range sections[1:] {
		if len(text)+2+len(s) <= maxSARIFText {
			text += "\n\n" + s
		}
	}
	return text
}

func helpMarkdown(rd rule.Rule, title string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n\n", title)
	writeRuleMarkdown(&b, rd)
	return strings.TrimRight(b.String(), "\n")
}

func writeExample(b *strings.Builder, label, lang, code string) {
	code = strings.TrimRight(code, "\n")
	if code == "" {
		return
	}
	fence := "```"
	for strings.Contains(code, fence) {
		fence += "`"
	}
	fmt.Fprintf(b, "%s:\n\n%s%s\n%s\n%s\n\n", label, fence, lang, code, fence)
}

// pascalCase turns a kebab-case name into PascalCase: "no-new-privileges"
// becomes "NoNewPrivileges".
func pascalCase(name string) string {
	var b strings.Builder
	for part := range strings.FieldsFuncSeq(name, func(r rune) bool { return r == '-' || r == '_' || unicode.IsSpace(r) }) {
		r, n := utf8.DecodeRuneInString(part)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(part[n:])
	}
	return b.String()
}

// securitySeverity writes a rule's score as GitHub reads it, a string:
// 9.0 and above is critical, 7.0 high, 4.0 medium, below that low.
func securitySeverity(score float64, security bool) string {
	if !security {
		return ""
	}
	return strconv.FormatFloat(score, 'f', 1, 64)
}

func isParseFailure(ruleID string) bool { return ruleID == "DF000" || ruleID == "KS000" }

// notifications collects tool notifications without duplicates, which the
// schema forbids.
type notifications struct {
	list []sarifNotification
	seen map[string]bool
}

func (n *notifications) add(note sarifNotification) {
	key, err := json.Marshal(note)
	if err != nil || n.seen[string(key)] {
		return
	}
	if n.seen == nil {
		n.seen = make(map[string]bool)
	}
	n.seen[string(key)] = true
	n.list = append(n.list, note)
}

// sameFix reports whether two fixes are written the same.
func sameFix(a, b *sarifFix) bool {
	var wa, wb jsonWriter
	wa.fix(a)
	wb.fix(b)
	return bytes.Equal(wa.b, wb.b)
}

// withFile prefixes a message with the file it is about.
func withFile(file, msg string) string {
	if file == "" {
		return msg
	}
	return file + ": " + msg
}

// limitText keeps s within maxSARIFText bytes, cutting at a rune boundary
// and ending with an ellipsis.
func limitText(s string) string {
	if len(s) <= maxSARIFText {
		return s
	}
	const ellipsis = "…"
	cut := maxSARIFText - len(ellipsis)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.TrimRightFunc(s[:cut], unicode.IsSpace) + ellipsis
}

// writeJSON writes v as indented JSON. encoding/json escapes the C0
// controls; C1 controls and bidirectional-text controls, which some
// terminals and viewers act on, are escaped too (as \uXXXX, which only
// occur inside strings, so the JSON means the same).
func writeJSON(w io.Writer, v any) error {
	out, err := encodeJSON(v, "")
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// encodeJSON encodes v indented by two spaces, each line after the first
// starting with prefix, and escapes the characters a terminal or editor
// could misread (see lint.UnsafeRune).
func encodeJSON(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent(prefix, "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	out := buf.Bytes()
	if bytes.ContainsFunc(out, lint.UnsafeRune) {
		var esc bytes.Buffer
		for _, r := range string(out) {
			if lint.UnsafeRune(r) {
				fmt.Fprintf(&esc, `\u%04x`, r)
			} else {
				esc.WriteRune(r)
			}
		}
		out = esc.Bytes()
	}
	return out, nil
}
