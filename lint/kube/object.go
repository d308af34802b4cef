package kube

import (
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hardline-dev/hardline/lint"
)

// Object is a Kubernetes object as the rules see it: the "kubernetes"
// input of docs/policies.md. What hardline works out of the object (its
// pods, their containers, the security settings in effect for each, the
// images) is typed; the object itself stays the Rego value kubectl's
// reading gives, as rules may read any of its fields.
//
// Every path of the model is from the root of the object's YAML document.
type Object struct {
	// File is the path of the file; Document the index of the YAML
	// document in it; Path where the object is in the document: [] for
	// the document, ["items", i] for an item of a List.
	File     string
	Document int
	Path     []any
	// APIVersion and Kind are as written (both strings: a mapping without
	// them is not an object); Name and Namespace are the metadata's, ""
	// when not strings.
	APIVersion, Kind string
	Name, Namespace  string
	// Value is the object as kubectl's reading of YAML gives it; the
	// specs and metadata of its pods are the shape checked ones, without
	// the fields of the wrong type (see shape.go).
	Value *ast.Term
	// Errors say where the object is not what kubectl reads (KS000); an
	// object read for its summary only has none worked out.
	Errors []Message
	// Pods are the pod specs the object holds, where its kind (or a
	// workload mapping) keeps them.
	Pods []Pod
	// terms are the Rego terms of Path and Name, made once for the input
	// and the summary.
	terms struct{ path, name *ast.Term }
}

// Message is an error about an object.
type Message struct {
	Message string
	Range   lint.Range
}

// Pod is a pod spec of an object.
type Pod struct {
	// Path is where the pod spec is; Spec the pod spec. For the pod of an
	// Argo Workflows template (Template), Spec holds only the template's
	// volumes and securityContext, and it has no containers: they are
	// the workflow's pod's.
	Path     []any
	Spec     *ast.Term
	Template bool
	// Metadata is the pod's metadata, nil when it has none, and
	// MetadataPath where it is or would be.
	Metadata     *ast.Term
	MetadataPath []any
	// Containers are the containers of every list of the pod (containers,
	// initContainers, ephemeralContainers), in that order. A pod read for
	// its summary only has none.
	Containers []Container
	// pathTerm is Path as a Rego term, made once for the input and the
	// summary.
	pathTerm *ast.Term
}

// Container is a container of a pod.
type Container struct {
	// List is the list the container is in: "containers",
	// "initContainers" or "ephemeralContainers"; Index its place there.
	List  string
	Index int
	// Name is its name, "" when not a string; Path where it is; Spec the
	// container as written.
	Name string
	Path []any
	Spec *ast.Term
	// Security holds the security settings in effect for the container.
	Security Security
	// Image is the container's image, nil when it has none.
	Image *Image
}

// Security holds the security settings a container and its pod may both
// set, in the order of securityFields(): the container's when it sets one,
// else its pod's, else nil.
type Security [7]*Setting

// Setting is a security setting in effect: its value and where it is
// written. The settings of a pod are shared by the containers that
// inherit them.
type Setting struct {
	Value *ast.Term
	Path  []any
	// term is the setting as Rego input, made once for all the containers
	// that share it.
	term *ast.Term
}

// Image is the image reference of a container, with where it is.
type Image struct {
	lint.Image
	Path []any
}

// objectTerms returns the terms of o's path and name.
func (f *file) objectTerms(o *Object) (path, name *ast.Term) {
	if o.terms.path == nil {
		o.terms.path = f.pathTerm(o.Path)
	}
	if o.terms.name == nil {
		o.terms.name = ast.StringTerm(o.Name)
	}
	return o.terms.path, o.terms.name
}

// podPathTerm returns the term of p's path.
func (f *file) podPathTerm(p *Pod) *ast.Term {
	if p.pathTerm == nil {
		p.pathTerm = f.pathTerm(p.Path)
	}
	return p.pathTerm
}

// input is the Rego input of o.
func (f *file) input(o *Object) ast.Value {
	objPath, name := f.objectTerms(o)
	errs := make([]*ast.Term, len(o.Errors))
	for i, e := range o.Errors {
		errs[i] = f.errorTerm(e.Message, e.Range)
	}
	pods := make([]*ast.Term, len(o.Pods))
	var images []*ast.Term
	for i := range o.Pods {
		pods[i], images = f.podTerm(&o.Pods[i], images)
	}
	return ast.NewObject(
		f.item("type", f.str("kubernetes")),
		f.item("path", f.str(o.File)),
		f.item("document", ast.InternedTerm(o.Document)),
		f.item("object_path", objPath),
		f.item("errors", ast.ArrayTerm(errs...)),
		f.item("apiVersion", f.str(o.APIVersion)),
		f.item("kind", f.str(o.Kind)),
		f.item("name", name),
		f.item("namespace", f.str(o.Namespace)),
		f.item("object", o.Value),
		f.item("pods", ast.ArrayTerm(pods...)),
		f.item("images", ast.ArrayTerm(images...)),
	)
}

// podTerm is the Rego input of pod p; the terms of its containers' images
// are appended to images.
func (f *file) podTerm(p *Pod, images []*ast.Term) (*ast.Term, []*ast.Term) {
	containers := make([]*ast.Term, len(p.Containers))
	for i := range p.Containers {
		c := &p.Containers[i]
		path := f.pathTerm(c.Path)
		fields := [][2]*ast.Term{
			f.item("type", f.str(c.List)),
			f.item("index", ast.InternedTerm(c.Index)),
			f.item("name", ast.StringTerm(c.Name)),
			f.item("path", path),
			f.item("spec", c.Spec),
			f.item("security", f.securityTerm(&c.Security)),
		}
		if c.Image != nil {
			img := ast.ObjectTerm(append(lint.ImageItems(c.Image.Image, f.str, ast.StringTerm),
				f.item("range", f.rangeTerm(c.Image.Range)),
				f.item("path", f.pathTerm(c.Image.Path)),
			)...)
			fields = append(fields, f.item("image", img))
			images = append(images, img)
		}
		containers[i] = ast.ObjectTerm(fields...)
	}
	return ast.ObjectTerm(
		f.item("path", f.podPathTerm(p)),
		f.item("spec", p.Spec),
		f.item("metadata", objectOrEmpty(p.Metadata)),
		f.item("metadata_path", f.pathTerm(p.MetadataPath)),
		f.item("containers", ast.ArrayTerm(containers...)),
	), images
}

// securityTerm is the Rego input of the settings s: an object of the
// settings in effect, each with its value and path.
func (f *file) securityTerm(s *Security) *ast.Term {
	fields := make([][2]*ast.Term, 0, len(s))
	for i, name := range securityFields() {
		st := s[i]
		if st == nil {
			continue
		}
		if st.term == nil {
			st.term = ast.ObjectTerm(f.item("value", st.Value), f.item("path", f.pathTerm(st.Path)))
		}
		fields = append(fields, f.item(name, st.term))
	}
	return ast.ObjectTerm(fields...)
}
