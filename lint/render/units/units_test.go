package units_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/hardline-dev/hardline/lint"
	"github.com/hardline-dev/hardline/lint/render/units"
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"charts/web/Chart.yaml":                 "apiVersion: v2\nname: web\nversion: 0.1.0\n",
		"charts/web/charts/db/Chart.yaml":       "apiVersion: v2\nname: db\nversion: 0.1.0\n",
		"charts/web/templates/x.yaml":           "",
		"deploy/base/kustomization.yaml":        "resources: [app.yaml]\n",
		"deploy/base/app.yaml":                  "",
		"deploy/overlays/a/kustomization.yaml":  "resources: [../../base]\n",
		"deploy/overlays/b/kustomization.yaml":  "resources: [../../base]\n",
		"vendor/charts/x/Chart.yaml":            "apiVersion: v2\nname: x\nversion: 0.1.0\n",
		"deploy/overlays/b/patches/kustom.yaml": "",
	})
	root := filepath.ToSlash(dir)
	var got []string
	for _, tg := range units.Find(context.Background(), []string{dir}, units.Options{}) {
		got = append(got, tg.Dir)
	}
	// The dependency renders with its chart, the base with its overlays,
	// vendor/ is not walked.
	want := []string{root + "/charts/web", root + "/deploy/overlays/a", root + "/deploy/overlays/b"}
	if !slices.Equal(got, want) {
		t.Errorf("Find = %v, want %v", got, want)
	}
	if c := units.ChartOf(filepath.Join(dir, "charts", "web", "charts", "db", "Chart.yaml")); c != root+"/charts/web" {
		t.Errorf("ChartOf(a dependency's file) = %q, want the top chart", c)
	}
	if c := units.ChartOf(filepath.Join(dir, "deploy", "base", "app.yaml")); c != "" {
		t.Errorf("ChartOf(a file outside charts) = %q", c)
	}
}

func TestApplyRoles(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"base/kustomization.yaml":    "resources: [app.yaml]\n",
		"base/app.yaml":              "",
		"overlay/kustomization.yaml": "namespace: shop\nresources: [../base, extra.yaml]\npatchesStrategicMerge: [patch.yaml]\n",
		"overlay/extra.yaml":         "",
		"overlay/patch.yaml":         "",
		"other/kustomization.yaml":   "namespace: other\nresources: [../base]\n",
	})
	root := filepath.ToSlash(dir)
	srcs := []lint.Source{
		{Path: root + "/base/app.yaml", Kind: lint.KindYAML},
		{Path: root + "/overlay/extra.yaml", Kind: lint.KindYAML},
		{Path: root + "/overlay/patch.yaml", Kind: lint.KindYAML},
		{Path: root + "/other/kustomization.yaml", Kind: lint.KindYAML},
	}
	out := units.ApplyRoles(srcs)
	// Two kustomizations give base/app.yaml different namespaces: none.
	if out[0].Patch || out[0].Parser != nil {
		t.Errorf("base/app.yaml: %+v", out[0])
	}
	if out[1].Patch || out[1].Parser == nil {
		t.Errorf("overlay/extra.yaml should get the overlay's namespace: %+v", out[1])
	}
	if !out[2].Patch {
		t.Errorf("overlay/patch.yaml is not a patch: %+v", out[2])
	}
}

// Kustomizations above a repository's root, or outside the directories
// looked at, give linted files no role: they could turn a file into a
// patch (checked only for the fields it writes) or give it a namespace.
func TestApplyRolesStaysInTheRepository(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"kustomization.yaml":           "namespace: evil\nresources: [repo/x.yaml]\n",
		"repo/.git/HEAD":               "ref: refs/heads/main\n",
		"repo/x.yaml":                  "",
		"repo/app/kustomization.yaml":  "resources: [../../elsewhere]\n",
		"repo/app/y.yaml":              "",
		"elsewhere/kustomization.yaml": "patchesStrategicMerge: [../repo/app/y.yaml, ../repo/x.yaml]\n",
	})
	root := filepath.ToSlash(dir)
	out := units.ApplyRoles([]lint.Source{
		{Path: root + "/repo/x.yaml", Kind: lint.KindYAML},
		{Path: root + "/repo/app/y.yaml", Kind: lint.KindYAML},
	})
	for _, s := range out {
		if s.Patch || s.Parser != nil {
			t.Errorf("%s got a role from outside the repository: %+v", s.Path, s)
		}
	}
}
