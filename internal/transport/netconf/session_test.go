package netconf

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

func TestConnectionDropBreaksSession(t *testing.T) {
	d, _ := startDevice(t, nil)
	s := dial(t, d)
	d.Knobs().DropConnectionAfter(0)
	_, err := s.GetConfig(t.Context(), Running, nil)
	if !errors.Is(err, ErrBroken) {
		t.Fatalf("get-config on a dropped connection: %v, want ErrBroken", err)
	}
	if err := s.Lock(t.Context(), Candidate); !errors.Is(err, ErrBroken) {
		t.Errorf("lock after the drop: %v, want ErrBroken", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("close of a broken session: %v", err)
	}
}

func TestConcurrentOperationsAreSerialised(t *testing.T) {
	d, _ := startDevice(t, nil)
	s := dial(t, d)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			_, err := s.GetConfig(t.Context(), Running, ifConfig("Gi1"))
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent get-config: %v", err)
		}
	}
}

func TestOperationHonoursContext(t *testing.T) {
	d, _ := startDevice(t, nil)
	s := dial(t, d)
	d.Knobs().SetLatency(2 * time.Second)
	ctx, cancel := contextWithCancel(t)
	time.AfterFunc(100*time.Millisecond, cancel)
	// The reply takes 2 s; the call must give up when ctx is canceled.
	if _, err := s.GetConfig(ctx, Running, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("get-config canceled in flight: %v, want context.Canceled", err)
	}
	d.Knobs().SetLatency(0)
	// The abandoned request still completes on the device; the session
	// stays usable.
	if _, err := s.GetConfig(t.Context(), Running, nil); err != nil {
		t.Errorf("get-config after an abandoned one: %v", err)
	}
}
