package kube

import (
	"fmt"
	"strings"

	"github.com/hardline-dev/hardline/lint"

	"github.com/open-policy-agent/opa/v1/ast"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// pod is a pod spec of an object: its input term and its images.
type pod struct {
	term   *ast.Term
	images []*ast.Term
	// meta is the pod's metadata (nil when none) and metaPath its path
	// from the document root.
	meta     *ast.Term
	metaPath []any
	// template: the pod-level settings of an Argo Workflows template,
	// whose containers are in the workflow's pod.
	template bool
}

// clusterScoped reports whether objects of kind have no namespace.
func clusterScoped(kind string) bool {
	switch kind {
	case "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding",
		"PodSecurityPolicy", "CustomResourceDefinition", "StorageClass", "PriorityClass",
		"ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
		"ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
		"MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding",
		"APIService", "RuntimeClass", "IngressClass", "CSIDriver", "CSINode",
		"VolumeAttachment", "CertificateSigningRequest", "ClusterTrustBundle",
		"FlowSchema", "PriorityLevelConfiguration", "ComponentStatus",
		"DeviceClass", "ResourceSlice", "VolumeAttributesClass", "IPAddress", "ServiceCIDR",
		"StorageVersion", "StorageVersionMigration", "TokenReview", "SelfSubjectReview",
		"SelfSubjectAccessReview", "SelfSubjectRulesReview", "SubjectAccessReview",
		// Widely used cluster-scoped custom resources.
		"ClusterIssuer", "ClusterPolicy", "ClusterSecretStore", "ClusterExternalSecret",
		"ConstraintTemplate", "GatewayClass":
		return true
	}
	return false
}

// containerSource is the image source each of the pod spec's container
// lists stands for.
func containerSource(typ string) string {
	switch typ {
	case "initContainers":
		return "initContainer"
	case "ephemeralContainers":
		return "ephemeralContainer"
	}
	return "container"
}

// securityFields are the settings both the pod and the container
// securityContext hold, the container's winning.
func securityFields() [7]string {
	return [...]string{
		"runAsNonRoot", "runAsUser", "runAsGroup", "seccompProfile",
		"seLinuxOptions", "appArmorProfile", "windowsOptions",
	}
}

func isObject(t *ast.Term) bool {
	if t == nil {
		return false
	}
	_, ok := t.Value.(ast.Object)
	return ok
}

// termPath is a path of the input as terms: keys and indices.
type termPath []*ast.Term

// with returns the array term of p followed by elems.
func (p termPath) with(elems ...*ast.Term) termPath {
	out := make(termPath, 0, len(p)+len(elems))
	return append(append(out, p...), elems...)
}

func (p termPath) term() *ast.Term { return ast.ArrayTerm(p...) }

// pods returns the pod specs the object holds, where its kind (or a shape
// hardline recognises) keeps them, with the object's shape errors.
func (d *document) pods(site podSite, t *ast.Term, objPath termPath, sc *shapeChecker) []pod {
	f := d.f
	specTerm, ok := d.follow(t, site.spec, "PodSpec", sc)
	if !ok {
		return nil
	}
	specTerm, ok = sc.check(specTerm, "PodSpec", site.spec)
	if !ok {
		return nil
	}
	var metaTerm *ast.Term
	if site.meta != nil {
		msc := sc
		if len(site.meta) == 1 && site.meta[0] == "metadata" {
			// The object's own metadata, checked already.
			msc = &shapeChecker{table: sc.table}
		}
		if m, ok := d.follow(t, site.meta, "ObjectMeta", msc); ok {
			metaTerm, _ = msc.check(m, "ObjectMeta", site.meta)
		}
	}
	podPath := objPath.with(f.toTermPath(site.spec)...)
	var refs []containerRef
	switch {
	case d.summaryOnly:
		// The summary needs the pod, not its containers.
	case site.argo:
		podSec := f.podSecurity(f.get(specTerm, "securityContext"), podPath)
		refs = d.argoContainers(specTerm, site.spec, podSec, objPath, sc)
	default:
		podSec := f.podSecurity(f.get(specTerm, "securityContext"), podPath)
		for _, typ := range [...]string{"containers", "initContainers", "ephemeralContainers"} {
			list, ok := arrayOf(f.get(specTerm, typ))
			if !ok {
				continue
			}
			for i := range list.Len() {
				refs = append(refs, containerRef{
					typ: typ, index: i, path: appendPath(site.spec, typ, i),
					spec: list.Elem(i), pod: podSec,
				})
			}
		}
	}
	var containers, images []*ast.Term
	for _, r := range refs {
		if !isObject(r.spec) {
			continue
		}
		itemNode := d.nodeAt(r.path)
		if itemNode == nil || itemNode.Kind != yaml.MappingNode {
			continue
		}
		path := objPath.with(f.toTermPath(r.path)...)
		typTerm := f.str(r.typ)
		fields := [][2]*ast.Term{
			f.item("type", typTerm),
			f.item("index", ast.InternedTerm(r.index)),
			f.item("name", ast.StringTerm(f.getString(r.spec, "name"))),
			f.item("path", path.term()),
			f.item("spec", r.spec),
			f.item("security", f.securityTerm(r.spec, r.pod, path)),
		}
		_, imageNode := lookup(itemNode, "image")
		if raw, ok := termString(f.get(r.spec, "image")); ok && imageNode != nil {
			img := d.imageTerm(raw, containerSource(r.typ), imageNode, d.f.indent(itemNode), path.with(f.str("image")))
			fields = append(fields, f.item("image", img))
			images = append(images, img)
		}
		containers = append(containers, ast.ObjectTerm(fields...))
	}
	metaPath := site.meta
	if metaPath == nil {
		metaPath = appendPath(site.spec, "metadata")
	}
	podTerm := ast.ObjectTerm(
		f.item("path", podPath.term()),
		f.item("spec", specTerm),
		f.item("metadata", objectOrEmpty(metaTerm)),
		f.item("metadata_path", objPath.with(f.toTermPath(metaPath)...).term()),
		f.item("containers", ast.ArrayTerm(containers...)),
	)
	pods := []pod{{term: podTerm, images: images, meta: metaTerm, metaPath: appendPath(d.objPath, metaPath...)}}
	if site.argo {
		pods = append(pods, d.argoTemplatePods(specTerm, site.spec, objPath, sc)...)
	}
	return pods
}

// containerRef is a container of a pod: its list, its place, its spec and
// the pod-level settings it inherits.
type containerRef struct {
	typ   string
	index int
	path  []any // from the object
	spec  *ast.Term
	pod   *podSecurity
}

// follow walks keys from the object's term t; a value on the way that is
// not an object is a shape error. ok is false when the path does not lead
// to an object.
func (d *document) follow(t *ast.Term, path []any, typ string, sc *shapeChecker) (*ast.Term, bool) {
	for i, p := range path {
		key, _ := p.(string)
		t = d.f.get(t, key)
		if t == nil || isNullTerm(t) {
			return nil, false
		}
		if !isObject(t) {
			want := "an object"
			if i == len(path)-1 && typ != "" {
				want = fmt.Sprintf("an object (%s)", typ)
			}
			sc.expect(false, t, want, path[:i+1])
			return nil, false
		}
	}
	return t, true
}

// nodeAt returns the YAML node at path from the object, through aliases
// and merge keys, or nil.
func (d *document) nodeAt(path []any) *yaml.Node {
	n := d.obj
	for _, p := range path {
		n = deref(n)
		if n == nil {
			return nil
		}
		switch p := p.(type) {
		case string:
			_, n = lookup(n, p)
		case int:
			if n.Kind != yaml.SequenceNode || p < 0 || p >= len(n.Content) {
				return nil
			}
			n = n.Content[p]
		default:
			return nil
		}
	}
	return deref(n)
}

// podSecurity holds the pod-level settings of a pod, as the containers
// that inherit them see them: the same terms for every container.
type podSecurity [7]*ast.Term

func (f *file) podSecurity(podSC *ast.Term, podPath termPath) *podSecurity {
	var ps podSecurity
	scKey := f.str("securityContext")
	for i, name := range securityFields() {
		if v := f.get(podSC, name); !isNullTerm(v) {
			p := podPath.with(scKey, f.str(name))
			ps[i] = ast.ObjectTerm(f.item("value", v), f.item("path", p.term()))
		}
	}
	return &ps
}

// securityTerm returns the effective security settings of a container.
func (f *file) securityTerm(spec *ast.Term, pod *podSecurity, path termPath) *ast.Term {
	sc := f.get(spec, "securityContext")
	var fields [][2]*ast.Term
	for i, name := range securityFields() {
		if v := f.get(sc, name); !isNullTerm(v) {
			p := path.with(f.str("securityContext"), f.str(name))
			fields = append(fields, f.item(name, ast.ObjectTerm(f.item("value", v), f.item("path", p.term()))))
		} else if pod[i] != nil {
			fields = append(fields, f.item(name, pod[i]))
		}
	}
	return ast.ObjectTerm(fields...)
}

func isNullTerm(t *ast.Term) bool {
	if t == nil {
		return true
	}
	_, ok := t.Value.(ast.Null)
	return ok
}

// imageTerm builds the Image of a container's image field.
func (d *document) imageTerm(raw, source string, n *yaml.Node, parentIndent int, path termPath) *ast.Term {
	f := d.f
	ref := strings.TrimSpace(raw)
	unresolved := strings.Contains(ref, "${") || strings.Contains(ref, "$(") || strings.Contains(ref, "{{")
	img := lint.NewImage(raw, ref, unresolved, source, lint.Range{})
	rng := f.rng(f.start(n), f.end(n, parentIndent))
	return ast.ObjectTerm(append(lint.ImageItems(img, f.str, ast.StringTerm),
		f.item("range", f.rangeTerm(rng)),
		f.item("path", path.term()),
	)...)
}
