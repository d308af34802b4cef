package kube

import (
	"strings"

	"github.com/hardline-dev/hardline/lint"

	"github.com/open-policy-agent/opa/v1/ast"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// pod is a pod spec of an object: its input term and its images.
type pod struct {
	term   *ast.Term
	images []*ast.Term
}

// podPaths returns where kind keeps its pod spec and that pod's metadata.
func podPaths(kind string) (spec, meta []string) {
	switch kind {
	case "Pod":
		return []string{"spec"}, []string{"metadata"}
	case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job":
		return []string{"spec", "template", "spec"}, []string{"spec", "template", "metadata"}
	case "CronJob":
		return []string{"spec", "jobTemplate", "spec", "template", "spec"},
			[]string{"spec", "jobTemplate", "spec", "template", "metadata"}
	case "PodTemplate":
		return []string{"template", "spec"}, []string{"template", "metadata"}
	}
	return nil, nil
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

// containerTypes are the pod spec's container lists and the image source
// each stands for.
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

// walkPath follows keys from node n and term t in step.
func (f *file) walkPath(n *yaml.Node, t *ast.Term, keys []string) (*yaml.Node, *ast.Term) {
	for _, k := range keys {
		_, n = lookup(n, k)
		t = f.get(t, k)
		if n == nil || t == nil {
			return nil, nil
		}
	}
	return deref(n), t
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

func (f *file) keyTerms(keys []string) []*ast.Term {
	out := make([]*ast.Term, len(keys))
	for i, k := range keys {
		out[i] = f.str(k)
	}
	return out
}

// pods returns the pod spec the object holds, if any.
func (d *document) pods(kind string, obj *yaml.Node, t *ast.Term, objPath termPath) []pod {
	f := d.f
	specKeys, metaKeys := podPaths(kind)
	if specKeys == nil {
		return nil
	}
	specNode, specTerm := f.walkPath(obj, t, specKeys)
	if specNode == nil || specNode.Kind != yaml.MappingNode || !isObject(specTerm) {
		return nil
	}
	_, metaTerm := f.walkPath(obj, t, metaKeys)
	podPath := objPath.with(f.keyTerms(specKeys)...)
	podSec := f.podSecurity(f.get(specTerm, "securityContext"), podPath)

	var containers, images []*ast.Term
	for _, typ := range [...]string{"containers", "initContainers", "ephemeralContainers"} {
		_, listNode := lookup(specNode, typ)
		listNode = deref(listNode)
		listTerm := f.get(specTerm, typ)
		if listTerm == nil {
			continue
		}
		list, ok := listTerm.Value.(*ast.Array)
		if listNode == nil || listNode.Kind != yaml.SequenceNode || !ok || list.Len() != len(listNode.Content) {
			continue
		}
		typTerm := f.str(typ)
		for i, itemNode := range listNode.Content {
			spec := list.Elem(i)
			itemNode = deref(itemNode)
			if itemNode == nil || itemNode.Kind != yaml.MappingNode || !isObject(spec) {
				continue
			}
			path := podPath.with(typTerm, ast.InternedTerm(i))
			fields := [][2]*ast.Term{
				f.item("type", typTerm),
				f.item("index", ast.InternedTerm(i)),
				f.item("name", ast.StringTerm(f.getString(spec, "name"))),
				f.item("path", path.term()),
				f.item("spec", spec),
				f.item("security", f.securityTerm(spec, podSec, path)),
			}
			_, imageNode := lookup(itemNode, "image")
			if raw, ok := termString(f.get(spec, "image")); ok && imageNode != nil {
				img := d.imageTerm(raw, containerSource(typ), imageNode, d.f.indent(itemNode), path.with(f.str("image")))
				fields = append(fields, f.item("image", img))
				images = append(images, img)
			}
			containers = append(containers, ast.ObjectTerm(fields...))
		}
	}
	podTerm := ast.ObjectTerm(
		f.item("path", podPath.term()),
		f.item("spec", specTerm),
		f.item("metadata", objectOrEmpty(metaTerm)),
		f.item("metadata_path", objPath.with(f.keyTerms(metaKeys)...).term()),
		f.item("containers", ast.ArrayTerm(containers...)),
	)
	return []pod{{term: podTerm, images: images}}
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
	r, _ := lint.ParseReference(ref)
	unresolved := strings.Contains(ref, "${") || strings.Contains(ref, "$(") || strings.Contains(ref, "{{")
	start := d.f.start(n)
	rng := d.f.rng(start, d.f.end(n, parentIndent))
	return ast.ObjectTerm(
		f.item("raw", ast.StringTerm(raw)),
		f.item("ref", ast.StringTerm(ref)),
		f.item("registry", ast.StringTerm(r.Registry)),
		f.item("repository", ast.StringTerm(r.Repository)),
		f.item("name", ast.StringTerm(r.Name)),
		f.item("tag", ast.StringTerm(r.Tag)),
		f.item("digest", ast.StringTerm(r.Digest)),
		f.item("official", ast.InternedTerm(r.Official())),
		f.item("unresolved", ast.InternedTerm(unresolved)),
		f.item("source", f.str(source)),
		f.item("range", f.rangeTerm(rng)),
		f.item("path", path.term()),
	)
}
