package kube

import (
	"fmt"
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	src, _ := os.ReadFile("testdata/app.yaml")
	for _, d := range (Parser{}).Parse("testdata/app.yaml", src) {
		fmt.Println(d.Input())
		fmt.Println(d.Summary())
	}
}
