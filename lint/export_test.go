package lint

import "context"

// StreamHolding is Stream holding at most about hold findings before it
// reads the other files for their summaries.
func (e *Engine) StreamHolding(ctx context.Context, srcs []Source, sink FindingsFunc, hold int) (*Report, error) {
	return e.stream(ctx, srcs, sink, hold)
}
