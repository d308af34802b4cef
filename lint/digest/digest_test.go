package digest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// testRegistry is an in-process registry on 127.0.0.1 that counts requests.
type testRegistry struct {
	host string // "127.0.0.1:port"

	live atomic.Bool // set by goLive once the test images are pushed

	requests  atomic.Int64 // every request
	manifests atomic.Int64 // HEAD or GET of /v2/<repo>/manifests/<ref>
	gets      atomic.Int64 // GET of manifests
}

// goLive starts counting requests and applying the test's wrapper.
func (tr *testRegistry) goLive() { tr.live.Store(true) }

func (tr *testRegistry) counts() (requests, manifests, gets int64) {
	return tr.requests.Load(), tr.manifests.Load(), tr.gets.Load()
}

func isManifest(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/v2/") && strings.Contains(r.URL.Path, "/manifests/")
}

// newRegistry starts a registry, optionally wrapped by wrap, and returns it.
func newRegistry(t *testing.T, wrap func(http.Handler) http.Handler) *testRegistry {
	t.Helper()
	tr := &testRegistry{}
	base := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	h := base
	if wrap != nil {
		h = wrap(base)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !tr.live.Load() { // setting up: pushes are neither counted nor wrapped
			base.ServeHTTP(w, r)
			return
		}
		tr.requests.Add(1)
		if isManifest(r) && (r.Method == http.MethodHead || r.Method == http.MethodGet) {
			tr.manifests.Add(1)
			if r.Method == http.MethodGet {
				tr.gets.Add(1)
			}
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	tr.host = strings.TrimPrefix(srv.URL, "http://")
	if !strings.HasPrefix(tr.host, "127.0.0.1:") {
		t.Fatalf("test registry not on loopback: %s", srv.URL)
	}
	return tr
}

// newResolver returns a Resolver that uses no stored credentials.
func newResolver(opts Options) *Resolver {
	if opts.Keychain == nil {
		opts.Keychain = authn.NewMultiKeychain() // anonymous
	}
	opts.Insecure = true
	return New(opts)
}

func pushImage(t *testing.T, tag string) v1.Image {
	t.Helper()
	img, err := random.Image(256, 1)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := name.NewTag(tag, name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(ref, img, remote.WithContext(t.Context())); err != nil {
		t.Fatal(err)
	}
	return img
}

func pushIndex(t *testing.T, tag string) v1.ImageIndex {
	t.Helper()
	idx, err := random.Index(256, 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := name.NewTag(tag, name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.WriteIndex(ref, idx, remote.WithContext(t.Context())); err != nil {
		t.Fatal(err)
	}
	return idx
}

func mustDigest(t *testing.T, d interface{ Digest() (v1.Hash, error) }) string {
	t.Helper()
	h, err := d.Digest()
	if err != nil {
		t.Fatal(err)
	}
	return h.String()
}

func TestResolveImage(t *testing.T) {
	reg := newRegistry(t, nil)
	img := pushImage(t, reg.host+"/app:v1")
	latest := pushImage(t, reg.host+"/app:latest")
	reg.goLive()

	r := newResolver(Options{})
	for ref, want := range map[string]string{
		reg.host + "/app:v1": mustDigest(t, img),
		reg.host + "/app":    mustDigest(t, latest),
	} {
		t.Run(ref, func(t *testing.T) {
			got, err := r.Resolve(t.Context(), ref)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("Resolve(%q) = %s, want %s", ref, got, want)
			}
		})
	}
	// One HEAD for the digest, one GET by digest to verify the manifest.
	if _, manifests, gets := reg.counts(); manifests != 4 || gets != 2 {
		t.Errorf("%d manifest requests, %d GETs; want 4 and 2 (HEAD, then GET by digest)", manifests, gets)
	}
}

func TestResolveIndexGivesIndexDigest(t *testing.T) {
	reg := newRegistry(t, nil)
	idx := pushIndex(t, reg.host+"/multi:1.0")
	reg.goLive()

	got, err := newResolver(Options{}).Resolve(t.Context(), reg.host+"/multi:1.0")
	if err != nil {
		t.Fatal(err)
	}
	if want := mustDigest(t, idx); got != want {
		t.Errorf("got %s, want index digest %s", got, want)
	}
	im, err := idx.IndexManifest()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range im.Manifests {
		if m.Digest.String() == got {
			t.Errorf("got a platform manifest digest %s", got)
		}
	}
}

// hubTransport sends every request, whatever its host, to the test registry,
// so Docker Hub spellings can be resolved offline.
type hubTransport struct{ host string }

func (h hubTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req = req.Clone(req.Context())
	req.URL.Scheme = "http"
	req.URL.Host = h.host
	req.Host = h.host
	return http.DefaultTransport.RoundTrip(req)
}

func TestResolveDockerHubForms(t *testing.T) {
	reg := newRegistry(t, nil)
	python := mustDigest(t, pushIndex(t, reg.host+"/library/python:3.12"))
	nginx := mustDigest(t, pushImage(t, reg.host+"/library/nginx:latest"))
	org := mustDigest(t, pushImage(t, reg.host+"/bitnami/redis:7"))
	reg.goLive()

	r := New(Options{Keychain: authn.NewMultiKeychain(), Transport: hubTransport{reg.host}})
	for _, tc := range []struct{ ref, want string }{
		{"python:3.12", python},
		{"docker.io/library/python:3.12", python},
		{"index.docker.io/library/python:3.12", python},
		{"nginx", nginx},
		{"nginx:latest", nginx},
		{"bitnami/redis:7", org},
	} {
		t.Run(tc.ref, func(t *testing.T) {
			got, err := r.Resolve(t.Context(), tc.ref)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("Resolve(%q) = %s, want %s", tc.ref, got, tc.want)
			}
		})
	}
	// The spellings of one image share a cache entry: three images, three lookups.
	if _, manifests, _ := reg.counts(); manifests != 6 {
		t.Errorf("%d manifest requests, want 6 (HEAD and GET each)", manifests)
	}
}

func TestResolveErrors(t *testing.T) {
	reg := newRegistry(t, nil)
	pushImage(t, reg.host+"/app:v1")
	reg.goLive()

	// unauthorized answers 401 to everything, with challenge (%[1]s is the
	// server's own host); its token endpoint, if any, grants a useless token
	// when grant is set.
	unauthorized := func(challenge string, grant bool) string {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if grant && r.URL.Path == "/token" {
				w.Header().Set("Content-Type", "application/json")
				_, _ = fmt.Fprint(w, `{"token":"anonymous"}`)
				return
			}
			if challenge != "" {
				w.Header().Set("WWW-Authenticate", fmt.Sprintf(challenge, r.Host))
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = fmt.Fprint(w, `{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}`)
		}))
		t.Cleanup(srv.Close)
		return strings.TrimPrefix(srv.URL, "http://")
	}
	status := func(code int) string {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(code)
		}))
		t.Cleanup(srv.Close)
		return strings.TrimPrefix(srv.URL, "http://")
	}
	noAuth := unauthorized("", false)
	basic := unauthorized(`Basic realm="test"`, false)
	bearerDenied := unauthorized(`Bearer realm="http://%[1]s/token",service="test"`, false)
	bearerScope := unauthorized(`Bearer realm="http://%[1]s/token",service="test"`, true)
	forbidden := status(http.StatusForbidden)
	limited := status(http.StatusTooManyRequests)

	r := newResolver(Options{Timeout: 5 * time.Second})
	for _, tc := range []struct {
		ref  string
		want error
	}{
		{reg.host + "/app:nope", ErrNotFound},
		{reg.host + "/unknown/repo:v1", ErrNotFound},
		{noAuth + "/private:v1", ErrUnauthorized},
		{basic + "/private:v1", ErrUnauthorized},
		{bearerDenied + "/private:v1", ErrUnauthorized},
		{bearerScope + "/private:v1", ErrUnauthorized},
		{forbidden + "/private:v1", ErrUnauthorized},
		{limited + "/app:v1", ErrRateLimited},
	} {
		t.Run(tc.ref, func(t *testing.T) {
			_, err := r.Resolve(t.Context(), tc.ref)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			var e *Error
			if !errors.As(err, &e) || e.Ref != tc.ref {
				t.Errorf("err = %#v, want *Error with Ref %q", err, tc.ref)
			}
			if prefix := "resolve " + tc.ref + ": " + tc.want.Error() + ": "; !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("message %q does not start with %q", err, prefix)
			}
			t.Log(err)
		})
	}
	// A missing image is reported from the HEAD answer, without a GET.
	if _, _, gets := reg.counts(); gets != 0 {
		t.Errorf("%d manifest GETs, want 0", gets)
	}
}

