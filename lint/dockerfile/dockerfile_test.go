package dockerfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hardline-dev/hardline/lint"
)

// pos formats a range as "line:col-endLine:endCol".
func pos(r lint.Range) string {
	return fmt.Sprintf("%d:%d-%d:%d", r.Line, r.Column, r.EndLine, r.EndColumn)
}

// at returns the source text of a range.
func at(src string, r lint.Range) string {
	if r.Offset < 0 || r.EndOffset > len(src) || r.Offset > r.EndOffset {
		return fmt.Sprintf("<bad offsets %d-%d>", r.Offset, r.EndOffset)
	}
	return src[r.Offset:r.EndOffset]
}

func parse(t *testing.T, src string) *Model {
	t.Helper()
	m := ParseModel("Dockerfile", []byte(src))
	for _, e := range m.Errors {
		if strings.HasPrefix(e.Message, "internal error") {
			t.Fatalf("parse panicked: %s", e.Message)
		}
	}
	return m
}

func noErrors(t *testing.T, m *Model) {
	t.Helper()
	if len(m.Errors) > 0 {
		t.Fatalf("unexpected errors: %+v", m.Errors)
	}
}

// findCommand returns the first command with the given exec in any RUN.
func findCommand(t *testing.T, m *Model, exec string) Command {
	t.Helper()
	for _, in := range m.Instructions {
		for _, c := range in.Commands {
			if c.Exec == exec {
				return c
			}
		}
	}
	t.Fatalf("no command %q", exec)
	return Command{}
}

func TestFromArgExpansion(t *testing.T) {
	for _, tc := range []struct {
		name, src  string
		kind       string
		ref        string
		raw        string
		unresolved bool
		registry   string
	}{
		{name: "braces", src: "ARG BASE=python:3.12\nFROM ${BASE}\n", kind: KindImage, ref: "python:3.12", raw: "${BASE}", registry: "docker.io"},
		{name: "dollar", src: "ARG BASE=python:3.12\nFROM $BASE AS app\n", kind: KindImage, ref: "python:3.12", raw: "$BASE", registry: "docker.io"},
		{name: "default used", src: "ARG BASE\nFROM ${BASE:-alpine:3.20}\n", kind: KindImage, ref: "alpine:3.20", raw: "${BASE:-alpine:3.20}", registry: "docker.io"},
		{name: "default not used", src: "ARG BASE=debian:12\nFROM ${BASE:-alpine:3.20}\n", kind: KindImage, ref: "debian:12", raw: "${BASE:-alpine:3.20}", registry: "docker.io"},
		{name: "no default", src: "ARG BASE\nFROM $BASE\n", kind: KindImage, ref: "", raw: "$BASE", unresolved: true},
		{name: "partly unresolved", src: "ARG VERSION\nFROM node:${VERSION}-alpine\n", kind: KindImage, ref: "node:-alpine", raw: "node:${VERSION}-alpine", unresolved: true, registry: "docker.io"},
		{name: "undeclared", src: "FROM ${NOPE}\n", kind: KindImage, ref: "", raw: "${NOPE}", unresolved: true},
		{name: "several", src: "ARG REG=ghcr.io/acme\nARG TAG=1.0\nFROM ${REG}/app:${TAG}\n", kind: KindImage, ref: "ghcr.io/acme/app:1.0", raw: "${REG}/app:${TAG}", registry: "ghcr.io"},
		{name: "arg from arg", src: "ARG V=3.12\nARG IMG=python:${V}\nFROM $IMG\n", kind: KindImage, ref: "python:3.12", raw: "$IMG", registry: "docker.io"},
		{name: "quoted default", src: "ARG BASE=\"alpine:3.20\"\nFROM $BASE\n", kind: KindImage, ref: "alpine:3.20", raw: "$BASE", registry: "docker.io"},
		{name: "stage arg is not global", src: "FROM a\nARG X=1\nFROM b:$X\n", kind: KindImage, ref: "b:", raw: "b:$X", unresolved: true, registry: "docker.io"},
		{name: "platform ignored", src: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n", kind: KindImage, ref: "golang:1.22", raw: "golang:1.22", registry: "docker.io"},
		{name: "scratch", src: "FROM scratch\n", kind: KindScratch},
		{name: "scratch from arg", src: "ARG B=scratch\nFROM $B\n", kind: KindScratch},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := parse(t, tc.src)
			noErrors(t, m)
			st := m.Stages[len(m.Stages)-1]
			if st.Base.Kind != tc.kind {
				t.Fatalf("base kind = %q, want %q", st.Base.Kind, tc.kind)
			}
			if tc.kind != KindImage {
				if len(m.Images) != 0 {
					t.Errorf("images = %+v, want none", m.Images)
				}
				return
			}
			img := st.Base.Image
			got := []any{img.Ref, img.Raw, img.Unresolved, img.Registry, img.Source}
			want := []any{tc.ref, tc.raw, tc.unresolved, tc.registry, SourceFrom}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ref, raw, unresolved, registry, source: -want +got:\n%s", diff)
			}
			if got := at(tc.src, img.Range); got != tc.raw {
				t.Errorf("image range covers %q, want %q", got, tc.raw)
			}
			if len(m.Images) == 0 || m.Images[len(m.Images)-1] != *img {
				t.Errorf("images = %+v, want the base image last", m.Images)
			}
		})
	}
}

