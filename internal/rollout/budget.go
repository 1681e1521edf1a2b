package rollout

import (
	"context"
	"sync"
)

// budget gates the start of devices: it halts the rollout once more than
// max devices failed, and starts slowly whatever the concurrency: at most
// max+1 devices are in progress at first, and every device that succeeds
// lets one more start, up to limit. So with a budget of 0 the first
// failure stops the rollout even when limit covers the whole fleet; the
// devices already in progress when the budget runs out (at most the
// number that succeeded so far plus max+1, and never more than limit)
// finish their lifecycle.
type budget struct {
	mu        sync.Mutex
	cond      *sync.Cond
	max       int
	limit     int
	running   int
	successes int
	failures  int
	ctxErr    func() error
	stopWake  func() bool
}

func newBudget(ctx context.Context, max, limit int) *budget {
	b := &budget{max: max, limit: limit, ctxErr: ctx.Err}
	b.cond = sync.NewCond(&b.mu)
	b.stopWake = context.AfterFunc(ctx, func() {
		b.mu.Lock()
		b.cond.Broadcast()
		b.mu.Unlock()
	})
	return b
}

func (b *budget) stop() { b.stopWake() }

// window is how many devices may be in progress now. b.mu is held.
func (b *budget) window() int {
	return min(b.limit, b.max+1+b.successes)
}

// acquire waits until a device may start and reports true, or reports
// false when the budget is spent or ctx is done (the device must not
// start).
func (b *budget) acquire() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for {
		if b.failures > b.max || b.ctxErr() != nil {
			return false
		}
		if b.running < b.window() {
			b.running++
			return true
		}
		b.cond.Wait()
	}
}

// start counts a device started without waiting (a canary).
func (b *budget) start() {
	b.mu.Lock()
	b.running++
	b.mu.Unlock()
}

// finished records a device's outcome and wakes waiters. Skipped devices
// were never started and are not counted.
func (b *budget) finished(r Result) {
	if r.Status == Skipped {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.running--
	switch r.Status {
	case Failed, RolledBack:
		b.failures++
	default:
		b.successes++
	}
	b.cond.Broadcast()
}

func (b *budget) halted() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.failures > b.max
}

func (b *budget) failed() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.failures
}
