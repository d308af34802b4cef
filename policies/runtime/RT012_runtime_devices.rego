# METADATA
# title: Containers should not get host devices
# description: |
#   devices (--device) passes a host device into the container.
# custom:
#   id: RT012
#   name: runtime-devices
#   severity: warning
#   input: runtime
#   remediation: Remove the device unless the container really drives it; pass only that device, with the permissions it needs (/dev/ttyUSB0:/dev/ttyUSB0:r).
#   why: |
#     A host device gives the container direct access to hardware and its
#     driver: a disk (/dev/sda) is every file of the host, /dev/mem its
#     memory, and device drivers are a large kernel attack surface.
#   bad: |
#     services:
#       app:
#         image: app:1.4
#         devices: ["/dev/sda:/dev/sda"]
#     docker run --device /dev/mem app:1.4
#   good: |
#     services:
#       app:
#         image: app:1.4
#   references:
#     - https://docs.docker.com/reference/cli/docker/container/run/#device
package rules.runtime.RT012

import data.lib.result
import data.lib.runtime as rt

deny contains result.at(sprintf("%s gets the host device %s: remove it unless the container drives it", [rt.describe(c), d.source]), d) if {
	some c in rt.containers
	some d in c.devices
	not d.unknown
}
