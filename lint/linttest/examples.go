package linttest

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/rule"
)

// ExampleSources are the files a METADATA example (custom.bad or
// custom.good) of r stands for, so that it can be linted. Examples are
// written for readers and are often fragments; each is completed the way a
// reader would complete it:
//
//   - Dockerfile lines (dockerfile and image rules) get a FROM line when
//     they have none.
//   - A Kubernetes object (a fragment with a kind) gets its apiVersion and
//     metadata.name when it has none.
//   - rules: is a ClusterRole's, subjects: a RoleBinding's (in namespace
//     shop, of ClusterRole view).
//   - spec: is a Pod's; pod spec keys (containers, volumes, ...) are a
//     Pod's spec, container keys (env, ports, ...) and a securityContext
//     are a container's, metadata: is a Pod's. The Pod is completed with a
//     hardened container (non-root, read-only, no capabilities, seccomp,
//     limits, an image pinned in a trusted registry) where the fragment
//     gives none, so that only the fragment can raise a rule.
//   - runtime examples put Compose YAML and docker run lines side by side:
//     the Compose lines are one file, each docker or podman command a
//     script.
//
// Examples are linted with Config.
func ExampleSources(r rule.Rule, example string) ([]lint.Source, error) {
	if strings.TrimSpace(example) == "" {
		return nil, nil
	}
	switch r.Input {
	case rule.InputDockerfile:
		return []lint.Source{dockerfileExample(example)}, nil
	case rule.InputImage:
		if looksLikeDockerfile(example) {
			return []lint.Source{dockerfileExample(example)}, nil
		}
		return kubeExample(example)
	case rule.InputKubernetes, rule.InputManifests:
		return kubeExample(example)
	case rule.InputRuntime:
		return runtimeExample(example), nil
	}
	return nil, fmt.Errorf("%s: no example files for input %q", r.ID, r.Input)
}

var dockerInstruction = regexp.MustCompile(`^[A-Za-z]+(\s|$)`)

// looksLikeDockerfile reports whether the first line that is not a comment
// starts with an upper-case Dockerfile instruction.
func looksLikeDockerfile(s string) bool {
	for line := range strings.Lines(s) {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		word, _, _ := strings.Cut(t, " ")
		return dockerInstruction.MatchString(t) && word == strings.ToUpper(word)
	}
	return false
}

func dockerfileExample(s string) lint.Source {
	first := ""
	for line := range strings.Lines(s) {
		if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
			first, _, _ = strings.Cut(strings.ToUpper(t), " ")
			break
		}
	}
	if first != "FROM" && first != "ARG" {
		s = "FROM alpine:3.22\n" + s
	}
	return lint.Source{Path: "Dockerfile", Kind: lint.KindDockerfile, Src: []byte(s)}
}

func runtimeExample(s string) []lint.Source {
	var compose strings.Builder
	var out []lint.Source
	for line := range strings.Lines(s) {
		if strings.HasPrefix(line, "docker ") || strings.HasPrefix(line, "podman ") {
			out = append(out, lint.Source{Path: fmt.Sprintf("run%d.sh", len(out)+1), Kind: lint.KindShell, Src: []byte(line)})
			continue
		}
		compose.WriteString(line)
	}
	if strings.TrimSpace(compose.String()) != "" {
		out = append([]lint.Source{{Path: "compose.yaml", Kind: lint.KindCompose, Src: []byte(compose.String())}}, out...)
	}
	return out
}

// apiVersion is the apiVersion of a kind examples name without one.
func apiVersion(kind string) (string, bool) {
	switch kind {
	case "Pod", "Service", "ConfigMap", "Secret", "Namespace", "ServiceAccount":
		return "v1", true
	case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet":
		return "apps/v1", true
	case "Job", "CronJob":
		return "batch/v1", true
	case "Ingress", "NetworkPolicy":
		return "networking.k8s.io/v1", true
	case "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding":
		return "rbac.authorization.k8s.io/v1", true
	}
	return "", false
}

// podSpecKeys are keys only a pod spec has.
func podSpecKeys() []string {
	return []string{
		"containers", "initContainers", "ephemeralContainers", "volumes", "hostNetwork", "hostPID", "hostIPC",
		"hostUsers", "automountServiceAccountToken", "serviceAccountName", "nodeName", "restartPolicy",
	}
}

// podSecurityKeys are keys only a pod's securityContext has.
func podSecurityKeys() []string {
	return []string{"sysctls", "fsGroup", "fsGroupChangePolicy", "supplementalGroups", "supplementalGroupsPolicy"}
}

