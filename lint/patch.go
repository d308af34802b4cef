package lint

// pathChecker is a document that tells which nodes are written in it.
type pathChecker interface {
	Has(path []any) bool
}

// patchFinding keeps a finding on a Kustomize patch only when its verdict
// does not depend on fields the patch leaves to what it patches: the rule
// must report a node the patch writes (privileged: true), not a field it
// lacks (runAsNonRoot), which the patched object may set. Rules over
// several objects do not see patches at all. The kept
// finding's fixes may only change what the patch writes: a fix that would
// add a field (a default) to the patch is dropped. A finding that is
// dropped comes back with an empty RuleID.
func patchFinding(f Finding, doc Document) Finding {
	pc, ok := doc.(pathChecker)
	if !ok {
		return Finding{}
	}
	// A result without a path points at text (an image reference) the
	// patch holds.
	if f.path != nil && (!pc.Has(f.path) || subjectPath(f.path)) {
		return Finding{}
	}
	var fixes []Fix
	for _, fix := range f.Fixes {
		keep := len(fix.Edits) == 0 || len(fix.Intents) > 0
		for _, in := range fix.Intents {
			if in.Op == "add_to_list" || !pc.Has(in.Path) {
				keep = false
			}
		}
		if keep {
			fixes = append(fixes, fix)
		}
	}
	f.Fixes = fixes
	return f
}

// subjectPath reports whether path is an object, a pod spec or a
// container: what absence rules report on, not a value the patch wrote.
func subjectPath(path []any) bool {
	if len(path) == 0 {
		return true
	}
	switch last := path[len(path)-1].(type) {
	case string:
		return last == "spec" || last == "template" || last == "metadata"
	case int:
		if len(path) >= 2 {
			switch path[len(path)-2] {
			case "containers", "initContainers", "ephemeralContainers":
				return true
			}
		}
	}
	return false
}
