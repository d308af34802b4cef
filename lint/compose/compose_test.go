package compose_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/compose"
	"github.com/hardline-dev/hardline/lint/container"
	lintfix "github.com/hardline-dev/hardline/lint/fix"
)

func parse(t *testing.T, path, src string) *container.Model {
	t.Helper()
	docs := compose.Parser{}.Parse(path, []byte(src))
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	d, ok := docs[0].(*container.Document)
	if !ok {
		t.Fatalf("document is a %T", docs[0])
	}
	return d.Model()
}

func at(src string, r lint.Range) string {
	if r.Offset < 0 || r.EndOffset > len(src) || r.Offset > r.EndOffset {
		return fmt.Sprintf("bad range %+v", r)
	}
	return fmt.Sprintf("%d:%d %s", r.Line, r.Column, src[r.Offset:r.EndOffset])
}

func TestSettings(t *testing.T) {
	t.Setenv("TAG", "from-the-environment")
	t.Setenv("APP_USER", "root")
	src := `version: "3.8"
services:
  base:
    image: alpine:3.22
    privileged: true
  web:
    extends: base
    image: "nginx:${TAG:-1.27}"
    user: ${APP_USER}
    read_only: false # comment
    cap_add: [SYS_ADMIN, "NET_ADMIN"]
    cap_drop:
      - ALL
    security_opt: ['seccomp:unconfined']
    network_mode: host
    pid: host
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock:ro
      - type: bind
        source: /etc
        target: /host/etc
    environment:
      DB_PASSWORD: s3cr3t
      EMPTY:
      FROM_ENV: ${SECRET}
    ports:
      - "2222:22"
      - target: 80
        published: "8080"
    devices:
      - /dev/sda:/dev/xvda:rwm
    profiles: [debug]
`
	m := parse(t, "compose.yaml", src)
	if len(m.Errors) > 0 {
		t.Fatalf("errors: %+v", m.Errors)
	}
	if len(m.Containers) != 2 {
		t.Fatalf("%d containers, want 2 (every profile is active)", len(m.Containers))
	}
	c := m.Containers[1]
	got := map[string]string{
		"name":       c.Name + " " + at(src, c.Range),
		"image":      at(src, c.Image.Range) + " = " + c.Image.Ref,
		"privileged": at(src, c.Privileged.Range) + fmt.Sprint(" ", c.Privileged.Value),
		"user":       fmt.Sprintf("%s %q unknown=%v", at(src, c.User.Range), c.User.Value, c.User.Unknown),
		"read_only":  at(src, c.ReadOnly.Range),
		"cap_add":    at(src, c.CapAdd[0].Range) + ", " + at(src, c.CapAdd[1].Range),
		"cap_drop":   at(src, c.CapDrop[0].Range),
		"security":   at(src, c.SecurityOpt[0].Range),
		"network":    at(src, c.NetworkMode.Range),
		"volume0":    fmt.Sprintf("%s %s ro=%v", at(src, c.Volumes[0].Range), c.Volumes[0].Type, c.Volumes[0].ReadOnly),
		"volume1":    at(src, c.Volumes[1].Range) + " " + c.Volumes[1].Source,
		"ports":      at(src, c.Ports[0].Range) + " | " + at(src, c.Ports[1].Range) + " " + c.Ports[1].Published,
		"device":     at(src, c.Devices[0].Range) + " " + c.Devices[0].Source,
	}
	var env []string
	for _, e := range c.Env {
		env = append(env, fmt.Sprintf("%s %s=%q has=%v unknown=%v", at(src, e.Range), e.Name, e.Value, e.HasValue, e.Unknown))
	}
	got["env"] = strings.Join(env, "; ")
	want := map[string]string{
		"name":       "web 6:3 web",
		"image":      `8:12 "nginx:${TAG:-1.27}" = nginx:1.27`,
		"privileged": "6:3 web true",
		"user":       `9:5 user: ${APP_USER} "" unknown=true`,
		"read_only":  "10:5 read_only: false",
		"cap_add":    `11:15 SYS_ADMIN, 11:26 "NET_ADMIN"`,
		"cap_drop":   "13:9 ALL",
		"security":   "14:20 'seccomp:unconfined'",
		"network":    "15:5 network_mode: host",
		"volume0":    "18:9 /var/run/docker.sock:/var/run/docker.sock:ro bind ro=true",
		"volume1":    "19:9 type: bind /etc",
		"ports":      `27:9 "2222:22" | 28:9 target: 80 8080`,
		"device":     "31:9 /dev/sda:/dev/xvda:rwm /dev/sda",
		"env":        `23:7 DB_PASSWORD: s3cr3t DB_PASSWORD="s3cr3t" has=true unknown=false; 24:7 EMPTY: EMPTY="" has=false unknown=false; 25:7 FROM_ENV: ${SECRET} FROM_ENV="" has=true unknown=true`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestFixes(t *testing.T) {
	src := "services:\n" +
		"  web:\n" +
		"    # the front end\n" +
		"    image: nginx:1.27\n" +
		"    privileged: true # needed?\n" +
		"    cap_drop:\n" +
		"    - NET_RAW\n" +
		"    security_opt: []\n" +
		"  flow: {image: nginx:1.27}\n"
	m := parse(t, "compose.yaml", src)
	web, flow := m.Containers[0], m.Containers[1]
	if len(flow.Fixes) != 0 {
		t.Errorf("a flow-style service gets no fix: %+v", flow.Fixes)
	}
	want := map[string]string{
		"read_only":         "safe: services:\n  web:\n    # the front end\n    read_only: true\n    image: nginx:1.27\n",
		"cap_drop":          "unsafe: ...\n    cap_drop:\n    - ALL\n    - NET_RAW\n",
		"no_new_privileges": `unsafe: ...    security_opt: ["no-new-privileges:true"]` + "\n",
		"user":              "unsafe: ...\n    user: \"10001:10001\"\n    image: nginx:1.27\n",
		"privileged":        "unsafe: ...    image: nginx:1.27\n    cap_drop:\n",
	}
	for name, w := range want {
		fix, ok := web.Fixes[name]
		if !ok {
			t.Errorf("no %s fix", name)
			continue
		}
		var edits []lint.Edit
		for _, e := range fix.Edits {
			edits = append(edits, lint.Edit{Range: e.Range, NewText: e.Text})
		}
		out, err := lintfix.Apply([]byte(src), edits)
		if err != nil {
			t.Fatal(err)
		}
		safe := "unsafe: "
		if fix.Safe {
			safe = "safe: "
		}
		got := safe + string(out)
		parts := strings.SplitN(w, "...", 2)
		if len(parts) == 2 {
			if !strings.HasPrefix(got, parts[0]) || !strings.Contains(got, parts[1]) {
				t.Errorf("%s: got\n%s\nwant %q ... %q", name, got, parts[0], parts[1])
			}
		} else if !strings.HasPrefix(got, w) {
			t.Errorf("%s: got\n%s\nwant prefix\n%s", name, got, w)
		}
		if name == "privileged" && strings.Contains(got, "privileged") {
			t.Errorf("privileged still there:\n%s", got)
		}
		if again := parse(t, "compose.yaml", string(out)); len(again.Errors) > 0 {
			t.Errorf("%s: the fixed file does not load: %+v", name, again.Errors)
		}
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"wrong type", "services:\n  web:\n    image: x\n    privileged: maybe\n", "4:5 privileged"},
		{"unknown key", "services:\n  web:\n    image: x\n    priviledged: true\n", "4:5 priviledged"},
		{"bad yaml", "services:\n  web:\n    image: [x\n", ""},
		{"not a mapping", "- a\n- b\n", "1:1"},
		{"missing service", "services:\n  web:\n    extends: nothing\n", "3:14 nothing"},
		{"env file and include are not read", "include: [/etc/passwd]\nservices:\n  web:\n    image: x\n    env_file: /etc/shadow\n    depends_on: [included]\n", "-"},
		{"undefined network", "services:\n  web:\n    image: x\n    networks: [front]\n", "2:3 web"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := parse(t, "compose.yaml", tc.src)
			if tc.want == "-" {
				if len(m.Errors) > 0 {
					t.Fatalf("errors: %+v", m.Errors)
				}
				return
			}
			if len(m.Errors) != 1 {
				t.Fatalf("errors %+v, want one", m.Errors)
			}
			if got := at(tc.src, m.Errors[0].Range); !strings.HasPrefix(got, tc.want) {
				t.Errorf("error %q at %s, want %s", m.Errors[0].Message, got, tc.want)
			}
			if len(m.Containers) != 0 {
				t.Errorf("a file that does not load has no containers: %+v", m.Containers)
			}
		})
	}
}

