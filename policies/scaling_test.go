package policies_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/profiler"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/hardline-dev/hardline/lint/kube"
	"github.com/hardline-dev/hardline/lint/rule"
	"github.com/hardline-dev/hardline/policies"
)

// TestManifestsRulesScaleLinearly evaluates the rules over every manifest
// on n and 4n objects of the kinds they join (Roles and their bindings,
// ClusterRoles aggregating others, Namespaces, NetworkPolicies, workloads
// and service accounts) and counts the expressions OPA evaluates, which
// does not depend on the machine: four times the objects must cost about
// four times the work, not sixteen (grouping the roles by key in a partial
// rule did).
func TestManifestsRulesScaleLinearly(t *testing.T) {
	cat, err := policies.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	prog, err := cat.Compile(nil, []policies.Query{{Name: "m", Inputs: []rule.Input{rule.InputManifests}}})
	if err != nil {
		t.Fatal(err)
	}
	store := inmem.NewFromObjectWithOpts(map[string]any{"hardline": map[string]any{"config": map[string]any{}}}, inmem.OptReturnASTValuesOnRead(true))
	ctx := context.Background()
	pq, err := prog.Prepare(ctx, "m", store)
	if err != nil {
		t.Fatal(err)
	}
	work := func(n int) int {
		src := manifestsCorpus(n)
		var objects []*ast.Term
		for s := range (kube.Parser{}).Summaries("m.yaml", []byte(src)) {
			objects = append(objects, ast.NewTerm(s))
		}
		input := ast.NewObject(
			[2]*ast.Term{ast.StringTerm("type"), ast.StringTerm("manifests")},
			[2]*ast.Term{ast.StringTerm("objects"), ast.ArrayTerm(objects...)},
		)
		p := profiler.New()
		rs, err := pq.Eval(ctx, rego.EvalParsedInput(input), rego.EvalQueryTracer(p))
		if err != nil || len(rs) == 0 {
			t.Fatalf("n=%d: %v, %d result sets", n, err, len(rs))
		}
		total := 0
		for _, s := range p.ReportTopNResults(-1, []string{"num_eval"}) {
			total += s.NumEval
		}
		return total
	}
	small, large := work(40), work(160)
	t.Logf("%d and %d evaluation steps", small, large)
	if ratio := float64(large) / float64(small); ratio > 6 {
		t.Errorf("4× the objects took %.1f× the evaluation steps (%d against %d); want about 4×", ratio, large, small)
	}
}

// manifestsCorpus is n groups of objects that the rules over every
// manifest join with each other.
func manifestsCorpus(n int) string {
	var b strings.Builder
	for i := range n {
		ns := fmt.Sprintf("ns-%d", i)
		fmt.Fprintf(&b, `apiVersion: v1
kind: Namespace
metadata: {name: %[1]s}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: %[1]s}
spec: {podSelector: {}, policyTypes: [Ingress]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader-%[2]d, namespace: %[1]s}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb-%[2]d, namespace: %[1]s}
subjects: [{kind: Group, name: system:authenticated}, {kind: ServiceAccount, name: default, namespace: %[1]s}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader-%[2]d}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: agg-%[2]d, labels: {agg: "%[2]d"}}
rules: [{apiGroups: [""], resources: [pods/exec], verbs: [create]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: top-%[2]d}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {agg: "%[2]d"}}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: crb-%[2]d}
subjects: [{kind: ServiceAccount, name: app, namespace: %[1]s}]
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: top-%[2]d}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: app, namespace: %[1]s}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: %[1]s}
spec:
  template:
    spec:
      serviceAccountName: app
      containers: [{name: web, image: nginx:1.27}]
---
`, ns, i)
	}
	return b.String()
}
