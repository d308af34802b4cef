package dockerfile

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestDumpTmp(t *testing.T) {
	p := os.Getenv("DUMP")
	if p == "" {
		t.Skip()
	}
	src, _ := os.ReadFile(p)
	m := ParseModel(p, src)
	out, _ := json.MarshalIndent(m, "", "  ")
	fmt.Println(string(out))
}
