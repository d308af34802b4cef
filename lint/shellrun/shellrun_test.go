package shellrun_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/container"
	lintfix "github.com/hardline-dev/hardline/lint/fix"
	"github.com/hardline-dev/hardline/lint/shellrun"
)

func parse(t *testing.T, source, src string) *container.Model {
	t.Helper()
	docs := shellrun.Parser{Source: source}.Parse("f", []byte(src))
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	d, ok := docs[0].(*container.Document)
	if !ok {
		t.Fatalf("document is a %T", docs[0])
	}
	return d.Model()
}

// at is the text of src a range covers, with its line and column.
func at(src string, r lint.Range) string {
	if r.Offset < 0 || r.EndOffset > len(src) || r.Offset > r.EndOffset {
		return fmt.Sprintf("bad range %+v", r)
	}
	return fmt.Sprintf("%d:%d %s", r.Line, r.Column, src[r.Offset:r.EndOffset])
}

func TestOptions(t *testing.T) {
	src := `#!/bin/sh
docker run -it --rm -e A=1 -eB=2 --env C -uroot \
  --cap-add=NET_ADMIN,SYS_TIME --cap-add CHOWN --cap-drop ALL \
  -v /:/host:ro --mount type=bind,source=/etc,target=/etc,readonly \
  -p 127.0.0.1:2222:22/tcp -p 80 --device=/dev/fuse \
  --net host --pid=host --ipc host --userns=host --read-only=false \
  --security-opt seccomp=unconfined --privileged \
  alpine:3.22 sh -c 'echo --privileged'
`
	m := parse(t, container.SourceShell, src)
	if len(m.Containers) != 1 {
		t.Fatalf("%d containers, want 1", len(m.Containers))
	}
	c := m.Containers[0]
	got := map[string]string{
		"name":       c.Name,
		"range":      at(src, c.Range),
		"image":      at(src, c.Image.Range) + " " + c.Image.Repository + " " + c.Image.Tag,
		"user":       at(src, c.User.Range) + " = " + c.User.Value,
		"privileged": at(src, c.Privileged.Range),
		"read_only":  fmt.Sprint(c.ReadOnly.Value),
		"network":    at(src, c.NetworkMode.Range) + " = " + c.NetworkMode.Value,
		"pid":        c.Pid.Value + c.Ipc.Value + c.UsernsMode.Value,
		"security":   at(src, c.SecurityOpt[0].Range) + " = " + c.SecurityOpt[0].Value,
		"device":     c.Devices[0].Source + ">" + c.Devices[0].Target,
	}
	var env, caps, drops, vols, ports []string
	for _, e := range c.Env {
		env = append(env, fmt.Sprintf("%s=%s(%v)", e.Name, e.Value, e.HasValue))
	}
	for _, v := range c.CapAdd {
		caps = append(caps, v.Value)
	}
	for _, v := range c.CapDrop {
		drops = append(drops, v.Value)
	}
	for _, v := range c.Volumes {
		vols = append(vols, fmt.Sprintf("%s %s>%s ro=%v", v.Type, v.Source, v.Target, v.ReadOnly))
	}
	for _, p := range c.Ports {
		ports = append(ports, fmt.Sprintf("%s|%s|%s|%s", p.HostIP, p.Published, p.Target, p.Protocol))
	}
	got["env"] = strings.Join(env, " ")
	got["caps"] = strings.Join(caps, " ")
	got["drops"] = strings.Join(drops, " ")
	got["volumes"] = strings.Join(vols, "; ")
	got["ports"] = strings.Join(ports, " ")
	want := map[string]string{
		"name":       "docker run",
		"range":      "2:8 run",
		"image":      "8:3 alpine:3.22 library/alpine 3.22",
		"user":       "2:42 -uroot = root",
		"privileged": "7:37 --privileged",
		"read_only":  "false",
		"network":    "6:3 --net host = host",
		"pid":        "hosthosthost",
		"security":   "7:3 --security-opt seccomp=unconfined = seccomp=unconfined",
		"device":     "/dev/fuse>/dev/fuse",
		"env":        "A=1(true) B=2(true) C=(false)",
		"caps":       "NET_ADMIN SYS_TIME CHOWN",
		"drops":      "ALL",
		"volumes":    "bind />/host ro=true; bind /etc>/etc ro=true",
		"ports":      "127.0.0.1|2222|22|tcp ||80|tcp",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestCommands(t *testing.T) {
	src := `docker run alpine:3.22
sudo -E -u deploy docker run alpine:3.22
env DOCKER_HOST=x docker -H tcp://h:2375 --debug run alpine:3.22
docker container run alpine:3.22
podman container create alpine:3.22
nerdctl create alpine:3.22
if true; then out=$(docker run alpine:3.22 id); fi
echo docker run alpine:3.22
docker ps; docker build -t x .; docker runx alpine
/usr/bin/docker run alpine:3.22
nice -n 5 timeout --signal KILL 30 docker run alpine:3.22
sudo -u docker docker run alpine:3.22
command -v docker run
`
	m := parse(t, container.SourceShell, src)
	var got []string
	for _, c := range m.Containers {
		got = append(got, at(src, c.Range)+" "+c.Name)
	}
	want := []string{
		"1:8 run docker run",
		"2:26 run docker run",
		"3:50 run docker run",
		"4:18 run docker container run",
		"5:18 create podman container create",
		"6:9 create nerdctl create",
		"7:28 run docker run",
		"10:17 run /usr/bin/docker run",
		"11:43 run docker run",
		"12:23 run docker run",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestUnknownWords(t *testing.T) {
	for _, tc := range []struct {
		name, src   string
		dynamic     bool
		image       string
		unresolved  bool
		userUnknown bool
	}{
		{name: "options variable", src: `docker run $DOCKER_OPTS alpine:3.22`, dynamic: true, image: "alpine:3.22"},
		{name: "all arguments", src: `docker run "$@" alpine:3.22`, dynamic: true, image: "alpine:3.22"},
		{name: "image variable", src: `docker run --rm "$IMAGE" sh`, image: "$IMAGE", unresolved: true},
		{name: "unquoted image", src: `docker run --rm $APP sh`, image: "$APP", unresolved: true},
		{name: "make variable", src: "docker run --rm $(RUN_ARGS) $(IMAGE) sh", dynamic: true, image: "$(...)", unresolved: true},
		{name: "user from a command", src: `docker run --user "$(id -u)" alpine:3.22`, image: "alpine:3.22", userUnknown: true},
		{name: "end of options", src: `docker run -- alpine:3.22 --privileged`, image: "alpine:3.22"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := parse(t, container.SourceShell, tc.src)
			if len(m.Containers) != 1 {
				t.Fatalf("%d containers", len(m.Containers))
			}
			c := m.Containers[0]
			if c.Dynamic != tc.dynamic {
				t.Errorf("dynamic %v, want %v", c.Dynamic, tc.dynamic)
			}
			if c.Image == nil || c.Image.Raw != tc.image || c.Image.Unresolved != tc.unresolved {
				t.Errorf("image %+v, want %s (unresolved %v)", c.Image, tc.image, tc.unresolved)
			}
			if tc.userUnknown != (c.User != nil && c.User.Unknown) {
				t.Errorf("user %+v", c.User)
			}
			if c.Privileged != nil {
				t.Errorf("an argument of the container's command read as --privileged")
			}
		})
	}
}

func TestMakefile(t *testing.T) {
	src := "IMAGE := app:1\n" +
		"RUN = docker run --privileged x\n" +
		"run: build\n" +
		"\t@echo hi\n" +
		"\t-docker run --rm \\\n" +
		"\t  --privileged -e HOME=$$HOME $(IMAGE)\n" +
		"\n" +
		"# docker run --privileged commented\n" +
		"test:\n" +
		"\t+docker run --cap-drop=ALL alpine:3.22\n"
	m := parse(t, container.SourceMakefile, src)
	if len(m.Containers) != 2 {
		t.Fatalf("%d containers, want 2 (variables and comments are not recipes)", len(m.Containers))
	}
	c := m.Containers[0]
	if got := at(src, c.Range); got != "5:10 run" {
		t.Errorf("run word at %s", got)
	}
	if got := at(src, c.Privileged.Range); got != "6:4 --privileged" {
		t.Errorf("--privileged at %s", got)
	}
	if len(c.Env) != 1 || !c.Env[0].Unknown {
		t.Errorf("$$HOME must be an unknown shell variable: %+v", c.Env)
	}
	if c.Image == nil || !c.Image.Unresolved {
		t.Errorf("$(IMAGE) must be an unknown image: %+v", c.Image)
	}
	if got := at(src, m.Containers[1].CapDrop[0].Range); got != "10:14 --cap-drop=ALL" {
		t.Errorf("--cap-drop at %s", got)
	}
}

func TestWorkflow(t *testing.T) {
	src := `on: push
jobs:
  test:
    runs-on: ubuntu-latest
    defaults:
      run:
        shell: bash
    steps:
      - run: |
          docker build -t app .
          docker run --rm \
            --privileged app:${{ github.sha }} test
      - run: docker run --privileged alpine:3.22 # comment
      - run: "docker run --privileged alpine:3.22"
      - name: folded
        run: >
          docker run
          --privileged alpine:3.22
      - run: |-
          echo "${{ secrets.TOKEN }}" | docker login -u x --password-stdin
          docker run -e TOKEN=${{ secrets.TOKEN }} alpine:3.22
`
	m := parse(t, container.SourceWorkflow, src)
	var got []string
	for _, c := range m.Containers {
		s := at(src, c.Range)
		if c.Privileged != nil {
			s += " / " + at(src, c.Privileged.Range)
		}
		if c.Image != nil {
			s += " / " + at(src, c.Image.Range)
		}
		got = append(got, s)
	}
	want := []string{
		"11:18 run / 12:13 --privileged / 12:26 app:${{ github.sha }}",
		"13:21 run / 13:25 --privileged / 13:38 alpine:3.22",
		"14:22 run / 14:26 --privileged / 14:39 alpine:3.22",
		"17:18 run / 18:11 --privileged / 18:24 alpine:3.22",
		"21:18 run / 21:52 alpine:3.22",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if img := m.Containers[0].Image; !img.Unresolved {
		t.Errorf("an image with a GitHub expression must be unresolved: %+v", img)
	}
	if env := m.Containers[4].Env; len(env) != 1 || !env[0].Unknown {
		t.Errorf("an env value from a GitHub expression must be unknown: %+v", env)
	}
}

// TestFixes checks the prepared edits on the bytes they change.
func TestFixes(t *testing.T) {
	for _, tc := range []struct {
		name, src, fix, want string
	}{
		{"insert", "docker run alpine:3.22\n", "read_only", "docker run --read-only alpine:3.22\n"},
		{"read-only false", "docker run --read-only=false alpine:3.22\n", "read_only", "docker run --read-only alpine:3.22\n"},
		{"privileged in the middle", "docker run --privileged --rm alpine:3.22\n", "privileged", "docker run --rm alpine:3.22\n"},
		{"privileged on its own line", "docker run \\\n  --privileged \\\n  alpine:3.22\n", "privileged", "docker run \\\n  alpine:3.22\n"},
		{"privileged before a continuation", "docker run --privileged \\\n  alpine:3.22\n", "privileged", "docker run \\\n  alpine:3.22\n"},
		{"privileged=true", "docker run --privileged=true alpine:3.22\n", "privileged", "docker run alpine:3.22\n"},
		{"crlf continuation", "docker run \\\r\n  --privileged \\\r\n  alpine:3.22\r\n", "privileged", "docker run \\\r\n  alpine:3.22\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := parse(t, container.SourceShell, tc.src)
			fix, ok := m.Containers[0].Fixes[tc.fix]
			if !ok {
				t.Fatalf("no %s fix", tc.fix)
			}
			if fix.Safe {
				t.Error("docker run fixes are never safe")
			}
			var edits []lint.Edit
			for _, e := range fix.Edits {
				edits = append(edits, lint.Edit{Range: e.Range, NewText: e.Text})
			}
			got, err := lintfix.Apply([]byte(tc.src), edits)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			again := parse(t, container.SourceShell, string(got))
			if tc.fix == "privileged" && again.Containers[0].Privileged != nil {
				t.Error("still privileged after the fix")
			}
		})
	}
}

// TestNeverPanics feeds broken and odd shell.
func TestNeverPanics(t *testing.T) {
	for _, src := range []string{
		"", "docker", "docker run", "docker run -", "docker run --", "docker run -e", "docker run --user",
		"docker run 'unterminated", "docker run $(", "docker run -v", "docker run -p [::1]:22:22 x",
		"docker run --mount", "docker run ${x", "docker run -itu", "\x00\xff docker run x",
		"docker run --privileged x\nfi\ndocker run --privileged y",
	} {
		for _, source := range []string{container.SourceShell, container.SourceMakefile, container.SourceWorkflow} {
			parse(t, source, src)
			parse(t, source, "\t"+src)
			parse(t, source, "jobs: {a: {steps: [{run: "+src+"}]}}")
		}
	}
}
