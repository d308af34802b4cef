package kube

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Shape checking: kubectl decodes an object into the Kubernetes API types
// and refuses a field of the wrong type (a string where a boolean is
// expected, an object where a list is). The fields the rules read are
// checked against those types; a field of the wrong type is reported
// (KS000) and removed from what the rules see, so that the rest of the
// object is still checked. The table is checked against k8s.io/api by a
// test.

// shapeTable maps a Kubernetes type to the types of the fields the rules
// read: "bool", "int", "string", "intstr" (an integer or a string),
// "quantity" (a string or a number), "[]T" (a list of T), "map[string]T",
// or the name of another type of the table (an object).
func shapeTable() map[string]map[string]string {
	probe := map[string]string{"httpGet": "HTTPGetAction", "tcpSocket": "TCPSocketAction"}
	container := map[string]string{
		"name": "string", "image": "string", "securityContext": "SecurityContext",
		"ports": "[]ContainerPort", "env": "[]EnvVar", "resources": "ResourceRequirements",
		"livenessProbe": "Probe", "readinessProbe": "Probe", "startupProbe": "Probe",
		"lifecycle": "Lifecycle",
	}
	handler := map[string]string{"httpGet": "HTTPGetAction", "tcpSocket": "TCPSocketAction"}
	return map[string]map[string]string{
		"ObjectMeta": {
			"name": "string", "namespace": "string",
			"labels": "map[string]string", "annotations": "map[string]string",
		},
		"PodSpec": {
			"containers": "[]Container", "initContainers": "[]Container", "ephemeralContainers": "[]Container",
			"volumes": "[]Volume", "securityContext": "PodSecurityContext",
			"hostNetwork": "bool", "hostPID": "bool", "hostIPC": "bool", "hostUsers": "bool",
			"automountServiceAccountToken": "bool", "serviceAccountName": "string",
			"shareProcessNamespace": "bool", "os": "PodOS",
		},
		"Container": container,
		// The container of an Argo Workflows template (container, script),
		// which Argo names itself.
		"ArgoContainer": container,
		"SecurityContext": {
			"privileged": "bool", "allowPrivilegeEscalation": "bool", "readOnlyRootFilesystem": "bool",
			"runAsNonRoot": "bool", "runAsUser": "int", "runAsGroup": "int",
			"capabilities": "Capabilities", "seccompProfile": "SeccompProfile",
			"appArmorProfile": "AppArmorProfile", "seLinuxOptions": "SELinuxOptions",
			"windowsOptions": "WindowsSecurityContextOptions", "procMount": "string",
		},
		"PodSecurityContext": {
			"runAsNonRoot": "bool", "runAsUser": "int", "runAsGroup": "int", "fsGroup": "int",
			"supplementalGroups": "[]int", "sysctls": "[]Sysctl",
			"seccompProfile": "SeccompProfile", "appArmorProfile": "AppArmorProfile",
			"seLinuxOptions": "SELinuxOptions", "windowsOptions": "WindowsSecurityContextOptions",
		},
		"Capabilities":                  {"add": "[]string", "drop": "[]string"},
		"SeccompProfile":                {"type": "string", "localhostProfile": "string"},
		"AppArmorProfile":               {"type": "string", "localhostProfile": "string"},
		"SELinuxOptions":                {"user": "string", "role": "string", "type": "string", "level": "string"},
		"WindowsSecurityContextOptions": {"hostProcess": "bool", "runAsUserName": "string"},
		"Sysctl":                        {"name": "string", "value": "string"},
		"PodOS":                         {"name": "string"},
		"Volume": {
			"name": "string", "hostPath": "HostPathVolumeSource",
			"emptyDir": "object", "configMap": "object", "secret": "object", "persistentVolumeClaim": "object",
			"projected": "object", "downwardAPI": "object", "csi": "object", "ephemeral": "object",
			"nfs": "object", "iscsi": "object", "rbd": "object", "cephfs": "object",
		},
		"HostPathVolumeSource": {"path": "string", "type": "string"},
		"ContainerPort":        {"containerPort": "int", "hostPort": "int", "hostIP": "string", "protocol": "string", "name": "string"},
		"EnvVar":               {"name": "string", "value": "string"},
		"ResourceRequirements": {"limits": "map[string]quantity", "requests": "map[string]quantity"},
		"Probe":                probe,
		"Lifecycle":            {"postStart": "LifecycleHandler", "preStop": "LifecycleHandler"},
		"LifecycleHandler":     handler,
		"HTTPGetAction":        {"host": "string", "port": "intstr", "path": "string", "scheme": "string"},
		"TCPSocketAction":      {"host": "string", "port": "intstr"},
		"ServiceAccount":       {"automountServiceAccountToken": "bool"},
	}
}

// requiredField is the field the API requires of an object type, which a
// rule needs to name what it reports.
func requiredField(typ string) string {
	switch typ {
	case "Volume", "Container":
		return "name"
	}
	return ""
}

// shapeError is a field of the wrong type, at a path below the object.
type shapeError struct {
	path []any
	msg  string
}

// shapeChecker checks terms against the table and collects errors.
type shapeChecker struct {
	table map[string]map[string]string
	errs  []shapeError
}

