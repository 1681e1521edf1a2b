package daemon

import "time"

// Clock is the daemon's source of time: schedules, maintenance windows and
// report times all read it, so tests can drive them with a fake.
type Clock interface {
	Now() time.Time
	// TimerAt returns a timer that fires once when the clock reaches t
	// (at once if t is not after Now).
	TimerAt(t time.Time) Timer
}

// Timer is a one-shot timer of a Clock.
type Timer interface {
	C() <-chan time.Time
	Stop() bool
}

// RealClock is the wall clock.
type RealClock struct{}

// Now returns time.Now().
func (RealClock) Now() time.Time { return time.Now() }

// TimerAt returns a time.Timer for t.
func (RealClock) TimerAt(t time.Time) Timer { return realTimer{time.NewTimer(time.Until(t))} }

type realTimer struct{ t *time.Timer }

func (r realTimer) C() <-chan time.Time { return r.t.C }
func (r realTimer) Stop() bool          { return r.t.Stop() }
