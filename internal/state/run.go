package state

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
)

// RunKind says what a run did.
type RunKind string

// The kinds of run.
const (
	KindPlan      RunKind = "plan"
	KindApply     RunKind = "apply"
	KindDrift     RunKind = "drift"
	KindReconcile RunKind = "reconcile"
)

// IsValid reports whether k is one of the Kind constants.
func (k RunKind) IsValid() bool {
	switch k {
	case KindPlan, KindApply, KindDrift, KindReconcile:
		return true
	}
	return false
}

// Run is one execution of the pipeline over part of the fleet.
type Run struct {
	// ID identifies the run. RecordRun assigns the store's sequence number
	// (as a decimal string) when it is empty.
	ID       string  `json:"id"`
	Kind     RunKind `json:"kind"`
	Revision string  `json:"revision,omitempty"`
	// Author is the Git author of Revision.
	Author     string      `json:"author,omitempty"`
	StartedAt  time.Time   `json:"started_at,omitzero"`
	FinishedAt time.Time   `json:"finished_at,omitzero"`
	Devices    []RunDevice `json:"devices,omitempty"`
	// Seq is the store's sequence number for the run, strictly increasing
	// in the order runs were recorded. RecordRun sets it; it is ignored on
	// input.
	Seq uint64 `json:"seq"`
}

// RunDevice is one device's outcome in a run.
type RunDevice struct {
	Name    string `json:"name"`
	Result  string `json:"result"`
	Changes int    `json:"changes"`
	Error   string `json:"error,omitempty"`
}

// RecordRun appends r to the run history and, in the same transaction,
// deletes the oldest runs beyond the retention (WithRunRetention). It
// returns the run as stored, with Seq (and ID, if empty) assigned.
func (s *Store) RecordRun(r Run) (Run, error) {
	if !r.Kind.IsValid() {
		return Run{}, fmt.Errorf("record run: %w: kind %q is not plan, apply, drift or reconcile", ErrInvalid, r.Kind)
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRuns)
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		r.Seq = seq
		if r.ID == "" {
			r.ID = strconv.FormatUint(seq, 10)
		}
		raw, err := json.Marshal(&r)
		if err != nil {
			return fmt.Errorf("encode: %w", err)
		}
		if err := b.Put(seqKey(seq), raw); err != nil {
			return err
		}
		return prune(b, seq, s.keepRuns)
	})
	if err != nil {
		return Run{}, fmt.Errorf("record run %s: %w", r.ID, err)
	}
	return r, nil
}

// prune deletes runs with a sequence number at or below newest-keep. Keys
// are collected first: deleting under a moving cursor can skip keys.
func prune(b *bolt.Bucket, newest uint64, keep int) error {
	if newest <= uint64(keep) {
		return nil
	}
	cutoff := seqKey(newest - uint64(keep))
	var old [][]byte
	c := b.Cursor()
	for k, _ := c.First(); k != nil && string(k) <= string(cutoff); k, _ = c.Next() {
		old = append(old, append([]byte(nil), k...))
	}
	for _, k := range old {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// Runs returns up to limit runs, newest first; limit <= 0 returns all that
// are kept.
func (s *Store) Runs(limit int) ([]Run, error) {
	var out []Run
	err := s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketRuns).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			if limit > 0 && len(out) == limit {
				break
			}
			var r Run
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("decode run %x: %w", k, err)
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list runs: %w", err)
	}
	return out, nil
}
