package kube

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/open-policy-agent/opa/v1/ast"
)

// podSite is where an object keeps its pod spec.
type podSite struct {
	spec []any // path of the pod spec from the object
	meta []any // path of the pod's metadata; nil when it has none
	// argo: the spec is an Argo Workflows WorkflowSpec, whose pod-level
	// settings apply to the containers of its templates.
	argo bool
}

// Workload maps a kind to where its objects keep their pod spec, for kinds
// hardline does not know (see docs/configuration.md).
type Workload struct {
	// APIVersion is the group and version ("example.com/v1"); only the
	// group is compared. Empty matches every group.
	APIVersion string
	Kind       string
	// PodSpec and Metadata are paths of keys from the object.
	PodSpec  []string
	Metadata []string
}

// apiGroup returns the group of an apiVersion ("" for the core group).
func apiGroup(apiVersion string) string {
	if i := strings.LastIndexByte(apiVersion, '/'); i >= 0 {
		return apiVersion[:i]
	}
	return ""
}

func keys(k ...string) []any {
	out := make([]any, len(k))
	for i, s := range k {
		out[i] = s
	}
	return out
}

// knownWorkload returns where objects of group and kind keep their pod.
func knownWorkload(group, kind string) (podSite, bool) {
	switch group + "/" + kind {
	case "/Pod":
		return podSite{spec: keys("spec"), meta: keys("metadata")}, true
	case "/PodTemplate":
		return podSite{spec: keys("template", "spec"), meta: keys("template", "metadata")}, true
	case "batch/CronJob":
		return podSite{
			spec: keys("spec", "jobTemplate", "spec", "template", "spec"),
			meta: keys("spec", "jobTemplate", "spec", "template", "metadata"),
		}, true
	case "/ReplicationController", "batch/Job",
		"apps/Deployment", "apps/StatefulSet", "apps/DaemonSet", "apps/ReplicaSet",
		"extensions/Deployment", "extensions/DaemonSet", "extensions/ReplicaSet",
		// Argo Rollouts, Knative Serving, OpenShift, OpenKruise.
		"argoproj.io/Rollout",
		"serving.knative.dev/Service", "serving.knative.dev/Configuration",
		"apps.openshift.io/DeploymentConfig", "/DeploymentConfig",
		"apps.kruise.io/CloneSet", "apps.kruise.io/StatefulSet", "apps.kruise.io/DaemonSet",
		"apps.kruise.io/BroadcastJob":
		return podSite{spec: keys("spec", "template", "spec"), meta: keys("spec", "template", "metadata")}, true
	case "serving.knative.dev/Revision":
		return podSite{spec: keys("spec"), meta: keys("metadata")}, true
	case "argoproj.io/Workflow", "argoproj.io/WorkflowTemplate", "argoproj.io/ClusterWorkflowTemplate":
		return podSite{spec: keys("spec"), meta: keys("spec", "podMetadata"), argo: true}, true
	case "argoproj.io/CronWorkflow":
		return podSite{spec: keys("spec", "workflowSpec"), meta: keys("spec", "workflowSpec", "podMetadata"), argo: true}, true
	}
	return podSite{}, false
}

// genericSites are the places a pod spec sits in workload kinds hardline
// does not know, tried in order.
func genericSites() []podSite {
	return []podSite{
		{spec: keys("spec", "template", "spec"), meta: keys("spec", "template", "metadata")},
		{spec: keys("spec", "jobTemplate", "spec", "template", "spec"), meta: keys("spec", "jobTemplate", "spec", "template", "metadata")},
		{spec: keys("template", "spec"), meta: keys("template", "metadata")},
	}
}

// site finds where the object keeps its pod: a workload of the
// configuration, a known kind, or a recognisable place, which a notice
// names. A containers list found nowhere else gets a notice too.
func (p Parser) site(d *document, t *ast.Term, apiVersion, kind string) (podSite, bool) {
	group := apiGroup(apiVersion)
	for _, w := range p.Workloads {
		if w.Kind == kind && (w.APIVersion == "" || apiGroup(w.APIVersion) == group) {
			site := podSite{spec: keys(w.PodSpec...)}
			if w.Metadata != nil {
				site.meta = keys(w.Metadata...)
			}
			return site, true
		}
	}
	if site, ok := knownWorkload(group, kind); ok {
		return site, true
	}
	f := d.f
	// Most objects have no pod: the places are tried without building
	// them.
	if f.get(t, "spec") != nil || f.get(t, "template") != nil {
		for _, site := range genericSites() {
			spec := t
			for _, k := range site.spec {
				key, _ := k.(string)
				spec = f.get(spec, key)
			}
			if _, ok := arrayOf(f.get(spec, "containers")); ok {
				d.notices = append(d.notices, fmt.Sprintf(
					"%s is read as a workload: its pod spec is at %s (list the kind under workloads in .hardline.yaml to confirm)",
					d.describe(apiVersion, kind, t), pathText(site.spec)))
				return site, true
			}
		}
	}
	if path := f.findContainers(t, 0); path != nil {
		d.notices = append(d.notices, fmt.Sprintf(
			"%s has a containers list at %s that hardline does not check: list the kind with its pod spec under workloads in .hardline.yaml",
			d.describe(apiVersion, kind, t), pathText(path)))
	}
	return podSite{}, false
}

// describe names an object in notices: its kind, name, apiVersion and line.
func (d *document) describe(apiVersion, kind string, t *ast.Term) string {
	name, _ := termString(d.f.get(d.f.get(t, "metadata"), "name"))
	r := d.Locate(appendPath(d.objPath, "kind"))
	return fmt.Sprintf("line %d: %s %s (%s)", r.Line, printable(kind), strconv.Quote(name), printable(apiVersion))
}

