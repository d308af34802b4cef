package dockerfile

import (
	"encoding/json"

	"github.com/hardline-dev/hardline/lint"
)

// Base kinds of a stage (Base.Kind).
const (
	KindImage   = "image"
	KindStage   = "stage"
	KindScratch = "scratch"
)

// Sources of image references (Image.Source).
const (
	SourceFrom     = "from"
	SourceCopyFrom = "copy-from"
	SourceRunMount = "run-mount"
)

// Model is a parsed Dockerfile: the "dockerfile" input of docs/policies.md.
type Model struct {
	// Path is the file's path, slash-separated.
	Path string `json:"path"`
	// Directives holds the parser directives present ("syntax", "escape",
	// "check"), keys in lower case.
	Directives map[string]string `json:"directives"`
	// Escape is the escape character in effect.
	Escape rune `json:"-"`
	// Errors say why the file cannot be built as written (DF000).
	Errors []Message `json:"errors"`
	// Warnings are what buildkit would warn about.
	Warnings []Message `json:"warnings"`
	// Args are the ARGs declared before the first FROM.
	Args []Arg `json:"args"`
	// Stages are the build stages in file order.
	Stages []Stage `json:"stages"`
	// Instructions are every instruction in file order.
	Instructions []Instruction `json:"instructions"`
	// Images are every image reference in the file, in file order.
	Images []Image `json:"images"`
	// Programs indexes the simple commands of RUN instructions by every
	// program they name: the program that runs (Command.Exec), the
	// command's name and the words before Command.ArgStart that are not
	// options (wrappers such as sudo or env), directories removed. Each command is given as
	// [instruction index, command index], in file order.
	Programs map[string][][2]int `json:"programs"`
}

// Message is an error or warning about the file.
type Message struct {
	Message string     `json:"message"`
	Range   lint.Range `json:"range"`
}

// Arg is one variable an ARG instruction declares.
type Arg struct {
	Name string `json:"name"`
	// Value is the default with quotes removed and earlier ARGs expanded.
	Value    string `json:"value"`
	HasValue bool   `json:"has_value"`
	// Range is where "NAME=value" is written.
	Range lint.Range `json:"range"`
}

// Stage is a build stage: a FROM instruction and the ones that follow it.
type Stage struct {
	Index int `json:"index"`
	// Name is the AS name as written, "" when there is none.
	Name string `json:"name"`
	// Final is true for the last stage.
	Final bool `json:"final"`
	// From is the index of the FROM instruction.
	From int `json:"from"`
	// Base is what the stage starts from.
	Base Base `json:"base"`
	// Root is Base followed through earlier stages: an image or scratch.
	Root Base `json:"root"`
	// User is the USER in effect at the end of the stage, nil when none.
	User *User `json:"user,omitempty"`
	// Instructions are the indices of the stage's instructions, FROM
	// included.
	Instructions []int `json:"instructions"`
}

// Base is what a stage is built on.
type Base struct {
	// Kind is KindImage, KindStage or KindScratch.
	Kind string `json:"kind"`
	// Image is set when Kind is KindImage.
	Image *Image `json:"image,omitempty"`
	// Stage is the earlier stage's index when Kind is KindStage.
	Stage int `json:"stage"`
}

// MarshalJSON writes only the fields of the base's kind, as the Rego input
// has them.
func (b Base) MarshalJSON() ([]byte, error) {
	v := map[string]any{"kind": b.Kind}
	switch {
	case b.Kind == KindImage && b.Image != nil:
		v["image"] = b.Image
	case b.Kind == KindStage:
		v["stage"] = b.Stage
	}
	return json.Marshal(v)
}

// User is the effective USER of a stage.
type User struct {
	// User and Group are the parts of "user[:group]", variables expanded
	// when they could be.
	User  string `json:"user"`
	Group string `json:"group"`
	// Raw is the argument as written.
	Raw string `json:"raw"`
	// Instruction is the index of the USER instruction.
	Instruction int `json:"instruction"`
	// Inherited is true when the user comes from the parent stage.
	Inherited bool       `json:"inherited"`
	Range     lint.Range `json:"range"`
}

// Instruction is one Dockerfile instruction.
type Instruction struct {
	Index int `json:"index"`
	// Stage is the index of the instruction's stage, -1 before the first
	// FROM.
	Stage int `json:"stage"`
	// Cmd is the keyword in lower case.
	Cmd string `json:"cmd"`
	// Args are the arguments as buildkit's parser split them; the elements
	// of the array in JSON form.
	Args []string `json:"args"`
	// JSON is true for the exec (JSON array) form.
	JSON bool `json:"json"`
	// Flags maps each --name[=value] flag to its values ("" when a flag
	// has no value).
	Flags map[string][]string `json:"flags"`
	// Original is the instruction with its continuation lines joined.
	Original string `json:"original"`
	// Range covers every line of the instruction, heredocs included.
	Range lint.Range `json:"range"`
	// KeywordRange is where the keyword is.
	KeywordRange lint.Range `json:"keyword_range"`
	// ArgsRange covers everything after the keyword and flags.
	ArgsRange lint.Range `json:"args_range"`
	Heredocs  []Heredoc  `json:"heredocs"`
	// Commands are the simple commands of a RUN instruction's script.
	Commands []Command `json:"commands"`
	// Comments are the comment lines right above the instruction, without
	// '#'.
	Comments []string `json:"comments"`
}

// Heredoc is an inline document of a RUN, COPY or ADD instruction.
type Heredoc struct {
	Name string `json:"name"`
	// Content is the document's text as written, up to the terminator.
	Content string `json:"content"`
	// Range is where Content is.
	Range lint.Range `json:"range"`
}

// Command is a simple command of a shell script.
type Command struct {
	// Name is the first word as written (quotes removed).
	Name string `json:"name"`
	// Exec is the program that really runs: wrappers such as sudo, env,
	// exec, nohup, time or xargs skipped, directory removed.
	Exec string `json:"exec"`
	// Args are the words after the name: quotes removed from literal words,
	// the source text of the others.
	Args      []string     `json:"args"`
	ArgRanges []lint.Range `json:"arg_ranges"`
	// ArgStart is the index in Args of the first argument of Exec: 0 unless
	// a wrapper is the command's name, in which case it is one past the
	// first word whose program is Exec (len(Args) when none is), as
	// lib.dockerfile.arg_start computes it.
	ArgStart int        `json:"arg_start"`
	Range    lint.Range `json:"range"`
	// Pipeline numbers the pipelines of an instruction from 0; commands
	// joined by | share it.
	Pipeline int `json:"pipeline"`
	// Position is the command's place in its pipeline, from 0.
	Position int `json:"position"`
}

// Image is an image reference.
type Image = lint.Image