func TestGlobalArgs(t *testing.T) {
	src := "ARG A=1 B C=\"x y\"\nFROM alpine\nARG D=2\n"
	m := parse(t, src)
	noErrors(t, m)
	var got []string
	for _, a := range m.Args {
		got = append(got, fmt.Sprintf("%s=%q %v %s %q", a.Name, a.Value, a.HasValue, pos(a.Range), at(src, a.Range)))
	}
	want := []string{
		`A="1" true 1:5-1:8 "A=1"`,
		`B="" false 1:9-1:10 "B"`,
		`C="x y" true 1:11-1:18 "C=\"x y\""`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("args -want +got:\n%s", diff)
	}
}

func TestStages(t *testing.T) {
	type stage struct {
		Name      string
		Final     bool
		Base      string // kind, or kind:stage index
		Root      string // kind or image ref
		User      string // user:group, "" when none
		Instr     int    // USER instruction, -1 when none
		Inherited bool
	}
	describe := func(m *Model) []stage {
		var out []stage
		for _, s := range m.Stages {
			st := stage{Name: s.Name, Final: s.Final, Base: s.Base.Kind, Root: s.Root.Kind, Instr: -1}
			if s.Base.Kind == KindStage {
				st.Base = fmt.Sprintf("stage:%d", s.Base.Stage)
			}
			if s.Root.Kind == KindImage {
				st.Root = s.Root.Image.Ref
			}
			if s.User != nil {
				st.User = s.User.User + ":" + s.User.Group
				st.Instr = s.User.Instruction
				st.Inherited = s.User.Inherited
			}
			out = append(out, st)
		}
		return out
	}
	for _, tc := range []struct {
		name, src string
		want      []stage
	}{
		{
			name: "no user",
			src:  "FROM python:3.12\nRUN pip install x\n",
			want: []stage{{Final: true, Base: KindImage, Root: "python:3.12", Instr: -1}},
		},
		{
			name: "last user wins",
			src:  "FROM alpine\nUSER root\nRUN x\nUSER app:app\n",
			want: []stage{{Final: true, Base: KindImage, Root: "alpine", User: "app:app", Instr: 3}},
		},
		{
			name: "inherited through stages, names case-insensitive",
			src:  "FROM python:3.12 AS Base\nUSER app\nFROM base AS test\nRUN pytest\nFROM BASE\nUSER root\n",
			want: []stage{
				{Name: "Base", Base: KindImage, Root: "python:3.12", User: "app:", Instr: 1},
				{Name: "test", Base: "stage:0", Root: "python:3.12", User: "app:", Instr: 1, Inherited: true},
				{Final: true, Base: "stage:0", Root: "python:3.12", User: "root:", Instr: 5},
			},
		},
		{
			name: "root followed through a chain",
			src:  "FROM golang:1.22 AS a\nFROM a AS b\nFROM b AS c\nFROM scratch AS d\nFROM d\n",
			want: []stage{
				{Name: "a", Base: KindImage, Root: "golang:1.22", Instr: -1},
				{Name: "b", Base: "stage:0", Root: "golang:1.22", Instr: -1},
				{Name: "c", Base: "stage:1", Root: "golang:1.22", Instr: -1},
				{Name: "d", Base: KindScratch, Root: KindScratch, Instr: -1},
				{Final: true, Base: "stage:3", Root: KindScratch, Instr: -1},
			},
		},
		{
			name: "later stage name is an image",
			src:  "FROM later\nFROM alpine AS later\n",
			want: []stage{
				{Base: KindImage, Root: "later", Instr: -1},
				{Name: "later", Final: true, Base: KindImage, Root: "alpine", Instr: -1},
			},
		},
		{
			name: "user from stage ARG and ENV",
			src:  "ARG UID=1001\nFROM alpine\nARG UID\nARG GID\nUSER ${UID}:${GID:-0}\nFROM alpine\nENV APP_USER=svc\nUSER $APP_USER\n",
			want: []stage{
				{Base: KindImage, Root: "alpine", User: "1001:0", Instr: 4},
				{Final: true, Base: KindImage, Root: "alpine", User: "svc:", Instr: 7},
			},
		},
		{
			name: "unresolved user keeps the text",
			src:  "FROM alpine\nUSER $NOPE\n",
			want: []stage{{Final: true, Base: KindImage, Root: "alpine", User: "$NOPE:", Instr: 1}},
		},
		{
			name: "global arg not visible in stage without redeclaring",
			src:  "ARG U=app\nFROM alpine\nUSER $U\n",
			want: []stage{{Final: true, Base: KindImage, Root: "alpine", User: "$U:", Instr: 2}},
		},
		{
			name: "env inherited from parent stage",
			src:  "FROM alpine AS a\nENV U=www\nFROM a\nUSER ${U}:www\n",
			want: []stage{
				{Name: "a", Base: KindImage, Root: "alpine", Instr: -1},
				{Final: true, Base: "stage:0", Root: "alpine", User: "www:www", Instr: 3},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := parse(t, tc.src)
			noErrors(t, m)
			if diff := cmp.Diff(tc.want, describe(m)); diff != "" {
				t.Errorf("stages -want +got:\n%s", diff)
			}
		})
	}
}

