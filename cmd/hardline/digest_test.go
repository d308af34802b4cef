package main

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// digestRegistry starts an in-process registry on 127.0.0.1, pushes a
// random image to team/app:1.0 and team/app:latest, and returns the
// registry's host:port and the image's digest. go-containerregistry speaks
// plain HTTP to loopback registries, so the CLI needs no insecure flag.
func digestRegistry(t *testing.T) (host, digest string) {
	t.Helper()
	// Registry credentials come from the Docker configuration: use none.
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	t.Cleanup(srv.Close)
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(u.Host, "127.0.0.1:") {
		t.Fatalf("test registry not on loopback: %s", srv.URL)
	}
	img, err := random.Image(256, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"1.0", "latest"} {
		ref, err := name.ParseReference(u.Host + "/team/app:" + tag)
		if err != nil {
			t.Fatal(err)
		}
		if err := remote.Write(ref, img); err != nil {
			t.Fatalf("push %s: %v", ref, err)
		}
	}
	d, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}
	return u.Host, d.String()
}

// digestFiles writes a Dockerfile and a Deployment naming images of the
// test registry (host) into a new directory; image and the Deployment's
// quoted image both use tag, the init container no tag at all.
func digestFiles(t *testing.T, host, tag string) (dir, dockerfile, deploy string) {
	t.Helper()
	dir = t.TempDir()
	dockerfile = "# The application image.\n" +
		"FROM " + host + "/team/app:" + tag + " AS app\n" +
		"USER 10001:10001\n" +
		"CMD [\"/app\"]\n"
	deploy = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: ` + host + `/team/app # no tag: latest
      containers:
        - name: app
          image: "` + host + `/team/app:` + tag + `"
`
	writeTestFile(t, filepath.Join(dir, "Dockerfile"), dockerfile)
	writeTestFile(t, filepath.Join(dir, "deploy.yaml"), deploy)
	return dir, dockerfile, deploy
}

func writeTestFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func readTestFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// pinOnly adds to args the flags that limit a run to the image rules whose
// fixes pin digests, so that the fixes of other rules leave the files alone.
func pinOnly(args ...string) []string {
	return append(args, "--disable", "all", "--enable", "IM001", "--enable", "IM002")
}

func TestResolveDigestsPinsImages(t *testing.T) {
	host, digest := digestRegistry(t)
	dir, dockerfile, deploy := digestFiles(t, host, "1.0")

	code, out, errOut := hardline(t, "", pinOnly("lint", "--today", "2026-11-22", "--resolve-digests", "--fix", "--unsafe-fixes", dir)...)
	if code != exitClean {
		t.Fatalf("exit %d, want 0 (everything pinned)\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if !strings.Contains(errOut, "hardline: fixed 1 finding(s) in "+filepath.Join(dir, "Dockerfile")) ||
		!strings.Contains(errOut, "hardline: fixed 2 finding(s) in "+filepath.Join(dir, "deploy.yaml")) {
		t.Errorf("stderr does not report the fixes:\n%s", errOut)
	}

	tagged := host + "/team/app:1.0"
	latest := host + "/team/app"
	wantDockerfile := strings.Replace(dockerfile, tagged, tagged+"@"+digest, 1)
	wantDeploy := strings.Replace(deploy, `"`+tagged+`"`, `"`+tagged+"@"+digest+`"`, 1)
	wantDeploy = strings.Replace(wantDeploy, "image: "+latest+" #", "image: "+latest+"@"+digest+" #", 1)
	if got := readTestFile(t, filepath.Join(dir, "Dockerfile")); got != wantDockerfile {
		t.Errorf("Dockerfile after --fix:\n%s\nwant:\n%s", got, wantDockerfile)
	}
	if got := readTestFile(t, filepath.Join(dir, "deploy.yaml")); got != wantDeploy {
		t.Errorf("deploy.yaml after --fix:\n%s\nwant:\n%s", got, wantDeploy)
	}

	// Linting again, with every rule, finds nothing left to pin.
	code, rep := lintJSON(t, "--resolve-digests", dir)
	if code == exitError {
		t.Fatalf("second run: exit %d", code)
	}
	for _, f := range rep.Findings {
		if f.Rule == "IM001" || f.Rule == "IM002" {
			t.Errorf("after pinning: %s:%d %s %s", f.File, f.Line, f.Rule, f.Message)
		}
	}
	if len(rep.Notices) > 0 {
		t.Errorf("after pinning: notices %+v", rep.Notices)
	}
}

func TestResolveDigestsUnknownTag(t *testing.T) {
	host, _ := digestRegistry(t)
	dir, dockerfile, _ := digestFiles(t, host, "2.0")
	writeTestFile(t, filepath.Join(dir, "Dockerfile"), dockerfile+"RUN chmod 777 /app\n")

	code, rep := lintJSON(t, "--resolve-digests", dir)
	if code != exitFindings {
		t.Fatalf("exit %d, want 1", code)
	}
	missing := host + "/team/app:2.0"
	named := false
	for _, n := range rep.Notices {
		named = named || strings.Contains(n.Message, missing)
	}
	if !named {
		t.Errorf("no notice names %s: %+v", missing, rep.Notices)
	}
	// The lookup failure costs only the pin: the findings are all there,
	// and the image that does exist is still pinnable.
	dockerPath := filepath.Join(dir, "Dockerfile")
	deployPath := filepath.Join(dir, "deploy.yaml")
	for _, want := range []struct {
		rule, file string
		line       int
	}{
		{"IM002", dockerPath, 2},
		{"DF003", dockerPath, 5},
		{"IM002", deployPath, 13},
		{"IM001", deployPath, 10},
	} {
		if !has(rep, want.rule, want.file, want.line) {
			t.Errorf("no %s finding at %s:%d", want.rule, want.file, want.line)
		}
	}
	for _, f := range rep.Findings {
		pinnable := len(f.Fixes) > 0 && f.Fixes[0].Applicability != "display"
		if f.Rule == "IM002" && f.Line == 2 && pinnable {
			t.Errorf("the missing image got a pin fix: %+v", f)
		}
		if f.Rule == "IM001" && f.Line == 10 && !pinnable {
			t.Errorf("the latest image lost its pin fix: %+v", f)
		}
	}
}

func TestResolveDigestsDiffWritesNothing(t *testing.T) {
	host, digest := digestRegistry(t)
	dir, dockerfile, deploy := digestFiles(t, host, "1.0")

	code, out, errOut := hardline(t, "", pinOnly("lint", "--resolve-digests", "--diff", "--unsafe-fixes", dir)...)
	if code == exitError {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	tagged := host + "/team/app:1.0"
	for _, want := range []string{
		"-FROM " + tagged + " AS app\n",
		"+FROM " + tagged + "@" + digest + " AS app\n",
		`-          image: "` + tagged + `"` + "\n",
		`+          image: "` + tagged + "@" + digest + `"` + "\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %q:\n%s", want, out)
		}
	}
	if got := readTestFile(t, filepath.Join(dir, "Dockerfile")); got != dockerfile {
		t.Errorf("--diff changed the Dockerfile:\n%s", got)
	}
	if got := readTestFile(t, filepath.Join(dir, "deploy.yaml")); got != deploy {
		t.Errorf("--diff changed deploy.yaml:\n%s", got)
	}
}

// TestResolveDigestsEmptyManifestDiff: a registry answering 200 with an
// empty body gets nothing pinned, and --diff says why on stderr.
func TestResolveDigestsEmptyManifestDiff(t *testing.T) {
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/manifests/") {
			w.Header().Set("Content-Type", "application/vnd.oci.image.manifest.v1+json")
			w.WriteHeader(http.StatusOK)
			return
		}
		w.WriteHeader(http.StatusOK) // GET /v2/: no authentication
	}))
	t.Cleanup(srv.Close)
	host := strings.TrimPrefix(srv.URL, "http://")
	if !strings.HasPrefix(host, "127.0.0.1:") {
		t.Fatalf("test registry not on loopback: %s", srv.URL)
	}
	dir, dockerfile, _ := digestFiles(t, host, "1.0")

	// A pin asked for that cannot be made fails the run (exit 2).
	code, out, errOut := hardline(t, "", pinOnly("lint", "--resolve-digests", "--diff", "--unsafe-fixes", dir)...)
	if code != exitError || !strings.Contains(errOut, "could not pin 2 images to a digest") {
		t.Fatalf("exit %d, want 2 and a message\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if strings.Contains(out, "@sha256:") {
		t.Errorf("an empty manifest was pinned:\n%s", out)
	}
	if !strings.Contains(errOut, "hardline: notice: ") || !strings.Contains(errOut, host+"/team/app:1.0") || !strings.Contains(errOut, "empty") {
		t.Errorf("stderr does not say why nothing was pinned:\n%s", errOut)
	}
	if got := readTestFile(t, filepath.Join(dir, "Dockerfile")); got != dockerfile {
		t.Errorf("--diff changed the Dockerfile:\n%s", got)
	}
}
