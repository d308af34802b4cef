# METADATA
# title: Images must not be past their end of life
# description: |
#   The image's version (read from its tag) no longer gets security fixes from
#   its vendor: new vulnerabilities in it will stay unfixed. The dates come
#   from a table of the common base images (operating systems, language
#   runtimes, web servers and databases) compared with today's date.
# custom:
#   id: IM003
#   name: image-end-of-life
#   severity: warning
#   input: image
#   remediation: Move to a supported release of the image (for example python:3.13-slim instead of python:3.8-slim), and plan upgrades before the next end-of-life date.
#   why: |
#     After its end of life a release gets no security updates: every new CVE in
#     the runtime or the distribution stays open, and scanners will report the
#     image forever. Tags that name no version (latest, stable) are not judged.
#   bad: |
#     FROM python:3.8-slim
#     FROM debian:buster
#   good: |
#     FROM python:3.13-slim
#     FROM debian:bookworm
#   references:
#     - https://endoflife.date/
#     - https://wiki.debian.org/LTS
#     - https://ubuntu.com/about/release-cycle
package rules.image.IM003

import data.lib.eol
import data.lib.image

deny contains image.at(eol.message(r), img) if {
	some img in image.images
	r := eol.release(img)
	eol.past(r, data.hardline.config.today)
}