func TestStageInstructions(t *testing.T) {
	src := "ARG A=1\nFROM alpine AS one\nRUN x\nFROM one\nCOPY --from=one /a /b\nCOPY --from=0 /a /b\nCOPY --from=ONE /a /b\nCOPY --from=nginx:1.25 /a /b\n"
	m := parse(t, src)
	noErrors(t, m)
	var stages [][]int
	for _, s := range m.Stages {
		stages = append(stages, s.Instructions)
	}
	if diff := cmp.Diff([][]int{{1, 2}, {3, 4, 5, 6, 7}}, stages); diff != "" {
		t.Errorf("stage instructions -want +got:\n%s", diff)
	}
	var inStage []int
	for _, in := range m.Instructions {
		inStage = append(inStage, in.Stage)
	}
	if diff := cmp.Diff([]int{-1, 0, 0, 1, 1, 1, 1, 1}, inStage); diff != "" {
		t.Errorf("instruction stages -want +got:\n%s", diff)
	}
	var images []string
	for _, img := range m.Images {
		images = append(images, img.Source+" "+img.Ref+" "+pos(img.Range))
	}
	want := []string{"from alpine 2:6-2:12", "copy-from nginx:1.25 8:13-8:23"}
	if diff := cmp.Diff(want, images); diff != "" {
		t.Errorf("images -want +got:\n%s", diff)
	}
	if !m.Stages[1].Final || m.Stages[0].Final {
		t.Errorf("final flags = %v, %v", m.Stages[0].Final, m.Stages[1].Final)
	}
}

func TestFlagImages(t *testing.T) {
	for _, tc := range []struct {
		name, flags string
		want        []string // source ref unresolved
	}{
		{name: "stage name", flags: "COPY --from=Build /a /b"},
		{name: "later stage name", flags: "COPY --from=final /a /b"},
		{name: "stage index", flags: "COPY --from=0 /a /b"},
		{name: "image", flags: "COPY --from=nginx:1.25 /a /b", want: []string{"copy-from nginx:1.25 false"}},
		{name: "last --from wins", flags: "COPY --from=a:1 --from=b:2 /a /b", want: []string{"copy-from b:2 false"}},
		{name: "variable", flags: "COPY --from=${IMG} /a /b", want: []string{"copy-from ${IMG} true"}},
		{name: "mount from stage", flags: "RUN --mount=type=bind,from=build,target=/b true"},
		{name: "mount from image", flags: "RUN --mount=type=cache,target=/c --mount=type=bind,source=/x,\"from=alpine:3\",target=/y true", want: []string{"run-mount alpine:3 false"}},
		{name: "mount from quoted", flags: "RUN --mount=type=bind,from='busybox',target=/y true", want: []string{"run-mount busybox false"}},
		{name: "mount without from", flags: "RUN --mount=type=secret,id=npm,target=/root/.npmrc true"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "FROM alpine AS build\n" + tc.flags + "\nFROM build AS final\n"
			m := parse(t, src)
			var got []string
			for _, img := range m.Images[1:] {
				got = append(got, fmt.Sprintf("%s %s %v", img.Source, img.Ref, img.Unresolved))
				if at(src, img.Range) != img.Ref {
					t.Errorf("image range covers %q, want %q", at(src, img.Range), img.Ref)
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("images -want +got:\n%s", diff)
			}
		})
	}
}