func TestResolveInvalidReference(t *testing.T) {
	r := New(Options{Transport: failTransport{t}, Keychain: authn.NewMultiKeychain()})
	for _, ref := range []string{
		"",
		"Python:3.12",
		"python:3.12 ",
		"python:bad:tag",
		"python@sha256:abc",
		"python@sha256:" + strings.Repeat("a", 63),
		"${BASE_IMAGE}",
	} {
		t.Run(ref, func(t *testing.T) {
			_, err := r.Resolve(t.Context(), ref)
			if !errors.Is(err, ErrInvalidReference) {
				t.Fatalf("err = %v, want ErrInvalidReference", err)
			}
			if !strings.HasPrefix(err.Error(), "resolve "+ref+": invalid image reference: ") {
				t.Errorf("message = %q", err)
			}
		})
	}
}

// failTransport fails the test on any request.
type failTransport struct{ t *testing.T }

func (f failTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	f.t.Errorf("unexpected request %s %s", req.Method, req.URL)
	return nil, errors.New("no network in this test")
}

func TestResolveDigestRefMakesNoRequest(t *testing.T) {
	reg := newRegistry(t, nil)
	reg.goLive()
	sum := "sha256:" + strings.Repeat("ab", 32)

	for _, opts := range []Options{
		{Keychain: authn.NewMultiKeychain(), Transport: failTransport{t}},
		{}, // real transport against the counting registry
	} {
		r := newResolver(opts)
		for _, ref := range []string{
			reg.host + "/app@" + sum,
			reg.host + "/app:v1@" + sum,
			"python:3.12@" + sum,
			"docker.io/library/python@" + sum,
		} {
			got, err := r.Resolve(t.Context(), ref)
			if err != nil {
				t.Fatalf("Resolve(%q): %v", ref, err)
			}
			if got != sum {
				t.Errorf("Resolve(%q) = %s, want %s", ref, got, sum)
			}
		}
	}
	if requests, _, _ := reg.counts(); requests != 0 {
		t.Errorf("%d requests, want 0", requests)
	}
}

func TestResolveTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(srv.Close)
	host := strings.TrimPrefix(srv.URL, "http://")

	r := newResolver(Options{Timeout: 200 * time.Millisecond})
	start := time.Now()
	_, err := r.Resolve(t.Context(), host+"/slow:v1")
	elapsed := time.Since(start)
	if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want ErrTimeout and context.DeadlineExceeded", err)
	}
	if elapsed > 2*time.Second {
		t.Errorf("took %s, want about 200ms", elapsed)
	}
	want := "resolve " + host + "/slow:v1: timed out: no answer from " + host + " within 200ms"
	if err.Error() != want {
		t.Errorf("message = %q, want %q", err, want)
	}
}

func TestResolveCallerDeadline(t *testing.T) {
	release := make(chan struct{})
	reg := newRegistry(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if isManifest(r) && r.Method == http.MethodHead {
				select {
				case <-release:
				case <-r.Context().Done():
					return
				}
			}
			h.ServeHTTP(w, r)
		})
	})
	want := mustDigest(t, pushImage(t, reg.host+"/app:v1"))
	reg.goLive()
	ref := reg.host + "/app:v1"
	r := newResolver(Options{})

	// A caller whose own deadline passes gets a timeout at once.
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if _, err := r.Resolve(ctx, ref); !errors.Is(err, ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	// It was the only caller, so the lookup was abandoned and not cached.
	close(release)
	got, err := r.Resolve(t.Context(), ref)
	if err != nil || got != want {
		t.Fatalf("Resolve = %s, %v; want %s", got, err, want)
	}
}

func TestResolveCancelledCallerLeavesOthers(t *testing.T) {
	release := make(chan struct{})
	reg := newRegistry(t, gate(release))
	want := mustDigest(t, pushImage(t, reg.host+"/app:v1"))
	reg.goLive()
	ref := reg.host + "/app:v1"
	r := newResolver(Options{})

	ctx, cancel := context.WithCancel(t.Context())
	errc := make(chan error, 1)
	go func() {
		_, err := r.Resolve(ctx, ref)
		errc <- err
	}()
	type result struct {
		digest string
		err    error
	}
	resc := make(chan result, 1)
	go func() {
		d, err := r.Resolve(t.Context(), ref)
		resc <- result{d, err}
	}()
	waitForWaiters(t, r, ref, 2)

	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) || errors.Is(err, ErrTimeout) {
		t.Fatalf("cancelled caller: err = %v, want context.Canceled", err)
	}
	close(release)
	if res := <-resc; res.err != nil || res.digest != want {
		t.Fatalf("other caller: %s, %v; want %s", res.digest, res.err, want)
	}
	if _, manifests, _ := reg.counts(); manifests != 2 {
		t.Errorf("%d manifest requests, want 2 (HEAD and GET)", manifests)
	}
}

