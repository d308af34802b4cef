# METADATA
# description: Helpers that build rule results (see docs/policies.md).
package lib.result

# at is a finding at a model node that carries a range.
at(msg, node) := {"msg": msg, "range": node.range}

# at_range is a finding at a range.
at_range(msg, r) := {"msg": msg, "range": r}

# at_path is a finding at a Kubernetes field, given by its path from the document root.
at_path(msg, path) := {"msg": msg, "path": path}

# with_fix adds a fix to a finding.
with_fix(finding, fix) := object.union(finding, {"fix": fix})