// hardenedContainer is a container no built-in rule reports.
func hardenedContainer() map[string]any {
	return map[string]any{
		"name":  "app",
		"image": "registry.example.com/app:1.0@sha256:0d7e4f5a8c6b3e2d1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e",
		"securityContext": map[string]any{
			"runAsNonRoot": true, "runAsUser": 10001, "allowPrivilegeEscalation": false,
			"readOnlyRootFilesystem": true, "capabilities": map[string]any{"drop": []any{"ALL"}},
			"seccompProfile": map[string]any{"type": "RuntimeDefault"},
		},
		"resources": map[string]any{
			"requests": map[string]any{"cpu": "100m", "memory": "128Mi"},
			"limits":   map[string]any{"cpu": "500m", "memory": "256Mi"},
		},
	}
}

func kubeExample(s string) ([]lint.Source, error) {
	var doc map[string]any
	if err := yaml.Unmarshal([]byte(s), &doc); err != nil || doc == nil {
		// An example of a file that cannot be read is linted as it is.
		return []lint.Source{{Path: "example.yaml", Kind: lint.KindYAML, Src: []byte(s)}}, nil //nolint:nilerr // see above
	}
	has := func(m map[string]any, keys ...string) bool {
		return slices.ContainsFunc(keys, func(k string) bool { _, ok := m[k]; return ok })
	}
	var obj map[string]any
	switch {
	case has(doc, "kind"):
		obj = doc
		if _, ok := obj["spec"]; !ok {
			if spec := workloadSpec(obj["kind"]); spec != nil {
				obj["spec"] = spec
			}
		}
	case has(doc, "rules"):
		obj = map[string]any{"kind": "ClusterRole", "rules": doc["rules"]}
	case has(doc, "subjects"):
		obj = map[string]any{
			"kind": "RoleBinding", "metadata": map[string]any{"name": "example", "namespace": "shop"},
			"roleRef":  map[string]any{"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"},
			"subjects": doc["subjects"],
		}
	case has(doc, "spec", "metadata"):
		obj = doc
		obj["kind"] = "Pod"
		spec, _ := obj["spec"].(map[string]any)
		if spec == nil {
			spec = map[string]any{}
		}
		obj["spec"] = podSpec(spec)
	case has(doc, podSpecKeys()...):
		obj = map[string]any{"kind": "Pod", "spec": podSpec(doc)}
	case isPodSecurity(doc):
		obj = map[string]any{"kind": "Pod", "spec": podSpec(doc)}
	default: // container keys
		c := hardenedContainer()
		for k, v := range doc {
			c[k] = v
		}
		obj = map[string]any{"kind": "Pod", "spec": map[string]any{"containers": []any{c}}}
	}
	kind, _ := obj["kind"].(string)
	if _, ok := obj["apiVersion"]; !ok {
		v, known := apiVersion(kind)
		if !known {
			return nil, fmt.Errorf("an example of kind %q has no apiVersion", kind)
		}
		obj["apiVersion"] = v
	}
	meta, _ := obj["metadata"].(map[string]any)
	if meta == nil {
		meta = map[string]any{}
		obj["metadata"] = meta
	}
	if _, ok := meta["name"]; !ok {
		meta["name"] = "example"
	}
	out, err := yaml.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("write example: %w", err)
	}
	return []lint.Source{{Path: "example.yaml", Kind: lint.KindYAML, Src: out}}, nil
}

// workloadSpec is the spec of a workload of kind, running a Pod with a
// hardened container; nil for other kinds.
func workloadSpec(kind any) map[string]any {
	template := map[string]any{
		"metadata": map[string]any{"labels": map[string]any{"app": "example"}},
		"spec":     podSpec(map[string]any{}),
	}
	switch kind {
	case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet":
		return map[string]any{"selector": map[string]any{"matchLabels": map[string]any{"app": "example"}}, "template": template}
	case "Job":
		return map[string]any{"template": template}
	case "CronJob":
		return map[string]any{"schedule": "0 * * * *", "jobTemplate": map[string]any{"spec": map[string]any{"template": template}}}
	}
	return nil
}

// podSpec completes a pod spec with a hardened container when it has none.
func podSpec(spec map[string]any) map[string]any {
	if _, ok := spec["containers"]; !ok {
		spec["containers"] = []any{hardenedContainer()}
	}
	return spec
}

// isPodSecurity reports whether a fragment holding only a securityContext
// holds a pod's: one with a key only a pod's securityContext has.
func isPodSecurity(doc map[string]any) bool {
	sc, ok := doc["securityContext"].(map[string]any)
	if !ok || len(doc) != 1 {
		return false
	}
	for _, k := range podSecurityKeys() {
		if _, ok := sc[k]; ok {
			return true
		}
	}
	return false
}
