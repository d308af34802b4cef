package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/config"
	"github.com/hardline-dev/hardline/lint/fix"
	"github.com/hardline-dev/hardline/lint/render"
	"github.com/hardline-dev/hardline/lint/render/helm"
	"github.com/hardline-dev/hardline/lint/render/units"
)

// renderTargets finds the charts and overlays to render under the
// directories of args, unless rendering is off or standard input is read.
func renderTargets(ctx context.Context, fl *lintFlags, cfg *config.Config, args []string) []units.Target {
	if !fl.render || len(args) == 1 && args[0] == "-" {
		return nil
	}
	if len(args) == 0 {
		args = []string{"."}
	}
	if fl.forceExclude {
		var kept []string
		for _, a := range args {
			if info, err := os.Stat(a); err == nil && !info.IsDir() && cfg.Excluded(a) {
				continue
			}
			kept = append(kept, a)
		}
		args = kept
	}
	ho := helm.Options{
		ValuesFiles: fl.helmValues, Set: fl.helmSet, Release: fl.helmRelease,
		Namespace: fl.helmNamespace, KubeVersion: cfg.KubeVersion,
	}
	// Templates run in a child process, bounded in memory and time; an
	// executable that cannot be found renders in this process instead.
	if exe, err := os.Executable(); err == nil {
		ho.Child = &helm.Child{Path: exe, Args: []string{renderChildCommand}}
	}
	return units.Find(ctx, args, units.Options{Exclude: cfg.Excluded, Helm: ho})
}

// renderUnits renders the targets and drops the raw files they cover.
func renderUnits(targets []units.Target, srcs []lint.Source, notices []lint.Notice) ([]*render.Unit, []lint.Source, []lint.Notice) {
	built := make([]*render.Unit, len(targets))
	for i, t := range targets {
		built[i] = t.Build(nil)
	}
	srcs, notices = units.Drop(srcs, notices, units.Covered(built))
	// What is left is linted as it is: kustomization patches as patches,
	// with the namespace a kustomization gives its resources.
	return built, units.ApplyRoles(srcs), notices
}

// lintRendered lints each rendered unit (rules over several objects see
// one chart release or overlay at a time) and adds its findings to rep.
func lintRendered(ctx context.Context, eng *lint.Engine, built []*render.Unit, rep *lint.Report) error {
	var errs []error
	for _, u := range built {
		r, err := render.Lint(ctx, eng, u)
		if err != nil {
			errs = append(errs, err)
		}
		if r != nil {
			render.Merge(rep, r)
		}
	}
	return errors.Join(errs...)
}

// fixRendered applies or shows the fixes of rendered units in their
// sources (values files, resources, patches).
func fixRendered(ctx context.Context, e *env, fl *lintFlags, eng *lint.Engine, targets []units.Target, sel fix.Selection, rep *lint.Report) error {
	var errs []error
	for _, t := range targets {
		fixed, r, err := render.Fix(ctx, eng, t.Build, sel)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if fl.diff {
			if r, err = render.Lint(ctx, eng, t.Build(nil)); err != nil {
				errs = append(errs, err)
			}
		}
		if r != nil {
			render.Merge(rep, r)
		}
		for _, f := range fixed {
			if fl.diff {
				if _, err := io.WriteString(e.stdout, fix.Diff(f.File, f.Original, f.Content)); err != nil {
					return fmt.Errorf("write diff: %w", err)
				}
				continue
			}
			if err := fix.Write(f); err != nil {
				errs = append(errs, err)
				continue
			}
			fmt.Fprintf(e.stderr, "hardline: fixed %d finding(s) in %s\n", f.FixCount, f.File)
		}
	}
	return errors.Join(errs...)
}