// findContainers returns the path of the first "containers" key holding a
// non-empty list below the object (its metadata left out), depth first in
// the order of keys, at most 8 levels down.
func (f *file) findContainers(t *ast.Term, depth int) []any {
	if depth > 8 || t == nil {
		return nil
	}
	// The path is built on the way back, once found: most objects have no
	// containers list.
	switch v := t.Value.(type) {
	case ast.Object:
		if c, ok := arrayOf(v.Get(f.str("containers"))); ok && c.Len() > 0 {
			return []any{"containers"}
		}
		var found []any
		v.Until(func(k, x *ast.Term) bool {
			key, ok := k.Value.(ast.String)
			if !ok || (depth == 0 && key == "metadata") {
				return false
			}
			if rest := f.findContainers(x, depth+1); rest != nil {
				found = append([]any{string(key)}, rest...)
			}
			return found != nil
		})
		return found
	case *ast.Array:
		for i := range v.Len() {
			if rest := f.findContainers(v.Elem(i), depth+1); rest != nil {
				return append([]any{i}, rest...)
			}
		}
	}
	return nil
}

// argoContainers returns the containers of the templates of an Argo
// Workflows WorkflowSpec: container, script, initContainers, sidecars and
// containerSet.containers. A template's securityContext replaces the
// workflow's for its pod.
func (d *document) argoContainers(spec *ast.Term, specPath []any, podSec *Security, sc *shapeChecker) []containerRef {
	f := d.f
	templates, ok := arrayOf(f.get(spec, "templates"))
	if !ok {
		return nil
	}
	var refs []containerRef
	for i := range templates.Len() {
		tmpl := templates.Elem(i)
		tPath := appendPath(specPath, "templates", i)
		if !isObject(tmpl) {
			sc.expect(false, tmpl, "an object (Template)", tPath)
			continue
		}
		sec := podSec
		if tsc, ok := sc.check(f.get(tmpl, "securityContext"), "PodSecurityContext", appendPath(tPath, "securityContext")); ok && isObject(tsc) {
			sec = f.podSecurity(tsc, appendPath(d.objPath, tPath...))
		}
		add := func(typ string, index int, path []any, c *ast.Term) {
			shape := "Container"
			if typ == "main" {
				typ, shape = "containers", "ArgoContainer"
			}
			c, ok := sc.check(c, shape, path)
			if ok && isObject(c) {
				refs = append(refs, containerRef{typ: typ, index: index, path: path, spec: c, pod: sec})
			}
		}
		for _, key := range [...]string{"container", "script"} {
			if c := f.get(tmpl, key); c != nil {
				add("main", 0, appendPath(tPath, key), c)
			}
		}
		lists := [...]struct {
			keys []string
			typ  string
		}{
			{[]string{"initContainers"}, "initContainers"},
			{[]string{"sidecars"}, "containers"},
			{[]string{"containerSet", "containers"}, "containers"},
		}
		for _, l := range lists {
			list := tmpl
			for _, k := range l.keys {
				list = f.get(list, k)
			}
			if list == nil {
				continue
			}
			path := appendPath(tPath, keys(l.keys...)...)
			arr, ok := list.Value.(*ast.Array)
			if !sc.expect(ok || isNullTerm(list), list, "a list", path) || !ok {
				continue
			}
			for j := range arr.Len() {
				add(l.typ, j, appendPath(path, j), arr.Elem(j))
			}
		}
	}
	return refs
}

// arrayOf returns t as an array, when it is one.
func arrayOf(t *ast.Term) (*ast.Array, bool) {
	if t == nil {
		return nil, false
	}
	a, ok := t.Value.(*ast.Array)
	return a, ok
}

// printable returns s as is when it is plain text, else quoted, so that
// text from a linted file never reaches a terminal raw.
func printable(s string) string {
	for _, r := range s {
		if !unicode.IsPrint(r) || r == '"' || r == '\\' {
			return strconv.Quote(s)
		}
	}
	if s == "" {
		return `""`
	}
	return s
}

// argoTemplatePods returns, for the Argo Workflows templates that set
// volumes or a securityContext, a pod without containers holding those
// settings at the template's path, so that the rules on pod volumes and
// pod security settings see them where they are written.
func (d *document) argoTemplatePods(spec *ast.Term, specPath []any, sc *shapeChecker) []Pod {
	f := d.f
	templates, ok := arrayOf(f.get(spec, "templates"))
	if !ok {
		return nil
	}
	quiet := &shapeChecker{table: sc.table} // securityContext was checked with the containers
	var pods []Pod
	for i := range templates.Len() {
		tmpl := templates.Elem(i)
		if !isObject(tmpl) {
			continue
		}
		tPath := appendPath(specPath, "templates", i)
		var fields [][2]*ast.Term
		if v, ok := sc.check(f.get(tmpl, "volumes"), "[]Volume", appendPath(tPath, "volumes")); ok && v != nil && !isNullTerm(v) {
			fields = append(fields, f.item("volumes", v))
		}
		if v, ok := quiet.check(f.get(tmpl, "securityContext"), "PodSecurityContext", nil); ok && isObject(v) {
			fields = append(fields, f.item("securityContext", v))
		}
		if len(fields) == 0 {
			continue
		}
		meta, _ := quiet.check(f.get(tmpl, "metadata"), "ObjectMeta", nil)
		pods = append(pods, Pod{
			Path: appendPath(d.objPath, tPath...), Spec: ast.ObjectTerm(fields...), Template: true,
			Metadata: meta, MetadataPath: appendPath(d.objPath, appendPath(tPath, "metadata")...),
		})
	}
	return pods
}
