package kube

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/hardline-dev/hardline/lint"
)

// document is one Kubernetes object of a YAML document, or the error that
// stopped the reading of a file.
type document struct {
	y       *yamlDoc
	f       *file
	objPath []any
	obj     *yaml.Node
	input   ast.Value
	summary ast.Value
	// errRange is where the error of an error document is.
	errRange lint.Range
	// plain is set for a mapping read by ParsePlain, not as an object.
	plain bool
	// summaryOnly is set for a document built for its summary only: it
	// has no input, and its pods no containers.
	summaryOnly bool
	// index is the YAML document's index in the file (of an error
	// document too); model is the object as the rules see it, nil for an
	// error document or a plain one.
	index int
	model *Object
	// notices say how the object was read, when the reading is a guess.
	notices []string
}

var _ lint.Document = (*document)(nil)

// Input implements lint.Document.
func (d *document) Input() ast.Value { return d.input }

// Summary implements lint.Document.
func (d *document) Summary() ast.Value { return d.summary }

var _ lint.Object = (*document)(nil)

// Place implements lint.Object.
func (d *document) Place() (int, []any) {
	if d.objPath == nil {
		return d.index, []any{}
	}
	return d.index, d.objPath
}

// MayHavePods implements lint.Object: an object that could not be read
// may hold pods.
func (d *document) MayHavePods() bool { return d.model == nil || len(d.model.Pods) > 0 }

// Annotations implements lint.Object.
func (d *document) Annotations(key string) []lint.Annotation {
	var out []lint.Annotation
	add := func(meta *ast.Term, path []any) {
		if s, ok := termString(d.f.get(d.f.get(meta, "annotations"), key)); ok {
			out = append(out, lint.Annotation{Value: s, Path: appendPath(path, "annotations", key)})
		}
	}
	if d.model == nil {
		return nil
	}
	add(d.f.get(d.model.Value, "metadata"), appendPath(d.objPath, "metadata"))
	for _, p := range d.model.Pods {
		add(p.Metadata, p.MetadataPath)
	}
	return out
}

// Notices returns what the user should know about how the object was read.
func (d *document) Notices() []lint.Notice {
	out := make([]lint.Notice, len(d.notices))
	for i, n := range d.notices {
		out[i] = lint.Notice{File: d.f.path, Message: n}
	}
	return out
}

// errorDoc is the document for input that could not be read.
func (f *file) errorDoc(index int, msg string, r lint.Range) *document {
	d := &document{f: f, errRange: r, index: index}
	d.input = ast.NewObject(
		f.item("type", f.str("kubernetes")),
		f.item("path", ast.StringTerm(f.path)),
		f.item("document", ast.InternedTerm(index)),
		f.item("object_path", ast.ArrayTerm()),
		f.item("errors", ast.ArrayTerm(f.errorTerm(msg, r))),
	)
	return d
}

// item is an object entry whose key is a string.
func (f *file) item(k string, v *ast.Term) [2]*ast.Term { return [2]*ast.Term{f.str(k), v} }

// str returns the term of string s, shared within the file: keys repeat in
// every object. Only the parsing of the file's documents, in order, uses
// it: the engine evaluates and edits earlier documents meanwhile.
func (f *file) str(s string) *ast.Term {
	if t, ok := f.strs[s]; ok {
		return t
	}
	t := ast.InternedTerm(s)
	if f.strs == nil {
		f.strs = make(map[string]*ast.Term, 128)
	}
	f.strs[s] = t
	return t
}

func (f *file) errorTerm(msg string, r lint.Range) *ast.Term {
	return ast.ObjectTerm(f.item("message", ast.StringTerm(msg)), f.item("range", f.rangeTerm(r)))
}

func (f *file) rangeTerm(r lint.Range) *ast.Term {
	return ast.ObjectTerm(
		f.item("line", ast.InternedTerm(r.Line)),
		f.item("column", ast.InternedTerm(r.Column)),
		f.item("endLine", ast.InternedTerm(r.EndLine)),
		f.item("endColumn", ast.InternedTerm(r.EndColumn)),
		f.item("offset", ast.InternedTerm(r.Offset)),
		f.item("endOffset", ast.InternedTerm(r.EndOffset)),
	)
}

