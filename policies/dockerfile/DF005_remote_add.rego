# METADATA
# title: Remote ADD sources must be verified with --checksum
# description: |
#   ADD downloads an http(s) URL or clones a git repository without --checksum.
#   Whatever the server returns that day goes into the image: a compromised
#   server, a moved tag or a man in the middle changes the build silently.
#   Git sources pinned to a full commit hash are not reported.
# custom:
#   id: DF005
#   name: remote-add
#   severity: warning
#   input: dockerfile
#   remediation: Add --checksum=sha256:<digest> (for git sources, pin the commit with url#<commit> or --checksum=<commit>), or download in a RUN step that verifies a checksum or signature.
#   why: |
#     A URL is not content. Verifying a known digest at build time is the only
#     way to know the image contains the file you reviewed.
#   bad: |
#     ADD https://example.com/tool-1.2.tar.gz /tmp/
#   good: |
#     ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool-1.2.tar.gz /tmp/
#   references:
#     - https://docs.docker.com/reference/dockerfile/#add---checksum
#     - https://docs.docker.com/reference/dockerfile/#adding-private-git-repositories
package rules.dockerfile.DF005

import data.lib.dockerfile as df
import data.lib.result

deny contains result.at_range(msg, df.args_range(inst)) if {
	some inst in df.instructions("add")
	not df.has_flag(inst, "checksum")
	some src in df.sources(inst)
	remote(src)
	not pinned_commit(src)
	msg := sprintf("remote source %s is added without --checksum, so its content is not verified", [src])
}

# remote sources are URLs and git repositories (as BuildKit recognises them).
remote(src) if regex.match(`^(?i)(https?|git|ssh)://`, src)

remote(src) if startswith(src, "git@")

remote(src) if startswith(src, "github.com/")

# pinned_commit: a git source whose ref (after #) is a full commit hash.
pinned_commit(src) if regex.match(`#[0-9a-fA-F]{40}(:.*)?$`, src)
