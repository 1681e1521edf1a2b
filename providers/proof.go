package providers

import "time"

// Prover is implemented by drivers that can make the harmless change a
// timer proof pushes: one leaf, set to marker, that the device restores by
// itself when the proof's timer runs out. The change and its desired
// configuration are computed from running, so nothing else is touched.
type Prover interface {
	ProofChange(running *Running, marker string) (*Desired, []Change, error)
}

// ProofTimer is the confirm timeout a timer proof uses on mechanism kind:
// the shortest the mechanism takes (cisco-ia and configure replace count
// whole minutes, so one minute), or ten seconds where it counts seconds,
// which leaves time to read the change back before it reverts.
func ProofTimer(kind string) time.Duration {
	switch kind {
	case ConfirmCiscoIA, ConfirmReplaceTimer:
		return MinReplaceTimer
	}
	return 10 * time.Second
}
