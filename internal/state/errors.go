package state

import "errors"

// ErrLocked is returned (wrapped) by Open when another process holds the
// state directory's lock for longer than the lock timeout.
var ErrLocked = errors.New("state directory is in use by another switchyard process")

// ErrUnsafeDir is returned (wrapped) by Open and OpenAudit when the state
// directory exists but is writable by group or others, or is owned by
// another user.
var ErrUnsafeDir = errors.New("unsafe state directory permissions")

// ErrSchema is returned (wrapped) by Open when the database was written by
// a newer schema than this build understands.
var ErrSchema = errors.New("unsupported state schema")

// ErrNotFound is returned (wrapped) by Store.Get for a device with no
// record.
var ErrNotFound = errors.New("no state recorded")

// ErrInvalid is returned (wrapped) when an argument fails validation: an
// empty device name, an unknown run kind, an audit record without operator
// or result, an option out of range.
var ErrInvalid = errors.New("invalid argument")
