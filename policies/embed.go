package policies

import "embed"

// Files holds the built-in policies: helpers in lib/ and one rule per file in
// dockerfile/, image/, kubernetes/, manifests/ and runtime/, each beside its
// _test.rego.
//
//go:embed lib dockerfile image kubernetes manifests runtime
var Files embed.FS
