package kube

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// apiTypes are the k8s.io/api types the shape table describes.
func apiTypes() map[string]reflect.Type {
	return map[string]reflect.Type{
		"ObjectMeta":                    reflect.TypeFor[metav1.ObjectMeta](),
		"PodSpec":                       reflect.TypeFor[corev1.PodSpec](),
		"Container":                     reflect.TypeFor[corev1.Container](),
		"ArgoContainer":                 reflect.TypeFor[corev1.Container](),
		"SecurityContext":               reflect.TypeFor[corev1.SecurityContext](),
		"PodSecurityContext":            reflect.TypeFor[corev1.PodSecurityContext](),
		"Capabilities":                  reflect.TypeFor[corev1.Capabilities](),
		"SeccompProfile":                reflect.TypeFor[corev1.SeccompProfile](),
		"AppArmorProfile":               reflect.TypeFor[corev1.AppArmorProfile](),
		"SELinuxOptions":                reflect.TypeFor[corev1.SELinuxOptions](),
		"WindowsSecurityContextOptions": reflect.TypeFor[corev1.WindowsSecurityContextOptions](),
		"Sysctl":                        reflect.TypeFor[corev1.Sysctl](),
		"PodOS":                         reflect.TypeFor[corev1.PodOS](),
		"Volume":                        reflect.TypeFor[corev1.Volume](),
		"HostPathVolumeSource":          reflect.TypeFor[corev1.HostPathVolumeSource](),
		"ContainerPort":                 reflect.TypeFor[corev1.ContainerPort](),
		"EnvVar":                        reflect.TypeFor[corev1.EnvVar](),
		"ResourceRequirements":          reflect.TypeFor[corev1.ResourceRequirements](),
		"Probe":                         reflect.TypeFor[corev1.Probe](),
		"Lifecycle":                     reflect.TypeFor[corev1.Lifecycle](),
		"LifecycleHandler":              reflect.TypeFor[corev1.LifecycleHandler](),
		"HTTPGetAction":                 reflect.TypeFor[corev1.HTTPGetAction](),
		"TCPSocketAction":               reflect.TypeFor[corev1.TCPSocketAction](),
		"ServiceAccount":                reflect.TypeFor[corev1.ServiceAccount](),
	}
}

// jsonField finds the field with JSON name in struct type t, looking into
// inlined (embedded) structs.
func jsonField(t reflect.Type, name string) (reflect.Type, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("json"), ",")
		if tag[0] == name {
			return f.Type, true
		}
		if f.Anonymous || (tag[0] == "" && len(tag) > 1 && tag[1] == "inline") {
			if ft, ok := jsonField(f.Type, name); ok {
				return ft, true
			}
		}
	}
	return nil, false
}

// shapeOf names the table type a Go type of k8s.io/api decodes as.
func shapeOf(t reflect.Type, names map[reflect.Type]string) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case reflect.TypeFor[intstr.IntOrString]():
		return "intstr"
	case reflect.TypeFor[resource.Quantity]():
		return "quantity"
	}
	if n, ok := names[t]; ok {
		return n
	}
	kinds := map[reflect.Kind]string{
		reflect.Bool: "bool", reflect.Int: "int", reflect.Int32: "int", reflect.Int64: "int",
		reflect.String: "string", reflect.Struct: "object",
	}
	switch k := t.Kind(); {
	case k == reflect.Slice:
		return "[]" + shapeOf(t.Elem(), names)
	case k == reflect.Map:
		return "map[string]" + shapeOf(t.Elem(), names)
	case kinds[k] != "":
		return kinds[k]
	default:
		return k.String()
	}
}

// TestShapeTableMatchesKubernetesTypes checks every field of the shape
// table against the Go types kubectl and the API server decode into.
func TestShapeTableMatchesKubernetesTypes(t *testing.T) {
	types := apiTypes()
	names := map[reflect.Type]string{}
	for n, typ := range types {
		if n != "ArgoContainer" { // a Container too, named so for its required fields
			names[typ] = n
		}
	}
	// An ephemeral container decodes like a container for every field
	// the table lists.
	names[reflect.TypeFor[corev1.EphemeralContainer]()] = "Container"
	checked := 0
	for owner, fields := range shapeTable() {
		typ, ok := types[owner]
		if !ok {
			t.Errorf("%s: no k8s.io/api type to check it against", owner)
			continue
		}
		for field, want := range fields {
			ft, ok := jsonField(typ, field)
			if !ok {
				t.Errorf("%s.%s: no such field in %s", owner, field, typ)
				continue
			}
			if got := shapeOf(ft, names); got != want {
				t.Errorf("%s.%s: the table says %s, k8s.io/api decodes %s (%s)", owner, field, want, got, ft)
			}
			checked++
		}
	}
	for _, f := range []string{"containers", "initContainers", "ephemeralContainers"} {
		if _, ok := jsonField(types["PodSpec"], f); !ok {
			t.Errorf("PodSpec has no %s", f)
		}
	}
	if checked < 80 {
		t.Errorf("only %d fields checked", checked)
	}
}

func TestShapeErrors(t *testing.T) {
	src := `apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: [x]}}
spec:
  hostNetwork: "yes"
  hostPID: true
  securityContext: {runAsUser: 1.5, sysctls: {a: b}}
  containers:
    - name: web
      image: 7
      securityContext: "privileged"
      ports: [{containerPort: "80"}, {hostPort: 8080}]
    - oops
  volumes:
    - hostPath: {path: /etc}
`
	docs := parse(t, "s.yaml", src)
	in := docs[0].Input()
	var got []string
	for _, e := range as[[]any](t, field(t, in, "errors")) {
		m := as[map[string]any](t, e)
		r := as[map[string]any](t, m["range"])
		got = append(got, fmt.Sprintf("%v: %s", r["line"], m["message"]))
	}
	want := []string{
		`3: metadata.labels.app must be a string, not a list`,
		`5: spec.hostNetwork must be a boolean, not the string "yes"`,
		`7: spec.securityContext.runAsUser must be an integer, not the number 1.5`,
		`7: spec.securityContext.sysctls must be a list, not an object`,
		`10: spec.containers[0].image must be a string, not the number 7`,
		`11: spec.containers[0].securityContext must be an object (SecurityContext), not the string "privileged"`,
		`12: spec.containers[0].ports[0].containerPort must be an integer, not the string "80"`,
		`13: spec.containers[1] must be an object (Container), not the string "oops"`,
		`15: spec.volumes[0] has no name`,
	}
	slices.Sort(got)
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("errors: -want +got:\n%s", diff)
	}
	// What the rules read leaves the wrong fields out; the object keeps them.
	spec := as[map[string]any](t, field(t, in, "pods", 0, "spec"))
	if _, ok := spec["hostNetwork"]; ok || spec["hostPID"] != true {
		t.Errorf("pod spec: %v", spec)
	}
	if field(t, in, "object", "spec", "hostNetwork") != "yes" {
		t.Error("the object lost hostNetwork")
	}
	if got := field(t, in, "pods", 0, "spec", "containers", 1); got != nil {
		t.Errorf("containers[1] = %v, want null", got)
	}
	if n := len(as[[]any](t, field(t, in, "pods", 0, "containers"))); n != 1 {
		t.Errorf("%d containers", n)
	}
	if got := field(t, in, "pods", 0, "containers", 0, "spec", "ports", 1, "hostPort"); got == nil {
		t.Error("the valid port was dropped")
	}
}