// pathTerm is path as a Rego array.
func (f *file) pathTerm(path []any) *ast.Term {
	terms := make([]*ast.Term, len(path))
	for i, p := range path {
		switch p := p.(type) {
		case string:
			terms[i] = f.str(p)
		case int:
			terms[i] = ast.InternedTerm(p)
		}
	}
	return ast.ArrayTerm(terms...)
}

// appendPath returns a new path: path followed by elems.
func appendPath(path []any, elems ...any) []any {
	out := make([]any, 0, len(path)+len(elems))
	return append(append(out, path...), elems...)
}

// get returns the value of key in object t, or nil.
func (f *file) get(t *ast.Term, key string) *ast.Term {
	if t == nil {
		return nil
	}
	obj, ok := t.Value.(ast.Object)
	if !ok {
		return nil
	}
	return obj.Get(f.str(key))
}

func (f *file) getString(t *ast.Term, key string) string {
	s, _ := termString(f.get(t, key))
	return s
}

func termString(t *ast.Term) (string, bool) {
	if t == nil {
		return "", false
	}
	s, ok := t.Value.(ast.String)
	return string(s), ok
}

// object builds the document of the object obj at objPath in y.
func (y *yamlDoc) object(p Parser, c *converter, objPath []any, obj *yaml.Node) *document {
	f := y.f
	c.errs = nil
	t := c.convert(obj)
	if t == nil {
		r := f.rng(c.fatal.start, c.fatal.end)
		d := f.errorDoc(y.index, c.fatal.msg, r)
		c.fatal = nil
		return d
	}
	d := &document{y: y, f: f, objPath: objPath, obj: obj, summaryOnly: p.summaryOnly, index: y.index}
	apiVersion := f.getString(t, "apiVersion")
	kind := f.getString(t, "kind")
	sc := &shapeChecker{table: f.shapes()}
	meta, _ := sc.check(f.get(t, "metadata"), "ObjectMeta", []any{"metadata"})
	checked := t // the object as far as the shape check goes
	if kind == "ServiceAccount" {
		checked, _ = sc.check(t, "ServiceAccount", []any{})
	}
	o := &Object{
		File: f.path, Document: y.index, Path: objPath,
		APIVersion: apiVersion, Kind: kind,
		Name: f.getString(meta, "name"), Namespace: f.getString(meta, "namespace"),
		Value: t,
	}
	o.terms.name = stringOr(f.get(meta, "name")) // the term read, not a copy
	d.model = o
	if site, ok := p.site(d, t, apiVersion, kind); ok {
		o.Pods = d.pods(site, t, sc)
	}
	if !d.summaryOnly {
		o.Errors = make([]Message, 0, len(c.errs)+len(sc.errs))
		for _, e := range c.errs {
			o.Errors = append(o.Errors, Message{Message: e.msg, Range: f.rng(e.start, e.end)})
		}
		for _, e := range sc.errs {
			o.Errors = append(o.Errors, Message{Message: e.msg, Range: d.Locate(appendPath(objPath, e.path...))})
		}
		d.input = f.input(o)
	}

	namespace := o.Namespace
	if namespace == "" && !clusterScoped(kind) {
		// The kustomization's namespace, else "": the kubectl context's.
		namespace = f.namespace
	}
	if clusterScoped(kind) {
		namespace = ""
	}
	objPathTerm, nameTerm := f.objectTerms(o)
	summary := [][2]*ast.Term{
		f.item("file", f.str(f.path)),
		f.item("document", ast.InternedTerm(y.index)),
		f.item("object_path", objPathTerm),
		f.item("apiVersion", f.str(apiVersion)),
		f.item("kind", f.str(kind)),
		f.item("name", nameTerm),
		f.item("namespace", f.str(namespace)),
		f.item("labels", objectOrEmpty(f.get(meta, "labels"))),
		f.item("annotations", objectOrEmpty(f.get(meta, "annotations"))),
		f.item("has_pods", ast.InternedTerm(len(o.Pods) > 0)),
		f.item("range", f.rangeTerm(d.Locate(appendPath(objPath, "kind")))),
	}
	if kind == "NetworkPolicy" || kind == "Namespace" {
		summary = append(summary, f.item("spec", objectOrEmpty(f.get(t, "spec"))))
	}
	if rbacKind(apiVersion, kind) {
		summary = append(summary, d.rbacSummary(t, objPath)...)
	}
	summary = append(summary, f.accountFacts(kind, checked, o.Pods)...)
	d.summary = ast.NewObject(summary...)
	return d
}

