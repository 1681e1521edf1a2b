package fleet

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/switchyard/switchyard/internal/gitsource"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/providers"
)

// Journal keeps a command-line run in the state directory, as the daemon
// keeps its own: it settles the confirmed commits earlier runs left in
// flight, records every commit in flight before it can reach the device,
// writes an audit record per device changed or attempted, and the run. It
// holds the directory's Store (and so its exclusive lock) until Close.
// It is safe for concurrent use.
type Journal struct {
	store    *state.Store
	audit    *state.Audit
	rev      gitsource.Revision
	operator string
	log      *slog.Logger
	now      func() time.Time
	start    time.Time

	fp *state.Fingerprinter

	mu      sync.Mutex
	intents map[string]string             // device -> intent digest of this run's unit
	units   map[string]*rollout.Unit      // device -> this run's unit
	changes map[string][]providers.Change // device -> the changes being pushed
}

// OpenJournal opens the state directory dir for a run of revision rev,
// waiting up to lockTimeout for another process (a daemon, another CLI
// run) to release it; the error then names the holder. holder describes
// this process to others (for example "switchyard apply").
func OpenJournal(dir string, lockTimeout time.Duration, holder string, rev gitsource.Revision, log *slog.Logger) (*Journal, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	st, err := state.Open(dir, state.WithLockTimeout(lockTimeout), state.WithHolder(holder))
	if err != nil {
		return nil, err
	}
	a, err := state.OpenAudit(dir, state.WithAuditLogger(log))
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	fp, err := state.OpenFingerprinter(dir)
	if err != nil {
		_ = a.Close()
		_ = st.Close()
		return nil, err
	}
	return &Journal{store: st, audit: a, fp: fp, rev: rev, operator: state.CurrentOperator(), log: log,
		now: time.Now, start: time.Now(), intents: map[string]string{}, units: map[string]*rollout.Unit{},
		changes: map[string][]providers.Change{}}, nil
}

// NewJournal returns a Journal over a state directory already open (the
// daemon's store, audit log and fingerprinter), for what the CLI and the
// daemon share (timer proofs); Close must not be called on it: the owner
// closes what it opened.
func NewJournal(st *state.Store, a *state.Audit, fp *state.Fingerprinter, rev gitsource.Revision, operator string, log *slog.Logger) *Journal {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Journal{store: st, audit: a, fp: fp, rev: rev, operator: operator, log: log,
		now: time.Now, start: time.Now(), intents: map[string]string{}, units: map[string]*rollout.Unit{},
		changes: map[string][]providers.Change{}}
}

// Close releases the state directory.
func (j *Journal) Close() error {
	aerr := j.audit.Close()
	if err := j.store.Close(); err != nil {
		return err
	}
	return aerr
}

// PendingError says that a device still has a confirmed commit pending
// from an earlier run that could not be settled: its configuration is not
// final, so it is neither "in sync" nor pushed to.
type PendingError struct {
	Device string
	Txn    *providers.Txn
	Reason string
}

// Error names the device, the commit and when the device reverts it.
func (e *PendingError) Error() string {
	when := "the device has no timer"
	if !e.Txn.Deadline.IsZero() {
		when = "the device reverts it at " + e.Txn.Deadline.Format(time.RFC3339)
	}
	return fmt.Sprintf("%s: commit %s of an earlier run is still pending (%s) and could not be settled: %s", e.Device, e.Txn.ID, when, e.Reason)
}

