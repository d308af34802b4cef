// Package helm renders a Helm chart in-process, offline, for linting, and
// places findings on the rendered objects in the chart's templates and
// values file.
package helm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"helm.sh/helm/v4/pkg/chart/common"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/kube"
	"github.com/hardline-dev/hardline/lint/render"
)

// Limits on what a chart may make hardline read and do.
const (
	maxChartBytes = 64 << 20
	renderTimeout = 30 * time.Second
)

// Options are the render settings, as for helm template.
type Options struct {
	ValuesFiles []string
	Set         []string
	Release     string
	Namespace   string
	// KubeVersion ("1.34") is the cluster version the templates see.
	KubeVersion string
	// Read reads a file; nil reads the disk (bounded).
	Read func(path string) ([]byte, error)
	// Child, when set, runs the templates in a separate process whose
	// memory is bounded and which is killed at the deadline; nil renders
	// in this process, bounded in time only.
	Child *Child
}

// chartFile is a file of the chart, by its slash path relative to the
// chart directory.
type chartFile struct {
	Rel  string
	Data []byte
}

// Render renders the chart in dir (slash-separated, as linted).
func Render(ctx context.Context, dir string, opts Options) *render.Unit {
	read := opts.Read
	if read == nil {
		read = render.ReadFile
	}
	u := &render.Unit{What: "Helm chart", Dir: dir, Read: read}
	files, notices, err := readChart(dir, read)
	u.Notices = notices
	if err != nil {
		u.Findings = append(u.Findings, render.ErrorFinding(dir+"/Chart.yaml", 1, "cannot read the Helm chart: "+err.Error()))
		return u
	}
	m := &mapper{dir: dir, files: map[string][]byte{}}
	req := request{
		Files: files, Set: opts.Set, KubeVersion: opts.KubeVersion,
		Release: cmpOr(opts.Release, "release-name"), Namespace: cmpOr(opts.Namespace, "default"),
	}
	for _, f := range files {
		m.files[f.Rel] = f.Data
		u.Files = append(u.Files, dir+"/"+f.Rel)
	}
	u.Mapper = m
	for _, vf := range opts.ValuesFiles {
		p := filepath.ToSlash(vf)
		b, err := read(p)
		if err != nil {
			u.Findings = append(u.Findings, render.ErrorFinding(p, 1, "cannot read Helm values: "+err.Error()))
			return u
		}
		m.overrides = append(m.overrides, valuesFile{path: p, src: b})
		req.Values = append(req.Values, chartFile{Rel: p, Data: b})
	}
	m.overridden = len(opts.ValuesFiles) > 0 || len(opts.Set) > 0
	c, top, err := req.prepare()
	if c != nil {
		for _, dep := range c.Metadata.Dependencies {
			if !slices.ContainsFunc(c.Dependencies(), func(d *chart.Chart) bool { return d.Name() == dep.Name }) {
				u.Notices = append(u.Notices, lint.Notice{File: dir + "/Chart.yaml", Message: fmt.Sprintf(
					"dependency %s is not in charts/: rendered without it (hardline never downloads charts; run helm dependency build)", dep.Name)})
			}
		}
	}
	if err != nil {
		file := dir + "/Chart.yaml"
		if se := (*stageError)(nil); errors.As(err, &se) {
			file = se.file
			if se.inChart {
				file = dir + "/" + se.file
			}
		}
		u.Findings = append(u.Findings, render.ErrorFinding(file, 1, err.Error()))
		return u
	}
	var out map[string]string
	if opts.Child != nil {
		out, err = opts.Child.render(ctx, req)
	} else {
		out, err = renderBounded(ctx, c, top)
	}
	if err != nil {
		file, line := errorPosition(dir, c.Name(), err.Error())
		u.Findings = append(u.Findings, render.ErrorFinding(file, line, "Helm template error: "+cleanError(err.Error())))
		return u
	}
	m.assemble(u, c.Name(), out, opts.Namespace)
	return u
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// renderBounded renders in this process with a deadline and recovers
// panics. A template that runs past the deadline is abandoned, still
// running: only a Child bounds memory and stops a runaway template.
func renderBounded(ctx context.Context, c *chart.Chart, top common.Values) (map[string]string, error) {
	type result struct {
		out map[string]string
		err error
	}
	done := make(chan result, 1)
	go func() {
		out, err := execute(ctx, c, top)
		done <- result{out, err}
	}()
	select {
	case r := <-done:
		return r.out, r.err
	case <-time.After(renderTimeout):
		return nil, fmt.Errorf("rendering took longer than %s", renderTimeout)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// readChart reads the regular files under dir (symbolic links are not
// followed, so templates cannot read outside the chart), bounded in size.
func readChart(dir string, read func(string) ([]byte, error)) ([]chartFile, []lint.Notice, error) {
	var out []chartFile
	var notices []lint.Notice
	total := 0
	root := filepath.FromSlash(dir)
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, rerr := filepath.Rel(root, p)
		if rerr != nil {
			return rerr
		}
		rel = filepath.ToSlash(rel)
		if e.IsDir() {
			if p != root && (e.Name() == ".git" || e.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if e.Type()&fs.ModeSymlink != 0 {
			notices = append(notices, lint.Notice{File: dir + "/" + rel, Message: "skipped: a symbolic link in a Helm chart is not followed"})
			return nil
		}
		if !e.Type().IsRegular() {
			return nil
		}
		b, err := read(dir + "/" + rel)
		if err != nil {
			return err
		}
		total += len(b)
		if total > maxChartBytes {
			return fmt.Errorf("the chart is larger than %d MiB", maxChartBytes>>20)
		}
		out = append(out, chartFile{Rel: rel, Data: b})
		return nil
	})
	return out, notices, err
}

// templateError finds the template and line in a Helm error.
var templateError = regexp.MustCompile(`([A-Za-z0-9_.\-/]+\.(?:yaml|yml|tpl|txt|json)):(\d+)`)

// errorPosition returns the source file and line a render error names,
// else the chart's Chart.yaml.
func errorPosition(dir, name, msg string) (string, int) {
	if m := templateError.FindStringSubmatch(msg); m != nil {
		if rel, ok := strings.CutPrefix(m[1], name+"/"); ok {
			line, _ := strconv.Atoi(m[2])
			return dir + "/" + rel, line
		}
	}
	return dir + "/Chart.yaml", 1
}

func cleanError(s string) string {
	s = strings.ReplaceAll(s, "HELM_ERR_START", "")
	s = strings.ReplaceAll(s, "HELM_ERR_END", "")
	return strings.Join(strings.Fields(s), " ")
}

// mapper places rendered objects in the chart's templates and values.
type mapper struct {
	dir        string
	files      map[string][]byte
	docs       []renderedDoc
	overridden bool
	// overrides are the --helm-values files, in order.
	overrides []valuesFile
}

type valuesFile struct {
	path string
	src  []byte
}

// renderedDoc is where a rendered object came from.
type renderedDoc struct {
	template string // slash path relative to the chart directory
	index    int    // the index of the object among the template's
	name     string
}

// assemble builds the rendered stream from Helm's output, one object per
// document, in template order.
func (m *mapper) assemble(u *render.Unit, chartName string, out map[string]string, namespace string) {
	names := make([]string, 0, len(out))
	for n := range out {
		names = append(names, n)
	}
	slices.Sort(names)
	var b bytes.Buffer
	line := 1
	for _, n := range names {
		rel, ok := strings.CutPrefix(n, chartName+"/")
		base := path.Base(n)
		if !ok || strings.HasPrefix(base, "_") || base == "NOTES.txt" || !strings.Contains(rel, "templates/") {
			continue
		}
		ext := path.Ext(base)
		if ext != ".yaml" && ext != ".yml" && ext != ".json" {
			continue
		}
		for i, doc := range splitDocs(out[n]) {
			var root yaml.Node
			if err := yaml.Unmarshal([]byte(doc), &root); err != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
				if err != nil {
					u.Findings = append(u.Findings, render.ErrorFinding(u.Dir+"/"+rel, 1,
						fmt.Sprintf("the template renders invalid YAML (object %d): %s", i+1, cleanError(err.Error()))))
				}
				continue
			}
			obj := yaml.NewRNode(root.Content[0])
			if namespace != "" && obj.GetNamespace() == "" && !clusterScoped(obj.GetKind()) {
				// As helm install -n puts it.
				_ = obj.SetNamespace(namespace)
				doc = obj.MustString()
			}
			header := fmt.Sprintf("---\n# Source: %s\n", rel)
			b.WriteString(header)
			line += 2
			start := line
			if !strings.HasSuffix(doc, "\n") {
				doc += "\n"
			}
			b.WriteString(doc)
			line += strings.Count(doc, "\n")
			note := ""
			if hook := obj.GetAnnotations()["helm.sh/hook"]; hook != "" {
				note = "helm hook " + hook
				if strings.Contains(hook, "test") {
					note = "helm test hook"
				}
			}
			name := obj.GetKind() + "/" + obj.GetName()
			u.Docs = append(u.Docs, render.Doc{StartLine: start, EndLine: line - 1, Name: name, Note: note})
			m.docs = append(m.docs, renderedDoc{template: rel, index: i, name: name})
		}
	}
	u.Rendered = b.Bytes()
}

// splitDocs splits a rendered template into its non-empty documents.
func splitDocs(s string) []string {
	var docs []string
	var cur strings.Builder
	flush := func() {
		if hasContent(cur.String()) {
			docs = append(docs, cur.String())
		}
		cur.Reset()
	}
	for l := range strings.Lines(s) {
		if strings.HasPrefix(l, "---") && strings.TrimSpace(strings.TrimPrefix(l, "---")) == "" {
			flush()
			continue
		}
		cur.WriteString(l)
	}
	flush()
	return docs
}

func hasContent(s string) bool {
	for l := range strings.Lines(s) {
		t := strings.TrimSpace(l)
		if t != "" && !strings.HasPrefix(t, "#") {
			return true
		}
	}
	return false
}

func clusterScoped(kind string) bool {
	switch kind {
	case "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume",
		"StorageClass", "PriorityClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
		"ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "IngressClass", "RuntimeClass",
		"APIService", "PodSecurityPolicy", "CSIDriver", "Node":
		return true
	}
	return false
}

var _ render.Mapper = (*mapper)(nil)

// Map implements render.Mapper.
func (m *mapper) Map(doc int, p []any) render.Location {
	if doc < 0 || doc >= len(m.docs) {
		return render.Location{File: m.dir, Mapping: render.MapObject}
	}
	d := m.docs[doc]
	file := m.dir + "/" + d.template
	t := newTemplate(m.files[d.template], d.index)
	w := t.walk(p)
	if w.matched == len(p) && w.values == "" && w.line > 0 {
		return render.Location{File: file, Range: t.lineRange(w.line), Mapping: render.MapSource}
	}
	if w.values != "" {
		if loc, ok := m.valuesLocation(subchart(d.template), append(splitPath(w.values), p[w.matched:]...)); ok {
			return loc
		}
	}
	return render.Location{File: file, Range: t.lineRange(t.objectLine()), Mapping: render.MapObject}
}

// valuesLocation is the range of a values path in the chart's values file:
// the key itself or its deepest ancestor written there.
func (m *mapper) valuesLocation(sub string, vp []any) (render.Location, bool) {
	if sub != "" {
		// A dependency's template reads the dependency's values: its own
		// values.yaml, under its name in the parent's.
		if loc, ok := m.valuesIn(sub+"values.yaml", vp); ok {
			return loc, true
		}
		return render.Location{}, false
	}
	// A --helm-values file that sets the key wins, the last one first.
	for i := len(m.overrides) - 1; i >= 0; i-- {
		o := m.overrides[i]
		docs, err := kube.ParsePlain(o.path, o.src)
		if err != nil || len(docs) == 0 || docs[0] == nil {
			continue
		}
		if r, exact := docs[0].Lookup(vp); exact {
			return render.Location{File: o.path, Range: r, Mapping: render.MapValues}, true
		}
	}
	return m.valuesIn("values.yaml", vp)
}

// valuesIn locates a values path in the chart file rel.
func (m *mapper) valuesIn(rel string, vp []any) (render.Location, bool) {
	docs, err := kube.ParsePlain(m.dir+"/"+rel, m.files[rel])
	if err != nil || len(docs) == 0 || docs[0] == nil {
		return render.Location{}, false
	}
	r, _ := docs[0].Lookup(vp)
	if r.IsZero() || r.Line == 1 && len(vp) > 0 && !startsWithKey(m.files[rel], vp[0]) {
		return render.Location{}, false
	}
	return render.Location{File: m.dir + "/" + rel, Range: r, Mapping: render.MapValues}, true
}

// subchart returns "charts/NAME/" for a template of a dependency, else "".
func subchart(template string) string {
	rest, ok := strings.CutPrefix(template, "charts/")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, "/")
	return "charts/" + name + "/"
}

// startsWithKey reports whether the first line of src is the key k.
func startsWithKey(src []byte, k any) bool {
	s, _ := k.(string)
	return s != "" && bytes.HasPrefix(src, []byte(s+":"))
}

// FixEdits implements render.Mapper: intents on nodes the chart renders
// from its values file (toYaml .Values.x) become edits of values.yaml. With
// --helm-values or --helm-set, values.yaml may not be where the value came
// from, so no edit is made.
func (m *mapper) FixEdits(doc int, ins []lint.Intent) ([]lint.Edit, error) {
	if m.overridden || doc < 0 || doc >= len(m.docs) {
		return nil, render.ErrNoSourceFix
	}
	d := m.docs[doc]
	if subchart(d.template) != "" {
		return nil, render.ErrNoSourceFix // a dependency is not edited
	}
	t := newTemplate(m.files[d.template], d.index)
	out := make([]lint.Intent, 0, len(ins))
	for _, in := range ins {
		w := t.walk(in.Path)
		if w.values == "" {
			return nil, render.ErrNoSourceFix
		}
		in.Path = append(splitPath(w.values), in.Path[w.matched:]...)
		out = append(out, in)
	}
	docs, err := kube.ParsePlain(m.dir+"/values.yaml", m.files["values.yaml"])
	if err != nil || len(docs) != 1 || docs[0] == nil {
		return nil, render.ErrNoSourceFix
	}
	edits, err := docs[0].Edit(out)
	if err != nil {
		return nil, fmt.Errorf("values.yaml: %w", err)
	}
	return edits, nil
}

func splitPath(s string) []any {
	var out []any
	for _, p := range strings.Split(s, ".") {
		out = append(out, p)
	}
	return out
}

// ErrNotChart says a directory is not a Helm chart.
var ErrNotChart = errors.New("not a Helm chart")
