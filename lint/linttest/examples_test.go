package linttest

import (
	"strings"
	"testing"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/rule"
)

func TestExampleSources(t *testing.T) {
	for _, tc := range []struct {
		name    string
		input   rule.Input
		example string
		want    [][]string // of each source: its kind, then substrings of its text ("!x": x is not in it)
	}{
		{
			"dockerfile gets a FROM", rule.InputDockerfile, "USER app\nRUN sudo x\n",
			[][]string{{"dockerfile", "FROM alpine:3.22\nUSER app\nRUN sudo x\n"}},
		},
		{"dockerfile with FROM kept", rule.InputDockerfile, "# c\nFROM a\n", [][]string{{"dockerfile", "# c\nFROM a\n", "!alpine"}}},
		{"image rule on Dockerfile lines", rule.InputImage, "FROM python\n", [][]string{{"dockerfile", "FROM python\n"}}},
		{
			"container keys", rule.InputKubernetes, "env:\n  - {name: A, value: b}\n",
			[][]string{{"yaml", "kind: Pod", "name: app", "env:", "name: A", "readOnlyRootFilesystem: true"}},
		},
		{
			"container securityContext replaces the hardened one", rule.InputKubernetes, "securityContext:\n  runAsUser: 10001\n",
			[][]string{{"yaml", "kind: Pod", "runAsUser: 10001", "!readOnlyRootFilesystem"}},
		},
		{
			"pod securityContext", rule.InputKubernetes, "securityContext:\n  sysctls: [{name: a, value: b}]\n",
			[][]string{{"yaml", "kind: Pod", "sysctls:", "readOnlyRootFilesystem: true"}},
		},
		{
			"pod spec keys", rule.InputKubernetes, "volumes:\n  - {name: v, emptyDir: {}}\n",
			[][]string{{"yaml", "kind: Pod", "volumes:", "name: app"}},
		},
		{
			"given containers kept alone", rule.InputKubernetes, "containers:\n  - {name: web, image: nginx}\n",
			[][]string{{"yaml", "kind: Pod", "name: web", "!name: app"}},
		},
		{
			"spec is a Pod's", rule.InputManifests, "spec:\n  hostNetwork: true\n",
			[][]string{{"yaml", "apiVersion: v1", "kind: Pod", "hostNetwork: true", "name: example"}},
		},
		{
			"object completed", rule.InputKubernetes, "kind: Deployment\nmetadata:\n  namespace: kube-system\n",
			[][]string{{"yaml", "apiVersion: apps/v1", "name: example", "namespace: kube-system", "template:", "name: app"}},
		},
		{
			"rules are a ClusterRole's", rule.InputKubernetes, "rules:\n  - {apiGroups: [''], resources: [pods], verbs: [get]}\n",
			[][]string{{"yaml", "kind: ClusterRole", "apiVersion: rbac.authorization.k8s.io/v1"}},
		},
		{
			"subjects are a RoleBinding's", rule.InputManifests, "subjects:\n  - {kind: Group, name: g}\n",
			[][]string{{"yaml", "kind: RoleBinding", "namespace: shop", "roleRef:"}},
		},
		{"unreadable kept as written", rule.InputKubernetes, "a: [\n", [][]string{{"yaml", "a: [\n"}}},
		{
			"runtime split", rule.InputRuntime, "services:\n  app:\n    image: a\ndocker run --privileged a\npodman run a\n",
			[][]string{{"compose", "services:\n  app:\n    image: a\n", "!docker"}, {"shell", "docker run --privileged a\n"}, {"shell", "podman run a\n"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srcs, err := ExampleSources(rule.Rule{ID: "XX001", Input: tc.input}, tc.example)
			if err != nil {
				t.Fatal(err)
			}
			if len(srcs) != len(tc.want) {
				t.Fatalf("%d sources, want %d: %+v", len(srcs), len(tc.want), srcs)
			}
			for i, src := range srcs {
				want := tc.want[i]
				if got := kindName(src.Kind); got != want[0] {
					t.Errorf("source %d is %s, want %s", i, got, want[0])
				}
				for _, s := range want[1:] {
					if not, ok := strings.CutPrefix(s, "!"); ok {
						if strings.Contains(string(src.Src), not) {
							t.Errorf("source %d holds %q:\n%s", i, not, src.Src)
						}
					} else if !strings.Contains(string(src.Src), s) {
						t.Errorf("source %d lacks %q:\n%s", i, s, src.Src)
					}
				}
			}
		})
	}
}

func kindName(k lint.Kind) string {
	switch k {
	case lint.KindDockerfile:
		return "dockerfile"
	case lint.KindYAML:
		return "yaml"
	case lint.KindCompose:
		return "compose"
	case lint.KindShell:
		return "shell"
	case lint.KindUnknown, lint.KindMakefile, lint.KindWorkflow:
	}
	return "other"
}