// rbacKind reports whether the object is a Role, ClusterRole, RoleBinding or
// ClusterRoleBinding of the rbac.authorization.k8s.io API group.
func rbacKind(apiVersion, kind string) bool {
	switch kind {
	case "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding":
		return strings.HasPrefix(apiVersion, "rbac.authorization.k8s.io/")
	}
	return false
}

// rbacSummary is what rules over every object need of an RBAC object: its
// rules, aggregationRule, roleRef and subjects as written, and where each
// rule, subject and the roleRef are.
func (d *document) rbacSummary(t *ast.Term, objPath []any) [][2]*ast.Term {
	f := d.f
	list := func(key, rangesKey string) [][2]*ast.Term {
		var items, ranges []*ast.Term
		if v := f.get(t, key); v != nil {
			arr, _ := v.Value.(*ast.Array)
			for i := range arrayLen(arr) {
				items = append(items, arr.Elem(i))
				ranges = append(ranges, f.rangeTerm(d.Locate(appendPath(objPath, key, i))))
			}
		}
		return [][2]*ast.Term{f.item(key, ast.ArrayTerm(items...)), f.item(rangesKey, ast.ArrayTerm(ranges...))}
	}
	out := list("rules", "rule_ranges")
	out = append(out, list("subjects", "subject_ranges")...)
	return append(out,
		f.item("aggregationRule", objectOrEmpty(f.get(t, "aggregationRule"))),
		f.item("roleRef", objectOrEmpty(f.get(t, "roleRef"))),
		f.item("roleRef_range", f.rangeTerm(d.Locate(appendPath(objPath, "roleRef")))),
	)
}

func arrayLen(a *ast.Array) int {
	if a == nil {
		return 0
	}
	return a.Len()
}

// stringOr returns t when it is a string, else "".
func stringOr(t *ast.Term) *ast.Term {
	if _, ok := termString(t); ok {
		return t
	}
	return ast.InternedTerm("")
}

func objectOrEmpty(t *ast.Term) *ast.Term {
	if t != nil {
		if _, ok := t.Value.(ast.Object); ok {
			return t
		}
	}
	return ast.ObjectTerm()
}

// accountFacts are the summary's service account facts: of a
// ServiceAccount, whether it mounts its token; of an object with pods, each
// pod's service account and its own setting (null when unset).
func (f *file) accountFacts(kind string, t *ast.Term, pods []Pod) [][2]*ast.Term {
	if kind == "ServiceAccount" {
		v := f.get(t, "automountServiceAccountToken")
		if v == nil {
			v = ast.NullTerm()
		}
		return [][2]*ast.Term{f.item("automountServiceAccountToken", v)}
	}
	if len(pods) == 0 {
		return nil
	}
	terms := make([]*ast.Term, 0, len(pods))
	for i := range pods {
		p := &pods[i]
		if p.Template {
			continue // its service account is the workflow's
		}
		spec := p.Spec
		auto := f.get(spec, "automountServiceAccountToken")
		if auto == nil {
			auto = ast.NullTerm()
		}
		terms = append(terms, ast.ObjectTerm(
			f.item("path", f.podPathTerm(p)),
			f.item("serviceAccountName", stringOr(f.get(spec, "serviceAccountName"))),
			f.item("automountServiceAccountToken", auto),
		))
	}
	return [][2]*ast.Term{f.item("pods", ast.ArrayTerm(terms...))}
}

// StartLine is the first line of the object (of an object that failed to
// convert, where it failed): the objects after it start after it.
func (d *document) StartLine() int {
	if d.y == nil {
		return d.errRange.Line
	}
	return d.obj.Line
}
