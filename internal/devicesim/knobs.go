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
	ignores    []localPath
	dropArmed  bool
	dropAfter  int
	loseArmed  bool
	loseAfter  int
	// noRevert makes an expiring rollback timer restore nothing.
	noRevert bool
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

// IgnoreEdits makes edit-config accept, with <ok/>, edits that touch the
// element at pathPrefix or below, without applying them to the target
// datastore, as a server with netconfd's quirk does (it answers <ok/> and
// drops the change). An edit node at or below pathPrefix is skipped with its
// subtree; so is an edit node above it whose operation (create, replace,
// delete, remove) would change what lies there. The rest of the edit
// applies. pathPrefix has the syntax of RejectPath. Only edit-config with
// default-operation merge or none is affected; copy-config and
// default-operation replace apply as sent.
func (k *Knobs) IgnoreEdits(pathPrefix string) error {
	lp, err := parseLocalPath(pathPrefix)
	if err != nil {
		return fmt.Errorf("ignore edits: %w", err)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.ignores = append(k.ignores, lp)
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

// LoseReplyAfter lets the next n RPCs (counted across all sessions of the
// device) run normally, then processes the one after in full but closes
// the SSH connection instead of answering it: the device has done what
// the client cannot know it did (a commit whose reply is lost). Session
// termination then releases locks and reverts a non-persist confirmed
// commit, as on a device.
func (k *Knobs) LoseReplyAfter(n int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.loseArmed, k.loseAfter = true, n
}

// Reset turns every knob off.
func (k *Knobs) Reset() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.latency, k.failArmed, k.failCommit, k.rejects, k.ignores, k.dropArmed, k.loseArmed = 0, false, "", nil, nil, false, false
	k.noRevert = false
}

// BreakRevertTimer makes a rollback timer that runs out (a cisco-ia timed
// rollback, or a confirmed commit's confirm timeout) restore nothing (on = true): the rpcs answer as usual, but the device
// keeps the change, as a release whose timer does not work would. The
// timer proof must catch it.
func (k *Knobs) BreakRevertTimer(on bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.noRevert = on
}

func (k *Knobs) revertTimerBroken() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.noRevert
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

// loseReply reports whether the reply to this RPC is to be lost (see
// LoseReplyAfter); it counts every RPC while armed.
func (k *Knobs) loseReply() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	if !k.loseArmed {
		return false
	}
	if k.loseAfter == 0 {
		k.loseArmed = false
		return true
	}
	k.loseAfter--
	return false
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

// ignored reports whether an edit node with operation op at the data path
// steps is to be skipped silently (see IgnoreEdits).
func (k *Knobs) ignored(steps []pathStep, op string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, lp := range k.ignores {
		if lp.isPrefixOf(steps) {
			return true
		}
		if op != opMerge && op != opNone && len(steps) <= len(lp) && lp[:len(steps)].isPrefixOf(steps) {
			return true // the node's operation covers what lies at lp
		}
	}
	return false
}
