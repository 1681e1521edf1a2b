package providers

import (
	"fmt"
	"math"
	"time"
)

// Limits of the confirm timeout each mechanism takes.
const (
	// MaxNETCONFConfirmTimeout is the largest RFC 6241 confirm-timeout: a
	// uint32 count of seconds.
	MaxNETCONFConfirmTimeout = time.Duration(math.MaxUint32) * time.Second
	// MinReplaceTimer and MaxReplaceTimer bound IOS "configure replace ...
	// time N" and IOS-XE cisco-ia's rollback revert-timer, which both count
	// whole minutes from 1 to 120.
	MinReplaceTimer = time.Minute
	MaxReplaceTimer = 120 * time.Minute
)

// TimeoutError says that a confirm timeout does not fit a device's
// mechanism. It names the device, the mechanism and its limit.
type TimeoutError struct {
	Device  string
	Kind    string
	Timeout time.Duration
	Limit   string
}

// Error names the device, the timeout and what the mechanism takes.
func (e *TimeoutError) Error() string {
	return fmt.Sprintf("%s: confirm timeout %s does not fit %s, which takes %s", e.Device, e.Timeout, e.Kind, e.Limit)
}

// CheckConfirmTimeout checks d against the confirmed-commit mechanism kind
// (a Confirm* constant; "" checks only that d is positive) and returns the
// timeout the device will actually run, rounded up to the mechanism's
// granularity. notice is non-empty when d was rounded, for the operator.
// An error is a *TimeoutError: zero and negative timeouts are errors for
// every mechanism, never replaced by a default.
func CheckConfirmTimeout(device, kind string, d time.Duration) (eff time.Duration, notice string, err error) {
	fail := func(limit string) (time.Duration, string, error) {
		return 0, "", &TimeoutError{Device: device, Kind: kindName(kind), Timeout: d, Limit: limit}
	}
	if d <= 0 {
		return fail("a positive duration")
	}
	switch kind {
	case ConfirmNETCONF:
		eff = d
		if r := d % time.Second; r != 0 {
			eff = d - r + time.Second
		}
		if eff > MaxNETCONFConfirmTimeout {
			return fail("whole seconds up to 4294967295 (uint32)")
		}
		if eff != d {
			notice = fmt.Sprintf("%s: confirm timeout %s rounded up to %s (NETCONF counts whole seconds)", device, d, eff)
		}
		return eff, notice, nil
	case ConfirmGNMI:
		// rollback_duration is a google.protobuf.Duration (up to about
		// 10000 years): every positive time.Duration fits.
		return d, "", nil
	case ConfirmReplaceTimer:
		return minutes(device, d, "configure replace ... time N", fail)
	case ConfirmCiscoIA:
		return minutes(device, d, "cisco-ia rollback revert-timer", fail)
	}
	return d, "", nil
}

// minutes rounds d up to whole minutes and checks them against 1..120,
// the range of both IOS "configure replace ... time N" and cisco-ia's
// revert-timer (int16, range 1..120).
func minutes(device string, d time.Duration, what string, fail func(string) (time.Duration, string, error)) (time.Duration, string, error) {
	n := (d + time.Minute - 1) / time.Minute
	eff := n * time.Minute
	if eff > MaxReplaceTimer {
		return fail("whole minutes from 1 to 120 (" + what + ")")
	}
	notice := ""
	if eff != d {
		notice = fmt.Sprintf("%s: confirm timeout %s rounded up to %s (%s counts whole minutes)", device, d, eff, what)
	}
	return eff, notice, nil
}

func kindName(kind string) string {
	if kind == "" {
		return "the device's mechanism"
	}
	return kind
}
