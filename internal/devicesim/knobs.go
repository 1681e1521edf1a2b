package devicesim

import (
	"fmt"
	"sync"
	"time"
)

// Knobs inject device behaviour for tests. Every method is safe for
// concurrent use and takes effect for the next RPC any session sends.
type Knobs struct {
	mu         sync.Mutex
	latency    time.Duration
	failCommit string
	failArmed  bool
	rejects    []rejectRule
	dropArmed  bool
	dropAfter  int
}

type rejectRule struct {
	raw     string
	path    localPath
	message string
}

// SetLatency delays the processing of every RPC by d (0 turns it off). The
// delay is real time, not the device Clock.
func (k *Knobs) SetLatency(d time.Duration) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.latency = d
}

// FailNextCommit makes the next commit (plain, confirmed or confirming)
// fail with operation-failed and message, changing nothing.
func (k *Knobs) FailNextCommit(message string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.failCommit, k.failArmed = message, true
}

// RejectPath makes any edit-config or copy-config that touches the element at
// path or below fail with operation-failed, error-path path and message, as a
// platform that cannot configure that path would. path is slash-separated
// local names with optional key predicates, prefixes ignored:
// "/interfaces/interface[name='Gi1']/config/mtu".
func (k *Knobs) RejectPath(path, message string) error {
	lp, err := parseLocalPath(path)
	if err != nil {
		return fmt.Errorf("reject path: %w", err)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.rejects = append(k.rejects, rejectRule{raw: path, path: lp, message: message})
	return nil
}

// DropConnectionAfter lets the next n RPCs (counted across all sessions of the
// device) run normally and then closes the SSH connection that carries the
// one after, without processing or answering it. Session termination then
// releases locks and reverts a non-persist confirmed commit, as on a device.
func (k *Knobs) DropConnectionAfter(n int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.dropArmed, k.dropAfter = true, n
}

// Reset turns every knob off.
func (k *Knobs) Reset() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.latency, k.failArmed, k.failCommit, k.rejects, k.dropArmed = 0, false, "", nil, false
}

// onRPC returns the latency to apply and whether to drop this RPC.
func (k *Knobs) onRPC() (time.Duration, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if !k.dropArmed {
		return k.latency, false
	}
	if k.dropAfter == 0 {
		k.dropArmed = false
		return k.latency, true
	}
	k.dropAfter--
	return k.latency, false
}

// takeCommitFailure consumes an armed commit failure.
func (k *Knobs) takeCommitFailure() (string, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if !k.failArmed {
		return "", false
	}
	k.failArmed = false
	return k.failCommit, true
}

// rejected returns the error for a data path touched by an edit, or nil.
func (k *Knobs) rejected(steps []pathStep) *RPCError {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, r := range k.rejects {
		if r.path.isPrefixOf(steps) {
			return &RPCError{Tag: TagOperationFailed, Path: r.raw, Message: r.message}
		}
	}
	return nil
}
