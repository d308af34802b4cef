package formats

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/rule"
)

// RulesText lists rules one per line: ID, name, severity, input and title.
func RulesText(w io.Writer, rules []rule.Rule) error {
	var b strings.Builder
	for _, r := range rules {
		fmt.Fprintf(&b, "%-6s %-34s %-8s %-11s %s\n", r.ID, r.Name, r.Severity, r.Input, r.Title)
	}
	_, err := io.WriteString(w, printableText(b.String()))
	return err
}

// printableText makes text made of rules' METADATA safe to print, line by
// line: a user's policy may hold terminal escapes or lines that a CI
// runner would read as commands. Tabs and line breaks are kept.
func printableText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		parts := strings.Split(strings.TrimSuffix(l, "\r"), "\t")
		for j, p := range parts {
			parts[j] = lint.Printable(p)
		}
		lines[i] = lint.NoCommand(strings.Join(parts, "\t"))
	}
	return strings.Join(lines, "\n")
}

// RulesJSON writes the rules as a JSON array.
func RulesJSON(w io.Writer, rules []rule.Rule) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if rules == nil {
		rules = []rule.Rule{}
	}
	return enc.Encode(rules)
}

// RulesMarkdown writes the rules reference (docs/rules.md): a table, then
// a section per rule whose anchor is the lower-case rule ID.
func RulesMarkdown(w io.Writer, rules []rule.Rule) error {
	var b strings.Builder
	b.WriteString("# Rules\n\n")
	b.WriteString("<!-- Generated from the rules' METADATA by `hardline rules --format markdown`. Do not edit. -->\n\n")
	b.WriteString("Kubernetes manifests are read as kubectl reads them (YAML 1.1: `yes`, `on` and `y` are true). " +
		"Rules on pods check the pod specs of Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, " +
		"ReplicationControllers, Jobs, CronJobs and PodTemplates, of Argo Rollouts and Workflows, Knative " +
		"Services, OpenShift DeploymentConfigs and OpenKruise workloads, and of any other kind with a pod " +
		"template at `spec.template.spec`; see [Workload kinds](configuration.md#workload-kinds) for the list " +
		"and for adding a kind with `workloads` in `.hardline.yaml`.\n\n")
	b.WriteString(RulesTable(rules, ""))
	for _, r := range rules {
		fmt.Fprintf(&b, "\n## %s\n\n", r.ID)
		fmt.Fprintf(&b, "**%s** (`%s`): %s, checks %s", r.Title, r.Name, r.Severity, r.Input)
		if len(r.Levels) > 0 {
			fmt.Fprintf(&b, ", Pod Security Standards %s", strings.Join(r.Levels, " and "))
		}
		b.WriteString(".\n\n")
		writeRuleMarkdown(&b, r)
	}
	_, err := io.WriteString(w, printableText(strings.TrimRight(b.String(), "\n")+"\n"))
	return err
}

// writeRuleMarkdown writes what the rules reference and the SARIF help
// say of a rule: description, why, how to fix, the fix, examples and
// references.
func writeRuleMarkdown(b *strings.Builder, r rule.Rule) {
	writeSection(b, "", r.Description)
	writeSection(b, "**Why it matters.** ", r.Why)
	writeSection(b, "**How to fix.** ", r.Remediation)
	if r.Fix != 0 {
		fmt.Fprintf(b, "**Automatic fix:** %s", r.Fix)
		if r.FixReason != "" {
			fmt.Fprintf(b, " (%s)", strings.TrimSuffix(r.FixReason, "."))
		}
		b.WriteString(".\n\n")
	}
	lang := "dockerfile"
	switch r.Input {
	case rule.InputKubernetes, rule.InputManifests:
		lang = "yaml"
	case rule.InputRuntime:
		lang = "" // Compose YAML and shell side by side
	case rule.InputDockerfile, rule.InputImage:
	}
	writeExample(b, "Bad", lang, r.Bad)
	writeExample(b, "Good", lang, r.Good)
	if len(r.References) > 0 {
		b.WriteString("References:\n\n")
		for _, ref := range r.References {
			fmt.Fprintf(b, "- <%s>\n", ref)
		}
		b.WriteString("\n")
	}
}

// RulesTable is a Markdown table of the rules whose IDs link to
// link#<lower-case ID>.
func RulesTable(rules []rule.Rule, link string) string {
	var b strings.Builder
	b.WriteString("| ID | Name | Severity | Checks | What it reports | Fix | Pod Security level |\n|---|---|---|---|---|---|---|\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| [%s](%s#%s) | %s | %s | %s | %s | %s | %s |\n",
			r.ID, link, strings.ToLower(r.ID), r.Name, r.Severity, r.Input, r.Title, fixName(r.Fix), strings.Join(r.Levels, ", "))
	}
	return b.String()
}

// Explain writes everything known about one rule as plain text.
func Explain(w io.Writer, r rule.Rule) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s\n\n", r.ID, r.Name, r.Title)
	fmt.Fprintf(&b, "Severity: %s\nChecks:   %s\n", r.Severity, r.Input)
	if len(r.Levels) > 0 {
		fmt.Fprintf(&b, "Pod Security Standards: %s\n", strings.Join(r.Levels, ", "))
	}
	if r.Fix != 0 {
		fmt.Fprintf(&b, "Fix:      %s", r.Fix)
		if r.FixReason != "" {
			fmt.Fprintf(&b, " (%s)", strings.TrimSuffix(r.FixReason, "."))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
	writeSection(&b, "", r.Description)
	writeSection(&b, "Why it matters: ", r.Why)
	writeSection(&b, "How to fix: ", r.Remediation)
	if r.Bad != "" {
		fmt.Fprintf(&b, "Bad:\n%s\n\n", indent(r.Bad))
	}
	if r.Good != "" {
		fmt.Fprintf(&b, "Good:\n%s\n\n", indent(r.Good))
	}
	if len(r.References) > 0 {
		b.WriteString("References:\n")
		for _, ref := range r.References {
			fmt.Fprintf(&b, "  %s\n", ref)
		}
	}
	_, err := io.WriteString(w, printableText(strings.TrimRight(b.String(), "\n")+"\n"))
	return err
}

func writeSection(b *strings.Builder, label, text string) {
	if text = strings.TrimSpace(text); text != "" {
		fmt.Fprintf(b, "%s%s\n\n", label, text)
	}
}

func indent(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "    " + l
	}
	return strings.Join(lines, "\n")
}

func fixName(a rule.Applicability) string {
	if a == 0 {
		return ""
	}
	return a.String()
}