// gate holds manifest requests until release is closed.
func gate(release <-chan struct{}) func(http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if isManifest(r) && r.Method != http.MethodPut {
				select {
				case <-release:
				case <-r.Context().Done():
					return
				}
			}
			h.ServeHTTP(w, r)
		})
	}
}

// waitForWaiters waits until n callers wait on the lookup of ref.
func waitForWaiters(t *testing.T, r *Resolver, ref string, n int) {
	t.Helper()
	parsed, err := name.ParseReference(ref, name.Insecure)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		r.mu.Lock()
		got := 0
		if c := r.calls[parsed.Name()]; c != nil {
			got = c.waiters
		}
		r.mu.Unlock()
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d waiters, want %d", got, n)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestResolveCache(t *testing.T) {
	reg := newRegistry(t, nil)
	want := mustDigest(t, pushImage(t, reg.host+"/app:v1"))
	reg.goLive()
	r := newResolver(Options{})

	for i := range 3 {
		got, err := r.Resolve(t.Context(), reg.host+"/app:v1")
		if err != nil || got != want {
			t.Fatalf("call %d: %s, %v; want %s", i, got, err, want)
		}
	}
	// Failures are remembered too.
	for range 2 {
		if _, err := r.Resolve(t.Context(), reg.host+"/app:missing"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("err = %v, want ErrNotFound", err)
		}
	}
	if _, manifests, _ := reg.counts(); manifests != 3 {
		t.Errorf("%d manifest requests, want 3", manifests)
	}

	// The cache belongs to the Resolver, not the package.
	before, _, _ := reg.counts()
	if _, err := newResolver(Options{}).Resolve(t.Context(), reg.host+"/app:v1"); err != nil {
		t.Fatal(err)
	}
	if after, _, _ := reg.counts(); after == before {
		t.Error("a new Resolver answered from another Resolver's cache")
	}
}

func TestResolveConcurrentCallersShareLookup(t *testing.T) {
	release := make(chan struct{})
	reg := newRegistry(t, gate(release))
	want := mustDigest(t, pushIndex(t, reg.host+"/app:v1"))
	reg.goLive()
	ref := reg.host + "/app:v1"
	r := newResolver(Options{})

	const callers = 16
	var wg sync.WaitGroup
	got := make([]string, callers)
	errs := make([]error, callers)
	for i := range callers {
		wg.Go(func() { got[i], errs[i] = r.Resolve(t.Context(), ref) })
	}
	waitForWaiters(t, r, ref, callers)
	close(release)
	wg.Wait()

	for i := range callers {
		if errs[i] != nil || got[i] != want {
			t.Errorf("caller %d: %s, %v; want %s", i, got[i], errs[i], want)
		}
	}
	if _, manifests, _ := reg.counts(); manifests != 2 {
		t.Errorf("%d manifest requests, want 2 (HEAD and GET)", manifests)
	}
}

func TestResolveConcurrencyIsBounded(t *testing.T) {
	var inFlight, peak atomic.Int64
	reg := newRegistry(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if isManifest(r) && r.Method == http.MethodHead {
				n := inFlight.Add(1)
				defer inFlight.Add(-1)
				for {
					p := peak.Load()
					if n <= p || peak.CompareAndSwap(p, n) {
						break
					}
				}
				time.Sleep(20 * time.Millisecond)
			}
			h.ServeHTTP(w, r)
		})
	})
	const images = 10
	want := make([]string, images)
	for i := range images {
		want[i] = mustDigest(t, pushImage(t, fmt.Sprintf("%s/app:v%d", reg.host, i)))
	}
	reg.goLive()

	r := newResolver(Options{Concurrency: 2})
	var wg sync.WaitGroup
	for i := range images {
		wg.Go(func() {
			got, err := r.Resolve(t.Context(), fmt.Sprintf("%s/app:v%d", reg.host, i))
			if err != nil || got != want[i] {
				t.Errorf("image %d: %s, %v; want %s", i, got, err, want[i])
			}
		})
	}
	wg.Wait()
	if p := peak.Load(); p > 2 || p < 1 {
		t.Errorf("peak of %d lookups in flight, want 1..2", p)
	}
}

