package diff

import "errors"

// ErrNoTree is returned by Compute when the desired tree is nil: a device
// without an OpenConfig tree (a CLI-only platform) is diffed as text.
var ErrNoTree = errors.New("no desired OpenConfig tree")
