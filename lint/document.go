package lint

import (
	"iter"

	"github.com/open-policy-agent/opa/v1/ast"
)

// Kind is the type of a source file.
type Kind int

// File kinds found by discovery.
const (
	KindUnknown Kind = iota
	KindDockerfile
	KindYAML
	// KindCompose is a Compose file.
	KindCompose
	// KindShell is a shell script; KindMakefile a Makefile, whose recipes
	// are shell; KindWorkflow a GitHub Actions workflow, whose run: steps
	// are. Their docker run lines are linted.
	KindShell
	KindMakefile
	KindWorkflow
)

func (k Kind) String() string {
	switch k {
	case KindDockerfile:
		return "dockerfile"
	case KindYAML:
		return "yaml"
	case KindCompose:
		return "compose"
	case KindShell:
		return "shell"
	case KindMakefile:
		return "makefile"
	case KindWorkflow:
		return "workflow"
	case KindUnknown:
	}
	return "unknown"
}

// Document is one unit the policies evaluate: a Dockerfile, or one
// Kubernetes object of a YAML stream. Parsers build it once; the engine only
// reads it.
type Document interface {
	// Input is the Rego input for the document (see docs/policies.md),
	// converted once.
	Input() ast.Value
	// Locate returns the range of the node at path, a list of object keys
	// (strings) and array indices (ints) from the document root, or of its
	// deepest existing ancestor when the path does not exist.
	Locate(path []any) Range
	// Summary is what rules over every Kubernetes object of a run see of
	// this document (see docs/policies.md), or nil.
	Summary() ast.Value
	// Edit turns a fix intent whose operation is specific to the document's
	// format ("set", "delete", "add_to_list" on YAML) into text edits of the
	// original bytes. The engine itself handles "replace", "insert_lines"
	// and "pin_image".
	Edit(in Intent) ([]Edit, error)
}

// Intent is one step of a fix as a rule describes it (see docs/policies.md).
type Intent struct {
	Op     string
	Range  Range
	Path   []any
	Value  any
	Values []any
	Text   string
	Image  *PinImage
}

// PinImage is the image of a "pin_image" intent: of the fields of an
// input's image, those pinning reads.
type PinImage struct {
	// Raw is the reference as written and Ref as resolved: they differ
	// when it comes from a variable, which pinning leaves alone.
	Raw, Ref   string
	Unresolved bool
	// Range is where the reference is written, or Path the node that
	// holds it; nil when the image gives neither.
	Range *Range
	Path  []any
}

// Parser turns one file's bytes into documents. It never fails: input it
// cannot read becomes a document whose "errors" field says why and where.
type Parser interface {
	Parse(path string, src []byte) []Document
}

// DocumentStreamer is implemented by parsers that can build a file's
// documents one at a time: the engine then holds only the few documents it
// evaluates, not every document of a file of many.
type DocumentStreamer interface {
	// Documents yields the documents Parse returns, in the same order.
	Documents(path string, src []byte) iter.Seq[Document]
}

// Object is implemented by the documents that are one Kubernetes object
// of a YAML stream: what the engine itself needs of the object, so that it
// never reads the Rego input back.
type Object interface {
	// Place is the index of the object's YAML document in the file and
	// the object's path in that document: [] or ["items", 3] for an item
	// of a List.
	Place() (document int, objectPath []any)
	// MayHavePods is false when the object was read and holds no pod
	// spec, so that the rules about pods need not run.
	MayHavePods() bool
	// Annotations are the string values of annotation key in the
	// object's metadata and in its pods' (templates'), each with the path
	// of its field from the document root.
	Annotations(key string) []Annotation
}

// Annotation is one annotation's value and the path of its field.
type Annotation struct {
	Value string
	Path  []any
}

// InstructionDocument is implemented by documents made of instructions (a
// Dockerfile), whose comments cover the instruction that follows them.
type InstructionDocument interface {
	// InstructionRanges are the ranges of the instructions, in file order.
	InstructionRanges() []Range
}

// Summarizer is implemented by parsers that can read a file's summaries
// (Document.Summary) for less than its documents cost.
type Summarizer interface {
	// Summaries yields the non-nil summaries of the documents Parse
	// returns, in the same order.
	Summaries(path string, src []byte) iter.Seq[ast.Value]
}

// summariesOfFile are the summaries of a file's documents.
func summariesOfFile(p Parser, path string, src []byte) iter.Seq[ast.Value] {
	if s, ok := p.(Summarizer); ok {
		return s.Summaries(path, src)
	}
	return func(yield func(ast.Value) bool) {
		for doc := range documents(p, path, src) {
			if sum := doc.Summary(); sum != nil && !yield(sum) {
				return
			}
		}
	}
}

// documents are the documents of a file, one at a time when the parser
// can build them so.
func documents(p Parser, path string, src []byte) iter.Seq[Document] {
	if s, ok := p.(DocumentStreamer); ok {
		return s.Documents(path, src)
	}
	docs := p.Parse(path, src)
	return func(yield func(Document) bool) {
		for i, d := range docs {
			// Each document is dropped once handed over, so that the
			// memory of a file of many holds what is left to evaluate.
			docs[i] = nil
			if !yield(d) {
				return
			}
		}
	}
}

// DataSpanner is implemented by parsers that know which bytes of a file
// are data (quoted and block scalars, heredoc bodies) in which a "#" does
// not start a comment, so that only real comments are suppressions.
type DataSpanner interface {
	DataSpans(src []byte) [][2]int
}

// Placer is implemented by parsers that can find one object of a file
// again without building every object's input: the engine places the
// results of rules over every manifest with it, asking for documents in
// increasing order. The function Placer returns gives the document of the
// object at objPath (nil: the first object) of YAML document index, or
// nil. Only Locate and Edit of that document are used.
type Placer interface {
	Placer(path string, src []byte) func(index int, objPath []any) Document
}
