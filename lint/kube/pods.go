package kube

import (
	"fmt"
	"strings"

	"github.com/hardline-dev/hardline/lint"

	"github.com/open-policy-agent/opa/v1/ast"
	"sigs.k8s.io/kustomize/kyaml/yaml"
)

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

// pods returns the pod specs the object holds, where its kind (or a shape
// hardline recognises) keeps them, with the object's shape errors.
func (d *document) pods(site podSite, t *ast.Term, sc *shapeChecker) []Pod {
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
	podPath := appendPath(d.objPath, site.spec...)
	var refs []containerRef
	switch {
	case d.summaryOnly:
		// The summary needs the pod, not its containers.
	case site.argo:
		podSec := f.podSecurity(f.get(specTerm, "securityContext"), podPath)
		refs = d.argoContainers(specTerm, site.spec, podSec, sc)
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
	var containers []Container
	for _, r := range refs {
		if !isObject(r.spec) {
			continue
		}
		itemNode := d.nodeAt(r.path)
		if itemNode == nil || itemNode.Kind != yaml.MappingNode {
			continue
		}
		c := Container{
			List: r.typ, Index: r.index, Name: f.getString(r.spec, "name"),
			Path: appendPath(d.objPath, r.path...), Spec: r.spec,
		}
		c.Security = f.security(r.spec, r.pod, c.Path)
		_, imageNode := lookup(itemNode, "image")
		if raw, ok := termString(f.get(r.spec, "image")); ok && imageNode != nil {
			c.Image = d.image(raw, containerSource(r.typ), imageNode, d.f.indent(itemNode), appendPath(c.Path, "image"))
		}
		containers = append(containers, c)
	}
	metaPath := site.meta
	if metaPath == nil {
		metaPath = appendPath(site.spec, "metadata")
	}
	pods := []Pod{{
		Path: podPath, Spec: specTerm,
		Metadata: metaTerm, MetadataPath: appendPath(d.objPath, metaPath...),
		Containers: containers,
	}}
	if site.argo {
		pods = append(pods, d.argoTemplatePods(specTerm, site.spec, sc)...)
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
	pod   *Security
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

// podSecurity is the security settings a pod's securityContext podSC
// sets, which its containers inherit.
func (f *file) podSecurity(podSC *ast.Term, podPath []any) *Security {
	s := f.settings(podSC, podPath, nil)
	return &s
}

// security returns the security settings in effect for the container
// spec at path, whose pod sets pod.
func (f *file) security(spec *ast.Term, pod *Security, path []any) Security {
	return f.settings(f.get(spec, "securityContext"), path, pod)
}

// settings returns the settings securityContext sc, of the container or
// pod at path, sets, those it does not set taken from inherited (when not
// nil).
func (f *file) settings(sc *ast.Term, path []any, inherited *Security) Security {
	var values [len(Security{})]*ast.Term
	n := 0
	for i, name := range securityFields() {
		if v := f.get(sc, name); !isNullTerm(v) {
			values[i] = v
			n++
		}
	}
	var s Security
	if inherited != nil {
		s = *inherited
	}
	if n == 0 {
		return s
	}
	own := make([]Setting, 0, n) // one allocation for the settings sc sets
	for i, name := range securityFields() {
		if values[i] != nil {
			own = append(own, Setting{Value: values[i], Path: appendPath(path, "securityContext", name)})
			s[i] = &own[len(own)-1]
		}
	}
	return s
}

func isNullTerm(t *ast.Term) bool {
	if t == nil {
		return true
	}
	_, ok := t.Value.(ast.Null)
	return ok
}

// image is the Image of a container's image field.
func (d *document) image(raw, source string, n *yaml.Node, parentIndent int, path []any) *Image {
	f := d.f
	ref := strings.TrimSpace(raw)
	unresolved := strings.Contains(ref, "${") || strings.Contains(ref, "$(") || strings.Contains(ref, "{{")
	rng := f.rng(f.start(n), f.end(n, parentIndent))
	return &Image{Image: lint.NewImage(raw, ref, unresolved, source, rng), Path: path}
}
