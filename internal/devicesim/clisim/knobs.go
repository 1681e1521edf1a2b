package clisim

import (
	"strings"
	"sync"
	"time"
)

// Knobs inject device behaviour for tests. Methods are safe for concurrent
// use and take effect for the next command any session sends.
type Knobs struct {
	mu          sync.Mutex
	latency     time.Duration
	rejected    []string
	ignored     []string
	dropArmed   bool
	dropAfter   int
	failReplace string
	failArmed   bool
	loseArmed   bool
	loseAfter   int
}

// SetLatency delays every command's answer by d of real time (0: off).
func (k *Knobs) SetLatency(d time.Duration) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.latency = d
}

// RejectCommand makes every configuration command that is prefix, or
// starts with prefix and a space, fail with "% Invalid input detected",
// typed interactively or loaded by configure replace (which then fails as
// a whole).
func (k *Knobs) RejectCommand(prefix string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.rejected = append(k.rejected, prefix)
}

// IgnoreCommand makes the device accept configuration commands matching
// prefix (as RejectCommand) without applying them: a silently dropped
// line, as a buggy image might.
func (k *Knobs) IgnoreCommand(prefix string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.ignored = append(k.ignored, prefix)
}

// DropConnectionAfter lets the next n commands (lines, across all
// sessions) run and then closes the SSH connection that sends the one
// after, without running it.
func (k *Knobs) DropConnectionAfter(n int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.dropArmed, k.dropAfter = true, n
}

// LoseReplyAfter lets the next n commands (lines, across all sessions) run
// and then runs the one after in full but closes its SSH connection
// before any of its output is sent: the device did what the client cannot
// know it did.
func (k *Knobs) LoseReplyAfter(n int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.loseArmed, k.loseAfter = true, n
}

// FailNextReplace makes the next configure replace fail with message,
// changing nothing.
func (k *Knobs) FailNextReplace(message string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.failReplace, k.failArmed = message, true
}

// Reset turns every knob off.
func (k *Knobs) Reset() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.latency, k.rejected, k.ignored, k.dropArmed, k.failArmed, k.loseArmed = 0, nil, nil, false, false, false
}

func (k *Knobs) rejects(cmd string) bool { return k.matches(&k.rejected, cmd) }

func (k *Knobs) ignores(cmd string) bool { return k.matches(&k.ignored, cmd) }

func (k *Knobs) matches(list *[]string, cmd string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, p := range *list {
		if cmd == p || strings.HasPrefix(cmd, p+" ") {
			return true
		}
	}
	return false
}

// onCommand returns the latency to apply, whether to drop the connection
// instead of running the command, and whether to drop it after running the
// command, before its output is sent.
func (k *Knobs) onCommand() (latency time.Duration, drop, lose bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.loseArmed {
		if k.loseAfter == 0 {
			k.loseArmed, lose = false, true
		} else {
			k.loseAfter--
		}
	}
	if !k.dropArmed {
		return k.latency, false, lose
	}
	if k.dropAfter == 0 {
		k.dropArmed = false
		return k.latency, true, lose
	}
	k.dropAfter--
	return k.latency, false, lose
}

// takeReplaceFailure consumes an armed replace failure.
func (k *Knobs) takeReplaceFailure() (string, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if !k.failArmed {
		return "", false
	}
	k.failArmed = false
	return k.failReplace, true
}
