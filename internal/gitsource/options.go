package gitsource

import (
	"fmt"
	"log/slog"
)

// Limits bound what Checkout writes, so a hostile or broken repository
// cannot fill the disk. A zero field takes its default from DefaultLimits.
type Limits struct {
	// MaxFileSize is the largest single file, in bytes.
	MaxFileSize int64
	// MaxTotalSize is the sum of all file sizes, in bytes.
	MaxTotalSize int64
	// MaxEntries is the number of files, folders and links.
	MaxEntries int
}

// DefaultLimits returns the limits used when none are given: 16 MiB per
// file, 512 MiB in all, 100,000 entries.
func DefaultLimits() Limits {
	return Limits{MaxFileSize: 16 << 20, MaxTotalSize: 512 << 20, MaxEntries: 100_000}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxFileSize <= 0 {
		l.MaxFileSize = d.MaxFileSize
	}
	if l.MaxTotalSize <= 0 {
		l.MaxTotalSize = d.MaxTotalSize
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = d.MaxEntries
	}
	return l
}

// Option configures Open.
type Option func(*options) error

type options struct {
	logger  *slog.Logger
	gate    *Gate
	limits  Limits
	onError func(error)
	tempDir string
}

// defaultOptions is the one place where defaults live.
func defaultOptions() options {
	return options{
		logger:  slog.New(slog.DiscardHandler),
		limits:  DefaultLimits(),
		onError: func(error) {},
	}
}

// WithLogger sets the logger; nil means discard.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) error {
		if l != nil {
			o.logger = l
		}
		return nil
	}
}

// WithGate turns on the signed-commit gate: Fetch then fills
// Revision.Signed, SignedBy and SignatureProblem, and LastGood is usable.
// The keys are parsed now; a key that does not parse is an error.
func WithGate(g Gate) Option {
	return func(o *options) error {
		if err := g.Validate(); err != nil {
			return err
		}
		o.gate = &g
		return nil
	}
}

// WithLimits bounds Checkout; zero fields keep their defaults.
func WithLimits(l Limits) Option {
	return func(o *options) error {
		if l.MaxFileSize < 0 || l.MaxTotalSize < 0 || l.MaxEntries < 0 {
			return fmt.Errorf("%w: negative checkout limit", ErrInvalidSpec)
		}
		o.limits = l.withDefaults()
		return nil
	}
}

// WithErrorHandler receives the Fetch errors that Watch meets (they are
// logged too, at Warn). It is called from Watch's goroutine and must not
// block for long. nil means none.
func WithErrorHandler(fn func(error)) Option {
	return func(o *options) error {
		if fn != nil {
			o.onError = fn
		}
		return nil
	}
}

// WithTempDir sets the parent folder of Checkout's directories; empty means
// os.TempDir().
func WithTempDir(dir string) Option {
	return func(o *options) error {
		o.tempDir = dir
		return nil
	}
}
