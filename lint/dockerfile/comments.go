package dockerfile

// DataSpans implements lint.DataSpanner: the bodies of heredocs (COPY
// <<EOT, RUN <<EOT), where a "#" line is content and not a comment.
func (Parser) DataSpans(src []byte) [][2]int {
	m := ParseModel("", src)
	var spans [][2]int
	for _, ins := range m.Instructions {
		for _, h := range ins.Heredocs {
			spans = append(spans, [2]int{h.Range.Offset, h.Range.EndOffset})
		}
	}
	return spans
}
