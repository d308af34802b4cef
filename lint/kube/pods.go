package kube

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	yaml "go.yaml.in/yaml/v3"
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
func walkPath(n *yaml.Node, t *ast.Term, keys []string) (*yaml.Node, *ast.Term) {
	for _, k := range keys {
		_, n, _ = lookup(n, k)
		t = get(t, k)
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

func keyTerms(keys []string) []*ast.Term {
	out := make([]*ast.Term, len(keys))
	for i, k := range keys {
		out[i] = ast.InternedTerm(k)
	}
	return out
}

// pods returns the pod spec the object holds, if any.
func (d *document) pods(kind string, obj *yaml.Node, t *ast.Term, objPath termPath) []pod {
	specKeys, metaKeys := podPaths(kind)
	if specKeys == nil {
		return nil
	}
	specNode, specTerm := walkPath(obj, t, specKeys)
	if specNode == nil || specNode.Kind != yaml.MappingNode || !isObject(specTerm) {
		return nil
	}
	_, metaTerm := walkPath(obj, t, metaKeys)
	podPath := objPath.with(keyTerms(specKeys)...)
	podSC := get(specTerm, "securityContext")

	var containers, images []*ast.Term
	for _, typ := range [...]string{"containers", "initContainers", "ephemeralContainers"} {
		_, listNode, _ := lookup(specNode, typ)
		listNode = deref(listNode)
		listTerm := get(specTerm, typ)
		if listTerm == nil {
			continue
		}
		list, ok := listTerm.Value.(*ast.Array)
		if listNode == nil || listNode.Kind != yaml.SequenceNode || !ok || list.Len() != len(listNode.Content) {
			continue
		}
		typTerm := ast.InternedTerm(typ)
		for i, itemNode := range listNode.Content {
			spec := list.Elem(i)
			itemNode = deref(itemNode)
			if itemNode == nil || itemNode.Kind != yaml.MappingNode || !isObject(spec) {
				continue
			}
			path := podPath.with(typTerm, ast.InternedTerm(i))
			fields := []([2]*ast.Term){
				item("type", typTerm),
				item("index", ast.InternedTerm(i)),
				item("name", ast.StringTerm(getString(spec, "name"))),
				item("path", path.term()),
				item("spec", spec),
				item("security", securityTerm(spec, podSC, path, podPath)),
			}
			_, imageNode, _ := lookup(itemNode, "image")
			if raw, ok := termString(get(spec, "image")); ok && imageNode != nil {
				img := d.imageTerm(raw, containerSource(typ), imageNode, d.f.indent(itemNode), path.with(ast.InternedTerm("image")))
				fields = append(fields, item("image", img))
				images = append(images, img)
			}
			containers = append(containers, ast.ObjectTerm(fields...))
		}
	}
	podTerm := ast.ObjectTerm(
		item("path", podPath.term()),
		item("spec", specTerm),
		item("metadata", objectOrEmpty(metaTerm)),
		item("metadata_path", objPath.with(keyTerms(metaKeys)...).term()),
		item("containers", ast.ArrayTerm(containers...)),
	)
	return []pod{{term: podTerm, images: images}}
}

// securityTerm returns the effective security settings of a container.
func securityTerm(spec, podSC *ast.Term, path, podPath termPath) *ast.Term {
	sc := get(spec, "securityContext")
	scKey := ast.InternedTerm("securityContext")
	var fields [][2]*ast.Term
	for _, name := range securityFields() {
		v, at := get(sc, name), path
		if isNullTerm(v) {
			v, at = get(podSC, name), podPath
		}
		if isNullTerm(v) {
			continue
		}
		p := at.with(scKey, ast.InternedTerm(name))
		fields = append(fields, item(name, ast.ObjectTerm(item("value", v), item("path", p.term()))))
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
	r := parseImage(raw)
	start := d.f.start(n)
	rng := d.f.rng(start, d.f.end(n, parentIndent))
	return ast.ObjectTerm(
		item("raw", ast.StringTerm(raw)),
		item("ref", ast.StringTerm(strings.TrimSpace(raw))),
		item("registry", ast.StringTerm(r.registry)),
		item("repository", ast.StringTerm(r.repository)),
		item("name", ast.StringTerm(r.name)),
		item("tag", ast.StringTerm(r.tag)),
		item("digest", ast.StringTerm(r.digest)),
		item("official", ast.InternedTerm(r.official)),
		item("unresolved", ast.InternedTerm(r.unresolved)),
		item("source", ast.InternedTerm(source)),
		item("range", rangeTerm(rng)),
		item("path", path.term()),
	)
}
