package main

// Tests that keep the integration files honest: the editor snippets of
// docs/editors.md, the pre-commit hooks of .pre-commit-hooks.yaml, the
// GitHub action and the example workflow. They read the files users copy
// and run what those files run, so that a change of flags, formats or file
// discovery breaks a test instead of the users' setups.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"sigs.k8s.io/kustomize/kyaml/yaml"

	"github.com/hardline-dev/hardline/lint"
)

// repoFile reads a file of the repository, by its slash-separated path from
// the root.
func repoFile(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fence is a fenced code block of a Markdown document.
type fence struct {
	info string // what follows the opening ```: the language
	body string
	line int // 1-based line of the opening fence
}

// fences returns the fenced code blocks of a Markdown document.
func fences(doc string) []fence {
	var out []fence
	var cur *fence
	var body []string
	for i, line := range strings.Split(doc, "\n") {
		trimmed := strings.TrimSpace(line)
		if !strings.HasPrefix(trimmed, "```") {
			if cur != nil {
				body = append(body, line)
			}
			continue
		}
		if cur == nil {
			cur = &fence{info: strings.TrimSpace(strings.TrimPrefix(trimmed, "```")), line: i + 1}
			body = nil
			continue
		}
		cur.body = strings.Join(body, "\n")
		out = append(out, *cur)
		cur = nil
	}
	return out
}

// fenceAfter returns the first fenced block after the line holding marker.
func fenceAfter(t *testing.T, doc, marker string) fence {
	t.Helper()
	at := strings.Index(doc, marker)
	if at < 0 {
		t.Fatalf("marker %q not found", marker)
	}
	markerLine := strings.Count(doc[:at], "\n") + 1
	for _, f := range fences(doc) {
		if f.line > markerLine {
			return f
		}
	}
	t.Fatalf("no code block after marker %q", marker)
	return fence{}
}

// The placeholder for the buffer's file name in the documented command.
const filePlaceholder = `"$FILE"`

// editorCommand returns the documented editor command line as words,
// without its input redirection: "hardline", "lint", ..., `"$FILE"`, "-".
func editorCommand(t *testing.T) []string {
	t.Helper()
	block := fenceAfter(t, string(repoFile(t, "docs/editors.md")), "<!-- editor-command")
	lines := strings.Split(strings.TrimSpace(block.body), "\n")
	if len(lines) != 1 {
		t.Fatalf("the editor command block has %d lines, want 1:\n%s", len(lines), block.body)
	}
	words := strings.Fields(lines[0])
	if i := slices.Index(words, "<"); i >= 0 {
		if !slices.Equal(words[i:], []string{"<", filePlaceholder}) {
			t.Fatalf("the editor command must end with < %s, got %q", filePlaceholder, words[i:])
		}
		words = words[:i]
	}
	if len(words) < 2 || words[0] != "hardline" || words[1] != "lint" {
		t.Fatalf("the editor command must start with hardline lint: %q", words)
	}
	if n := strings.Count(strings.Join(words, " "), filePlaceholder); n != 1 {
		t.Fatalf("the editor command must name the buffer (%s) once, got %d: %q", filePlaceholder, n, words)
	}
	if words[len(words)-1] != "-" {
		t.Fatalf("the editor command must read standard input (-): %q", words)
	}
	return words
}

// editorReport is what the editor snippets read of the JSON output.
type editorReport struct {
	Version  int             `json:"version"`
	Findings []editorFinding `json:"findings"`
}

type editorFinding struct {
	Rule       string          `json:"rule"`
	Severity   string          `json:"severity"`
	Message    string          `json:"message"`
	File       string          `json:"file"`
	Line       int             `json:"line"`
	Column     int             `json:"column"`
	EndLine    int             `json:"endLine"`
	EndColumn  int             `json:"endColumn"`
	Suppressed json.RawMessage `json:"suppressed"`
}

// runEditorCommand runs the documented command in-process on a buffer.
func runEditorCommand(t *testing.T, bufferName, content string) (int, editorReport, string) {
	t.Helper()
	words := editorCommand(t)
	args := make([]string, 0, len(words)-1)
	for _, w := range words[1:] {
		args = append(args, strings.ReplaceAll(w, filePlaceholder, bufferName))
	}
	code, out, errOut := hardline(t, content, args...)
	var rep editorReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%s: output is not JSON: %v\n%s\nstderr: %s", bufferName, err, out, errOut)
	}
	return code, rep, errOut
}

// wantFinding is a finding at line:column, ending just before endColumn
// on the same line.
type wantFinding struct {
	rule                    string
	line, column, endColumn int
	suppressed              bool
}

func TestEditorCommand(t *testing.T) {
	deployment := strings.Join([]string{
		"apiVersion: apps/v1",
		"kind: Deployment",
		"metadata:",
		"  name: web",
		"  namespace: shop",
		"spec:",
		"  template:",
		"    spec:",
		"      containers:",
		"        - name: web",
		"          image: nginx:latest",
		"",
	}, "\n")
	nonASCII := "    - {name: wéb, image: nginx:latest}"
	beforeImage, _, _ := strings.Cut(nonASCII, "nginx")
	beforeBrace, _, _ := strings.Cut(nonASCII, "}")
	for _, tc := range []struct {
		name, file, content string
		want                []wantFinding
		none                []string // rules that must not be reported
	}{
		{
			name:    "dockerfile",
			file:    "app/Dockerfile",
			content: "# the app image\n\nFROM ubuntu:latest\nRUN echo ok\n",
			want:    []wantFinding{{rule: "IM001", line: 3, column: 6, endColumn: 19}, {rule: "DF001", line: 3, column: 1, endColumn: 19}},
		},
		{
			name:    "dockerfile by sniffing",
			file:    "untitled",
			content: "ARG BASE=ubuntu:latest\nFROM ${BASE}\n",
			want:    []wantFinding{{rule: "DF001", line: 2, column: 1, endColumn: 13}},
		},
		{
			name:    "suppressed findings are listed as such",
			file:    "Dockerfile",
			content: "# hardline ignore=IM001 the tag is bumped by a bot\nFROM ubuntu:latest\n",
			want:    []wantFinding{{rule: "IM001", line: 2, column: 6, endColumn: 19, suppressed: true}},
		},
		{
			name:    "kubernetes yaml",
			file:    "deploy/web.yaml",
			content: deployment,
			want:    []wantFinding{{rule: "IM001", line: 11, column: 18, endColumn: 30}},
			// The command disables KS020: one buffer never holds the
			// namespace's NetworkPolicies.
			none: []string{"KS020"},
		},
		{
			name: "columns count code points",
			file: "pod.yaml",
			content: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: wéb\nspec:\n  containers:\n" +
				nonASCII + "\n",
			want: []wantFinding{{
				rule: "IM001", line: 7,
				column:    utf8.RuneCountInString(beforeImage) + 1,
				endColumn: utf8.RuneCountInString(beforeBrace) + 1,
			}},
		},
		{
			name:    "yaml that is not kubernetes",
			file:    ".github/workflows/ci.yml",
			content: "name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make test\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, rep, errOut := runEditorCommand(t, tc.file, tc.content)
			// --fail-on never: findings must not make the editor think
			// the linter failed.
			if code != exitClean {
				t.Errorf("exit %d, want 0 (stderr: %s)", code, errOut)
			}
			if rep.Version != 1 {
				t.Errorf("JSON version %d, want 1 (docs/editors.md documents version 1)", rep.Version)
			}
			if len(tc.want) == 0 && len(rep.Findings) > 0 {
				t.Errorf("want no findings, got %+v", rep.Findings)
			}
			for _, f := range rep.Findings {
				if !slices.Contains([]string{"error", "warning", "info"}, f.Severity) {
					t.Errorf("%s: severity %q is not one the editor snippets map", f.Rule, f.Severity)
				}
				if f.File != tc.file {
					t.Errorf("%s: file %q, want the --stdin-filename %q", f.Rule, f.File, tc.file)
				}
				if slices.Contains(tc.none, f.Rule) {
					t.Errorf("unexpected %s finding: %s", f.Rule, f.Message)
				}
			}
			for _, w := range tc.want {
				i := slices.IndexFunc(rep.Findings, func(f editorFinding) bool { return f.Rule == w.rule && f.Line == w.line })
				if i < 0 {
					t.Errorf("no %s finding at line %d; got %+v", w.rule, w.line, rep.Findings)
					continue
				}
				f := rep.Findings[i]
				if f.Column != w.column || f.EndLine != w.line || f.EndColumn != w.endColumn {
					t.Errorf("%s at %d:%d-%d:%d, want %d:%d-%d:%d", w.rule, f.Line, f.Column, f.EndLine, f.EndColumn, w.line, w.column, w.line, w.endColumn)
				}
				if got := len(f.Suppressed) > 0; got != w.suppressed {
					t.Errorf("%s: suppressed %v, want %v", w.rule, got, w.suppressed)
				}
			}
		})
	}
}

