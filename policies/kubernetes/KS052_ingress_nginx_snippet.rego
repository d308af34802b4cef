# METADATA
# title: Ingresses should not use ingress-nginx snippet annotations
# description: |
#   An Ingress has an ingress-nginx annotation that injects raw NGINX
#   configuration: configuration-snippet, server-snippet, auth-snippet,
#   stream-snippet or modsecurity-snippet (nginx.ingress.kubernetes.io/).
#   The controller copies the text into its nginx.conf, where it can read
#   the controller's service account token and every Secret the controller
#   can see (CVE-2021-25742); ingress-nginx disables them by default since
#   1.9 (allow-snippet-annotations).
# custom:
#   id: KS052
#   name: ingress-nginx-snippet
#   severity: warning
#   input: kubernetes
#   remediation: Use the dedicated annotations or a ConfigMap setting maintained by the cluster operators instead of the snippet, and keep allow-snippet-annotations false on the controller.
#   why: |
#     Whoever can create an Ingress in any namespace can, through a snippet,
#     run NGINX directives in the controller, which usually can read every
#     Secret of the cluster.
#   bad: |
#     kind: Ingress
#     metadata:
#       annotations:
#         nginx.ingress.kubernetes.io/configuration-snippet: |
#           more_set_headers "X-Frame-Options: DENY";
#   good: |
#     kind: Ingress
#     metadata:
#       annotations:
#         nginx.ingress.kubernetes.io/custom-headers: shop/security-headers
#   references:
#     - https://github.com/kubernetes/ingress-nginx/issues/7837
#     - https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#allow-snippet-annotations
package rules.kubernetes.KS052

import data.lib.kubernetes as k8s
import data.lib.result

snippets := {
	"nginx.ingress.kubernetes.io/configuration-snippet",
	"nginx.ingress.kubernetes.io/server-snippet",
	"nginx.ingress.kubernetes.io/auth-snippet",
	"nginx.ingress.kubernetes.io/stream-snippet",
	"nginx.ingress.kubernetes.io/modsecurity-snippet",
}

deny contains result.at_path(msg, k8s.object_path(["metadata", "annotations", key])) if {
	input.kind == "Ingress"
	some key, _ in input.object.metadata.annotations
	key in snippets
	msg := sprintf("Ingress %q injects raw NGINX configuration with %s (CVE-2021-25742): use a dedicated annotation instead", [input.name, key])
}
