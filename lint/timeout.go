package lint

import (
	"cmp"
	"context"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// slowRule names the rule that made a file's evaluation run out of time,
// as " (rule ID)", or "" when it cannot tell. It evaluates the file's
// input again one rule at a time, each within the file timeout, so only a
// file that already failed pays for it; it gives up when the run's own
// deadline passes. run is the run's context, not the file's.
func (e *Engine) slowRule(run context.Context, query string, input ast.Value) string {
	prog := e.programFor(query)
	if e.opts.FileTimeout <= 0 || prog == nil || run.Err() != nil {
		return ""
	}
	inputs := queryInputs(query)
	var ids []string
	for id, r := range e.rules {
		if slices.Contains(inputs, r.Input) {
			ids = append(ids, id)
		}
	}
	// Users' rules first: they are the likely culprits.
	slices.SortFunc(ids, func(a, b string) int {
		return cmp.Or(cmp.Compare(btoi(e.rules[a].Builtin), btoi(e.rules[b].Builtin)), cmp.Compare(a, b))
	})
	for _, id := range ids {
		if run.Err() != nil {
			return ""
		}
		pq, err := prog.PrepareRule(run, id, e.store)
		if err != nil {
			continue
		}
		rctx, cancel := context.WithTimeout(run, e.opts.FileTimeout)
		_, err = pq.Eval(rctx, rego.EvalParsedInput(input))
		expired := rctx.Err() != nil
		cancel()
		if err != nil && expired && run.Err() == nil {
			return " (rule " + id + ")"
		}
	}
	return ""
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
