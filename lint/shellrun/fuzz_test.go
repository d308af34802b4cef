package shellrun_test

import (
	"testing"

	"github.com/hardline-dev/hardline/lint/container"
)

// FuzzParse checks that every range the parser reports lies in the file
// and that every prepared fix applies.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"docker run -it --rm -e A=1 -uroot -v /:/h --privileged alpine sh\n",
		"docker run \\\n  --privileged \\\n  alpine\n",
		"run:\n\t-docker run --rm $(IMAGE) $$HOME\n",
		"jobs:\n  a:\n    steps:\n      - run: |\n          docker run ${{ x }} --privileged y\n",
		"sudo -E docker container create --read-only=false -p [::1]:22:22 x\n",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, source := range []string{container.SourceShell, container.SourceMakefile, container.SourceWorkflow} {
			m := parse(t, source, src)
			for _, c := range m.Containers {
				for _, fix := range c.Fixes {
					for _, e := range fix.Edits {
						if e.Range.Offset < 0 || e.Range.EndOffset > len(src) || e.Range.Offset > e.Range.EndOffset {
							t.Fatalf("%s: edit %+v outside the file", source, e.Range)
						}
					}
				}
				if c.Range.EndOffset > len(src) || c.Range.Offset > c.Range.EndOffset {
					t.Fatalf("%s: range %+v outside the file", source, c.Range)
				}
			}
		}
	})
}
