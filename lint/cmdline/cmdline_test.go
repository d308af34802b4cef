package cmdline_test

import (
	"strings"
	"testing"

	"github.com/hardline-dev/hardline/lint/cmdline"
)

func TestUnwrap(t *testing.T) {
	for _, tc := range []struct {
		line    string
		idx     int
		program string
	}{
		{"curl -k https://x", 0, "curl"},
		{"/usr/bin/curl -k", 0, "curl"},
		{"sudo -u bash bash -c id", 3, "bash"},
		{"sudo --user=app --preserve-env docker run x", 3, "docker"},
		{"env -u HOME A=1 B=2 docker run x", 5, "docker"},
		{"env - PATH=/bin sh -c id", 3, "sh"},
		{"nice -n 5 timeout --signal KILL 30 docker run x", 7, "docker"},
		{"timeout -s KILL 30 stdbuf -oL xargs -n 1 docker pull", 9, "docker"},
		{"xargs -0 -I{} docker rm {}", 3, "docker"},
		{"exec -a name nohup time -f %e docker run x", 7, "docker"},
		{"command -v docker", 0, "command"},
		{"command docker run x", 1, "docker"},
		{"sudo -u root", -1, "sudo"},
		{"xargs", -1, "echo"},
		{"sudo -- docker run x", 2, "docker"},
	} {
		idx, program := cmdline.Unwrap(strings.Fields(tc.line))
		if idx != tc.idx || program != tc.program {
			t.Errorf("Unwrap(%q) = %d, %q; want %d, %q", tc.line, idx, program, tc.idx, tc.program)
		}
	}
}

func TestIsAssignment(t *testing.T) {
	for w, want := range map[string]bool{
		"A=1": true, "_x=": true, "A1=b=c": true,
		"=1": false, "1A=2": false, "a-b=1": false, "plain": false, "--opt=1": false,
	} {
		if got := cmdline.IsAssignment(w); got != want {
			t.Errorf("IsAssignment(%q) = %v, want %v", w, got, want)
		}
	}
}