func TestResolveFallsBackToGet(t *testing.T) {
	for _, tc := range []struct {
		name string
		head func(w http.ResponseWriter, r *http.Request, h http.Handler)
	}{
		{"no digest header", func(w http.ResponseWriter, r *http.Request, h http.Handler) {
			h.ServeHTTP(dropHeader{w, "Docker-Content-Digest"}, r)
		}},
		{"HEAD not allowed", func(w http.ResponseWriter, _ *http.Request, _ http.Handler) {
			w.WriteHeader(http.StatusMethodNotAllowed)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reg := newRegistry(t, func(h http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if isManifest(r) && r.Method == http.MethodHead {
						tc.head(w, r, h)
						return
					}
					h.ServeHTTP(w, r)
				})
			})
			want := mustDigest(t, pushIndex(t, reg.host+"/app:v1"))
			reg.goLive()
			got, err := newResolver(Options{}).Resolve(t.Context(), reg.host+"/app:v1")
			if err != nil || got != want {
				t.Fatalf("Resolve = %s, %v; want %s", got, err, want)
			}
			if _, manifests, gets := reg.counts(); manifests != 2 || gets != 1 {
				t.Errorf("%d manifest requests, %d GETs; want 2 and 1", manifests, gets)
			}
		})
	}
}

// dropHeader removes a header just before the response is written.
type dropHeader struct {
	http.ResponseWriter
	header string
}

func (d dropHeader) WriteHeader(code int) {
	d.Header().Del(d.header)
	d.ResponseWriter.WriteHeader(code)
}

func (d dropHeader) Write(b []byte) (int, error) {
	d.Header().Del(d.header)
	return d.ResponseWriter.Write(b)
}

func TestErrorUnwrap(t *testing.T) {
	cause := context.DeadlineExceeded
	err := error(&Error{Ref: "python:3.12", Kind: ErrTimeout, Err: cause})
	if !errors.Is(err, ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrNotFound) {
		t.Errorf("errors.Is mismatch for %v", err)
	}
	for _, tc := range []struct {
		err  *Error
		want string
	}{
		{&Error{Ref: "a", Kind: ErrNotFound, Err: errors.New("x")}, "resolve a: image not found: x"},
		{&Error{Ref: "a", Kind: ErrNotFound}, "resolve a: image not found"},
		{&Error{Ref: "a", Err: errors.New("x")}, "resolve a: x"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestNewDefaults(t *testing.T) {
	r := New(Options{})
	if r.timeout != DefaultTimeout || cap(r.sem) != DefaultConcurrency || r.initErr != nil {
		t.Errorf("New(Options{}) = timeout %s, concurrency %d, err %v", r.timeout, cap(r.sem), r.initErr)
	}
}

// TestResolveVerifiesManifest: a registry that answers 200 with an empty,
// unrelated or mismatching body gets nothing pinned.
func TestResolveVerifiesManifest(t *testing.T) {
	for _, tc := range []struct {
		name string
		// serve answers the manifest requests in place of the registry.
		serve func(w http.ResponseWriter, r *http.Request, h http.Handler)
	}{
		{"empty body, no digest", func(w http.ResponseWriter, _ *http.Request, _ http.Handler) {
			w.Header().Set("Content-Type", "application/vnd.oci.image.index.v1+json")
			w.WriteHeader(http.StatusOK)
		}},
		{"not a manifest", func(w http.ResponseWriter, _ *http.Request, _ http.Handler) {
			w.Header().Set("Content-Type", "application/vnd.oci.image.index.v1+json")
			w.WriteHeader(http.StatusOK)
			_, _ = io.WriteString(w, `{"hello": "world"}`)
		}},
		{"body does not match the announced digest", func(w http.ResponseWriter, r *http.Request, h http.Handler) {
			if r.Method == http.MethodHead {
				h.ServeHTTP(w, r)
				return
			}
			w.Header().Set("Content-Type", "application/vnd.oci.image.index.v1+json")
			w.WriteHeader(http.StatusOK)
			_, _ = io.WriteString(w, `{"schemaVersion": 2, "manifests": [{"digest": "sha256:0000000000000000000000000000000000000000000000000000000000000000"}]}`)
		}},
		{"empty body with the announced digest", func(w http.ResponseWriter, r *http.Request, h http.Handler) {
			if r.Method == http.MethodHead {
				h.ServeHTTP(w, r)
				return
			}
			w.Header().Set("Content-Type", "application/vnd.oci.image.index.v1+json")
			w.WriteHeader(http.StatusOK)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reg := newRegistry(t, func(h http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if isManifest(r) {
						tc.serve(w, r, h)
						return
					}
					h.ServeHTTP(w, r)
				})
			})
			pushIndex(t, reg.host+"/app:v1")
			reg.goLive()
			got, err := newResolver(Options{}).Resolve(t.Context(), reg.host+"/app:v1")
			if err == nil {
				t.Fatalf("Resolve = %s, want an error: nothing verified to pin", got)
			}
			if !errors.Is(err, ErrInvalidManifest) {
				t.Errorf("err = %v, want ErrInvalidManifest", err)
			}
			t.Log(err)
		})
	}
}
