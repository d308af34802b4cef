package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hardline-dev/hardline/formats"
	"github.com/hardline-dev/hardline/lint/config"
	"github.com/hardline-dev/hardline/policies"
)

func newRulesCmd(e *env) *cobra.Command {
	var format string
	var policyDirs []string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the rules",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			cat, err := loadCatalog(policyDirs)
			if err != nil {
				return err
			}
			switch format {
			case "text":
				return formats.RulesText(e.stdout, cat.Rules)
			case "json":
				return formats.RulesJSON(e.stdout, cat.Rules)
			case "markdown":
				return formats.RulesMarkdown(e.stdout, cat.Rules)
			}
			return fmt.Errorf("unknown --format %q (want text, json or markdown)", format)
		},
	}
	cmd.Flags().StringVarP(&format, "format", "f", "text", "output format: text, json or markdown")
	cmd.Flags().StringSliceVar(&policyDirs, "policy", nil, "also list the rules of this policy directory; repeatable")
	return cmd
}

func newExplainCmd(e *env) *cobra.Command {
	var policyDirs []string
	cmd := &cobra.Command{
		Use:   "explain ID|NAME",
		Short: "Explain a rule: what it checks, why, and how to fix it",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			cat, err := loadCatalog(policyDirs)
			if err != nil {
				return err
			}
			r, ok := cat.Lookup(args[0])
			if !ok {
				return unknownRule("explain", args[0], cat)
			}
			return formats.Explain(e.stdout, r)
		},
	}
	cmd.Flags().StringSliceVar(&policyDirs, "policy", nil, "also look in this policy directory; repeatable")
	return cmd
}

// buildVersion is the linker-set version, else the module version
// recorded by go install.
func buildVersion() string {
	if version != devVersion {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return version
}

// buildCommit is the linker-set commit, else the VCS revision go build
// recorded (with "-dirty" for a modified checkout), else "unknown".
func buildCommit() string {
	if commit != "" {
		return commit
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "unknown"
	}
	if dirty {
		rev += "-dirty"
	}
	return rev
}

func newPolicyCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{Use: "policy", Short: "Work with your own Rego policies"}
	cmd.AddCommand(&cobra.Command{
		Use:   "test DIR...",
		Short: "Run the _test.rego files of policy directories against the built-in helpers",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := loadCatalog(args)
			if err != nil {
				return err
			}
			res, err := policies.RunTests(cmd.Context(), cat, func(file string) bool { return inDirs(args, file) })
			if err != nil {
				return err
			}
			for _, r := range res {
				status := "PASS"
				if r.Fail {
					status = "FAIL"
				}
				fmt.Fprintf(e.stdout, "%s %s.%s\n", status, r.Package, r.Name)
				if r.Fail && r.Output != "" {
					fmt.Fprintf(e.stdout, "    %s\n", r.Output)
				}
			}
			failed := 0
			for _, r := range res {
				if r.Fail {
					failed++
				}
			}
			fmt.Fprintf(e.stdout, "%d tests, %d failed\n", len(res), failed)
			if failed > 0 || len(res) == 0 {
				return &exitCodeError{code: exitFindings}
			}
			return nil
		},
	})
	return cmd
}

// inDirs reports whether a policy file was loaded from one of dirs.
func inDirs(dirs []string, file string) bool {
	for _, d := range dirs {
		if strings.HasPrefix(file, strings.TrimSuffix(policyRoot(d), "/")+"/") {
			return true
		}
	}
	return false
}

// unknownRule is the usage error for a rule ID or name the catalogue does
// not hold, with the closest ID or name as a suggestion.
func unknownRule(where, s string, cat *policies.Catalog) error {
	if hint := config.Suggest(s, ruleNames(cat)); hint != "" {
		return fmt.Errorf("%s: no rule has the ID or name %q (did you mean %q? see hardline rules)", where, s, hint)
	}
	return fmt.Errorf("%s: no rule has the ID or name %q (see hardline rules)", where, s)
}

// ruleNames lists the IDs and names of the catalogue's rules.
func ruleNames(cat *policies.Catalog) []string {
	out := make([]string, 0, 2*len(cat.Rules))
	for _, r := range cat.Rules {
		out = append(out, r.ID, r.Name)
	}
	return out
}