// Settle resolves every commit the state says is in flight on one of
// units' devices (rollout.Resolve: confirmed where the device shows the
// intent the earlier run pushed, which this run can tell only when its own
// intent for the device is the same; cancelled otherwise), before this run
// reads or pushes anything. It returns the devices whose commit is still
// pending; callers report them as such, never as in sync. Commits on
// devices outside units are left alone and logged.
func (j *Journal) Settle(ctx context.Context, units []rollout.Unit) map[string]*PendingError {
	sts, err := j.store.InFlight()
	out := map[string]*PendingError{}
	if err != nil {
		j.log.Error("cannot read in-flight commits; not pushing to any device", "err", err)
		for _, u := range units {
			out[u.Name] = &PendingError{Device: u.Name, Txn: &providers.Txn{}, Reason: err.Error()}
		}
		return out
	}
	byName := map[string]*rollout.Unit{}
	for i := range units {
		byName[units[i].Name] = &units[i]
	}
	for _, st := range sts {
		u := byName[st.Name]
		if u == nil {
			j.log.Warn("a commit of an earlier run is in flight on a device outside this run; not settled", "device", st.Name, "txn", st.InFlight.ID)
			continue
		}
		if p := j.settleOne(ctx, u, st); p != nil {
			out[u.Name] = p
		}
	}
	return out
}

func (j *Journal) settleOne(ctx context.Context, u *rollout.Unit, st state.DeviceState) *PendingError {
	txn := st.InFlight
	digest, _ := IntentDigest(u)
	known := st.InFlightIntent != "" && st.InFlightIntent == digest
	res, err := rollout.Resolve(ctx, u, txn, known)
	if err != nil {
		if txn.Deadline.IsZero() || j.now().Before(txn.Deadline) {
			return &PendingError{Device: u.Name, Txn: txn, Reason: err.Error()}
		}
		res = rollout.Settled{Resolution: "expired", Why: "past its deadline, reverted by the device: " + err.Error()}
	}
	rec := state.Record{Device: u.Name, Result: string(res.Resolution), TxnID: txn.ID, AfterDigest: res.Digest,
		Revision: st.InFlightRevision, Summary: "in-flight commit of an earlier run settled"}
	if res.Why != "" {
		rec.Summary += ": " + res.Why
	}
	j.append(rec)
	if res.Resolution == rollout.ResolvedConfirmed && len(st.InFlightChanges) > 0 {
		// What the earlier run set is switchyard's now, as if that run
		// had confirmed it itself.
		r := rollout.Result{Device: u.Name, Status: rollout.Applied, Changes: st.InFlightChanges}
		if err := RecordOwnership(j.store, j.fp, u, &r, st.InFlightRevision, j.now()); err != nil {
			j.log.Error("cannot record what the settled commit set", "device", u.Name, "err", err)
		}
	}
	if err := j.store.ClearInFlight(u.Name); err != nil {
		return &PendingError{Device: u.Name, Txn: txn, Reason: "settled, but the state could not be updated: " + err.Error()}
	}
	j.log.Info("in-flight commit of an earlier run settled", "device", u.Name, "txn", txn.ID, "result", res.Resolution)
	return nil
}

// Own attaches to units what the state says switchyard set on each
// device (AttachOwnership); devices whose ownership is lost come back as
// failures.
func (j *Journal) Own(units []rollout.Unit) ([]rollout.Unit, []Failure) {
	return AttachOwnership(j.store, units, j.fp)
}

// Adopt records the observed units' current values as originals (see
// Adopt).
func (j *Journal) Adopt(units []rollout.Unit, results []rollout.Result) []Failure {
	return Adopt(j.store, j.fp, units, results, j.now())
}

// Hooks makes cfg record every commit of this run in flight before it can
// reach the device (OnPrepare, OnTxn) and write the audit record of each
// device as it finishes (OnResult, called after any OnResult cfg has).
func (j *Journal) Hooks(units []rollout.Unit, cfg *rollout.Config) {
	j.mu.Lock()
	for i := range units {
		j.intents[units[i].Name], _ = IntentDigest(&units[i])
		j.units[units[i].Name] = &units[i]
	}
	j.mu.Unlock()
	cfg.OnPrepare, cfg.OnTxn = j.persist, j.persist
	cfg.OnChanges = func(device string, changes []providers.Change) {
		j.mu.Lock()
		j.changes[device] = changes
		j.mu.Unlock()
	}
	next := cfg.OnResult
	cfg.OnResult = func(r rollout.Result) {
		if next != nil {
			next(r)
		}
		j.result(&r)
	}
}