func TestPositions(t *testing.T) {
	first := func(f func(m *Model) lint.Range) func(m *Model) lint.Range { return f }
	image := func(i int) func(m *Model) lint.Range {
		return func(m *Model) lint.Range { return m.Images[i].Range }
	}
	user := func(m *Model) lint.Range { return m.Stages[len(m.Stages)-1].User.Range }
	cmdRange := func(exec string) func(m *Model) lint.Range {
		return func(m *Model) lint.Range {
			for _, in := range m.Instructions {
				for _, c := range in.Commands {
					if c.Exec == exec {
						return c.Range
					}
				}
			}
			return lint.Range{}
		}
	}
	argRange := func(exec string, i int) func(m *Model) lint.Range {
		return func(m *Model) lint.Range {
			for _, in := range m.Instructions {
				for _, c := range in.Commands {
					if c.Exec == exec && i < len(c.ArgRanges) {
						return c.ArgRanges[i]
					}
				}
			}
			return lint.Range{}
		}
	}
	instr := func(i int, which string) func(m *Model) lint.Range {
		return func(m *Model) lint.Range {
			in := m.Instructions[i]
			switch which {
			case "keyword":
				return in.KeywordRange
			case "args":
				return in.ArgsRange
			case "heredoc":
				return in.Heredocs[0].Range
			}
			return in.Range
		}
	}
	continuation := "FROM alpine\nRUN apk add --no-cache curl \\\n    # fetch the installer\n    && curl -sSL https://get.example.com | sh\n"
	backtick := "# escape=`\nFROM alpine\nRUN apk add --no-cache curl `\n    # fetch the installer\n    && curl -sSL https://get.example.com | sh\n"
	for _, tc := range []struct {
		name, src string
		get       func(m *Model) lint.Range
		want      string
		text      string
	}{
		{
			name: "FROM image after flags", src: "FROM --platform=$BUILDPLATFORM python:3.12 AS b\n",
			get: image(0), want: "1:32-1:43", text: "python:3.12",
		},
		{
			name: "FROM image indented", src: "# c\n\n   FROM   ghcr.io/acme/app@sha256:0123\n",
			get: image(0), want: "3:11-3:39", text: "ghcr.io/acme/app@sha256:0123",
		},
		{
			name: "FROM image escape backtick", src: "# escape=`\nFROM `\n  nginx:1.25 AS web\n",
			get: image(0), want: "3:3-3:13", text: "nginx:1.25",
		},
		{
			name: "COPY --from image", src: "FROM a\nCOPY --from=nginx:1.25 /a /b\n",
			get: image(1), want: "2:13-2:23", text: "nginx:1.25",
		},
		{
			name: "RUN --mount from image", src: "FROM a\nRUN --mount=type=bind,from=busybox:1.36,target=/b true\n",
			get: image(1), want: "2:28-2:40", text: "busybox:1.36",
		},
		{
			name: "USER unicode", src: "FROM a\nUSER josé:staff\n",
			get: user, want: "2:6-2:16", text: "josé:staff",
		},
		{
			name: "USER BOM CRLF", src: "\ufeffFROM alpine\r\nUSER app\r\n",
			get: user, want: "2:6-2:9", text: "app",
		},
		{
			name: "FROM BOM", src: "\ufeffFROM alpine\r\nUSER app\r\n",
			get: image(0), want: "1:6-1:12", text: "alpine",
		},
		{
			name: "keyword indented lower-case", src: "FROM a\n  run echo hi\n",
			get: instr(1, "keyword"), want: "2:3-2:6", text: "run",
		},
		{
			name: "instruction spans its lines", src: continuation,
			get: instr(1, ""), want: "2:1-4:46", text: continuation[12 : len(continuation)-1],
		},
		{
			name: "args after flags", src: "FROM a\nCOPY --chown=app:app --chmod=755 src/ /app/\n",
			get: instr(1, "args"), want: "2:34-2:44", text: "src/ /app/",
		},
		{
			name: "command after comment line in continuation", src: continuation,
			get: cmdRange("curl"), want: "4:8-4:41", text: "curl -sSL https://get.example.com",
		},
		{
			name: "piped shell after continuation", src: continuation,
			get: cmdRange("sh"), want: "4:44-4:46", text: "sh",
		},
		{
			name: "command before continuation", src: continuation,
			get: cmdRange("apk"), want: "2:5-2:28", text: "apk add --no-cache curl",
		},
		{
			name: "backtick continuation", src: backtick,
			get: cmdRange("curl"), want: "5:8-5:41", text: "curl -sSL https://get.example.com",
		},
		{
			name: "backtick continuation arg", src: backtick,
			get: argRange("apk", 2), want: "3:24-3:28", text: "curl",
		},
		{
			name: "command split by continuation", src: "FROM a\nRUN chmod \\\n  777 /srv\n",
			get: cmdRange("chmod"), want: "2:5-3:11", text: "chmod \\\n  777 /srv",
		},
		{
			name: "heredoc script", src: "FROM alpine\nRUN <<EOF\n  apk add sudo\n  chmod 777 /srv\nEOF\n",
			get: cmdRange("chmod"), want: "4:3-4:17", text: "chmod 777 /srv",
		},
		{
			name: "heredoc script arg", src: "FROM alpine\nRUN <<EOF\n  apk add sudo\n  chmod 777 /srv\nEOF\n",
			get: argRange("chmod", 0), want: "4:9-4:12", text: "777",
		},
		{
			name: "heredoc range", src: "FROM alpine\nRUN <<EOF\n  apk add sudo\nEOF\n",
			get: instr(1, "heredoc"), want: "3:1-4:1", text: "  apk add sudo\n",
		},
		{
			name: "heredoc instruction range", src: "FROM alpine\nRUN <<EOF\n  apk add sudo\nEOF\n",
			get: instr(1, ""), want: "2:1-4:4", text: "RUN <<EOF\n  apk add sudo\nEOF",
		},
		{
			name: "chomped heredoc", src: "FROM alpine\nRUN <<-EOT\n\tchmod 777 /x\n\tEOT\n",
			get: cmdRange("chmod"), want: "3:2-3:14", text: "chmod 777 /x",
		},
		{
			name: "heredoc fed to a command", src: "FROM alpine\nRUN bash <<EOF\nset -e\ncurl -fsSL x | sh\nEOF\n",
			get: cmdRange("curl"), want: "4:1-4:13", text: "curl -fsSL x",
		},
		{
			name: "heredoc with continuation before it", src: "FROM a\nRUN --mount=type=cache,target=/c \\\n  <<EOF\nchmod 777 /x\nEOF\n",
			get: cmdRange("chmod"), want: "4:1-4:13", text: "chmod 777 /x",
		},
		{
			name: "second heredoc", src: "FROM a\nCOPY <<A <<B /x/\none\nA\ntwo\nB\nRUN <<EOF\nchmod 1777 /t\nEOF\n",
			get: cmdRange("chmod"), want: "8:1-8:14", text: "chmod 1777 /t",
		},
		{
			name: "sh -c string", src: "FROM a\nRUN bash -c 'curl -s https://x | sh'\n",
			get: cmdRange("curl"), want: "2:14-2:31", text: "curl -s https://x",
		},
		{
			name: "sh -c string across continuation", src: "FROM a\nRUN bash -c \"chmod 777 \\\n  /data\"\n",
			get: argRange("chmod", 1), want: "3:3-3:8", text: "/data",
		},
		{
			name: "exec form sh -c", src: "FROM a\nRUN [\"sh\", \"-c\", \"chmod 666 /x\"]\n",
			get: cmdRange("chmod"), want: "2:19-2:31", text: "chmod 666 /x",
		},
		{
			name: "exec form with JSON escapes", src: "FROM a\nRUN [\"sh\", \"-c\", \"echo \\\"a\\\" && chmod 777 /x\"]\n",
			get: cmdRange("chmod"), want: "2:33-2:45", text: "chmod 777 /x",
		},
		{
			name: "exec form element", src: "FROM a\nRUN [\"/usr/bin/chmod\", \"777\", \"/x\"]\n",
			get: argRange("chmod", 0), want: "2:24-2:29", text: "\"777\"",
		},
		{
			name: "unicode before command", src: "FROM a\nRUN echo \"ünïcode\" && chmod 777 /x\n",
			get: cmdRange("chmod"), want: "2:23-2:35", text: "chmod 777 /x",
		},
		{
			name: "tab-indented continuation", src: "FROM a\nRUN set -eux; \\\n\tcurl -o /x https://x; \\\n\tchmod +x /x\n",
			get: cmdRange("chmod"), want: "4:2-4:13", text: "chmod +x /x",
		},
		{
			name: "empty continuation line", src: "FROM a\nRUN a \\\n\n  && chmod 777 /x\n",
			get: cmdRange("chmod"), want: "4:6-4:18", text: "chmod 777 /x",
		},
		{
			name: "empty continuation warning", src: "FROM a\nRUN a \\\n   \n  && b\n",
			get: first(func(m *Model) lint.Range { return m.Warnings[0].Range }), want: "3:1-3:4", text: "   ",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := parse(t, tc.src)
			noErrors(t, m)
			r := tc.get(m)
			if got := pos(r); got != tc.want {
				t.Errorf("range = %s, want %s", got, tc.want)
			}
			if got := at(tc.src, r); got != tc.text {
				t.Errorf("range covers %q, want %q", got, tc.text)
			}
		})
	}
}

