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
// one minute, the shortest cisco-ia and configure replace take (they count
// whole minutes), and the same for the mechanisms that count seconds, so
// that reading the change back before it reverts never races the timer.
func ProofTimer(kind string) time.Duration {
	_ = kind // every mechanism uses the same proof timer today
	return MinReplaceTimer
}
