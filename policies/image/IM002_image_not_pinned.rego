# METADATA
# title: Images should be pinned to a digest
# description: |
#   A tag can be moved to another image at any time; a digest (@sha256:...)
#   names exactly one image. Pinning makes builds and deployments
#   reproducible and stops a re-pushed tag from changing what runs. A
#   reference with no tag or the latest tag is reported by IM001 alone,
#   which carries the same pin fix.
# custom:
#   id: IM002
#   name: image-not-pinned
#   severity: info
#   input: image
#   remediation: Add the image's digest to the reference (keep the tag for readers), and let a bot such as Renovate or Dependabot update it.
#   why: |
#     Tags are mutable: the publisher, or anyone who takes over the account,
#     can point python:3.12 at a different image tomorrow. A digest is the
#     hash of the image manifest, so the reference cannot silently change.
#   bad: |
#     FROM python:3.12-slim
#   good: |
#     FROM python:3.12-slim@sha256:2be8dd...
#   fix: unsafe
#   fix_reason: the fix looks up the tag's current digest in the registry (only with --resolve-digests); review that the digest is the image you expect, and keep it updated
#   references:
#     - https://docs.docker.com/build/building/best-practices/#pin-base-image-versions
#     - https://slsa.dev/spec/v1.0/requirements
package rules.image.IM002

import data.lib.image

deny contains image.at_with_fix(
	sprintf("image %s is not pinned to a digest", [img.ref]),
	img,
	{
		"title": sprintf("Pin %s to its digest", [img.ref]),
		"edits": [{"op": "pin_image", "image": img}],
	},
) if {
	some img in image.images
	not image.unknown(img)
	not image.scratch(img)
	not image.pinned(img)
	not image.tag(img) in {"", "latest"}
}
