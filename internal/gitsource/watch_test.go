package gitsource

import (
	"context"
	"errors"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

func TestWatchCallsBackWhenRefMoves(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t, true)
		first := f.commitFiles("refs/heads/main", map[string]string{"f": "1"}, "first")
		src, err := Open(t.Context(), Spec{URL: f.dir})
		if err != nil {
			t.Fatal(err)
		}
		var (
			mu   sync.Mutex
			seen []string
		)
		got := func() []string {
			mu.Lock()
			defer mu.Unlock()
			return append([]string(nil), seen...)
		}
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error)
		go func() {
			done <- src.Watch(ctx, time.Minute, func(r Revision) {
				mu.Lock()
				seen = append(seen, r.Hash)
				mu.Unlock()
			})
		}()
		synctest.Wait()
		if s := got(); len(s) != 1 || s[0] != first.String() {
			t.Fatalf("after start: callbacks %v, want the first revision once", s)
		}

		time.Sleep(time.Minute)
		synctest.Wait()
		if s := got(); len(s) != 1 {
			t.Fatalf("unchanged ref: callbacks %v, want no new one", s)
		}

		second := f.commitFiles("refs/heads/main", map[string]string{"f": "2"}, "second")
		time.Sleep(time.Minute)
		synctest.Wait()
		if s := got(); len(s) != 2 || s[1] != second.String() {
			t.Fatalf("after a new commit: callbacks %v, want %s", s, second)
		}

		third := f.commitFiles("refs/heads/main", map[string]string{"f": "3"}, "third")
		src.Trigger()
		synctest.Wait()
		if s := got(); len(s) != 3 || s[2] != third.String() {
			t.Fatalf("after Trigger: callbacks %v, want %s before the next tick", s, third)
		}

		cancel()
		if err := <-done; err != nil {
			t.Errorf("Watch returned %v after cancel, want nil", err)
		}
	})
}

func TestWatchReportsFetchErrorsAndGoesOn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFixture(t, true)
		var (
			mu     sync.Mutex
			errs   int
			called int
		)
		src, err := Open(t.Context(), Spec{URL: f.dir, Ref: "main"}, WithErrorHandler(func(err error) {
			if !errors.Is(err, ErrRefNotFound) {
				t.Errorf("error handler got %v, want ErrRefNotFound", err)
			}
			mu.Lock()
			errs++
			mu.Unlock()
		}))
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		go func() {
			_ = src.Watch(ctx, time.Second, func(Revision) {
				mu.Lock()
				called++
				mu.Unlock()
			})
		}()
		time.Sleep(2 * time.Second)
		synctest.Wait()
		f.commitFiles("refs/heads/main", map[string]string{"f": "1"}, "first")
		time.Sleep(time.Second)
		synctest.Wait()
		mu.Lock()
		defer mu.Unlock()
		if errs != 3 || called != 1 {
			t.Errorf("errors %d, callbacks %d; want 3 failed polls then 1 callback", errs, called)
		}
	})
}

func TestWatchRefusesNonPositiveInterval(t *testing.T) {
	src, err := Open(t.Context(), Spec{URL: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if err := src.Watch(t.Context(), 0, func(Revision) {}); !errors.Is(err, ErrInvalidSpec) {
		t.Fatalf("Watch(0) = %v, want ErrInvalidSpec", err)
	}
}
