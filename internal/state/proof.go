package state

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// bucketProofs holds one Proof per device, keyed by device name. It is
// created on first write, so stores made before it read as "no proof".
var bucketProofs = []byte("proofs")

// Proof is the outcome of the last timer proof on a device: a harmless
// change pushed with the mechanism's shortest timer, and whether the device
// reverted it by itself. A proof holds for the mechanism and release it was
// made on; a new release needs a new proof.
type Proof struct {
	Device string `json:"device"`
	// Mechanism is the providers.Confirm* kind proven.
	Mechanism string `json:"mechanism"`
	// Release is the device's release profile ("iosxe 17.18.1"), "" when
	// the device has none.
	Release string `json:"release,omitempty"`
	// OK reports whether the device reverted the change by itself.
	OK bool `json:"ok"`
	// At is when the proof finished.
	At time.Time `json:"at"`
	// Timer is the confirm timeout the proof used.
	Timer time.Duration `json:"timer"`
	// Detail says what was changed and what was seen (why it failed).
	Detail string `json:"detail,omitempty"`
}

// Covers reports whether p is a proof of mechanism on release (passed or
// failed): a device whose mechanism or release changed since needs a new
// proof.
func (p *Proof) Covers(mechanism, release string) bool {
	return p != nil && p.Mechanism == mechanism && p.Release == release
}

// SetProof records p as the device's last proof, replacing any earlier one.
func (s *Store) SetProof(p Proof) error {
	if p.Device == "" {
		return fmt.Errorf("record proof: %w: empty device name", ErrInvalid)
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("record proof of %s: %w", p.Device, err)
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketProofs)
		if err != nil {
			return err
		}
		return b.Put([]byte(p.Device), raw)
	})
	if err != nil {
		return fmt.Errorf("record proof of %s: %w", p.Device, err)
	}
	return nil
}

// Proofs returns the last proof of every device that has one, by name.
func (s *Store) Proofs() (map[string]Proof, error) {
	out := map[string]Proof{}
	err := s.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketProofs)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var p Proof
			if err := json.Unmarshal(v, &p); err != nil {
				return fmt.Errorf("decode proof of %s: %w", k, err)
			}
			out[string(k)] = p
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read proofs: %w", err)
	}
	return out, nil
}
