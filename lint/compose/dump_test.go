package compose_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/hardline-dev/hardline/lint/compose"
	"github.com/hardline-dev/hardline/lint/container"
	"github.com/hardline-dev/hardline/lint/shellrun"
)

func TestDump(t *testing.T) {
	f := os.Getenv("DUMP")
	if f == "" {
		return
	}
	src, _ := os.ReadFile(f)
	var d *container.Document
	if os.Getenv("SH") != "" {
		d = shellrun.Parser{Source: os.Getenv("SH")}.Parse(f, src)[0].(*container.Document)
	} else {
		d = compose.Parser{}.Parse(f, src)[0].(*container.Document)
	}
	b, _ := json.MarshalIndent(d.Model(), "", " ")
	t.Log(string(b))
}
