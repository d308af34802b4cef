// Package rule is the vocabulary every part of hardline shares: a rule's
// descriptor, the severity of its findings, the applicability of its
// fixes and the input it evaluates.
package rule

import (
	"fmt"
	"strings"
)

// Severity ranks a finding. The zero value is not a valid severity.
type Severity int

// Severities, from least to most severe.
const (
	SeverityInfo Severity = iota + 1
	SeverityWarning
	SeverityError
)

// ParseSeverity reads a severity name ("info", "warning", "error").
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "info":
		return SeverityInfo, nil
	case "warning":
		return SeverityWarning, nil
	case "error":
		return SeverityError, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want info, warning or error)", s)
}

func (s Severity) String() string {
	switch s {
	case SeverityInfo:
		return "info"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// Name is the word a format uses for the severity: errorName, warningName
// or infoName. A severity that is none of the three reads as a warning.
func (s Severity) Name(errorName, warningName, infoName string) string {
	switch s {
	case SeverityError:
		return errorName
	case SeverityInfo:
		return infoName
	case SeverityWarning:
	}
	return warningName
}

// MarshalText writes the severity's name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Applicability says when a fix may be applied.
type Applicability int

// Applicabilities, from most to least automatic.
const (
	// ApplicabilitySafe fixes are applied by --fix.
	ApplicabilitySafe Applicability = iota + 1
	// ApplicabilityUnsafe fixes are applied only with --unsafe-fixes.
	ApplicabilityUnsafe
	// ApplicabilityDisplay fixes are shown and never applied.
	ApplicabilityDisplay
)

// ParseApplicability reads "safe", "unsafe" or "display".
func ParseApplicability(s string) (Applicability, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "safe":
		return ApplicabilitySafe, nil
	case "unsafe":
		return ApplicabilityUnsafe, nil
	case "display":
		return ApplicabilityDisplay, nil
	}
	return 0, fmt.Errorf("unknown fix applicability %q (want safe, unsafe or display)", s)
}

func (a Applicability) String() string {
	switch a {
	case ApplicabilitySafe:
		return "safe"
	case ApplicabilityUnsafe:
		return "unsafe"
	case ApplicabilityDisplay:
		return "display"
	}
	return fmt.Sprintf("applicability(%d)", int(a))
}

// MarshalText writes the applicability's name.
func (a Applicability) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads an applicability's name.
func (a *Applicability) UnmarshalText(b []byte) error {
	v, err := ParseApplicability(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// Input names the model a rule evaluates.
type Input string

// The inputs a rule can evaluate. A rule's package is rules.<input>.<ID>.
const (
	// InputDockerfile rules see one Dockerfile.
	InputDockerfile Input = "dockerfile"
	// InputKubernetes rules see one Kubernetes object.
	InputKubernetes Input = "kubernetes"
	// InputImage rules see one Dockerfile, Kubernetes object, Compose file or script and look at its images.
	InputImage Input = "image"
	// InputManifests rules see a summary of every Kubernetes object of the run.
	InputManifests Input = "manifests"
	// InputRuntime rules see the containers a Compose file or a script
	// (docker run, docker create) starts, with their runtime settings.
	InputRuntime Input = "runtime"
)

// Rule is one entry of the catalogue, read from a rule's METADATA block.
type Rule struct {
	ID          string        `json:"id"`
	Name        string        `json:"name"`
	Title       string        `json:"title"`
	Description string        `json:"description"`
	Severity    Severity      `json:"severity"`
	Input       Input         `json:"input"`
	Remediation string        `json:"remediation,omitempty"`
	Why         string        `json:"why,omitempty"`
	Bad         string        `json:"bad,omitempty"`
	Good        string        `json:"good,omitempty"`
	Fix         Applicability `json:"fix,omitempty"`
	FixReason   string        `json:"fixReason,omitempty"`
	Levels      []string      `json:"levels,omitempty"`
	References  []string      `json:"references,omitempty"`
	Tags        []string      `json:"tags,omitempty"`
	// SecuritySeverity is the CVSS-like score (0.1 to 10.0) code scanning
	// ranks the rule's alerts by, from METADATA's custom.security_severity;
	// 0 when METADATA gives none (see EffectiveSecuritySeverity).
	SecuritySeverity float64 `json:"securitySeverity,omitempty"`
	// NotSecurity marks a rule that reports no security problem (a file
	// that cannot be parsed, a stale suppression): custom.security_severity
	// is "none".
	NotSecurity bool `json:"notSecurity,omitempty"`
	// Precision is how often the rule's findings are right, as code
	// scanning reads it: "high" (the default) or "medium" for heuristics,
	// from custom.precision.
	Precision string `json:"precision,omitempty"`
	// Objects are the Kubernetes objects a rule over every manifest reads,
	// from custom.objects: kinds, and ObjectsWithPods for every object
	// with pods. input.objects holds the objects any enabled rule over
	// every manifest names; every object when one of them names none.
	Objects []string `json:"objects,omitempty"`
	// Package is the Rego package path, such as "rules.dockerfile.DF001".
	Package string `json:"-"`
	// File is the policy file the rule was read from.
	File string `json:"-"`
	// Builtin is false for rules loaded from a user's policy directory.
	Builtin bool `json:"-"`
}

// ObjectsWithPods in Rule.Objects stands for every object with pods.
const ObjectsWithPods = "pods"

// Precisions a rule may declare.
const (
	PrecisionHigh   = "high"
	PrecisionMedium = "medium"
	PrecisionLow    = "low"
)

// EffectiveSecuritySeverity is the rule's security severity: the one its
// METADATA gives, else one derived from its severity (error 8.0, warning
// 5.5, info 2.0); ok is false for a rule that reports no security problem.
func (r Rule) EffectiveSecuritySeverity() (score float64, ok bool) {
	switch {
	case r.NotSecurity:
		return 0, false
	case r.SecuritySeverity > 0:
		return r.SecuritySeverity, true
	}
	switch r.Severity {
	case SeverityError:
		return 8.0, true
	case SeverityInfo:
		return 2.0, true
	case SeverityWarning:
	}
	return 5.5, true
}

// EffectivePrecision is the rule's precision, "high" unless METADATA says.
func (r Rule) EffectivePrecision() string {
	if r.Precision == "" {
		return PrecisionHigh
	}
	return r.Precision
}
