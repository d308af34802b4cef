package compose

import "github.com/hardline-dev/hardline/lint/kube"

// DataSpans implements lint.DataSpanner: the quoted and block scalars of
// the YAML, where a "#" is text and not a comment.
func (Parser) DataSpans(src []byte) [][2]int { return kube.YAMLDataSpans(src) }
