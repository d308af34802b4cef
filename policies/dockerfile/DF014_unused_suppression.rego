# METADATA
# title: Suppressions must silence something
# description: |
#   A hardline suppression (a comment before an instruction or a global comment) names rules that report nothing
#   where it applies, or names no known rule. Stale suppressions hide the
#   next real finding at that place, so remove them once the code is fixed.
#   A word shaped like a rule ID in a suppression's reason (ignore=KS001 KS003
#   reason) is reported too: rules are listed comma-separated before the
#   reason, so that one is not suppressed.
#   hardline itself finds these while applying suppressions; this package
#   holds the rule's METADATA and reports nothing on its own.
# custom:
#   id: DF014
#   name: unused-suppression
#   severity: info
#   security_severity: none
#   input: dockerfile
#   remediation: Remove the suppression, or correct the rule IDs or names it gives (comma-separated, before the reason).
#   why: A suppression that outlives its reason silences the next real problem at the same place without anyone noticing.
#   bad: |
#     # hardline ignore=DF007 we used to need sudo
#     RUN apt-get update
#   good: |
#     RUN apt-get update
#   references:
#     - https://github.com/hardline-dev/hardline/blob/main/docs/configuration.md#suppressions
package rules.dockerfile.DF014

# The engine reports unused suppressions itself (see lint/suppress.go).
deny := set()
