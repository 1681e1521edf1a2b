package state

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/switchyard/switchyard/providers"
)

// DeviceState is what the agent remembers about one device between runs.
// The zero time means "never".
type DeviceState struct {
	Name string `json:"name"`
	// LastAppliedRevision is the Git revision last confirmed on the device.
	LastAppliedRevision string    `json:"last_applied_revision,omitempty"`
	LastAppliedAt       time.Time `json:"last_applied_at,omitzero"`
	// LastObservedDigest is the digest (providers.Running.Digest) of the
	// configuration last read from the device.
	LastObservedDigest string    `json:"last_observed_digest,omitempty"`
	LastObservedAt     time.Time `json:"last_observed_at,omitzero"`
	// LastResult is the outcome of the last operation on the device, in
	// the vocabulary of the caller (rollout status, drift verdict).
	LastResult string `json:"last_result,omitempty"`
	// LastError is the last operation's error text, empty on success.
	LastError string `json:"last_error,omitempty"`
	// InFlight is the confirmed commit pushed but neither confirmed nor
	// cancelled yet; a restarted agent must resolve it (see Store.InFlight).
	InFlight *providers.Txn `json:"in_flight,omitempty"`
	// InFlightIntent identifies the desired configuration the in-flight
	// commit pushed (an intent digest), so that a later run can tell
	// whether the device shows that run's intent; InFlightRevision is its
	// Git revision. Empty when the writer did not record them.
	InFlightIntent   string `json:"in_flight_intent,omitempty"`
	InFlightRevision string `json:"in_flight_revision,omitempty"`
	// InFlightChanges are the changes the in-flight commit pushed, so that
	// a later run that settles it as confirmed records what it set
	// (ownership) as the run that pushed it would have.
	InFlightChanges []providers.Change `json:"in_flight_changes,omitempty"`
	// DriftFirstSeen is when the current drift was first observed; zero
	// when the device matches its intent.
	DriftFirstSeen time.Time `json:"drift_first_seen,omitzero"`
	// DriftPaths are the paths found drifted, as gNMI path strings.
	DriftPaths []string `json:"drift_paths,omitempty"`
}

// Get returns the record of the named device, or an error wrapping
// ErrNotFound if there is none. The result shares no memory with the store.
func (s *Store) Get(name string) (DeviceState, error) {
	var st DeviceState
	err := s.db.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketDevices).Get([]byte(name))
		if raw == nil {
			return ErrNotFound
		}
		return decodeDevice(raw, &st)
	})
	if err != nil {
		return DeviceState{}, fmt.Errorf("get state of %s: %w", name, err)
	}
	return st, nil
}

// Update reads the named device's record (a zero DeviceState with Name set
// if there is none), passes it to fn, and writes it back, all in one
// transaction. If fn returns an error nothing is written and Update returns
// it wrapped. fn cannot rename the record: Name is reset afterwards. fn runs
// while the store's write lock is held, so it must be quick and must not
// call other Store methods (they would deadlock) nor keep the pointer.
func (s *Store) Update(name string, fn func(*DeviceState) error) error {
	if name == "" {
		return fmt.Errorf("update state: %w: empty device name", ErrInvalid)
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDevices)
		st := DeviceState{Name: name}
		if raw := b.Get([]byte(name)); raw != nil {
			if err := decodeDevice(raw, &st); err != nil {
				return err
			}
		}
		if err := fn(&st); err != nil {
			return err
		}
		st.Name = name
		raw, err := json.Marshal(&st)
		if err != nil {
			return fmt.Errorf("encode: %w", err)
		}
		return b.Put([]byte(name), raw)
	})
	if err != nil {
		return fmt.Errorf("update state of %s: %w", name, err)
	}
	return nil
}

// Delete removes the named device's record, for a device no longer in the
// inventory. Deleting a device with no record is not an error.
func (s *Store) Delete(name string) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDevices).Delete([]byte(name))
	})
	if err != nil {
		return fmt.Errorf("delete state of %s: %w", name, err)
	}
	return nil
}

// List returns every device record, sorted by name.
func (s *Store) List() ([]DeviceState, error) {
	return s.collect(func(*DeviceState) bool { return true })
}

// InFlight returns the records that have a confirmed commit in flight,
// sorted by name. An agent calls it at start-up to confirm or cancel what
// a previous process left behind.
func (s *Store) InFlight() ([]DeviceState, error) {
	return s.collect(func(st *DeviceState) bool { return st.InFlight != nil })
}

// SetInFlight records txn as the named device's pending confirmed commit,
// replacing any previous one. txn must not be nil (use ClearInFlight) and
// its Device, if set, must be name.
func (s *Store) SetInFlight(name string, txn *providers.Txn) error {
	if txn == nil {
		return fmt.Errorf("set in-flight commit of %s: %w: nil txn", name, ErrInvalid)
	}
	if txn.Device != "" && txn.Device != name {
		return fmt.Errorf("set in-flight commit of %s: %w: txn is for device %q", name, ErrInvalid, txn.Device)
	}
	// Update encodes st before returning, so keeping txn is safe.
	return s.Update(name, func(st *DeviceState) error {
		if st.InFlight == nil || st.InFlight.ID != txn.ID {
			// InFlightChanges stay: the caller records them first.
			st.InFlightIntent, st.InFlightRevision = "", ""
		}
		st.InFlight = txn
		return nil
	})
}

// ClearInFlight forgets the named device's pending confirmed commit, once
// it is confirmed or cancelled. It is idempotent and does not create a
// record for an unknown device.
func (s *Store) ClearInFlight(name string) error {
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDevices)
		raw := b.Get([]byte(name))
		if raw == nil {
			return nil
		}
		var st DeviceState
		if err := decodeDevice(raw, &st); err != nil {
			return err
		}
		if st.InFlight == nil {
			return nil
		}
		st.InFlight, st.InFlightIntent, st.InFlightRevision, st.InFlightChanges = nil, "", "", nil
		raw, err := json.Marshal(&st)
		if err != nil {
			return fmt.Errorf("encode: %w", err)
		}
		return b.Put([]byte(name), raw)
	})
	if err != nil {
		return fmt.Errorf("clear in-flight commit of %s: %w", name, err)
	}
	return nil
}

// collect returns the decoded records for which keep is true, in key
// order.
func (s *Store) collect(keep func(*DeviceState) bool) ([]DeviceState, error) {
	var out []DeviceState
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDevices).ForEach(func(k, v []byte) error {
			var st DeviceState
			if err := decodeDevice(v, &st); err != nil {
				return fmt.Errorf("device %s: %w", k, err)
			}
			if keep(&st) {
				out = append(out, st)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list device states: %w", err)
	}
	return out, nil
}

// decodeDevice unmarshals a stored record. json.Unmarshal copies, so the
// result does not alias bbolt's mmap (which is only valid inside the
// transaction).
func decodeDevice(raw []byte, st *DeviceState) error {
	if err := json.Unmarshal(raw, st); err != nil {
		return fmt.Errorf("decode device record: %w", err)
	}
	return nil
}