func TestDirectives(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      map[string]string
		escape    rune
	}{
		{name: "none", src: "FROM a\n", want: map[string]string{}, escape: '\\'},
		{name: "syntax", src: "# syntax=docker/dockerfile:1.7\nFROM a\n", want: map[string]string{"syntax": "docker/dockerfile:1.7"}, escape: '\\'},
		{name: "both", src: "#syntax = docker/dockerfile:1\n# escape=`\nFROM a\n", want: map[string]string{"syntax": "docker/dockerfile:1", "escape": "`"}, escape: '`'},
		{name: "after a comment is a comment", src: "# hello\n# escape=`\nFROM a\n", want: map[string]string{}, escape: '\\'},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := parse(t, tc.src)
			noErrors(t, m)
			if diff := cmp.Diff(tc.want, m.Directives); diff != "" {
				t.Errorf("directives -want +got:\n%s", diff)
			}
			if m.Escape != tc.escape {
				t.Errorf("escape = %q, want %q", m.Escape, tc.escape)
			}
		})
	}
}

func TestInstructionFields(t *testing.T) {
	src := "FROM a\n# hardline ignore=DF007 reason\n# second\nCOPY --chown=app --link --from=b x y\nENV A=1 B=\"two words\"\nENV LEGACY value with spaces\nRUN [\"echo\", \"hi\"]\nONBUILD RUN make\nCOPY <<EOF /etc/x\nhello\nEOF\n"
	m := parse(t, src)
	noErrors(t, m)
	type fields struct {
		Cmd      string
		Args     []string
		JSON     bool
		Flags    map[string][]string
		Comments []string
		Heredocs []string
	}
	var got []fields
	for _, in := range m.Instructions {
		f := fields{Cmd: in.Cmd, Args: in.Args, JSON: in.JSON, Flags: in.Flags, Comments: in.Comments}
		for _, h := range in.Heredocs {
			f.Heredocs = append(f.Heredocs, h.Name+"="+h.Content)
		}
		got = append(got, f)
	}
	empty := map[string][]string{}
	want := []fields{
		{Cmd: "from", Args: []string{"a"}, Flags: empty, Comments: []string{}},
		{
			Cmd: "copy", Args: []string{"x", "y"}, Flags: map[string][]string{"chown": {"app"}, "link": {""}, "from": {"b"}},
			Comments: []string{"hardline ignore=DF007 reason", "second"},
		},
		{Cmd: "env", Args: []string{"A", "1", "B", "\"two words\""}, Flags: empty, Comments: []string{}},
		{Cmd: "env", Args: []string{"LEGACY", "value with spaces"}, Flags: empty, Comments: []string{}},
		{Cmd: "run", Args: []string{"echo", "hi"}, JSON: true, Flags: empty, Comments: []string{}},
		{Cmd: "onbuild", Args: []string{"RUN make"}, Flags: empty, Comments: []string{}},
		{Cmd: "copy", Args: []string{"<<EOF", "/etc/x"}, Flags: empty, Comments: []string{}, Heredocs: []string{"EOF=hello\n"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("instructions -want +got:\n%s", diff)
	}
	if got, want := m.Instructions[1].Original, "COPY --chown=app --link --from=b x y"; got != want {
		t.Errorf("original = %q, want %q", got, want)
	}
	run := m.Instructions[4]
	if len(run.Commands) != 1 || run.Commands[0].Name != "echo" || run.Commands[0].Args[0] != "hi" {
		t.Errorf("exec-form commands = %+v", run.Commands)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string // "message @ range"
		instrs    int
	}{
		{name: "empty", src: "", want: []string{"no instructions @ 1:1-1:1"}},
		{name: "blank lines", src: "\n\n  \n", want: []string{"no instructions @ 1:1-1:1"}},
		{name: "comments only", src: "# syntax=docker/dockerfile:1\n# nothing\n", want: []string{"no instructions @ 1:1-1:1"}},
		{
			name: "unknown instruction", src: "FROM alpine\nFORM alpine\nRUN chmod 777 /x\n",
			want: []string{"unknown instruction: FORM @ 2:1-2:5"}, instrs: 3,
		},
		{
			name: "unknown instruction indented", src: "FROM alpine\n  RUNN x\n",
			want: []string{"unknown instruction: RUNN @ 2:3-2:7"}, instrs: 2,
		},
		{
			name: "no FROM", src: "RUN apt-get update\nUSER app\n",
			want: []string{msgNoFrom + " @ 1:1-1:4"}, instrs: 2,
		},
		{
			name: "only ARG", src: "ARG A=1\n",
			want: []string{msgNoFrom + " @ 1:1-1:4"}, instrs: 1,
		},
		{
			name: "instruction before FROM", src: "ARG A\nRUN x\nFROM a\n",
			want: []string{"RUN before the first FROM: no build stage in current context @ 2:1-2:4"}, instrs: 3,
		},
		{
			name: "unterminated heredoc", src: "FROM alpine\nRUN <<EOF\necho hi\n",
			want: []string{"unterminated heredoc @ 2:1-2:10"},
		},
		{
			name: "bad JSON array", src: "FROM alpine\nRUN [\"a\", 1]\n",
			want: []string{"when using JSON array syntax, arrays must be comprised of strings only @ 2:1-2:13"},
		},
		{
			name: "ENV without value", src: "FROM alpine\nENV FOO\n",
			want: []string{"ENV must have two arguments @ 2:1-2:8"},
		},
		{
			name: "bad escape directive", src: "# escape=x\nFROM a\n",
			want: []string{"invalid escape token 'x' does not match ` or \\ @ 1:1-1:11"},
		},
		{
			name: "FROM without image", src: "FROM\n",
			want: []string{msgFromArgs + " @ 1:1-1:5"}, instrs: 1,
		},
		{
			name: "FROM with two words", src: "FROM a b\n",
			want: []string{msgFromArgs + " @ 1:6-1:9"}, instrs: 1,
		},
		{
			name: "USER without argument", src: "FROM a\nUSER\n",
			want: []string{"USER requires an argument @ 2:1-2:5"}, instrs: 2,
		},
		{
			name: "line too long", src: "FROM a\nRUN echo " + strings.Repeat("x", 70000) + "\nUSER app\n",
			want: []string{"dockerfile line greater than max allowed size of 65535 @ 2:1-2:1"}, instrs: 1,
		},
		{
			name: "variable in COPY --from", src: "ARG IMG=nginx\nFROM a\nCOPY --from=$IMG /a /b\n",
			want:   []string{"COPY --from does not support variable expansion: define a stage FROM the image, using a global ARG, and name it instead @ 3:13-3:17"},
			instrs: 3,
		},
		{
			name: "variable in mount from", src: "FROM a\nRUN --mount=from=${X},target=/x true\n",
			want:   []string{"RUN --mount from does not support variable expansion: define a stage FROM the image, using a global ARG, and name it instead @ 2:18-2:22"},
			instrs: 2,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := parse(t, tc.src)
			var got []string
			for _, e := range m.Errors {
				got = append(got, e.Message+" @ "+pos(e.Range))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("errors -want +got:\n%s", diff)
			}
			if len(m.Instructions) != tc.instrs {
				t.Errorf("%d instructions, want %d", len(m.Instructions), tc.instrs)
			}
		})
	}
	t.Run("parsing goes on after an unknown instruction", func(t *testing.T) {
		m := parse(t, "FROM alpine\nFORM alpine\nRUN chmod 777 /x\nUSER app\n")
		if c := findCommand(t, m, "chmod"); pos(c.Range) != "3:5-3:17" {
			t.Errorf("chmod at %s", pos(c.Range))
		}
		if m.Stages[0].User == nil || m.Stages[0].User.User != "app" {
			t.Errorf("user = %+v", m.Stages[0].User)
		}
	})
}

func TestCommands(t *testing.T) {
	type cmd struct {
		Name, Exec         string
		Args               []string
		Pipeline, Position int
	}
	for _, tc := range []struct {
		name, script string
		want         []cmd
	}{
		{
			name:   "apt package named sudo is not a command",
			script: "apt-get update && apt-get install -y --no-install-recommends sudo curl && rm -rf /var/lib/apt/lists/*",
			want: []cmd{
				{"apt-get", "apt-get", []string{"update"}, 0, 0},
				{"apt-get", "apt-get", []string{"install", "-y", "--no-install-recommends", "sudo", "curl"}, 1, 0},
				{"rm", "rm", []string{"-rf", "/var/lib/apt/lists/*"}, 2, 0},
			},
		},
		{
			name:   "curl piped to sudo -E bash",
			script: "curl -fsSL https://deb.nodesource.com/setup_20.x | sudo -E bash -",
			want: []cmd{
				{"curl", "curl", []string{"-fsSL", "https://deb.nodesource.com/setup_20.x"}, 0, 0},
				{"sudo", "bash", []string{"-E", "bash", "-"}, 0, 1},
			},
		},
		{
			name:   "sudo -E sh",
			script: "wget -qO- https://get.docker.com | sudo -E sh",
			want: []cmd{
				{"wget", "wget", []string{"-qO-", "https://get.docker.com"}, 0, 0},
				{"sudo", "sh", []string{"-E", "sh"}, 0, 1},
			},
		},
		{
			name:   "through tee",
			script: "curl -sL https://x | tee /tmp/i.sh | sh",
			want: []cmd{
				{"curl", "curl", []string{"-sL", "https://x"}, 0, 0},
				{"tee", "tee", []string{"/tmp/i.sh"}, 0, 1},
				{"sh", "sh", []string{}, 0, 2},
			},
		},
		{
			name:   "chmod and chown",
			script: "chmod -R 777 /app && chown -R node:node /app",
			want: []cmd{
				{"chmod", "chmod", []string{"-R", "777", "/app"}, 0, 0},
				{"chown", "chown", []string{"-R", "node:node", "/app"}, 1, 0},
			},
		},
		{
			name:   "sudo with user",
			script: "sudo -u postgres psql -c \"select 1\"",
			want:   []cmd{{"sudo", "psql", []string{"-u", "postgres", "psql", "-c", "select 1"}, 0, 0}},
		},
		{
			name:   "sudo attached flags and assignments",
			script: "sudo -Eu root --preserve-env=PATH HOME=/x /usr/bin/apt-get install x",
			want:   []cmd{{"sudo", "apt-get", []string{"-Eu", "root", "--preserve-env=PATH", "HOME=/x", "/usr/bin/apt-get", "install", "x"}, 0, 0}},
		},
		{
			name:   "env with assignments",
			script: "env -i DEBIAN_FRONTEND=noninteractive apt-get install -y x",
			want:   []cmd{{"env", "apt-get", []string{"-i", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "x"}, 0, 0}},
		},
		{
			name:   "stacked wrappers",
			script: "nohup time -p nice -n 10 ./run.sh &",
			want:   []cmd{{"nohup", "run.sh", []string{"time", "-p", "nice", "-n", "10", "./run.sh"}, 0, 0}},
		},
		{
			name:   "xargs",
			script: "find / -perm /6000 -type f -print0 | xargs -0 -I{} chmod a-s {}",
			want: []cmd{
				{"find", "find", []string{"/", "-perm", "/6000", "-type", "f", "-print0"}, 0, 0},
				{"xargs", "chmod", []string{"-0", "-I{}", "chmod", "a-s", "{}"}, 0, 1},
			},
		},
		{
			name:   "xargs without command",
			script: "ls | xargs",
			want:   []cmd{{"ls", "ls", []string{}, 0, 0}, {"xargs", "echo", []string{}, 0, 1}},
		},
		{
			name:   "command -v runs nothing",
			script: "command -v curl || command apk add curl",
			want: []cmd{
				{"command", "command", []string{"-v", "curl"}, 0, 0},
				{"command", "apk", []string{"apk", "add", "curl"}, 1, 0},
			},
		},
		{
			name:   "exec gosu",
			script: "exec gosu app \"$@\"",
			want:   []cmd{{"exec", "gosu", []string{"gosu", "app", "\"$@\""}, 0, 0}},
		},
		{
			name:   "path stripped",
			script: "/bin/sh -c 'curl -s x | /bin/bash'",
			want: []cmd{
				{"/bin/sh", "sh", []string{"-c", "curl -s x | /bin/bash"}, 0, 0},
				{"curl", "curl", []string{"-s", "x"}, 1, 0},
				{"/bin/bash", "bash", []string{}, 1, 1},
			},
		},
		{
			name:   "bash options before -c",
			script: "bash -o pipefail -ec \"wget -O- x | sh\"",
			want: []cmd{
				{"bash", "bash", []string{"-o", "pipefail", "-ec", "wget -O- x | sh"}, 0, 0},
				{"wget", "wget", []string{"-O-", "x"}, 1, 0},
				{"sh", "sh", []string{}, 1, 1},
			},
		},
		{
			name:   "sudo sh -c",
			script: "sudo sh -c 'chmod 777 /srv'",
			want: []cmd{
				{"sudo", "sh", []string{"sh", "-c", "chmod 777 /srv"}, 0, 0},
				{"chmod", "chmod", []string{"777", "/srv"}, 1, 0},
			},
		},
		{
			name:   "non-literal sh -c is not parsed",
			script: "sh -c \"$CMD\"",
			want:   []cmd{{"sh", "sh", []string{"-c", "\"$CMD\""}, 0, 0}},
		},
		{
			name:   "quoted sudo is an argument",
			script: "echo \"sudo rm -rf /\"",
			want:   []cmd{{"echo", "echo", []string{"sudo rm -rf /"}, 0, 0}},
		},
		{
			name:   "if, subshell and command substitution",
			script: "set -eux; if [ -f /x ]; then (cd /x && chmod 0755 run); fi; V=$(curl -s https://api | jq -r .tag) && echo $V",
			want: []cmd{
				{"set", "set", []string{"-eux"}, 0, 0},
				{"[", "[", []string{"-f", "/x", "]"}, 1, 0},
				{"cd", "cd", []string{"/x"}, 2, 0},
				{"chmod", "chmod", []string{"0755", "run"}, 3, 0},
				{"curl", "curl", []string{"-s", "https://api"}, 4, 0},
				{"jq", "jq", []string{"-r", ".tag"}, 4, 1},
				{"echo", "echo", []string{"$V"}, 5, 0},
			},
		},
		{
			name:   "export",
			script: "export PATH=\"/opt/bin:$PATH\" LANG=C.UTF-8",
			want:   []cmd{{"export", "export", []string{"PATH=\"/opt/bin:$PATH\"", "LANG=C.UTF-8"}, 0, 0}},
		},
		{
			name:   "time keyword",
			script: "time make -j4",
			want:   []cmd{{"make", "make", []string{"-j4"}, 0, 0}},
		},
		{
			name:   "quotes removed, escapes kept out",
			script: "echo 'a b' \"c\\\"d\" e\\ f $'g'",
			want:   []cmd{{"echo", "echo", []string{"a b", "c\"d", "e f", "g"}, 0, 0}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "FROM alpine\nRUN " + tc.script + "\n"
			m := parse(t, src)
			noErrors(t, m)
			if len(m.Warnings) > 0 {
				t.Fatalf("warnings: %+v", m.Warnings)
			}
			var got []cmd
			for _, c := range m.Instructions[1].Commands {
				got = append(got, cmd{c.Name, c.Exec, c.Args, c.Pipeline, c.Position})
				if len(c.ArgRanges) != len(c.Args) {
					t.Errorf("%s: %d arg ranges for %d args", c.Name, len(c.ArgRanges), len(c.Args))
				}
				if c.Range.Line != 2 {
					t.Errorf("%s: range %s not on line 2", c.Name, pos(c.Range))
				}
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("commands -want +got:\n%s", diff)
			}
		})
	}
}

func TestRunShells(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		execs     []string
		warning   bool
	}{
		{name: "powershell SHELL", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN Invoke-WebRequest x | iex\n"},
		{name: "bash SHELL", src: "FROM a\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl x | bash\n", execs: []string{"curl", "bash"}},
		{name: "SHELL inherited", src: "FROM a AS b\nSHELL [\"cmd\", \"/S\", \"/C\"]\nFROM b\nRUN dir\n"},
		{name: "python heredoc", src: "FROM a\nRUN <<EOF\n#!/usr/bin/env python3\nimport os\nEOF\n"},
		{name: "bash shebang heredoc", src: "FROM a\nRUN <<EOF\n#!/usr/bin/env bash\nchmod 777 /x\nEOF\n", execs: []string{"chmod"}},
		{name: "not shell", src: "FROM a\nRUN if then fi ((\n", warning: true},
		{name: "exec form without shell", src: "FROM a\nRUN [\"curl\", \"x\", \"|\", \"sh\"]\n", execs: []string{"curl"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := parse(t, tc.src)
			noErrors(t, m)
			var execs []string
			for _, in := range m.Instructions {
				for _, c := range in.Commands {
					execs = append(execs, c.Exec)
				}
			}
			if diff := cmp.Diff(tc.execs, execs); diff != "" {
				t.Errorf("commands -want +got:\n%s", diff)
			}
			if got := len(m.Warnings) > 0; got != tc.warning {
				t.Errorf("warnings = %+v, want some: %v", m.Warnings, tc.warning)
			}
		})
	}
}

// TestInput checks what a parsed Dockerfile document gives the engine.
func TestInput(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "multistage.Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	docs := Parser{}.Parse("sub\\Dockerfile", src)
	if len(docs) != 1 {
		t.Fatalf("%d documents", len(docs))
	}
	doc, ok := docs[0].(*Document)
	if !ok {
		t.Fatalf("document is a %T", docs[0])
	}
	// The model's JSON form is the input: TestValueIsTheModelAsJSON.
	if doc.model.Value().Compare(doc.Input()) != 0 {
		t.Errorf("Input() is not the model's value:\n got %v\nwant %v", doc.Input(), doc.model.Value())
	}
	if doc.Summary() != nil {
		t.Error("Summary() is not nil")
	}
	if _, err := doc.Edit(lint.Intent{Op: "set"}); err == nil {
		t.Error("Edit() succeeded")
	}
	if len(doc.model.Stages) < 3 || len(doc.model.Images) < 3 {
		t.Errorf("%d stages, %d images", len(doc.model.Stages), len(doc.model.Images))
	}
}

func TestLocate(t *testing.T) {
	src := "FROM alpine AS a\nRUN apk add curl \\\n && chmod 777 /x\nUSER app\n"
	doc := Parser{}.Parse("Dockerfile", []byte(src))[0]
	for _, tc := range []struct {
		path []any
		want string
	}{
		{path: nil, want: "1:1-5:1"},
		{path: []any{"instructions", 1}, want: "2:1-3:17"},
		{path: []any{"instructions", 1, "commands", 1}, want: "3:5-3:17"},
		{path: []any{"instructions", 1, "commands", 1, "arg_ranges", 0}, want: "3:11-3:14"},
		{path: []any{"instructions", 1, "commands", 1, "args", 0}, want: "3:5-3:17"},
		{path: []any{"instructions", 9}, want: "1:1-5:1"},
		{path: []any{"stages", 0, "user"}, want: "4:6-4:9"},
		{path: []any{"stages", 0, "base", "image"}, want: "1:6-1:12"},
		{path: []any{"nope", 1}, want: "1:1-5:1"},
	} {
		t.Run(fmt.Sprint(tc.path), func(t *testing.T) {
			if got := pos(doc.Locate(tc.path)); got != tc.want {
				t.Errorf("Locate(%v) = %s, want %s", tc.path, got, tc.want)
			}
		})
	}
}

func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "multistage.Dockerfile"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Parser{}.Parse("Dockerfile", src)
	}
}

