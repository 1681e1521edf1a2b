package state

import (
	"errors"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRecordRunAndRuns(t *testing.T) {
	tests := []struct {
		name     string
		keep     int
		record   int // runs recorded, revisions r1..rN
		limit    int
		wantRevs []string // newest first
	}{
		{"all runs newest first", 10, 3, 0, []string{"r3", "r2", "r1"}},
		{"limit returns the newest", 10, 5, 2, []string{"r5", "r4"}},
		{"limit larger than history", 10, 2, 9, []string{"r2", "r1"}},
		{"retention drops the oldest", 3, 7, 0, []string{"r7", "r6", "r5"}},
		{"retention of one", 1, 4, 0, []string{"r4"}},
		{"empty history", 10, 0, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openStore(t, WithRunRetention(tt.keep))
			for i := 1; i <= tt.record; i++ {
				r, err := s.RecordRun(Run{Kind: KindApply, Revision: "r" + strconv.Itoa(i), StartedAt: t0})
				if err != nil {
					t.Fatal(err)
				}
				if r.Seq != uint64(i) || r.ID != strconv.Itoa(i) {
					t.Errorf("run %d stored with Seq %d ID %q", i, r.Seq, r.ID)
				}
			}
			runs, err := s.Runs(tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range runs {
				got = append(got, r.Revision)
			}
			if diff := cmp.Diff(tt.wantRevs, got); diff != "" {
				t.Errorf("Runs revisions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRecordRunRoundTrip(t *testing.T) {
	s := openStore(t)
	in := Run{
		ID: "run-42", Kind: KindReconcile, Revision: "9f1c", Author: "Ada <ada@example.net>",
		StartedAt: t0, FinishedAt: t0.Add(90e9),
		Devices: []RunDevice{
			{Name: "leaf1", Result: "confirmed", Changes: 3},
			{Name: "leaf2", Result: "failed", Error: "lock candidate on leaf2: in use"},
		},
		Seq: 777, // ignored on input
	}
	stored, err := s.RecordRun(in)
	if err != nil {
		t.Fatal(err)
	}
	want := in
	want.Seq = 1
	if diff := cmp.Diff(want, stored); diff != "" {
		t.Errorf("RecordRun result (-want +got):\n%s", diff)
	}
	runs, err := s.Runs(1)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]Run{want}, runs); diff != "" {
		t.Errorf("Runs (-want +got):\n%s", diff)
	}
}

func TestRecordRunRejectsUnknownKind(t *testing.T) {
	s := openStore(t)
	for _, k := range []RunKind{"", "deploy"} {
		if _, err := s.RecordRun(Run{Kind: k}); !errors.Is(err, ErrInvalid) {
			t.Errorf("RecordRun(kind %q) = %v, want ErrInvalid", k, err)
		}
	}
}

func TestRetentionShrinksOnReopen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, WithRunRetention(10))
	if err != nil {
		t.Fatal(err)
	}
	for range 6 {
		if _, err := s.RecordRun(Run{Kind: KindDrift}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, WithRunRetention(2))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r, err := s.RecordRun(Run{Kind: KindDrift})
	if err != nil {
		t.Fatal(err)
	}
	if r.Seq != 7 {
		t.Errorf("sequence after reopen = %d, want 7 (sequences never restart)", r.Seq)
	}
	runs, err := s.Runs(0)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].Seq != 7 || runs[1].Seq != 6 {
		t.Errorf("kept runs %+v, want seq 7 and 6", runs)
	}
}
