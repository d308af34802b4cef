// Package digest resolves image tags to content digests for the
// --resolve-digests fix of IM001/IM002, which rewrites `name:tag` as
// `name:tag@sha256:...`.
//
// It is the only part of hardline that talks to the network, and only when
// the user asks for it. Lookups use a HEAD request for the digest, then GET
// the manifest by that digest to verify it (a registry answering with an
// empty or mismatching body is never pinned); they return the index digest
// for multi-arch images, are
// cached for the life of a Resolver, are shared between concurrent callers and
// are bounded in number.
package digest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
)

// Defaults used when the matching Options field is zero.
const (
	DefaultTimeout     = 10 * time.Second
	DefaultConcurrency = 4
)

// Errors that classify a failed lookup. Test for them with errors.Is; the
// error returned by Resolve is an *Error that wraps one of them (or none, for
// an unclassified failure) together with the underlying cause.
var (
	// ErrInvalidReference means the reference text could not be parsed.
	ErrInvalidReference = errors.New("invalid image reference")
	// ErrNotFound means the registry does not know the repository or tag.
	ErrNotFound = errors.New("image not found")
	// ErrUnauthorized means the registry refused the credentials (or their
	// absence). Registries such as Docker Hub also answer this way for
	// repositories that do not exist.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrRateLimited means the registry answered 429 Too Many Requests.
	ErrRateLimited = errors.New("rate limited")
	// ErrTimeout means the lookup did not finish within Options.Timeout or
	// before the caller's deadline.
	ErrTimeout = errors.New("timed out")
	// ErrInvalidManifest means the registry answered with a body that does
	// not hash to the digest it announced, or that is not a manifest.
	ErrInvalidManifest = errors.New("invalid manifest")
)

// Error is the error returned by Resolve. It names the reference as the
// caller wrote it, so callers can report it per image.
type Error struct {
	Ref  string // the reference as passed to Resolve
	Kind error  // ErrNotFound, ErrUnauthorized, ...; nil when unclassified
	Err  error  // the underlying cause; may be nil
}