// TestEditorSnippetsRunTheCommand checks that the Neovim and Vim
// configurations run exactly the documented command.
func TestEditorSnippetsRunTheCommand(t *testing.T) {
	doc := string(repoFile(t, "docs/editors.md"))
	want := strings.Join(editorCommand(t), " ")

	var lua, ale []string
	for _, f := range fences(doc) {
		switch {
		case f.info == "lua":
			lua = append(lua, f.body)
		case f.info == "vim" && strings.Contains(f.body, "ale#linter#Define"):
			ale = append(ale, f.body)
		}
	}

	// nvim-lint: args = { "lint", ..., "--stdin-filename", file, "-" }
	if len(lua) != 1 {
		t.Fatalf("want one lua block in docs/editors.md, got %d", len(lua))
	}
	m := regexp.MustCompile(`(?s)\bargs = \{(.*?)\}`).FindStringSubmatch(lua[0])
	if m == nil {
		t.Fatal("no args = { ... } in the nvim-lint linter")
	}
	words := []string{"hardline"}
	for _, tok := range regexp.MustCompile(`"([^"]*)"|\bfile\b`).FindAllStringSubmatch(m[1], -1) {
		if tok[0] == "file" {
			words = append(words, filePlaceholder)
		} else {
			words = append(words, tok[1])
		}
	}
	if got := strings.Join(words, " "); got != want {
		t.Errorf("nvim-lint runs\n  %s\nthe documented command is\n  %s", got, want)
	}
	for _, setting := range []string{`cmd = "hardline"`, "stdin = true", "append_fname = false", `source = "hardline"`, "code = f.rule"} {
		if !strings.Contains(lua[0], setting) {
			t.Errorf("the nvim-lint linter lacks %s", setting)
		}
	}

	// ALE: 'command': '%e lint ... --stdin-filename %s -'
	if len(ale) == 0 {
		t.Fatal("no ale#linter#Define block in docs/editors.md")
	}
	for _, block := range ale {
		m := regexp.MustCompile(`'command': '([^']*)'`).FindStringSubmatch(block)
		if m == nil {
			t.Fatalf("no 'command' in the ALE linter:\n%s", block)
		}
		r := strings.NewReplacer("%e", "hardline", "%s", filePlaceholder)
		if got := r.Replace(m[1]); got != want {
			t.Errorf("ALE runs\n  %s\nthe documented command is\n  %s", got, want)
		}
	}
	for _, ft := range []string{"dockerfile", "yaml"} {
		if !strings.Contains(doc, "ale_linters/"+ft+"/hardline.vim") {
			t.Errorf("docs/editors.md does not set ALE up for %s", ft)
		}
	}
}

// editorBuffers are what the Vim and Neovim tests lint: a line with
// non-ASCII text before the finding, so that byte columns differ from code
// points, and a suppressed finding, which the handlers must skip.
var editorBuffers = map[string]string{
	"pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: wéb\nspec:\n  containers:\n" +
		"    - {name: wéb, image: nginx:latest}\n",
	"Dockerfile": "# hardline ignore=IM001 the tag is bumped by a bot\nFROM ubuntu:latest\n",
}

// editorDiagnostic is a finding as an editor shows it: 1-based line and
// byte column, inclusive byte end column (as Vim and ALE count). Neovim's
// 0-based columns with an exclusive end are the same numbers shifted.
type editorDiagnostic struct {
	Line, Col, EndLine, EndCol int
	Severity, Code, Message    string
}

// byteCol turns a 1-based column in code points into a 1-based byte column.
func byteCol(line string, col int) int {
	r := []rune(line)
	if col-1 > len(r) || col < 1 {
		return col
	}
	return len(string(r[:col-1])) + 1
}

// wantDiagnostics lints a buffer with the documented command and returns
// the diagnostics an editor should show for it, sorted.
func wantDiagnostics(t *testing.T, name, content string) []editorDiagnostic {
	t.Helper()
	_, rep, _ := runEditorCommand(t, name, content)
	lines := strings.Split(content, "\n")
	var out []editorDiagnostic
	for _, f := range rep.Findings {
		if len(f.Suppressed) > 0 {
			continue
		}
		out = append(out, editorDiagnostic{
			Line: f.Line, Col: byteCol(lines[f.Line-1], f.Column),
			EndLine: f.EndLine, EndCol: byteCol(lines[f.EndLine-1], f.EndColumn) - 1,
			Severity: f.Severity, Code: f.Rule, Message: f.Message,
		})
	}
	if len(out) == 0 {
		t.Fatalf("%s: no findings to show", name)
	}
	sortDiagnostics(out)
	return out
}

func sortDiagnostics(ds []editorDiagnostic) {
	slices.SortFunc(ds, func(a, b editorDiagnostic) int {
		return strings.Compare(fmt.Sprintf("%05d %05d %s", a.Line, a.Col, a.Code), fmt.Sprintf("%05d %05d %s", b.Line, b.Col, b.Code))
	})
}

