package rules.kubernetes.KS052_test

import data.lib.kubernetes_test as t
import data.rules.kubernetes.KS052

ingress(annotations) := object.union(
	t.plain_input("networking.k8s.io/v1", "Ingress", {"name": "shop", "namespace": "shop"}),
	{"object": {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "shop", "annotations": annotations}}},
)

test_snippets_denied_at_annotation if {
	got := KS052.deny with input as ingress({
		"nginx.ingress.kubernetes.io/rewrite-target": "/",
		"nginx.ingress.kubernetes.io/server-snippet": "location /metrics { deny all; }",
	})
	got == {{
		"msg": `Ingress "shop" injects raw NGINX configuration with nginx.ingress.kubernetes.io/server-snippet (CVE-2021-25742): use a dedicated annotation instead`,
		"path": ["metadata", "annotations", "nginx.ingress.kubernetes.io/server-snippet"],
	}}
}

test_every_snippet_annotation if {
	every key in ["configuration-snippet", "server-snippet", "auth-snippet", "stream-snippet", "modsecurity-snippet"] {
		count(KS052.deny) == 1 with input as ingress({concat("", ["nginx.ingress.kubernetes.io/", key]): "x"})
	}
}

test_other_annotations_allowed if {
	count(KS052.deny) == 0 with input as ingress({
		"nginx.ingress.kubernetes.io/ssl-redirect": "true",
		"nginx.ingress.kubernetes.io/custom-headers": "shop/headers",
		"haproxy.org/server-snippet": "x",
	})
}