// TestNotADockerfile: a symbolic link named Dockerfile to a file that is
// not one (/etc/passwd) is reported without echoing the file.
func TestNotADockerfile(t *testing.T) {
	var src strings.Builder
	for i := range 40 {
		fmt.Fprintf(&src, "user%d:x:%d:%d:secret-gecos-%d:/home/user%d:/bin/sh\n", i, 1000+i, 1000+i, i, i)
	}
	src.WriteString("\x1b]0;pwned\a\x1b[2J ls\n")
	m := ParseModel("Dockerfile", []byte(src.String()))
	var all strings.Builder
	for _, e := range m.Errors {
		all.WriteString(e.Message + "\n")
	}
	if len(m.Errors) > maxUnknown+2 {
		t.Errorf("%d errors, want at most %d:\n%s", len(m.Errors), maxUnknown+2, all.String())
	}
	for _, leak := range []string{"secret-gecos", "/home/", "\x1b", "user5:"} {
		if strings.Contains(all.String(), leak) {
			t.Errorf("errors echo %q:\n%s", leak, all.String())
		}
	}
	if !strings.Contains(all.String(), "unknown instruction: user0:x:1000:1000:se…") {
		t.Errorf("errors lack a short excerpt of the first unknown instruction:\n%s", all.String())
	}
}
