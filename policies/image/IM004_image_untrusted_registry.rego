# METADATA
# title: Images must come from a trusted registry
# description: |
#   The image comes from a registry that is not in the configured list of
#   trusted registries (trusted_registries). The rule is off until that list
#   is set. An entry is a registry ("registry.example.com") or a registry and
#   a repository prefix ("ghcr.io/acme", "docker.io/library").
# custom:
#   id: IM004
#   name: image-untrusted-registry
#   severity: warning
#   input: image
#   remediation: Pull the image through a trusted registry or mirror, or add its registry to trusted_registries in the hardline configuration.
#   why: |
#     Organisations mirror and scan the images they run; an image pulled straight
#     from an arbitrary registry bypasses that review, and the registry's owner
#     decides what runs in your cluster.
#   bad: |
#     # trusted_registries: [registry.example.com]
#     FROM ghcr.io/someone/tool:1.2
#   good: |
#     FROM registry.example.com/mirror/tool:1.2
#   references:
#     - https://kubernetes.io/docs/concepts/containers/images/
#     - https://cloud.google.com/binary-authorization/docs/overview
package rules.image.IM004

import data.lib.image

# trusted_registries is the configured list; the rule is off while it is empty or absent.
trusted_registries := data.hardline.config.trusted_registries

deny contains image.at(sprintf("image %s comes from %s, which is not a trusted registry", [img.ref, image.registry(img)]), img) if {
	count(trusted_registries) > 0
	some img in image.images
	not image.unknown(img)
	not image.scratch(img)
	not image.trusted_by_prefix(img, image.trusted_prefixes)
}
