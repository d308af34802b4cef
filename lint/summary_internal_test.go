package lint

import (
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/hardline-dev/hardline/lint/rule"
)

// The summaries kept are those of the objects the enabled rules over
// every manifest name; all of them when one names none.
func TestObjectSelection(t *testing.T) {
	summary := func(kind string, pods bool) ast.Value {
		return ast.NewObject(ast.Item(ast.StringTerm("kind"), ast.StringTerm(kind)), ast.Item(ast.StringTerm("has_pods"), ast.BooleanTerm(pods)))
	}
	deployment, configMap, policy := summary("Deployment", true), summary("ConfigMap", false), summary("NetworkPolicy", false)
	manifests := func(id string, objects ...string) rule.Rule {
		return rule.Rule{ID: id, Input: rule.InputManifests, Objects: objects}
	}
	for _, tc := range []struct {
		name  string
		rules []rule.Rule
		keeps []bool // deployment, configMap, policy
	}{
		{"none", nil, []bool{false, false, false}},
		{"pods and a kind", []rule.Rule{manifests("A001", rule.ObjectsWithPods, "NetworkPolicy")}, []bool{true, false, true}},
		{"a kind", []rule.Rule{manifests("A001", "ConfigMap")}, []bool{false, true, false}},
		{"the union", []rule.Rule{manifests("A001", rule.ObjectsWithPods), manifests("A002", "ConfigMap")}, []bool{true, true, false}},
		{"one names none", []rule.Rule{manifests("A001", rule.ObjectsWithPods), manifests("A002")}, []bool{true, true, true}},
		{"other inputs", []rule.Rule{{ID: "A003", Input: rule.InputKubernetes}}, []bool{false, false, false}},
	} {
		rules := map[string]rule.Rule{}
		for _, r := range tc.rules {
			rules[r.ID] = r
		}
		sel := selectObjects(rules)
		for i, sum := range []ast.Value{deployment, configMap, policy} {
			if got := sel.keeps(sum); got != tc.keeps[i] {
				t.Errorf("%s: keeps(%v) = %v, want %v", tc.name, sum, got, tc.keeps[i])
			}
		}
	}
}