// persist records txn as the device's commit in flight (nil clears it).
func (j *Journal) persist(device string, txn *providers.Txn) {
	var err error
	if txn == nil {
		err = j.store.ClearInFlight(device)
	} else {
		j.mu.Lock()
		intent, changes := j.intents[device], j.changes[device]
		j.mu.Unlock()
		err = j.store.Update(device, func(st *state.DeviceState) error {
			st.InFlight, st.InFlightIntent, st.InFlightRevision = txn, intent, j.rev.Hash
			st.InFlightChanges = changes
			return nil
		})
	}
	if err != nil {
		j.log.Error("cannot record the in-flight commit", "device", device, "err", err)
	}
}

// result records one device's outcome: state, and the audit log for
// anything but in-sync and skipped devices.
func (j *Journal) result(r *rollout.Result) {
	if r.Txn != nil && !r.Pending && (r.Status == rollout.Failed || r.Txn.Deadline.IsZero()) {
		j.persist(r.Device, nil)
	}
	if r.Status == rollout.Skipped {
		return
	}
	err := j.store.Update(r.Device, func(st *state.DeviceState) error {
		st.LastResult, st.LastError = string(r.Status), errText(r.Err)
		if r.Status == rollout.Applied || r.Status == rollout.InSync {
			st.LastAppliedRevision, st.LastAppliedAt = j.rev.Hash, j.now()
		}
		return nil
	})
	if err != nil {
		j.log.Warn("cannot record the result", "device", r.Device, "err", err)
	}
	j.mu.Lock()
	u := j.units[r.Device]
	j.mu.Unlock()
	if u != nil {
		if err := RecordOwnership(j.store, j.fp, u, r, j.rev.Hash, j.now()); err != nil {
			j.log.Error("cannot record what the push set", "device", r.Device, "err", err)
		}
	}
	if r.Status != rollout.InSync {
		j.append(AuditRecord(j.rev, r, "revision applied: "+firstLine(j.rev.Message)))
	}
}

func (j *Journal) append(rec state.Record) {
	rec.Operator = j.operator
	if err := j.audit.Append(rec); err != nil {
		j.log.Error("cannot write the audit log", "device", rec.Device, "err", err)
	}
}

// RecordRun adds this run to the state's run history.
func (j *Journal) RecordRun(kind state.RunKind, results []rollout.Result) {
	run := state.Run{Kind: kind, Revision: j.rev.Hash, Author: j.rev.Author, StartedAt: j.start, FinishedAt: j.now()}
	for _, r := range results {
		run.Devices = append(run.Devices, state.RunDevice{Name: r.Device, Result: string(r.Status), Changes: len(r.Changes), Error: errText(r.Err)})
	}
	if _, err := j.store.RecordRun(run); err != nil {
		j.log.Warn("cannot record the run", "err", err)
	}
}

// AuditRecord is the audit record of one device's rollout result, written
// alike by the CLI and the daemon: revision and author, the changes by
// path, the configuration before (digest), the result and the commit id.
func AuditRecord(rev gitsource.Revision, r *rollout.Result, summary string) state.Record {
	rec := state.Record{Revision: rev.Hash, Author: rev.Author, Device: r.Device, Result: AuditResult(r.Status),
		Changes: state.Summarize(r.Changes), BeforeDigest: r.Digest, Error: errText(r.Err), Summary: summary}
	if r.Txn != nil {
		rec.TxnID = r.Txn.ID
	}
	Attribute(&rec, rev)
	return rec
}

// AuditResult names a rollout status in the audit log's vocabulary.
func AuditResult(s rollout.Status) string {
	switch s {
	case rollout.Applied:
		return "confirmed"
	case rollout.RolledBack:
		return "rolled-back"
	case rollout.Failed:
		return "failed"
	}
	return string(s)
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