func TestExtendsFiles(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	write := func(path, src string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "common", "base.yaml"), "services:\n  base:\n    image: alpine:3.22\n    privileged: true\n")
	write(filepath.Join(outside, "base.yaml"), "services:\n  base:\n    image: alpine:3.22\n")
	if err := os.Symlink(filepath.Join(outside, "base.yaml"), filepath.Join(dir, "link.yaml")); err != nil {
		t.Fatal(err)
	}
	inside := "services:\n  web:\n    extends:\n      file: common/base.yaml\n      service: base\n"
	m := parse(t, filepath.Join(dir, "compose.yaml"), inside)
	if len(m.Errors) != 0 || len(m.Containers) != 1 || m.Containers[0].Privileged == nil {
		t.Fatalf("extends of a file under the directory: errors %+v, containers %+v", m.Errors, m.Containers)
	}
	if got := at(inside, m.Containers[0].Privileged.Range); got != "2:3 web" {
		t.Errorf("an inherited setting is placed at the service: %s", got)
	}
	for _, file := range []string{filepath.Join(outside, "base.yaml"), "../" + filepath.Base(outside) + "/base.yaml", "link.yaml", "/etc/passwd"} {
		src := "services:\n  web:\n    extends:\n      file: " + file + "\n      service: base\n"
		m := parse(t, filepath.Join(dir, "compose.yaml"), src)
		if len(m.Errors) != 1 || !strings.Contains(m.Errors[0].Message, "hardline does not read it") && !strings.Contains(m.Errors[0].Message, "cannot read") {
			t.Errorf("extends of %s: errors %+v, want a refusal", file, m.Errors)
			continue
		}
		if got := at(src, m.Errors[0].Range); !strings.HasPrefix(got, "4:13") {
			t.Errorf("extends of %s: error at %s, want the file name", file, got)
		}
	}
}

