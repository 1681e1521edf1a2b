package netconf

import (
	"errors"
	"testing"
)

func TestLockContention(t *testing.T) {
	d, _ := startDevice(t, nil)
	a, b := dial(t, d), dial(t, d)
	ctx := t.Context()
	if err := a.Lock(ctx, Candidate); err != nil {
		t.Fatalf("first lock: %v", err)
	}
	err := b.Lock(ctx, Candidate)
	if !IsLockDenied(err) {
		t.Fatalf("second lock: %v, want lock-denied", err)
	}
	var re *RPCError
	if !errors.As(err, &re) {
		t.Fatalf("second lock error %T is not an *RPCError", err)
	}
	if re.SessionID() != a.SessionID() || re.Type != "protocol" || re.Severity != "error" {
		t.Errorf("rpc-error %+v, want protocol error naming holder session %s", re, a.SessionID())
	}
	for _, w := range []string{"lock candidate", d.Addr(), "lock-denied", "session-id " + a.SessionID()} {
		if !contains(err.Error(), w) {
			t.Errorf("error %q does not mention %q", err, w)
		}
	}
	if err := b.Unlock(ctx, Candidate); !IsLockDenied(err) {
		t.Errorf("unlock by another session: %v, want lock-denied", err)
	}
	if err := a.Unlock(ctx, Candidate); err != nil {
		t.Fatalf("unlock by the holder: %v", err)
	}
	if err := b.Lock(ctx, Candidate); err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
}

func TestLockReleasedOnClose(t *testing.T) {
	d, _ := startDevice(t, nil)
	a, b := dial(t, d), dial(t, d)
	if err := a.Lock(t.Context(), Running); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	if err := a.Lock(t.Context(), Running); !errors.Is(err, ErrClosed) {
		t.Errorf("lock after close: %v, want ErrClosed", err)
	}
	if err := waitFor(t, func() error { return b.Lock(t.Context(), Running) }); err != nil {
		t.Errorf("lock after the holder closed: %v", err)
	}
}
