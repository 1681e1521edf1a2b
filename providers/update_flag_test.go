package providers_test

import "flag"

// The -update flag is accepted so that `go test ./providers/... -update`
// (which rewrites the platform packages' golden files) runs here too; this
// package has no golden files.
var _ = flag.Bool("update", false, "rewrite testdata/golden (unused here)")