func TestOverride(t *testing.T) {
	src := "services:\n  web:\n    read_only: true\n"
	m := parse(t, "deploy/compose.prod.yaml", src)
	if len(m.Errors) != 0 || len(m.Containers) != 1 || !m.Containers[0].Override {
		t.Fatalf("an override file loads on its own, its services marked: %+v %+v", m.Errors, m.Containers)
	}
	if m := parse(t, "compose.yaml", src); len(m.Containers) == 1 && m.Containers[0].Override {
		t.Error("compose.yaml is not an override")
	}
}

func TestUnsetVariablesInTypedSettings(t *testing.T) {
	src := "services:\n  web:\n    image: x\n    read_only: ${RO}\n    volumes:\n      - ${DIR}:/data\n"
	m := parse(t, "compose.yaml", src)
	if len(m.Errors) != 0 {
		t.Fatalf("a variable left unset is not an invalid file: %+v", m.Errors)
	}
	c := m.Containers[0]
	if c.ReadOnly == nil || !c.ReadOnly.Unknown || len(c.Volumes) != 1 || !c.Volumes[0].Unknown {
		t.Errorf("settings from unset variables must be unknown: %+v %+v", c.ReadOnly, c.Volumes)
	}
}

func TestNeverPanics(t *testing.T) {
	for _, src := range []string{
		"", "services:", "services: []", "services:\n  web:\n", "services:\n  web: ~\n", "services: {web: {image: [1]}}",
		"services:\n  web: &a\n    image: x\n  api: *a\n", "\x00\xff", "services:\n  web:\n    extends: web\n",
		"services:\n  web:\n    image: x\n    ports: ['99999:22']\n", "a: &a [*a]\n",
	} {
		parse(t, "compose.yaml", src)
	}
}

func TestBuiltImagesAreNotPulled(t *testing.T) {
	m := parse(t, "compose.yaml", "services:\n  app:\n    build: .\n    image: shop/app\n  db:\n    image: postgres:17\n")
	if len(m.Containers) != 2 || !m.Containers[0].Build || m.Containers[0].Image == nil {
		t.Fatalf("containers %+v", m.Containers)
	}
	if len(m.Images) != 1 || m.Images[0].Ref != "postgres:17" {
		t.Errorf("images %+v, want only the pulled one", m.Images)
	}
}