// check returns t with the fields of the wrong type removed (list items
// of the wrong type become null, so that indices stay) and whether t
// itself has the type typ. path is where t is, below the object; the
// check appends to it, and errors keep a copy.
func (s *shapeChecker) check(t *ast.Term, typ string, path []any) (*ast.Term, bool) {
	if t == nil || isNullTerm(t) {
		return t, true
	}
	switch {
	case typ == "bool":
		_, ok := t.Value.(ast.Boolean)
		return t, s.expect(ok, t, "a boolean", path)
	case typ == "int":
		n, ok := t.Value.(ast.Number)
		if ok {
			_, ok = n.Int64()
		}
		return t, s.expect(ok, t, "an integer", path)
	case typ == "string":
		_, ok := t.Value.(ast.String)
		return t, s.expect(ok, t, "a string", path)
	case typ == "intstr":
		ok := false
		switch v := t.Value.(type) {
		case ast.String:
			ok = true
		case ast.Number:
			_, ok = v.Int64()
		}
		return t, s.expect(ok, t, "an integer or a string", path)
	case typ == "quantity":
		ok := false
		switch t.Value.(type) {
		case ast.String, ast.Number:
			ok = true
		}
		return t, s.expect(ok, t, "a quantity (a string or a number)", path)
	case typ == "object":
		_, ok := t.Value.(ast.Object)
		return t, s.expect(ok, t, "an object", path)
	case strings.HasPrefix(typ, "[]"):
		arr, ok := t.Value.(*ast.Array)
		if !s.expect(ok, t, "a list", path) {
			return t, false
		}
		elem := typ[2:]
		var out []*ast.Term
		for i := range arr.Len() {
			item := arr.Elem(i)
			got, ok := s.check(item, elem, append(path, i))
			if !ok {
				got = ast.NullTerm()
			}
			if got != item && out == nil {
				out = make([]*ast.Term, arr.Len())
				for j := range i {
					out[j] = arr.Elem(j)
				}
			}
			if out != nil {
				out[i] = got
			}
		}
		if out != nil {
			return ast.ArrayTerm(out...), true
		}
		return t, true
	case strings.HasPrefix(typ, "map[string]"):
		obj, ok := t.Value.(ast.Object)
		if !s.expect(ok, t, "an object", path) {
			return t, false
		}
		elem := typ[len("map[string]"):]
		return s.fields(obj, t, func(string) string { return elem }, path), true
	}
	fields, known := s.table[typ]
	if !known {
		return t, true
	}
	obj, ok := t.Value.(ast.Object)
	if !s.expect(ok, t, fmt.Sprintf("an object (%s)", typ), path) {
		return t, false
	}
	if req := requiredField(typ); req != "" && obj.Get(ast.StringTerm(req)) == nil {
		s.errs = append(s.errs, shapeError{path: slices.Clone(path), msg: fmt.Sprintf("%s has no %s", pathText(path), req)})
	}
	return s.fields(obj, t, func(k string) string { return fields[k] }, path), true
}

// fields checks the entries of obj whose type typeOf knows and returns
// obj without those of the wrong type.
func (s *shapeChecker) fields(obj ast.Object, t *ast.Term, typeOf func(string) string, path []any) *ast.Term {
	// The checked values of the entries that change (nil: dropped), by key;
	// most objects have none, and are returned as they are.
	var changed map[*ast.Term]*ast.Term
	obj.Foreach(func(k, v *ast.Term) {
		key, _ := k.Value.(ast.String)
		typ := typeOf(string(key))
		if typ == "" {
			return
		}
		got, ok := s.check(v, typ, append(path, string(key)))
		if !ok {
			got = nil
		}
		if got != v {
			if changed == nil {
				changed = map[*ast.Term]*ast.Term{}
			}
			changed[k] = got
		}
	})
	if changed == nil {
		return t
	}
	pairs := make([][2]*ast.Term, 0, obj.Len())
	obj.Foreach(func(k, v *ast.Term) {
		if got, ok := changed[k]; ok {
			v = got
		}
		if v != nil {
			pairs = append(pairs, [2]*ast.Term{k, v})
		}
	})
	return ast.ObjectTerm(pairs...)
}

// expect records an error unless ok.
func (s *shapeChecker) expect(ok bool, t *ast.Term, want string, path []any) bool {
	if !ok {
		s.errs = append(s.errs, shapeError{
			path: slices.Clone(path),
			msg:  fmt.Sprintf("%s must be %s, not %s", pathText(path), want, describeTerm(t)),
		})
	}
	return ok
}

// describeTerm names the type of a value for messages.
func describeTerm(t *ast.Term) string {
	switch v := t.Value.(type) {
	case ast.String:
		s := string(v)
		if len(s) > 40 {
			s = s[:37] + "..."
		}
		return "the string " + strconv.Quote(s)
	case ast.Boolean:
		return "a boolean"
	case ast.Number:
		return "the number " + v.String()
	case *ast.Array:
		return "a list"
	case ast.Object:
		return "an object"
	}
	return "null"
}

// pathText writes a path as spec.containers[0].image.
func pathText(path []any) string {
	var b strings.Builder
	for _, p := range path {
		switch p := p.(type) {
		case string:
			if q := printable(p); q != p || strings.ContainsAny(p, ".[] ") {
				fmt.Fprintf(&b, "[%s]", strconv.Quote(p))
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(p)
		case int:
			fmt.Fprintf(&b, "[%d]", p)
		}
	}
	return b.String()
}
