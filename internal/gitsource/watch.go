package gitsource

import (
	"context"
	"fmt"
	"time"
)

// Watch fetches at once and then every interval, and calls fn with the
// revision whenever its hash differs from the last one passed to fn (so fn
// always sees the first revision). Trigger makes it fetch before the next
// tick. A failed fetch is logged at Warn and passed to the error handler
// (WithErrorHandler); Watch keeps polling, and the caller keeps enforcing
// the last revision it accepted. fn runs on Watch's goroutine: the next
// fetch waits for it. Watch returns nil when ctx is done, and an error only
// for a non-positive interval.
func (s *Source) Watch(ctx context.Context, interval time.Duration, fn func(Revision)) error {
	if interval <= 0 {
		return fmt.Errorf("watch %s: %w: interval must be positive, got %s", s.display, ErrInvalidSpec, interval)
	}
	log := s.logger()
	last := ""
	poll := func() {
		rev, err := s.Fetch(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			log.Warn("fetch failed", "err", err)
			s.opts.onError(err)
			return
		}
		if rev.Hash == last {
			return
		}
		last = rev.Hash
		log.Info("new revision", "rev", rev.ShortHash, "ref", rev.Ref, "author", rev.Author)
		fn(rev)
	}
	poll()
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			poll()
		case <-s.trigger:
			poll()
		}
	}
}

// Trigger asks a running Watch to fetch now (for example on a verified push
// webhook). It never blocks; triggers that arrive while one is pending are
// merged. Without a running Watch it only leaves a pending trigger.
func (s *Source) Trigger() {
	select {
	case s.trigger <- struct{}{}:
	default:
	}
}
