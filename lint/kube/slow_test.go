package kube

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestSlowCorpus(t *testing.T) {
	dir := os.Getenv("CORPUS")
	if dir == "" {
		t.Skip()
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		lines := strings.SplitN(string(b), "\n", 2)
		s := strings.TrimSpace(lines[1])
		s = strings.TrimSuffix(strings.TrimPrefix(s, "[]byte("), ")")
		src, err := strconv.Unquote(s)
		if err != nil {
			t.Log(f, err)
			continue
		}
		start := time.Now()
		docs := (Parser{}).Parse("x.yaml", []byte(src))
		for _, ld := range docs {
			d := ld.(*document)
			for _, p := range objectPaths(d, 200) {
				d.Locate(p)
			}
		}
		if el := time.Since(start); el > 50*time.Millisecond {
			fmt.Printf("%s: %v len=%d %q\n", filepath.Base(f), el, len(src), src[:min(len(src), 300)])
		}
	}
}
