package kube

import (
	"github.com/open-policy-agent/opa/v1/ast"
	yaml "go.yaml.in/yaml/v3"

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
}

var _ lint.Document = (*document)(nil)

// Input implements lint.Document.
func (d *document) Input() ast.Value { return d.input }

// Summary implements lint.Document.
func (d *document) Summary() ast.Value { return d.summary }

// errorDoc is the document for input that could not be read.
func (f *file) errorDoc(index int, msg string, r lint.Range) *document {
	d := &document{f: f, errRange: r}
	d.input = ast.NewObject(
		item("type", ast.InternedTerm("kubernetes")),
		item("path", ast.StringTerm(f.path)),
		item("document", ast.InternedTerm(index)),
		item("object_path", ast.ArrayTerm()),
		item("errors", ast.ArrayTerm(errorTerm(msg, r))),
	)
	return d
}

func item(k string, v *ast.Term) [2]*ast.Term { return [2]*ast.Term{ast.InternedTerm(k), v} }

func errorTerm(msg string, r lint.Range) *ast.Term {
	return ast.ObjectTerm(item("message", ast.StringTerm(msg)), item("range", rangeTerm(r)))
}

func rangeTerm(r lint.Range) *ast.Term {
	return ast.ObjectTerm(
		item("line", ast.InternedTerm(r.Line)),
		item("column", ast.InternedTerm(r.Column)),
		item("endLine", ast.InternedTerm(r.EndLine)),
		item("endColumn", ast.InternedTerm(r.EndColumn)),
		item("offset", ast.InternedTerm(r.Offset)),
		item("endOffset", ast.InternedTerm(r.EndOffset)),
	)
}

func pathTerm(path []any) *ast.Term { return toTermPath(path).term() }

func toTermPath(path []any) termPath {
	terms := make(termPath, len(path))
	for i, p := range path {
		switch p := p.(type) {
		case string:
			terms[i] = ast.InternedTerm(p)
		case int:
			terms[i] = ast.InternedTerm(p)
		}
	}
	return terms
}

// appendPath returns a new path: path followed by elems.
func appendPath(path []any, elems ...any) []any {
	out := make([]any, 0, len(path)+len(elems))
	return append(append(out, path...), elems...)
}

// get returns the value of key in object t, or nil.
func get(t *ast.Term, key string) *ast.Term {
	if t == nil {
		return nil
	}
	obj, ok := t.Value.(ast.Object)
	if !ok {
		return nil
	}
	return obj.Get(ast.InternedTerm(key))
}

func getString(t *ast.Term, key string) string {
	s, _ := termString(get(t, key))
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
func (y *yamlDoc) object(objPath []any, obj *yaml.Node) *document {
	f := y.f
	c := y.conv
	c.errs = nil
	t := c.convert(obj)
	if t == nil {
		r := f.rng(c.fatal.start, c.fatal.end)
		d := f.errorDoc(y.index, c.fatal.msg, r)
		c.fatal = nil
		return d
	}
	d := &document{y: y, f: f, objPath: objPath, obj: obj}
	errs := make([]*ast.Term, len(c.errs))
	for i, e := range c.errs {
		errs[i] = errorTerm(e.msg, f.rng(e.start, e.end))
	}
	apiVersion, kind := getString(t, "apiVersion"), getString(t, "kind")
	meta := get(t, "metadata")
	name, namespace := getString(meta, "name"), getString(meta, "namespace")

	objPathTerm := pathTerm(objPath)
	pods := d.pods(kind, obj, t, toTermPath(objPath))
	podTerms := make([]*ast.Term, len(pods))
	var images []*ast.Term
	for i, p := range pods {
		podTerms[i] = p.term
		images = append(images, p.images...)
	}
	d.input = ast.NewObject(
		item("type", ast.InternedTerm("kubernetes")),
		item("path", ast.StringTerm(f.path)),
		item("document", ast.InternedTerm(y.index)),
		item("object_path", objPathTerm),
		item("errors", ast.ArrayTerm(errs...)),
		item("apiVersion", ast.StringTerm(apiVersion)),
		item("kind", ast.StringTerm(kind)),
		item("name", ast.StringTerm(name)),
		item("namespace", ast.StringTerm(namespace)),
		item("object", t),
		item("pods", ast.ArrayTerm(podTerms...)),
		item("images", ast.ArrayTerm(images...)),
	)

	if namespace == "" && !clusterScoped(kind) {
		namespace = "default"
	}
	if clusterScoped(kind) {
		namespace = ""
	}
	summary := []([2]*ast.Term){
		item("file", ast.StringTerm(f.path)),
		item("document", ast.InternedTerm(y.index)),
		item("object_path", objPathTerm),
		item("apiVersion", ast.StringTerm(apiVersion)),
		item("kind", ast.StringTerm(kind)),
		item("name", ast.StringTerm(name)),
		item("namespace", ast.StringTerm(namespace)),
		item("labels", objectOrEmpty(get(meta, "labels"))),
		item("annotations", objectOrEmpty(get(meta, "annotations"))),
		item("has_pods", ast.InternedTerm(len(pods) > 0)),
		item("range", rangeTerm(d.Locate(appendPath(objPath, "kind")))),
	}
	if kind == "NetworkPolicy" || kind == "Namespace" {
		summary = append(summary, item("spec", objectOrEmpty(get(t, "spec"))))
	}
	d.summary = ast.NewObject(summary...)
	return d
}

func objectOrEmpty(t *ast.Term) *ast.Term {
	if t != nil {
		if _, ok := t.Value.(ast.Object); ok {
			return t
		}
	}
	return ast.ObjectTerm()
}