// Error formats as "resolve <ref>: <kind>: <cause>".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("resolve ")
	b.WriteString(e.Ref)
	if e.Kind != nil {
		b.WriteString(": ")
		b.WriteString(e.Kind.Error())
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the kind and the cause, so that errors.Is and errors.As see
// both (for example ErrTimeout and context.DeadlineExceeded).
func (e *Error) Unwrap() []error {
	errs := make([]error, 0, 2)
	if e.Kind != nil {
		errs = append(errs, e.Kind)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

// Options configure a Resolver. The zero value is usable.
type Options struct {
	// Timeout bounds each lookup (default DefaultTimeout).
	Timeout time.Duration
	// Keychain supplies registry credentials (default authn.DefaultKeychain,
	// the user's Docker credentials).
	Keychain authn.Keychain
	// Transport carries the requests (default remote.DefaultTransport).
	Transport http.RoundTripper
	// Insecure allows plain-HTTP registries. Loopback and private addresses
	// already use HTTP.
	Insecure bool
	// Concurrency bounds the lookups in flight (default DefaultConcurrency).
	Concurrency int
}

// Resolver resolves image references to digests. Create one with New; it is
// safe for concurrent use. It remembers every finished lookup, failures included, for its whole
// life, so that an image used many times costs one lookup and an unreachable
// registry costs one timeout per reference, not one per use.
type Resolver struct {
	timeout  time.Duration
	nameOpts []name.Option
	puller   *remote.Puller
	initErr  error
	sem      chan struct{}

	mu    sync.Mutex
	calls map[string]*call // by canonical reference; finished calls are the cache
}

// call is one lookup, shared by every caller of the same reference.
type call struct {
	done    chan struct{} // closed when digest and err are set
	digest  string
	err     *Error // Ref is filled in per caller
	waiters int
	cancel  context.CancelFunc
}

// New returns a Resolver configured by opts.
func New(opts Options) *Resolver {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Keychain == nil {
		opts.Keychain = authn.DefaultKeychain
	}
	if opts.Transport == nil {
		opts.Transport = remote.DefaultTransport
	}
	if opts.Concurrency <= 0 {
		opts.Concurrency = DefaultConcurrency
	}
	r := &Resolver{
		timeout: opts.Timeout,
		sem:     make(chan struct{}, opts.Concurrency),
		calls:   make(map[string]*call),
	}
	if opts.Insecure {
		r.nameOpts = append(r.nameOpts, name.Insecure)
	}
	// A Puller shares the registry ping and the bearer token between lookups
	// in the same repository (python:3.11 and python:3.12).
	r.puller, r.initErr = remote.NewPuller(
		remote.WithAuthFromKeychain(opts.Keychain),
		remote.WithTransport(opts.Transport),
		remote.WithUserAgent("hardline"),
		// Server errors are retried (within Timeout). 429 is not: registry
		// rate limits last hours, so waiting seconds only delays the report.
		remote.WithRetryStatusCodes(
			http.StatusRequestTimeout,
			http.StatusInternalServerError,
			http.StatusBadGateway,
			http.StatusServiceUnavailable,
			http.StatusGatewayTimeout,
		),
	)
	return r
}

// Resolve returns the digest ("sha256:...") that ref points to, for example
// "python:3.12", "docker.io/library/python:3.12", "127.0.0.1:5000/app:v1" or
// "nginx" (meaning nginx:latest). For a multi-arch image it is the digest of
// the index, the one to pin. A reference that already carries a digest
// returns that digest without a network call.
//
// Errors are *Error values wrapping ErrInvalidReference, ErrNotFound,
// ErrUnauthorized, ErrRateLimited or ErrTimeout when the failure is one of
// those. If ctx ends first, Resolve returns at once; the lookup goes on for
// any other caller waiting on the same reference.
func (r *Resolver) Resolve(ctx context.Context, ref string) (string, error) {
	parsed, err := name.ParseReference(ref, r.nameOpts...)
	if err != nil {
		return "", &Error{Ref: ref, Kind: ErrInvalidReference, Err: err}
	}
	if d, ok := parsed.(name.Digest); ok {
		return d.DigestStr(), nil
	}
	if r.initErr != nil {
		return "", &Error{Ref: ref, Err: r.initErr}
	}

	key := parsed.Name()
	r.mu.Lock()
	c, ok := r.calls[key]
	if !ok {
		lookupCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		c = &call{done: make(chan struct{}), cancel: cancel}
		r.calls[key] = c
		go r.run(lookupCtx, parsed, c)
	}
	c.waiters++
	r.mu.Unlock()

	select {
	case <-c.done:
		r.leave(key, c)
		return c.result(ref)
	case <-ctx.Done():
		if r.leave(key, c) {
			return c.result(ref)
		}
		return "", &Error{Ref: ref, Kind: classify(ctx.Err()), Err: ctx.Err()}
	}
}

// leave drops one waiter and reports whether c has finished. When the last
// waiter leaves an unfinished call, the call is cancelled and forgotten so a
// later caller starts afresh.
func (r *Resolver) leave(key string, c *call) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	c.waiters--
	select {
	case <-c.done:
		return true
	default:
	}
	if c.waiters == 0 {
		c.cancel()
		if r.calls[key] == c {
			delete(r.calls, key)
		}
	}
	return false
}

func (c *call) result(ref string) (string, error) {
	if c.err != nil {
		e := *c.err
		e.Ref = ref
		return "", &e
	}
	return c.digest, nil
}

// run performs the lookup for c and closes c.done.
func (r *Resolver) run(ctx context.Context, ref name.Reference, c *call) {
	defer close(c.done)
	defer c.cancel()

	select {
	case r.sem <- struct{}{}:
		defer func() { <-r.sem }()
	case <-ctx.Done():
		c.err = &Error{Err: ctx.Err()}
		return
	}

	ctx, cancel := context.WithTimeout(ctx, r.timeout)
	defer cancel()
	d, err := r.lookup(ctx, ref)
	if err != nil {
		c.err = r.describe(ctx, ref, err)
		return
	}
	c.digest = d
}

// lookup asks the registry with HEAD for the tag's digest, then fetches
// the manifest by that digest: go-containerregistry checks that the body
// hashes to it, and verify that it is a manifest or an index. Only when the
// HEAD answer carried no usable digest is the manifest fetched by tag, and
// its own hash pinned once it is verified. A registry answering with an
// empty or mismatching body is never pinned.
func (r *Resolver) lookup(ctx context.Context, ref name.Reference) (string, error) {
	opts := []remote.Option{remote.Reuse(r.puller), remote.WithContext(ctx)}
	desc, err := remote.Head(ref, opts...)
	byDigest := ref
	if err == nil {
		byDigest = ref.Context().Digest(desc.Digest.String())
	} else if !shouldFallBack(ctx, err) {
		return "", err
	}
	full, err := remote.Get(byDigest, opts...)
	if err != nil {
		if desc != nil && strings.Contains(err.Error(), "does not match requested digest") {
			return "", &causeError{msg: "the registry's manifest for " + ref.Identifier() + " does not hash to the digest it announced, " + desc.Digest.String(), err: ErrInvalidManifest}
		}
		return "", err
	}
	if err := verifyManifest(full.Manifest); err != nil {
		return "", &causeError{msg: "the registry's manifest for " + ref.Identifier() + " " + err.Error(), err: ErrInvalidManifest}
	}
	return full.Digest.String(), nil
}

// verifyManifest checks that body is an image manifest or index of schema
// version 2: an empty or unrelated body is not something to pin.
func verifyManifest(body []byte) error {
	if len(body) == 0 {
		return errors.New("is empty")
	}
	var m struct {
		SchemaVersion int               `json:"schemaVersion"`
		Manifests     []json.RawMessage `json:"manifests"`
		Config        *struct {
			Digest string `json:"digest"`
		} `json:"config"`
	}
	if err := json.Unmarshal(body, &m); err != nil {
		return errors.New("is not JSON")
	}
	if m.SchemaVersion != 2 || (len(m.Manifests) == 0 && (m.Config == nil || m.Config.Digest == "")) {
		return errors.New("is not an image manifest or index (schema version 2)")
	}
	return nil
}

// shouldFallBack reports whether a failed HEAD is worth a GET: the registry
// answered, but without a digest or without HEAD support. Refusals, missing
// images, network failures and timeouts would fail the same way again.
func shouldFallBack(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	if te, ok := errors.AsType[*transport.Error](err); ok {
		return te.StatusCode == http.StatusMethodNotAllowed || te.StatusCode == http.StatusNotImplemented
	}
	if _, ok := errors.AsType[*url.Error](err); ok {
		return false
	}
	if _, ok := errors.AsType[net.Error](err); ok {
		return false
	}
	return true
}

// describe turns a lookup failure into an *Error with a short cause.
func (r *Resolver) describe(ctx context.Context, ref name.Reference, err error) *Error {
	registry := ref.Context().RegistryStr()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) || isNetTimeout(err) {
		return &Error{Kind: ErrTimeout, Err: &causeError{
			msg: fmt.Sprintf("no answer from %s within %s", registry, r.timeout),
			err: err,
		}}
	}
	if ctx.Err() != nil {
		return &Error{Err: ctx.Err()}
	}
	te, ok := errors.AsType[*transport.Error](err)
	if !ok {
		return &Error{Kind: classify(err), Err: err}
	}
	msg := fmt.Sprintf("%s answered %d %s", registry, te.StatusCode, http.StatusText(te.StatusCode))
	if len(te.Errors) > 0 {
		diags := make([]string, 0, len(te.Errors))
		for _, d := range te.Errors {
			diags = append(diags, d.String())
		}
		msg += " (" + strings.Join(diags, "; ") + ")"
	}
	kind := classify(err)
	if errors.Is(kind, ErrUnauthorized) {
		msg += "; the image may be private or may not exist (docker login?)"
	}
	return &Error{Kind: kind, Err: &causeError{msg: msg, err: err}}
}

// classify maps an error to one of the sentinels, or nil.
func classify(err error) error {
	if errors.Is(err, ErrInvalidManifest) {
		return ErrInvalidManifest
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return ErrTimeout
	}
	if isNetTimeout(err) {
		return ErrTimeout
	}
	if _, ok := errors.AsType[*name.ErrBadName](err); ok {
		return ErrInvalidReference
	}
	te, ok := errors.AsType[*transport.Error](err)
	if !ok {
		return nil
	}
	for _, d := range te.Errors {
		// Only a few of the registry's error codes matter here.
		if kind := kindOfCode(d.Code); kind != nil {
			return kind
		}
	}
	switch te.StatusCode {
	case http.StatusNotFound:
		return ErrNotFound
	case http.StatusUnauthorized, http.StatusForbidden:
		return ErrUnauthorized
	case http.StatusTooManyRequests:
		return ErrRateLimited
	case http.StatusRequestTimeout, http.StatusGatewayTimeout:
		return ErrTimeout
	default:
		return nil
	}
}

// kindOfCode maps a registry error code to a sentinel, or nil.
func kindOfCode(code transport.ErrorCode) error {
	if code == transport.ManifestUnknownErrorCode || code == transport.NameUnknownErrorCode {
		return ErrNotFound
	}
	if code == transport.UnauthorizedErrorCode || code == transport.DeniedErrorCode {
		return ErrUnauthorized
	}
	if code == transport.TooManyRequestsErrorCode {
		return ErrRateLimited
	}
	return nil
}

func isNetTimeout(err error) bool {
	ne, ok := errors.AsType[net.Error](err)
	return ok && ne.Timeout()
}

// causeError gives an error a shorter message while keeping it unwrappable.
type causeError struct {
	msg string
	err error
}

func (e *causeError) Error() string { return e.msg }

func (e *causeError) Unwrap() error { return e.err }
