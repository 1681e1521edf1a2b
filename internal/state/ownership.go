package state

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/switchyard/switchyard/internal/diff"
)

// bucketOwnership holds one Ownership per device, keyed by device name. It
// is created on first write, so stores written before ownership existed
// open unchanged (and show no record: see ErrOwnershipLost).
var bucketOwnership = []byte("ownership")

// ErrOwnershipLost is returned (wrapped) when the state has no ownership
// record for a device although switchyard has applied to it before (its
// device record or the audit log says so), or a saved plan was made
// against another ownership generation: what switchyard set there is no
// longer known, and treating it as "nothing owned" would leave removed
// intent on the device. `switchyard adopt` records the device afresh.
var ErrOwnershipLost = errors.New("ownership record lost")

// Ownership is what switchyard set on one device: the claims (paths, the
// revision that set each, the value before), and the keyed fingerprints of
// the secrets it pushed. Generation counts the writes of the record; a
// plan carries the generation it was made against.
type Ownership struct {
	Device     string       `json:"device"`
	Generation uint64       `json:"generation"`
	Claims     []diff.Claim `json:"claims,omitempty"`
	// Secrets maps a secret's configuration path to what is known of the
	// value switchyard last pushed there (never the value).
	Secrets map[string]SecretMark `json:"secrets,omitempty"`
	// Adopted is set when `switchyard adopt` wrote the record.
	Adopted   bool      `json:"adopted,omitempty"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// SecretMark is what the state keeps of a secret pushed to a device:
// Fingerprint is a keyed HMAC-SHA256 of the value (see Fingerprinter);
// DeviceForm is the form the device showed for it after the push (a hash
// or an encrypted string), empty where the device shows nothing.
type SecretMark struct {
	Fingerprint string `json:"fingerprint"`
	DeviceForm  string `json:"device_form,omitempty"`
}

// Ownership returns the ownership record of the named device; ok is false
// when there is none.
func (s *Store) Ownership(name string) (o Ownership, ok bool, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOwnership)
		if b == nil {
			return nil
		}
		raw := b.Get([]byte(name))
		if raw == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(raw, &o)
	})
	if err != nil {
		return Ownership{}, false, fmt.Errorf("read ownership of %s: %w", name, err)
	}
	return o, ok, nil
}

// UpdateOwnership reads the named device's ownership record (an empty one
// if there is none), passes it to fn, and writes it back with Generation
// incremented, in one transaction; a record fn leaves as it was is not
// rewritten (its generation stays). fn returning an error writes nothing.
// fn must not call other Store methods.
func (s *Store) UpdateOwnership(name string, now time.Time, fn func(*Ownership) error) error {
	if name == "" {
		return fmt.Errorf("update ownership: %w: empty device name", ErrInvalid)
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketOwnership)
		if err != nil {
			return err
		}
		o := Ownership{Device: name}
		old := b.Get([]byte(name))
		if old != nil {
			if err := json.Unmarshal(old, &o); err != nil {
				return fmt.Errorf("decode: %w", err)
			}
		}
		before, _ := json.Marshal(&o)
		if err := fn(&o); err != nil {
			return err
		}
		o.Device = name
		if after, _ := json.Marshal(&o); old != nil && string(after) == string(before) {
			return nil // nothing changed: the generation stays
		}
		o.Generation, o.UpdatedAt = o.Generation+1, now.UTC()
		raw, err := json.Marshal(&o)
		if err != nil {
			return fmt.Errorf("encode: %w", err)
		}
		return b.Put([]byte(name), raw)
	})
	if err != nil {
		return fmt.Errorf("update ownership of %s: %w", name, err)
	}
	return nil
}

// OwnershipLost reports why the named device's ownership must be
// considered lost when the store has no record for it, or "" when nothing
// says switchyard ever changed the device. The signals are the device's
// own record (a revision applied or confirmed in sync) and, in the state
// directory, the audit log (a confirmed push): either survives the loss of
// the other. Losing the whole directory is not detectable here; a saved
// plan then refuses to apply (its generation no longer matches).
func (s *Store) OwnershipLost(name string) string {
	if st, err := s.Get(name); err == nil && st.LastAppliedRevision != "" {
		return fmt.Sprintf("the state says revision %s was applied to %s, but has no ownership record for it", diff.ShortRev(st.LastAppliedRevision), name)
	}
	recs, _, err := ReadAudit(s.dir, Filter{Device: name})
	if err != nil {
		return ""
	}
	for _, r := range recs {
		if r.Result == "confirmed" {
			return fmt.Sprintf("the audit log shows a confirmed push to %s (revision %s) that the state has no ownership record of", name, diff.ShortRev(r.Revision))
		}
	}
	return ""
}