// editorSetup writes the buffers and their JSON reports (made by the
// documented command) into a temporary directory.
func editorSetup(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range editorBuffers {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		words := editorCommand(t)
		args := make([]string, 0, len(words)-1)
		for _, w := range words[1:] {
			args = append(args, strings.ReplaceAll(w, filePlaceholder, name))
		}
		_, out, _ := hardline(t, content, args...)
		if err := os.WriteFile(filepath.Join(dir, name+".json"), []byte(out), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// editorBlock returns the fenced block of docs/editors.md with that
// language that contains text.
func editorBlock(t *testing.T, lang, text string) string {
	t.Helper()
	for _, f := range fences(string(repoFile(t, "docs/editors.md"))) {
		if f.info == lang && strings.Contains(f.body, text) {
			return f.body
		}
	}
	t.Fatalf("docs/editors.md has no %s block with %q", lang, text)
	return ""
}

// runEditor runs an editor on a script with a time limit.
func runEditor(t *testing.T, dir, program string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, program, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_STATE_HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", program, err, out)
	}
}

// TestALEHandler runs the documented ALE callback in Vim on the JSON of
// the documented command.
func TestALEHandler(t *testing.T) {
	vim, err := exec.LookPath("vim")
	if err != nil {
		t.Skip("vim not found")
	}
	dir := editorSetup(t)
	autoload := filepath.Join(dir, "rt", "autoload")
	if err := os.MkdirAll(autoload, 0o755); err != nil {
		t.Fatal(err)
	}
	handler := editorBlock(t, "vim", "function! hardline#Handle")
	if err := os.WriteFile(filepath.Join(autoload, "hardline.vim"), []byte(handler), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, content := range editorBuffers {
		script := fmt.Sprintf(`set nocompatible nomore
let &runtimepath = %[1]q . ',' . &runtimepath
edit %[2]s
call writefile([json_encode(hardline#Handle(bufnr(''), readfile(%[3]q)))], %[4]q)
qall!
`, filepath.Join(dir, "rt"), name, name+".json", name+".ale")
		if err := os.WriteFile(filepath.Join(dir, "run.vim"), []byte(script), 0o600); err != nil {
			t.Fatal(err)
		}
		runEditor(t, dir, vim, "-Nu", "NONE", "-i", "NONE", "-n", "-es", "-S", "run.vim")
		b, err := os.ReadFile(filepath.Join(dir, name+".ale"))
		if err != nil {
			t.Fatalf("%s: the handler wrote nothing: %v", name, err)
		}
		var items []struct {
			Lnum, Col        int
			EndLnum          int `json:"end_lnum"`
			EndCol           int `json:"end_col"`
			Type, Code, Text string
		}
		if err := json.Unmarshal(b, &items); err != nil {
			t.Fatalf("%s: %v: %s", name, err, b)
		}
		types := map[string]string{"E": "error", "W": "warning", "I": "info"}
		var got []editorDiagnostic
		for _, it := range items {
			got = append(got, editorDiagnostic{it.Lnum, it.Col, it.EndLnum, it.EndCol, types[it.Type], it.Code, it.Text})
		}
		sortDiagnostics(got)
		if want := wantDiagnostics(t, name, content); !slices.Equal(got, want) {
			t.Errorf("%s: ALE shows\n%+v\nwant\n%+v", name, got, want)
		}
	}
}

// TestNvimLintLinter loads the documented nvim-lint configuration in
// Neovim (with a stand-in for the plugin), checks the linter it defines and
// runs its parser on the JSON of the documented command.
func TestNvimLintLinter(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim not found")
	}
	dir := editorSetup(t)
	config := editorBlock(t, "lua", "lint.linters.hardline")
	if err := os.WriteFile(filepath.Join(dir, "config.lua"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	words := editorCommand(t)
	for name, content := range editorBuffers {
		script := fmt.Sprintf(`
local ok, err = pcall(function()
  package.loaded["lint"] = { linters = {}, linters_by_ft = { dockerfile = { "hadolint" } } }
  dofile(%[1]q)
  vim.cmd("edit " .. %[2]q)
  local lint = require("lint")
  local linter = lint.linters.hardline()
  local output = table.concat(vim.fn.readfile(%[3]q), "\n")
  local diagnostics = linter.parser(output, vim.api.nvim_get_current_buf())
  local severities = {}
  for k, v in pairs(vim.diagnostic.severity) do
    if type(k) == "string" and #k > 1 then severities[v] = k end
  end
  for _, d in ipairs(diagnostics) do d.severity = severities[d.severity] end
  vim.fn.writefile({ vim.json.encode({
    cmd = linter.cmd, args = linter.args, stdin = linter.stdin, append_fname = linter.append_fname,
    cwd = linter.cwd, file = vim.api.nvim_buf_get_name(0), by_ft = lint.linters_by_ft,
    diagnostics = diagnostics,
  }) }, %[4]q)
end)
if not ok then
  vim.fn.writefile({ vim.json.encode({ error = tostring(err) }) }, %[4]q)
end
vim.cmd("qall!")
`, filepath.Join(dir, "config.lua"), name, name+".json", name+".nvim")
		if err := os.WriteFile(filepath.Join(dir, "run.lua"), []byte(script), 0o600); err != nil {
			t.Fatal(err)
		}
		// cquit only runs, with an error, when the script could not quit.
		runEditor(t, dir, nvim, "--headless", "--clean", "-n", "-i", "NONE", "-c", "luafile run.lua", "-c", "cquit")
		b, err := os.ReadFile(filepath.Join(dir, name+".nvim"))
		if err != nil {
			t.Fatalf("%s: nothing written: %v", name, err)
		}
		var res struct {
			Error       string              `json:"error"`
			Cmd         string              `json:"cmd"`
			Args        []string            `json:"args"`
			Stdin       bool                `json:"stdin"`
			AppendFname *bool               `json:"append_fname"`
			Cwd         string              `json:"cwd"`
			File        string              `json:"file"`
			ByFt        map[string][]string `json:"by_ft"`
			Diagnostics []struct {
				Lnum, Col              int
				EndLnum                int `json:"end_lnum"`
				EndCol                 int `json:"end_col"`
				Severity, Source, Code string
				Message                string
			} `json:"diagnostics"`
		}
		if err := json.Unmarshal(b, &res); err != nil {
			t.Fatalf("%s: %v: %s", name, err, b)
		}
		if res.Error != "" {
			t.Fatalf("%s: the configuration fails in Neovim: %s", name, res.Error)
		}
		// The linter runs the documented command on the buffer's file.
		want := make([]string, 0, len(words)-1)
		for _, w := range words[1:] {
			want = append(want, strings.ReplaceAll(w, filePlaceholder, res.File))
		}
		if res.Cmd != "hardline" || !slices.Equal(res.Args, want) || !res.Stdin || res.AppendFname == nil || *res.AppendFname {
			t.Errorf("%s: linter runs %s %q (stdin %v, append_fname %v), want hardline %q with stdin", name, res.Cmd, res.Args, res.Stdin, res.AppendFname, want)
		}
		if res.Cwd != filepath.Dir(res.File) {
			t.Errorf("%s: cwd %q, want the buffer's directory %q", name, res.Cwd, filepath.Dir(res.File))
		}
		for _, ft := range []string{"dockerfile", "yaml", "json"} {
			if !slices.Contains(res.ByFt[ft], "hardline") {
				t.Errorf("hardline is not a linter for %s: %v", ft, res.ByFt)
			}
		}
		if !slices.Contains(res.ByFt["dockerfile"], "hadolint") {
			t.Errorf("the configuration drops the user's other dockerfile linters: %v", res.ByFt["dockerfile"])
		}
		severities := map[string]string{"ERROR": "error", "WARN": "warning", "INFO": "info"}
		var got []editorDiagnostic
		for _, d := range res.Diagnostics {
			if d.Source != "hardline" {
				t.Errorf("%s: source %q, want hardline", name, d.Source)
			}
			// 0-based, end exclusive: shift to editorDiagnostic's counting.
			got = append(got, editorDiagnostic{d.Lnum + 1, d.Col + 1, d.EndLnum + 1, d.EndCol, severities[d.Severity], d.Code, d.Message})
		}
		sortDiagnostics(got)
		if want := wantDiagnostics(t, name, content); !slices.Equal(got, want) {
			t.Errorf("%s: Neovim shows\n%+v\nwant\n%+v", name, got, want)
		}
	}
}

// fixFinding is what TestNvimQuickFix reads of a finding.
type fixFinding struct {
	Rule  string `json:"rule"`
	Line  int    `json:"line"`
	Fixes []struct {
		Title string    `json:"title"`
		Edits []fixEdit `json:"edits"`
	} `json:"fixes"`
}

type fixEdit struct {
	Offset    int    `json:"offset"`
	EndOffset int    `json:"endOffset"`
	NewText   string `json:"newText"`
}

// TestNvimQuickFix applies fixes with the documented Neovim mapping and
// compares the buffer with the fix's edits applied to the original bytes,
// which is what hardline lint --fix writes.
func TestNvimQuickFix(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim not found")
	}
	middle := "apiVersion: v1\nkind: Pod\nmetadata:\n  name: wéb\nspec:\n  containers:\n" +
		"    - {name: wéb, image: registry.example.com/wéb:1.4}\n  volumes:\n    - name: tmp\n      emptyDir: {}\n"
	atEOF := "apiVersion: v1\nkind: Pod\nmetadata:\n  name: wéb\nspec:\n  containers:\n" +
		"    - name: wéb\n      image: registry.example.com/wéb:1.4\n"
	dir := t.TempDir()
	config := editorBlock(t, "lua", "lint.linters.hardline")
	if err := os.WriteFile(filepath.Join(dir, "config.lua"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, content, rule string }{
		{"middle of the file", middle, "KS002"},
		{"end of the file", atEOF, "KS002"},
		{"end of the file, pod level", atEOF, "KS023"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			words := editorCommand(t)
			args := make([]string, 0, len(words)-1)
			for _, w := range words[1:] {
				args = append(args, strings.ReplaceAll(w, filePlaceholder, "pod.yaml"))
			}
			_, out, _ := hardline(t, tc.content, args...)
			var rep struct {
				Findings []fixFinding `json:"findings"`
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(rep.Findings, func(f fixFinding) bool {
				return f.Rule == tc.rule && len(f.Fixes) > 0 && len(f.Fixes[0].Edits) > 0
			})
			if i < 0 {
				t.Fatalf("no %s finding with a fix:\n%s", tc.rule, out)
			}
			finding, fix := rep.Findings[i], rep.Findings[i].Fixes[0]
			// The contract: non-overlapping replacements of the original
			// bytes.
			want := tc.content
			edits := slices.Clone(fix.Edits)
			slices.SortFunc(edits, func(a, b fixEdit) int { return b.Offset - a.Offset })
			for _, e := range edits {
				want = want[:e.Offset] + e.NewText + want[e.EndOffset:]
			}

			if err := os.WriteFile(filepath.Join(dir, "pod.yaml"), []byte(tc.content), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "pod.json"), []byte(out), 0o600); err != nil {
				t.Fatal(err)
			}
			script := fmt.Sprintf(`
local ok, err = pcall(function()
  local namespaces = {}
  package.loaded["lint"] = {
    linters = {}, linters_by_ft = {},
    get_namespace = function(name)
      namespaces[name] = namespaces[name] or vim.api.nvim_create_namespace(name)
      return namespaces[name]
    end,
  }
  vim.ui.select = function(items, _, choose)
    for _, item in ipairs(items) do
      if item.title == %[1]q then return choose(item) end
    end
    error("fix not offered: " .. %[1]q)
  end
  dofile("config.lua")
  vim.cmd("edit pod.yaml")
  local lint = require("lint")
  local bufnr = vim.api.nvim_get_current_buf()
  local output = table.concat(vim.fn.readfile("pod.json"), "\n")
  vim.diagnostic.set(lint.get_namespace("hardline"), bufnr, lint.linters.hardline().parser(output, bufnr))
  vim.api.nvim_win_set_cursor(0, { %[2]d, 0 })
  vim.cmd("normal \\hf") -- <leader>hf, with the default leader
  vim.fn.writefile(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "result.txt")
end)
if not ok then
  vim.fn.writefile({ "error: " .. tostring(err) }, "result.txt")
end
vim.cmd("qall!")
`, fix.Title, finding.Line)
			if err := os.WriteFile(filepath.Join(dir, "run.lua"), []byte(script), 0o600); err != nil {
				t.Fatal(err)
			}
			runEditor(t, dir, nvim, "--headless", "--clean", "-n", "-i", "NONE", "-c", "luafile run.lua", "-c", "cquit")
			b, err := os.ReadFile(filepath.Join(dir, "result.txt"))
			if err != nil {
				t.Fatal(err)
			}
			// Neovim's lines, with the final newline the buffer writes.
			if got := string(b); got != want {
				t.Errorf("after %q Neovim's buffer is\n%s\nwant\n%s", fix.Title, got, want)
			}
		})
	}
}

// TestVSCodeProblemMatcher runs the documented task's command on the
// examples and checks that the problem matcher's pattern reads every
// finding of the text output, and nothing else.
func TestVSCodeProblemMatcher(t *testing.T) {
	doc := string(repoFile(t, "docs/editors.md"))
	var tasks string
	for _, f := range fences(doc) {
		if f.info == "jsonc" && strings.Contains(f.body, "problemMatcher") {
			tasks = f.body
		}
	}
	if tasks == "" {
		t.Fatal("no tasks.json block in docs/editors.md")
	}
	m := regexp.MustCompile(`"regexp":\s*("(?:[^"\\]|\\.)*")`).FindStringSubmatch(tasks)
	if m == nil {
		t.Fatal("no regexp in the problem matcher")
	}
	var pattern string
	if err := json.Unmarshal([]byte(m[1]), &pattern); err != nil {
		t.Fatal(err)
	}
	re, err := regexp.Compile(pattern) // JavaScript in VS Code; kept in the common subset
	if err != nil {
		t.Fatal(err)
	}
	cmd := regexp.MustCompile(`"command":\s*"([^"]*)"`).FindStringSubmatch(tasks)
	if len(cmd) < 2 || !strings.HasPrefix(cmd[1], "hardline lint ") {
		t.Fatal("the task does not run hardline lint")
	}
	args := strings.Fields(cmd[1])[1:]
	if !slices.Contains(args, "--color") || !slices.Contains(args, "--fail-on") {
		t.Errorf("the task should pass --color never and --fail-on never: %q", cmd[1])
	}
	// Lint the examples instead of the task's ".".
	args[len(args)-1] = "../../examples"
	args = append(args, "--today", "2026-11-22")

	code, text, errOut := hardline(t, "", args...)
	if code != exitClean {
		t.Fatalf("task command: exit %d, want 0\n%s", code, errOut)
	}
	_, rep := lintJSON(t, "../../examples")

	var got, want []string
	for _, line := range strings.Split(text, "\n") {
		sub := re.FindStringSubmatch(line)
		if sub == nil {
			continue
		}
		// Groups: file 1, line 2, column 3, severity 4, code 5, message 6.
		got = append(got, strings.Join(sub[1:7], "|"))
	}
	for _, f := range rep.Findings {
		want = append(want, strings.Join([]string{f.File, fmt.Sprint(f.Line), fmt.Sprint(f.Column), f.Severity, f.Rule, f.Message}, "|"))
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("the problem matcher reads\n%s\nthe findings are\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// preCommitHook is a hook of .pre-commit-hooks.yaml.
type preCommitHook struct {
	ID            string   `yaml:"id"`
	Name          string   `yaml:"name"`
	Entry         string   `yaml:"entry"`
	Language      string   `yaml:"language"`
	Files         string   `yaml:"files"`
	Exclude       string   `yaml:"exclude"`
	Types         []string `yaml:"types"`
	TypesOr       []string `yaml:"types_or"`
	Args          []string `yaml:"args"`
	PassFilenames *bool    `yaml:"pass_filenames"`
	RequireSerial bool     `yaml:"require_serial"`
}

// preCommitKeys are the keys pre-commit accepts in a hook definition.
var preCommitKeys = []string{
	"id", "name", "entry", "language", "files", "exclude", "types", "types_or", "exclude_types",
	"always_run", "fail_fast", "verbose", "pass_filenames", "require_serial", "description",
	"language_version", "minimum_pre_commit_version", "args", "stages",
}

func preCommitHooks(t *testing.T) map[string]preCommitHook {
	t.Helper()
	src := repoFile(t, ".pre-commit-hooks.yaml")
	var raw []map[string]any
	if err := yaml.Unmarshal(src, &raw); err != nil {
		t.Fatal(err)
	}
	for _, h := range raw {
		for k := range h {
			if !slices.Contains(preCommitKeys, k) {
				t.Errorf("hook %v: pre-commit has no key %q", h["id"], k)
			}
		}
	}
	var list []preCommitHook
	if err := yaml.Unmarshal(src, &list); err != nil {
		t.Fatal(err)
	}
	hooks := map[string]preCommitHook{}
	for _, h := range list {
		if _, dup := hooks[h.ID]; dup {
			t.Errorf("hook %s is defined twice", h.ID)
		}
		hooks[h.ID] = h
	}
	return hooks
}

// selects reports whether pre-commit would pass file (slash-separated,
// relative to the repository root) to the hook: files matches and exclude
// does not (pre-commit uses Python's re.search; the patterns keep to what
// Go's regexp reads the same way).
func (h preCommitHook) selects(t *testing.T, file string) bool {
	t.Helper()
	if !regexp.MustCompile(h.Files).MatchString(file) {
		return false
	}
	return h.Exclude == "" || !regexp.MustCompile(h.Exclude).MatchString(file)
}

func TestPreCommitHooksDefinition(t *testing.T) {
	hooks := preCommitHooks(t)
	for _, id := range []string{"hardline", "hardline-dockerfile", "hardline-kubernetes", "hardline-network-policies"} {
		h, ok := hooks[id]
		if !ok {
			t.Errorf("no hook %s", id)
			continue
		}
		if h.Language != "golang" {
			t.Errorf("%s: language %q, want golang (pre-commit builds the module)", id, h.Language)
		}
		entry := strings.Fields(h.Entry)
		if len(entry) < 2 || entry[0] != "hardline" || entry[1] != "lint" {
			t.Errorf("%s: entry %q, want hardline lint ...", id, h.Entry)
		}
		if h.Files == "" {
			t.Errorf("%s: no files pattern", id)
		}
		for _, p := range []string{h.Files, h.Exclude} {
			if _, err := regexp.Compile(p); err != nil {
				t.Errorf("%s: %v", id, err)
			}
		}
		if len(h.Types) > 0 || len(h.TypesOr) > 0 {
			t.Errorf("%s: types depend on the identify version; files alone matches hardline's discovery", id)
		}
		perFile := h.PassFilenames == nil || *h.PassFilenames
		// A partial file list makes KS020 wrong: per-file hooks must turn it
		// off in entry (args are replaced by the user's).
		disablesKS020 := strings.Contains(h.Entry, "--disable KS020")
		if perFile && !disablesKS020 {
			t.Errorf("%s lints the commit's files only, so its entry must hold --disable KS020: %q", id, h.Entry)
		}
		for _, a := range h.Args {
			if strings.Contains(a, "KS020") {
				t.Errorf("%s: KS020 belongs in entry, not in args the user replaces", id)
			}
		}
	}
	repo := hooks["hardline-network-policies"]
	if repo.PassFilenames == nil || *repo.PassFilenames || !repo.RequireSerial || !slices.Equal(repo.Args, []string{"."}) {
		t.Errorf("hardline-network-policies must lint the whole repository serially: pass_filenames: false, require_serial: true, args: [.]; got %+v", repo)
	}
	if !strings.Contains(repo.Entry, "--enable KS020") {
		t.Errorf("hardline-network-policies must run KS020: %q", repo.Entry)
	}
}

// TestPreCommitFilesMatchDiscovery checks each hook's files and exclude
// patterns against hardline's own discovery: a hook must pass pre-commit
// exactly the files `hardline lint DIR` lints (of its kind).
func TestPreCommitFilesMatchDiscovery(t *testing.T) {
	hooks := preCommitHooks(t)
	names := []string{
		"Dockerfile", "sub/Dockerfile", "dockerfile", "DOCKERFILE", "Containerfile", "containerfile",
		"Dockerfile.prod", "dockerfile.dev", "Containerfile.ci", "containerfile.ci", "DOCKERFILE.prod",
		"app.Dockerfile", "build.dockerfile", "x.DOCKERFILE", ".dockerfile", "Dockerfile.", "deploy/web.Dockerfile",
		"Dockerfile.md", "Dockerfile.yaml", "Dockerfile.dockerignore", ".dockerignore", "notDockerfile",
		"Dockerfile-dev", "my.dockerfile.bak", "Dockerfile_alpine", "Dockerfile-chroot", "build.Containerfile",
		"app.containerfile", "Containerfile-ci", "dockerfile_x", "Dockerfile-notes.txt", "Dockerfile_alpine.md", "Dockerfile.sh",
		"Dockerfile.j2", "Dockerfile.bak", "Dockerfile-ci.yaml", "DockerfileX", "Dockerfiles.md", "containerfile-x", "Dockerfiles/README.md", "Dockerfile/app.yaml",
		"k8s/app.yaml", "values.yml", "manifest.json", "a/b/C.YAML", "x.Yml", ".yaml", "app.yaml.bak",
		"app.yamlx", "README.md", "main.go", "Makefile", ".github/workflows/ci.yml",
		"compose.yaml", "docker-compose.yml", "compose.override.YAML", "docker-compose.prod.yml", "deploy/compose.yml",
		"composer.yaml", "my-compose.yaml", "compose.json", "scripts/run.sh", "a.bash", "x.SH", "rules.mk", "makefile",
		"GNUmakefile", "sub/Makefile", "Makefile.in", "Dockerfile.sh", ".github/workflows/release.yaml",
		"sub/.github/workflows/ci.yml", ".github/workflows/sub/x.yml", ".github/workflows/compose.yml", "github/workflows/ci.yml",
		"vendor/x/Dockerfile", "node_modules/a.yaml", "sub/vendor/a.yaml", "vendorx/a.yaml", "my-vendor/a.yaml",
	}
	dir := t.TempDir()
	var paths []string
	for i, n := range names {
		// A directory per name, so that names differing in case only
		// never collide.
		p := fmt.Sprintf("t%02d/%s", i, n)
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	d, err := lint.Discover([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	discovered := map[string]lint.Kind{}
	for _, s := range d.Sources {
		rel, err := filepath.Rel(dir, filepath.FromSlash(s.Path))
		if err != nil {
			t.Fatal(err)
		}
		discovered[filepath.ToSlash(rel)] = s.Kind
	}

	wantKind := map[string]func(lint.Kind, bool) bool{
		"hardline":            func(_ lint.Kind, ok bool) bool { return ok },
		"hardline-dockerfile": func(k lint.Kind, ok bool) bool { return ok && k == lint.KindDockerfile },
		"hardline-kubernetes": func(k lint.Kind, ok bool) bool { return ok && k == lint.KindYAML },
		"hardline-runtime": func(k lint.Kind, ok bool) bool {
			return ok && (k == lint.KindCompose || k == lint.KindShell || k == lint.KindMakefile || k == lint.KindWorkflow)
		},
		"hardline-network-policies": func(k lint.Kind, ok bool) bool { return ok && k == lint.KindYAML },
	}
	for id, want := range wantKind {
		h := hooks[id]
		for _, p := range paths {
			k, ok := discovered[p]
			if got, w := h.selects(t, p), want(k, ok); got != w {
				t.Errorf("%s: pre-commit would pass %s: %v, hardline lint DIR lints it (as this hook's kind): %v", id, p, got, w)
			}
		}
	}
	// The walk's verdicts agree with lint.Classify outside skipped
	// directories; checked so that the table above exercises both kinds.
	for _, p := range paths {
		if strings.Contains("/"+p, "/vendor/") || strings.Contains("/"+p, "/node_modules/") {
			continue
		}
		k, ok := discovered[p]
		if c := lint.Classify(p); (c != lint.KindUnknown) != ok || ok && c != k {
			t.Errorf("%s: Classify says %v, the walk %v (found %v)", p, c, k, ok)
		}
	}

	crossCheckPython(t, hooks, paths)
}

// crossCheckPython matches the patterns with Python's re.search, as
// pre-commit does, when python3 is installed, and compares with Go's.
func crossCheckPython(t *testing.T, hooks map[string]preCommitHook, paths []string) {
	t.Helper()
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Log("python3 not found: patterns not cross-checked with Python's re")
		return
	}
	type hookPatterns struct {
		Files   string `json:"files"`
		Exclude string `json:"exclude"`
	}
	in := struct {
		Hooks map[string]hookPatterns `json:"hooks"`
		Paths []string                `json:"paths"`
	}{Hooks: map[string]hookPatterns{}, Paths: paths}
	for id, h := range hooks {
		in.Hooks[id] = hookPatterns{h.Files, h.Exclude}
	}
	input, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	const script = `
import json, re, sys
d = json.load(sys.stdin)
out = {}
for id, h in d["hooks"].items():
    f, x = re.compile(h["files"]), re.compile(h["exclude"]) if h["exclude"] else None
    out[id] = [p for p in d["paths"] if f.search(p) and not (x and x.search(p))]
json.dump(out, sys.stdout)
`
	cmd := exec.CommandContext(t.Context(), python, "-c", script)
	cmd.Stdin = strings.NewReader(string(input))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var got map[string][]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	for id, h := range hooks {
		var goSel []string
		for _, p := range paths {
			if h.selects(t, p) {
				goSel = append(goSel, p)
			}
		}
		if !slices.Equal(got[id], goSel) {
			t.Errorf("%s: Python selects %q, Go %q", id, got[id], goSel)
		}
	}
}

// TestPreCommitKS020 runs the hooks as pre-commit would on a commit that
// changes a Deployment whose namespace's default-deny NetworkPolicy sits in
// another, unchanged file.
func TestPreCommitKS020(t *testing.T) {
	hooks := preCommitHooks(t)
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("deploy/web.yaml", `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.4
`)
	write("deploy/networkpolicies.yaml", `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-all
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`)
	t.Chdir(dir)

	// run runs a hook like pre-commit: entry, then args, then the file
	// names unless pass_filenames is false. --format json is added to
	// args, as a user could.
	run := func(h preCommitHook, changed ...string) (int, jsonReport) {
		t.Helper()
		args := strings.Fields(h.Entry)[1:]
		args = append(args, "--format", "json")
		args = append(args, h.Args...)
		if h.PassFilenames == nil || *h.PassFilenames {
			for _, f := range changed {
				if h.selects(t, f) {
					args = append(args, f)
				}
			}
		}
		code, out, errOut := hardline(t, "", args...)
		var rep jsonReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%s: %v\n%s\n%s", h.ID, err, out, errOut)
		}
		return code, rep
	}
	ks020 := func(rep jsonReport) bool {
		for _, f := range rep.Findings {
			if f.Rule == "KS020" {
				return true
			}
		}
		return false
	}

	// Without --disable KS020, the changed file alone gives a false KS020.
	if _, rep := run(preCommitHook{ID: "plain", Entry: "hardline lint"}, "deploy/web.yaml"); !ks020(rep) {
		t.Fatal("hardline lint deploy/web.yaml: want the false KS020 this test guards against")
	}
	for _, id := range []string{"hardline", "hardline-kubernetes"} {
		_, rep := run(hooks[id], "deploy/web.yaml")
		if ks020(rep) {
			t.Errorf("%s on deploy/web.yaml alone reports KS020", id)
		}
		if rep.Summary.Findings == 0 {
			t.Errorf("%s on deploy/web.yaml reports nothing: the other rules must still run", id)
		}
	}

	repo := hooks["hardline-network-policies"]
	if code, rep := run(repo, "deploy/web.yaml"); code != exitClean || len(rep.Findings) != 0 {
		t.Errorf("hardline-network-policies with the policy in place: exit %d, findings %+v; want 0, none", code, rep.Findings)
	}
	if err := os.Remove("deploy/networkpolicies.yaml"); err != nil {
		t.Fatal(err)
	}
	code, rep := run(repo, "deploy/web.yaml")
	if code != exitFindings || !ks020(rep) {
		t.Errorf("hardline-network-policies without the policy: exit %d, findings %+v; want 1 and KS020", code, rep.Findings)
	}
	for _, f := range rep.Findings {
		if f.Rule != "KS020" {
			t.Errorf("hardline-network-policies reports %s: only KS020 should run", f.Rule)
		}
	}
}

func TestExamplePreCommitConfig(t *testing.T) {
	hooks := preCommitHooks(t)
	var cfg struct {
		Repos []struct {
			Repo  string `yaml:"repo"`
			Rev   string `yaml:"rev"`
			Hooks []struct {
				ID   string   `yaml:"id"`
				Args []string `yaml:"args"`
			} `yaml:"hooks"`
		} `yaml:"repos"`
	}
	if err := yaml.Unmarshal(repoFile(t, "examples/pre-commit-config.yaml"), &cfg); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Repos) != 1 {
		t.Fatalf("want one repo, got %d", len(cfg.Repos))
	}
	r := cfg.Repos[0]
	if r.Repo != "https://github.com/hardline-dev/hardline" || !regexp.MustCompile(`^v\d+\.\d+\.\d+$`).MatchString(r.Rev) {
		t.Errorf("repo %q rev %q: want https://github.com/hardline-dev/hardline at a release tag", r.Repo, r.Rev)
	}
	if len(r.Hooks) == 0 {
		t.Error("no hooks")
	}
	for _, h := range r.Hooks {
		if _, ok := hooks[h.ID]; !ok {
			t.Errorf("hook %s is not in .pre-commit-hooks.yaml", h.ID)
		}
	}
}

// actionStep is a step of a composite action or of a workflow job.
type actionStep struct {
	Name  string            `yaml:"name"`
	ID    string            `yaml:"id"`
	If    string            `yaml:"if"`
	Uses  string            `yaml:"uses"`
	Shell string            `yaml:"shell"`
	Run   string            `yaml:"run"`
	With  map[string]string `yaml:"with"`
	Env   map[string]string `yaml:"env"`
}

type actionFile struct {
	Name        string            `yaml:"name"`
	Description string            `yaml:"description"`
	Author      string            `yaml:"author"`
	Branding    map[string]string `yaml:"branding"`
	Inputs      map[string]struct {
		Description string  `yaml:"description"`
		Required    bool    `yaml:"required"`
		Default     *string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Description string `yaml:"description"`
		Value       string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

func loadAction(t *testing.T) actionFile {
	t.Helper()
	var a actionFile
	dec := yaml.NewDecoder(strings.NewReader(string(repoFile(t, "action.yml"))))
	dec.KnownFields(true)
	if err := dec.Decode(&a); err != nil {
		t.Fatal(err) // KnownFields: a misspelt key fails here
	}
	return a
}

func TestActionDefinition(t *testing.T) {
	a := loadAction(t)
	if a.Name == "" || a.Description == "" {
		t.Error("action.yml needs a name and a description")
	}
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using %q, want composite", a.Runs.Using)
	}
	for _, in := range []string{"paths", "fail-on", "sarif-file", "args", "version"} {
		if _, ok := a.Inputs[in]; !ok {
			t.Errorf("no input %s", in)
		}
	}
	if d := a.Inputs["sarif-file"].Default; d == nil || *d != "hardline.sarif" {
		t.Errorf("sarif-file default %v, want hardline.sarif", d)
	}

	inputRef := regexp.MustCompile(`\binputs\.([A-Za-z0-9_-]+)`)
	used := map[string]bool{}
	ids := map[string]actionStep{}
	var setupGo, install bool
	for _, s := range a.Runs.Steps {
		if s.ID != "" {
			ids[s.ID] = s
		}
		if s.Run != "" && s.Shell == "" {
			t.Errorf("step %q: a composite action's run step needs a shell", s.Name)
		}
		if strings.HasPrefix(s.Uses, "actions/setup-go@") {
			setupGo = true
		}
		if strings.Contains(s.Run, "go install") && strings.Contains(s.Run, "github.com/hardline-dev/hardline/cmd/hardline@") {
			install = true
		}
		if strings.Contains(s.Run, "${{") {
			t.Errorf("step %q: pass expressions through env, not into the script (injection)", s.Name)
		}
		var texts []string
		texts = append(texts, s.Run, s.If)
		for _, v := range s.With {
			texts = append(texts, v)
		}
		for _, v := range s.Env {
			texts = append(texts, v)
		}
		for _, txt := range texts {
			for _, m := range inputRef.FindAllStringSubmatch(txt, -1) {
				used[m[1]] = true
				if _, ok := a.Inputs[m[1]]; !ok {
					t.Errorf("step %q uses inputs.%s, which is not declared", s.Name, m[1])
				}
			}
		}
	}
	for in := range a.Inputs {
		if !used[in] {
			t.Errorf("input %s is declared but never used", in)
		}
	}
	if !setupGo || !install {
		t.Errorf("the action must set up Go (actions/setup-go) and go install hardline: setup-go %v, go install %v", setupGo, install)
	}

	outRef := regexp.MustCompile(`^\$\{\{ steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+) \}\}$`)
	for name, o := range a.Outputs {
		m := outRef.FindStringSubmatch(o.Value)
		if m == nil {
			t.Errorf("output %s: value %q is not a step output", name, o.Value)
			continue
		}
		s, ok := ids[m[1]]
		if !ok {
			t.Errorf("output %s: no step with id %s", name, m[1])
			continue
		}
		if !strings.Contains(s.Run, m[2]+"=") || !strings.Contains(s.Run, "$GITHUB_OUTPUT") {
			t.Errorf("output %s: step %s never writes %s to $GITHUB_OUTPUT", name, m[1], m[2])
		}
	}
	if _, ok := a.Outputs["sarif-file"]; !ok {
		t.Error("no output sarif-file")
	}
}

// TestActionLintScript runs the action's lint script with bash and a fake
// hardline: the arguments it passes, the SARIF file, the outputs, and that
// only exit code 2 fails the step.
func TestActionLintScript(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not found")
	}
	a := loadAction(t)
	var script string
	var env map[string]string
	for _, s := range a.Runs.Steps {
		if s.ID == "lint" {
			script, env = s.Run, s.Env
		}
	}
	if script == "" {
		t.Fatal("no step with id lint")
	}
	// Map the env: entries to the inputs they carry.
	inputOf := map[string]string{}
	for k, v := range env {
		if m := regexp.MustCompile(`^\$\{\{ inputs\.([a-z-]+) \}\}$`).FindStringSubmatch(v); m != nil {
			inputOf[m[1]] = k
		}
	}
	for _, in := range []string{"paths", "fail-on", "sarif-file", "args"} {
		if inputOf[in] == "" {
			t.Fatalf("the lint step gets no env variable for inputs.%s", in)
		}
	}

	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	fake := "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$FAKE_ARGS\"\necho '{\"version\": \"2.1.0\", \"runs\": []}'\nexit \"$FAKE_EXIT\"\n"
	if err := os.WriteFile(filepath.Join(bin, "hardline"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	scriptFile := filepath.Join(dir, "lint.sh")
	if err := os.WriteFile(scriptFile, []byte(script), 0o600); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name          string
		exit          int
		paths, args   string
		wantArgs      []string
		wantStepFails bool
	}{
		{
			name: "findings", exit: 1,
			paths: "deploy charts/rendered.yaml\nDockerfile\n", args: "--profile restricted  --trusted-registry registry.example.com",
			wantArgs: []string{"lint", "--format", "sarif", "--fail-on", "error", "--profile", "restricted", "--trusted-registry", "registry.example.com", "deploy", "charts/rendered.yaml", "Dockerfile"},
		},
		{
			name: "clean, no args", exit: 0, paths: ".",
			wantArgs: []string{"lint", "--format", "sarif", "--fail-on", "error", "."},
		},
		{
			name: "glob characters are not expanded", exit: 0, paths: "*.yaml",
			wantArgs: []string{"lint", "--format", "sarif", "--fail-on", "error", "*.yaml"},
		},
		{
			name: "hardline could not run", exit: 2, paths: "missing",
			wantArgs:      []string{"lint", "--format", "sarif", "--fail-on", "error", "missing"},
			wantStepFails: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			work := t.TempDir()
			if err := os.WriteFile(filepath.Join(work, "a.yaml"), nil, 0o600); err != nil {
				t.Fatal(err)
			}
			output := filepath.Join(work, "github_output")
			argsLog := filepath.Join(work, "args")
			sarif := "reports/hardline.sarif"
			cmd := exec.CommandContext(t.Context(), bash, scriptFile)
			cmd.Dir = work
			cmd.Env = append(os.Environ(),
				"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
				"GITHUB_OUTPUT="+output,
				"FAKE_ARGS="+argsLog,
				fmt.Sprintf("FAKE_EXIT=%d", tc.exit),
				inputOf["paths"]+"="+tc.paths,
				inputOf["fail-on"]+"=error",
				inputOf["sarif-file"]+"="+sarif,
				inputOf["args"]+"="+tc.args,
			)
			out, err := cmd.CombinedOutput()
			if failed := err != nil; failed != tc.wantStepFails {
				t.Fatalf("step failed: %v, want %v\n%s", err, tc.wantStepFails, out)
			}
			logged, err := os.ReadFile(argsLog)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Split(strings.TrimSuffix(string(logged), "\n"), "\n"); !slices.Equal(got, tc.wantArgs) {
				t.Errorf("hardline ran with\n  %q\nwant\n  %q", got, tc.wantArgs)
			}
			report, err := os.ReadFile(filepath.Join(work, filepath.FromSlash(sarif)))
			if err != nil {
				t.Fatalf("no SARIF file: %v", err)
			}
			if !strings.Contains(string(report), `"version": "2.1.0"`) {
				t.Errorf("the SARIF file holds %q, want hardline's output", report)
			}
			outputs, err := os.ReadFile(output)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(outputs), fmt.Sprintf("exit-code=%d\n", tc.exit)) {
				t.Errorf("outputs %q lack exit-code=%d", outputs, tc.exit)
			}
			hasSarif := strings.Contains(string(outputs), "sarif-file="+sarif+"\n")
			if hasSarif == tc.wantStepFails {
				t.Errorf("outputs %q: sarif-file set: %v; want it set only when hardline ran", outputs, hasSarif)
			}
		})
	}
}

func TestExampleWorkflow(t *testing.T) {
	a := loadAction(t)
	var wf struct {
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			RunsOn      string            `yaml:"runs-on"`
			Permissions map[string]string `yaml:"permissions"`
			Steps       []actionStep      `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(repoFile(t, "examples/github-workflow.yml"), &wf); err != nil {
		t.Fatal(err)
	}
	if len(wf.Jobs) == 0 {
		t.Fatal("no jobs")
	}
	for name, job := range wf.Jobs {
		perm := func(scope string) string {
			if v, ok := job.Permissions[scope]; ok || job.Permissions != nil {
				return v // job permissions replace the workflow's
			}
			return wf.Permissions[scope]
		}
		if perm("security-events") != "write" || perm("contents") != "read" || perm("actions") != "read" {
			t.Errorf("job %s: permissions security-events: %q, contents: %q, actions: %q; want write, read, read", name, perm("security-events"), perm("contents"), perm("actions"))
		}
		for _, s := range job.Steps {
			if s.Uses != "" && !strings.HasPrefix(s.Uses, "hardline-dev/hardline@") && !regexp.MustCompile(`@[0-9a-f]{40}$`).MatchString(s.Uses) {
				t.Errorf("job %s: %s is not pinned to a commit", name, s.Uses)
			}
		}
		var lintStep, upload *actionStep
		var checkout, annotate bool
		for i := range job.Steps {
			s := &job.Steps[i]
			switch {
			case strings.HasPrefix(s.Uses, "actions/checkout@"):
				checkout = true
			case strings.HasPrefix(s.Uses, "hardline-dev/hardline@"):
				lintStep = s
			case strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@"):
				upload = s
			case strings.Contains(s.Run, "hardline lint") && strings.Contains(s.Run, "--format github"):
				annotate = true
				if lintStep == nil || upload == nil {
					t.Errorf("job %s: the --format github step must come after the action and the upload", name)
				}
			}
		}
		if !checkout || lintStep == nil || upload == nil || !annotate {
			t.Fatalf("job %s: want checkout %v, the hardline action %v, upload-sarif %v, a --format github step %v",
				name, checkout, lintStep != nil, upload != nil, annotate)
		}
		for k := range lintStep.With {
			if _, ok := a.Inputs[k]; !ok {
				t.Errorf("job %s: the action has no input %s", name, k)
			}
		}
		// The upload reads the file the action wrote: its output, or the
		// same literal path.
		viaOutput := "${{ steps." + lintStep.ID + ".outputs.sarif-file }}"
		sarif := upload.With["sarif_file"]
		if lintStep.ID == "" || (sarif != viaOutput && sarif != lintStep.With["sarif-file"]) {
			t.Errorf("job %s: upload-sarif reads %q, the action writes %s", name, sarif, viaOutput)
		}
		if !strings.Contains(upload.If, "!cancelled()") && !strings.Contains(upload.If, "always()") {
			t.Errorf("job %s: the upload must run when the lint step found something (if: %q)", name, upload.If)
		}
	}
}
