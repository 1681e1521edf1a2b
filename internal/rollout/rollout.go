package rollout

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/switchyard/switchyard/providers"
)

// Driver is what the rollout needs of a platform provider.
type Driver interface {
	providers.Connector
	providers.Differ
}

// Unit is one device the rollout acts on.
type Unit struct {
	Name    string
	Target  providers.Target
	Desired *providers.Desired
	Driver  Driver
	// Expect, when set, is the device's running-config digest recorded in a
	// saved plan: apply refuses the device if it changed since.
	Expect string
	// Confirm is the device's rollback mechanism (a providers.Confirm*
	// constant, from its release profile or its provider's capabilities,
	// see providers.Mechanism), against which the confirm timeout is
	// checked before any device is contacted. A mechanism without a
	// device-side timer is refused unless Target.AllowWithoutDeviceTimer.
	Confirm string
}

// Status is the outcome of one device.
type Status string

// Statuses.
const (
	InSync     Status = "in-sync"     // nothing to change
	Changes    Status = "changes"     // plan only: changes pending
	Applied    Status = "applied"     // pushed, verified and confirmed
	Failed     Status = "failed"      // nothing changed, or reverted
	RolledBack Status = "rolled-back" // pushed, verification failed, cancelled
	Skipped    Status = "skipped"     // not attempted (failure budget, canary)
)

// Result is what happened on one device.
type Result struct {
	Device   string             `json:"device"`
	Status   Status             `json:"status"`
	Changes  []providers.Change `json:"changes,omitempty"`
	Digest   string             `json:"running_digest,omitempty"`
	Warnings []string           `json:"warnings,omitempty"`
	Txn      *providers.Txn     `json:"txn,omitempty"`
	// Pending is true when Txn may still be pending on the device (neither
	// confirmed nor cancelled: the session broke): keep it in flight, and
	// resolve it later; the device reverts it by itself at its deadline.
	Pending bool `json:"pending,omitempty"`
	// SecretForms are the stored forms of the device's secrets (see
	// providers.SecretFormer) as the last read of this result showed them:
	// after the push for Applied. Never serialised or shown: a form may
	// reveal its value (type 7 is reversible).
	SecretForms map[string]string `json:"-"`
	// ChangedBy is, for a device that drifted, who changed it as the device
	// records it (Config.AttributeSince); nil when the device does not say.
	ChangedBy *providers.Attribution `json:"changed_by,omitempty"`
	Err       error                  `json:"-"`
	Duration  time.Duration          `json:"duration"`
}

// Config tunes a rollout. The zero value is usable: concurrency 10, no
// canary, halt after the first failure, a two-minute confirm timeout.
type Config struct {
	// Concurrency is how many devices are worked on at once.
	Concurrency int
	// Canary devices are applied first, one at a time; if any fails, the
	// rest are skipped.
	Canary int
	// MaxFailures is the failure budget: once more devices than this have
	// failed, devices not yet started are skipped. Whatever Concurrency is,
	// the rollout starts slowly: at most MaxFailures+1 devices are in
	// progress at first, and each device that succeeds lets one more start
	// (up to Concurrency), so a budget of 0 stops after the first failure
	// even when Concurrency covers the whole fleet.
	MaxFailures int
	// ConfirmTimeout is how long a device waits for the confirm before it
	// reverts by itself. Zero means two minutes; it is checked against
	// every unit's mechanism (providers.CheckConfirmTimeout) before any
	// device is contacted, and a misfit fails the whole rollout.
	ConfirmTimeout time.Duration
	// Logger receives per-device progress; nil discards.
	Logger *slog.Logger
	// OnResult, when set, is called as each device finishes (for progress
	// display). It is called from several goroutines, one call at a time.
	OnResult func(Result)
	// OnTxn, when set, is called when a confirmed commit is in flight and
	// again (with Txn nil) when it is resolved, so a caller can persist it.
	OnTxn func(device string, txn *providers.Txn)
	// OnPrepare, when set, is called with the txn a session names before
	// it sends the commit (providers.TxnPreparer), so that a caller
	// persists the id before the device can hold the change; persist it as
	// OnTxn's. If nothing is committed after all, OnTxn(device, nil)
	// follows.
	OnPrepare func(device string, txn *providers.Txn)
	// OnChanges, when set, is called with the changes a device is about to
	// be pushed, before OnPrepare, so that a caller can record with the
	// in-flight commit what it sets.
	OnChanges func(device string, changes []providers.Change)
	// AttributeSince, when set, makes Observe ask each device that differs
	// from its intent, and for which AttributeSince reports ok (the
	// difference is drift, not a new intent), who changed it
	// (providers.ChangeAttributor) after since (switchyard's last push
	// there; zero for any time), into Result.ChangedBy. A device that
	// cannot say is left unattributed, never attributed to the intent's
	// author.
	AttributeSince func(device string) (since time.Time, ok bool)
}

func (c *Config) defaults() {
	if c.Concurrency <= 0 {
		c.Concurrency = 10
	}
	if c.ConfirmTimeout == 0 { // negative is refused by CheckTimeouts
		c.ConfirmTimeout = 2 * time.Minute
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
}

// ErrStale is returned (wrapped) for a device whose running configuration
// changed since the saved plan was made.
var ErrStale = errors.New("device changed since the plan was made")

// connect opens a session, naming the device in errors.
func connect(ctx context.Context, u *Unit) (providers.Session, error) {
	s, err := u.Driver.Connect(ctx, u.Target)
	if err != nil {
		return nil, fmt.Errorf("connect to %s (%s): %w", u.Name, u.Target.Address, err)
	}
	return s, nil
}

// observation is a device's running configuration as one session read it,
// and what it means against the unit's intent.
type observation struct {
	running *providers.Running
	// desired is u.Desired with its secret list keys aliased (see
	// providers.AliasSecretKeys) and the secrets the device shows changed
	// (providers.Ownership.FormsChanged) added to its ownership's Changed:
	// what Diff was given and what Begin must be given.
	desired *providers.Desired
	changes []providers.Change
	// forms are the stored forms of the secrets running shows (see
	// providers.SecretFormer); nil when the driver shows none.
	forms map[string]string
}

// observe reads running config and diffs it against the desired one.
func observe(ctx context.Context, u *Unit, s providers.Session) (*observation, error) {
	running, err := s.Observe(ctx)
	if err != nil {
		return nil, fmt.Errorf("read running configuration of %s: %w", u.Name, err)
	}
	desired, err := providers.AliasSecretKeys(u.Desired, running, u.Target.Secrets)
	if err != nil {
		return nil, fmt.Errorf("diff %s: %w", u.Name, err)
	}
	o := &observation{running: running, desired: desired}
	if f, ok := u.Driver.(providers.SecretFormer); ok && desired != nil {
		o.forms = f.SecretForms(desired, running)
		if changed := desired.Owned.FormsChanged(o.forms); len(changed) > 0 {
			d, own := *desired, *desired.Owned
			own.Changed = append(slices.Clone(own.Changed), changed...)
			d.Owned = &own
			o.desired = &d
		}
	}
	o.changes, err = u.Driver.Diff(o.desired, running)
	if err != nil {
		return nil, fmt.Errorf("diff %s: %w", u.Name, err)
	}
	return o, nil
}
