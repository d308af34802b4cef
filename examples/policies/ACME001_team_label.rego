# METADATA
# title: Workloads must name the team that owns them
# description: |
#   An object that runs pods (Deployment, StatefulSet, DaemonSet, Job,
#   CronJob, Pod, ...) has no "team" label, or its pod template does not
#   carry the label down to the pods. An example of a company policy: change
#   team_label to your own label key.
# custom:
#   id: ACME001
#   name: team-label
#   severity: warning
#   input: kubernetes
#   remediation: Set metadata.labels.team on the workload and on its pod template (spec.template.metadata.labels.team).
#   why: |
#     Incident response starts with "whose is this?". The team label routes
#     alerts and security findings to the owners, splits the cloud bill, and
#     lets NetworkPolicies and admission policies select a team's pods. A
#     label on the workload alone does not reach the pods, which is what
#     monitoring and policies see.
#   bad: |
#     metadata:
#       name: web
#       labels:
#         app: web
#   good: |
#     metadata:
#       name: web
#       labels:
#         app: web
#         team: payments
#   fix: safe
#   fix_reason: the pod template gets the team the workload already names, which changes no behaviour of the pods
#   tags: [acme, ownership]
package rules.kubernetes.ACME001

# team_label is the label key that names the owning team.
team_label := "team"

# metadata_path is where the object's own metadata sits in its document:
# ["metadata"], or below ["items", i] for an item of a kind: List.
metadata_path := array.concat(input.object_path, ["metadata"])

# team is the object's team label, when it is set to a non-empty string.
team := input.object.metadata.labels[team_label] if has_team(input.object.metadata)

# The workload itself has no team label. The path names the missing label;
# hardline reports it at the deepest part that exists (labels:, else
# metadata:).
deny contains {
	"msg": sprintf("%s %q has no %q label: name the team that owns it", [lower(input.kind), input.name, team_label]),
	"path": array.concat(metadata_path, ["labels", team_label]),
} if {
	count(input.pods) > 0
	not has_team(input.object.metadata)
}

# A pod template does not carry the label down to the pods. When the
# workload names its team, the fix copies it into the template.
deny contains finding(pod) if {
	some pod in input.pods
	pod.metadata_path != metadata_path # a Pod's metadata is the object's own
	not has_team(pod.metadata)
}

finding(pod) := object.union(template_finding(pod), {"fix": {
	"title": sprintf("Label the pod template with %s: %s", [team_label, team]),
	"edits": [{"op": "set", "path": template_label_path(pod), "value": team}],
}}) if {
	team
} else := template_finding(pod)

template_finding(pod) := {
	"msg": sprintf("the pod template of %s %q has no %q label: its pods cannot be traced to a team", [lower(input.kind), input.name, team_label]),
	"path": template_label_path(pod),
}

template_label_path(pod) := array.concat(pod.metadata_path, ["labels", team_label])

# has_team holds when metadata has a non-empty team label.
has_team(metadata) if {
	t := metadata.labels[team_label]
	is_string(t)
	trim_space(t) != ""
}
