package lint

import "context"

// StreamHolding is Stream holding at most about hold findings before it
// reads the other files for their summaries.
func (e *Engine) StreamHolding(ctx context.Context, srcs []Source, sink FindingsFunc, hold int) (*Report, error) {
	return e.stream(ctx, srcs, sink, hold, partFileSize)
}

// StreamInParts is StreamHolding handing every YAML file of partSize
// bytes or more over in parts.
func (e *Engine) StreamInParts(ctx context.Context, srcs []Source, sink FindingsFunc, hold int, partSize int64) (*Report, error) {
	return e.stream(ctx, srcs, sink, hold, partSize)
}
