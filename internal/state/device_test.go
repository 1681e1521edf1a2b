package state

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/providers"
)

var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func TestUpdateAndGet(t *testing.T) {
	errBoom := errors.New("boom")
	tests := []struct {
		name    string
		seed    *DeviceState // stored first, if not nil
		fn      func(*DeviceState) error
		want    DeviceState
		wantErr error
	}{
		{
			name: "new device starts from zero with its name",
			fn: func(st *DeviceState) error {
				st.LastAppliedRevision = "abc123"
				st.LastAppliedAt = t0
				return nil
			},
			want: DeviceState{Name: "leaf1", LastAppliedRevision: "abc123", LastAppliedAt: t0},
		},
		{
			name: "existing fields are kept",
			seed: &DeviceState{LastAppliedRevision: "abc123", LastObservedDigest: "d1"},
			fn: func(st *DeviceState) error {
				st.LastObservedDigest = "d2"
				st.DriftFirstSeen = t0
				st.DriftPaths = []string{"/vlans/vlan[vlan-id=20]"}
				return nil
			},
			want: DeviceState{
				Name: "leaf1", LastAppliedRevision: "abc123", LastObservedDigest: "d2",
				DriftFirstSeen: t0, DriftPaths: []string{"/vlans/vlan[vlan-id=20]"},
			},
		},
		{
			name:    "error from fn writes nothing",
			seed:    &DeviceState{LastResult: "ok"},
			fn:      func(st *DeviceState) error { st.LastResult = "changed"; return errBoom },
			want:    DeviceState{Name: "leaf1", LastResult: "ok"},
			wantErr: errBoom,
		},
		{
			name: "fn cannot rename the record",
			fn:   func(st *DeviceState) error { st.Name = "other"; st.LastResult = "ok"; return nil },
			want: DeviceState{Name: "leaf1", LastResult: "ok"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openStore(t)
			if tt.seed != nil {
				seed := *tt.seed
				if err := s.Update("leaf1", func(st *DeviceState) error { *st = seed; return nil }); err != nil {
					t.Fatal(err)
				}
			}
			err := s.Update("leaf1", tt.fn)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Update = %v, want %v", err, tt.wantErr)
			}
			got, err := s.Get("leaf1")
			if tt.seed == nil && tt.wantErr != nil {
				if !errors.Is(err, ErrNotFound) {
					t.Fatalf("Get after failed first Update = %v, want ErrNotFound", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Get (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGetUnknownDevice(t *testing.T) {
	s := openStore(t)
	if _, err := s.Get("nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get = %v, want ErrNotFound", err)
	}
}

func TestUpdateRejectsEmptyName(t *testing.T) {
	s := openStore(t)
	err := s.Update("", func(*DeviceState) error { return nil })
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("Update = %v, want ErrInvalid", err)
	}
}

func TestListSortedAndDelete(t *testing.T) {
	s := openStore(t)
	for _, name := range []string{"spine2", "leaf1", "spine1"} {
		if err := s.Update(name, func(*DeviceState) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Delete("spine1"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete("never-existed"); err != nil {
		t.Errorf("Delete of unknown device: %v", err)
	}
	got, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	want := []DeviceState{{Name: "leaf1"}, {Name: "spine2"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("List (-want +got):\n%s", diff)
	}
}

func TestInFlightLifecycle(t *testing.T) {
	txn := &providers.Txn{
		Device: "leaf1", Transport: "netconf", Kind: "netconf-confirmed",
		ID: "persist-7f3a", Deadline: t0.Add(2 * time.Minute),
		Extra: json.RawMessage(`{"session":42}`),
	}
	tests := []struct {
		name    string
		steps   func(s *Store) error
		want    []DeviceState
		wantErr error
	}{
		{
			name:  "set records the txn",
			steps: func(s *Store) error { return s.SetInFlight("leaf1", txn) },
			want:  []DeviceState{{Name: "leaf1", InFlight: txn}},
		},
		{
			name: "clear forgets it",
			steps: func(s *Store) error {
				if err := s.SetInFlight("leaf1", txn); err != nil {
					return err
				}
				return s.ClearInFlight("leaf1")
			},
		},
		{
			name:  "clear of unknown device is a no-op",
			steps: func(s *Store) error { return s.ClearInFlight("ghost") },
		},
		{
			name:    "nil txn is refused",
			steps:   func(s *Store) error { return s.SetInFlight("leaf1", nil) },
			wantErr: ErrInvalid,
		},
		{
			name:    "txn of another device is refused",
			steps:   func(s *Store) error { return s.SetInFlight("leaf2", txn) },
			wantErr: ErrInvalid,
		},
		{
			name: "only devices with a txn are listed",
			steps: func(s *Store) error {
				if err := s.Update("leaf0", func(*DeviceState) error { return nil }); err != nil {
					return err
				}
				return s.SetInFlight("leaf1", txn)
			},
			want: []DeviceState{{Name: "leaf1", InFlight: txn}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openStore(t)
			if err := tt.steps(s); !errors.Is(err, tt.wantErr) {
				t.Fatalf("steps = %v, want %v", err, tt.wantErr)
			}
			got, err := s.InFlight()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("InFlight (-want +got):\n%s", diff)
			}
		})
	}
}

func TestClearInFlightKeepsOtherFields(t *testing.T) {
	s := openStore(t)
	err := s.Update("leaf1", func(st *DeviceState) error {
		st.LastResult = "pending"
		st.InFlight = &providers.Txn{ID: "x"}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ClearInFlight("leaf1"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get("leaf1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(DeviceState{Name: "leaf1", LastResult: "pending"}, got); diff != "" {
		t.Errorf("Get (-want +got):\n%s", diff)
	}
}

func TestInFlightSurvivesReopen(t *testing.T) {
	dir := t.TempDir()
	txn := &providers.Txn{Device: "leaf1", ID: "persist-1", Deadline: t0, Extra: json.RawMessage(`{"a":1}`)}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetInFlight("leaf1", txn); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.InFlight()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]DeviceState{{Name: "leaf1", InFlight: txn}}, got); diff != "" {
		t.Errorf("InFlight after reopen (-want +got):\n%s", diff)
	}
}

func TestConcurrentUpdatesAreSerialised(t *testing.T) {
	s := openStore(t)
	const workers, each = 8, 10
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for range each {
				err := s.Update(fmt.Sprintf("dev%d", w%2), func(st *DeviceState) error {
					st.DriftPaths = append(st.DriftPaths, "p")
					return nil
				})
				if err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	list, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, st := range list {
		total += len(st.DriftPaths)
	}
	if total != workers*each {
		t.Errorf("read-modify-writes recorded %d, want %d (lost updates)", total, workers*each)
	}
}
