package nxapisim

import (
	"strings"
	"sync"
	"time"
)

// Knobs inject device behaviour for tests. Every method is safe for
// concurrent use and takes effect for the next request any client sends.
type Knobs struct {
	mu          sync.Mutex
	latency     time.Duration
	failMsg     string
	failArmed   bool
	rejects     []reject
	ignores     []string
	drop        int
	unavailable int
	dropArmed   bool
	dropAfter   int
	loseArmed   bool
	loseAfter   int
}

type reject struct{ prefix, msg string }

// SetLatency delays every request by d before it is processed (0 turns it
// off); the delay ends early when the client goes away.
func (k *Knobs) SetLatency(d time.Duration) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.latency = d
}

// FailNextConfig makes the next configuration command (in any request)
// fail with message instead of being applied; the commands before it in
// its request stay applied, as on NX-OS.
func (k *Knobs) FailNextConfig(message string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.failMsg, k.failArmed = message, true
}

// RejectCommand makes every configuration command whose text (without its
// indentation) starts with prefix fail with message, until Reset.
func (k *Knobs) RejectCommand(prefix, message string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.rejects = append(k.rejects, reject{prefix, message})
}

// IgnoreCommand makes every configuration command whose text starts with
// prefix succeed without changing anything, as a platform that accepts a
// command it does not implement would; until Reset.
func (k *Knobs) IgnoreCommand(prefix string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.ignores = append(k.ignores, prefix)
}

func (k *Knobs) ignored(body string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	for _, p := range k.ignores {
		if strings.HasPrefix(body, p) {
			return true
		}
	}
	return false
}

// DropNext closes the connection of each of the next n requests without
// reading the request body or answering, so nothing of them is executed.
func (k *Knobs) DropNext(n int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.drop = n
}

// DropAfter lets the next n requests run normally and then closes the
// connection of the one after without reading or answering it (nothing of
// it is executed).
func (k *Knobs) DropAfter(n int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.dropArmed, k.dropAfter = true, n
}

// LoseReplyAfter lets the next n requests run normally, then executes the
// one after in full but closes its connection instead of answering: the
// device did what the client cannot know it did.
func (k *Knobs) LoseReplyAfter(n int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.loseArmed, k.loseAfter = true, n
}

// Unavailable answers each of the next n requests with 503 Service
// Unavailable before reading it, so nothing of them is executed.
func (k *Knobs) Unavailable(n int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.unavailable = n
}

// Reset turns every knob off.
func (k *Knobs) Reset() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.latency, k.failMsg, k.failArmed, k.rejects, k.ignores = 0, "", false, nil, nil
	k.drop, k.unavailable, k.dropArmed, k.loseArmed = 0, 0, false, false
}

// admission is what the knobs decide for one request.
type admission int

const (
	admit admission = iota
	dropIt
	unavailableIt
	loseIt // execute, then drop the connection instead of answering
)

func (k *Knobs) onRequest() (time.Duration, admission) {
	k.mu.Lock()
	defer k.mu.Unlock()
	switch {
	case k.drop > 0:
		k.drop--
		return k.latency, dropIt
	case k.unavailable > 0:
		k.unavailable--
		return k.latency, unavailableIt
	}
	if countdown(&k.dropArmed, &k.dropAfter) {
		return k.latency, dropIt
	}
	if countdown(&k.loseArmed, &k.loseAfter) {
		return k.latency, loseIt
	}
	return k.latency, admit
}

// countdown counts one request against an armed "after n" knob and reports
// whether it is the one the knob acts on (which disarms it).
func countdown(armed *bool, after *int) bool {
	if !*armed {
		return false
	}
	if *after == 0 {
		*armed = false
		return true
	}
	*after--
	return false
}

// configFailure returns the message a configuration command fails with, if
// any, consuming an armed FailNextConfig.
func (k *Knobs) configFailure(cmd string) (string, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.failArmed {
		k.failArmed = false
		return k.failMsg, true
	}
	body := strings.TrimLeft(cmd, " \t")
	for _, r := range k.rejects {
		if strings.HasPrefix(body, r.prefix) {
			return r.msg, true
		}
	}
	return "", false
}
