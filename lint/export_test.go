package lint

import "context"

// StreamHolding is Stream holding about hold findings as they are before
// it compresses those of the other files.
func (e *Engine) StreamHolding(ctx context.Context, srcs []Source, sink FindingsFunc, hold int) (*Report, error) {
	return e.stream(ctx, srcs, sink, hold)
}
