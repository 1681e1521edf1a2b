package nxos

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/switchyard/switchyard/providers"
)

// NX-API has no configuration lock that outlives a request, so a run marks
// its change on the device with its own checkpoint (switchyard-<time>-<rand>),
// which every other run sees in "show checkpoint summary". A run pushes
// only while its checkpoint is the oldest switchyard checkpoint there, and
// its checkpoint is deleted when the change is confirmed or cancelled.

// checkpointExtra is Txn.Extra of an NX-API change.
type checkpointExtra struct {
	Checkpoint string `json:"checkpoint"`
	Timer      string `json:"timer"`
	// Pushed is the running digest right after the push.
	Pushed string `json:"pushed,omitempty"`
}

var _ providers.RunningGuard = (*session)(nil)

// ExpectRunning makes the next Begin check, under its checkpoint claim,
// that running still has this digest.
func (s *session) ExpectRunning(digest string) { s.expect = digest }

// claim creates checkpoint name unless another switchyard checkpoint is on
// the device, and keeps it only if it is the oldest switchyard checkpoint
// once created (two runs that raced both see both; the younger backs off).
// A refusal wraps providers.ErrBusy and names the other checkpoint.
func (s *session) claim(ctx context.Context, name string) error {
	names, err := s.c.Checkpoints(ctx)
	if err != nil {
		return fmt.Errorf("list checkpoints on %s: %w", s.t.Name, err)
	}
	if other := firstOurs(names); other != "" {
		return busyWith(s.t.Name, other)
	}
	if len(names) >= maxCheckpoints {
		return fmt.Errorf("checkpoint on %s: the device has %d checkpoints, none of them switchyard's; delete one", s.t.Name, len(names))
	}
	if err := s.c.Checkpoint(ctx, name); err != nil {
		return fmt.Errorf("checkpoint %s on %s: %w", name, s.t.Name, err)
	}
	names, err = s.c.Checkpoints(ctx)
	if err != nil {
		return s.release(ctx, name, fmt.Errorf("list checkpoints on %s: %w", s.t.Name, err))
	}
	if first := firstOurs(names); first != name {
		return s.release(ctx, name, busyWith(s.t.Name, first))
	}
	return nil
}

func busyWith(device, checkpoint string) error {
	return fmt.Errorf("push to %s: %w: switchyard checkpoint %s is on the device (another run's change in flight; "+
		"if that run died, settle it from its state directory or delete the checkpoint with \"no checkpoint %s\")",
		device, providers.ErrBusy, checkpoint, checkpoint)
}

// firstOurs returns the oldest switchyard checkpoint of names (oldest
// first, as the device lists them), or "".
func firstOurs(names []string) string {
	i := slices.IndexFunc(names, func(n string) bool { return strings.HasPrefix(n, CheckpointPrefix) })
	if i < 0 {
		return ""
	}
	return names[i]
}

// release deletes this run's checkpoint after nothing was pushed, and
// returns cause (joined with a failed delete).
func (s *session) release(ctx context.Context, name string, cause error) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err := s.c.DeleteCheckpoint(ctx, name); err != nil {
		return errors.Join(cause, fmt.Errorf("delete checkpoint %s on %s: %w", name, s.t.Name, err))
	}
	return cause
}

// stillOurs checks, before a rollback, that txn's checkpoint is still on
// the device (providers.ErrNotPending otherwise: the change was confirmed
// or rolled back already) and that running is what txn pushed. A txn
// without a recorded digest (prepared, or a push whose re-read failed) is
// rolled back as before. When another writer changed running, the
// checkpoint is deleted and the change left alone (providers.ErrConflict).
func (s *session) stillOurs(ctx context.Context, txn *providers.Txn) error {
	names, err := s.c.Checkpoints(ctx)
	if err != nil {
		return fmt.Errorf("cancel %s on %s: %w", txn.ID, s.t.Name, err)
	}
	if !slices.Contains(names, txn.ID) {
		return fmt.Errorf("cancel %s on %s: %w: the checkpoint is gone", txn.ID, s.t.Name, providers.ErrNotPending)
	}
	var ex checkpointExtra
	if json.Unmarshal(txn.Extra, &ex) != nil || ex.Pushed == "" {
		return nil
	}
	r, err := s.Observe(ctx)
	if err != nil {
		return fmt.Errorf("cancel %s on %s: %w", txn.ID, s.t.Name, err)
	}
	if r.Digest == ex.Pushed {
		return nil
	}
	return s.release(ctx, txn.ID, fmt.Errorf("cancel %s on %s: %w: running is no longer what this run pushed; not rolled back, the other change is left in place",
		txn.ID, s.t.Name, providers.ErrConflict))
}

// PrepareTxn names the checkpoint of the next Begin before it is created,
// so that the caller records it first: a run killed mid-Begin leaves a
// checkpoint that its state names, and the next run settles it.
func (s *session) PrepareTxn(timeout time.Duration) *providers.Txn {
	if s.prepared == "" {
		s.prepared = s.checkpointName()
	}
	return &providers.Txn{Device: s.t.Name, Transport: "nxapi", Kind: providers.ConfirmCheckpoint, ID: s.prepared,
		Deadline: s.now().Add(timeout)}
}

var _ providers.TxnPreparer = (*session)(nil)
