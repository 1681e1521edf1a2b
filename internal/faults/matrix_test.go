package faults

import (
	"slices"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/rollout"
)

// A fault is one (transport, failure point) case of the matrix.
type fault struct {
	tr, point string
	// arm installs the failure: hooks run at lifecycle steps of the faulty
	// run (typically arming a simulator knob just before the step).
	arm func(tg *target) map[step]func()
	// want lists the statuses the faulty run may end with.
	want []rollout.Status
	// slow cases run only in the full matrix (build tag faults).
	slow bool
	// bug, when set, names an open product bug this case shows: the case
	// breaks the invariant and runs only with build tag faultbugs
	// (docs/reliability.md).
	bug string
}

// Failure points.
const (
	pBeforeEdit     = "dropped before edit"
	pAfterEdit      = "dropped after edit"
	pAfterCommit    = "dropped after the confirmed commit"
	pDuringVerify   = "dropped during verify"
	pBeforeConfirm  = "dropped before confirm"
	pDuringConfirm  = "dropped during confirm"
	pSlow           = "device slow (2 s per RPC)"
	pRejected       = "commit rejected"
	pConfirmLost    = "confirm lost"
	pConfirmTooLate = "confirm after the device timer fired"
)

var (
	failed     = []rollout.Status{rollout.Failed}
	applied    = []rollout.Status{rollout.Applied}
	rolledBack = []rollout.Status{rollout.RolledBack}
	// settled: the push's answer was lost, so the run either verified and
	// confirmed the change or found it not done and cancelled it.
	settled = []rollout.Status{rollout.Applied, rollout.RolledBack}
	// notDone: the push failed before the device took it, and a push whose
	// answer was lost is cancelled just in case.
	notDone = []rollout.Status{rollout.Failed, rollout.RolledBack}
)

// at returns hooks that run f at step s.
func at(s step, f func()) map[step]func() { return map[step]func(){s: f} }

// matrix returns every case that can be injected. Step-relative counts
// ("after n") are RPCs of the session call the hook precedes; they are
// spelled out in docs/reliability.md.
func matrix() []fault {
	drop := func(s step, n int) func(*target) map[step]func() {
		return func(tg *target) map[step]func() { return at(s, func() { tg.sim.dropAfter(n) }) }
	}
	lose := func(s step, n int) func(*target) map[step]func() {
		return func(tg *target) map[step]func() { return at(s, func() { tg.sim.loseReplyAfter(n) }) }
	}
	reject := func(s step) func(*target) map[step]func() {
		return func(tg *target) map[step]func() { return at(s, func() { tg.sim.failCommit("simulated failure") }) }
	}
	late := func(tg *target) map[step]func() {
		return at(beforeConfirm, func() { tg.sim.clock.Advance(confirmTimeout + time.Minute) })
	}
	slow := func(tg *target) map[step]func() { tg.sim.setLatency(2 * time.Second); return nil }
	rejectEdit := func(tg *target) map[step]func() {
		return at(beforeBegin, func() { _ = tg.sim.nc.Knobs().RejectPath("/interfaces", "simulated failure") })
	}
	nxDropNext := func(s step, n int) func(*target) map[step]func() {
		return func(tg *target) map[step]func() { return at(s, func() { tg.sim.nx.Knobs().DropNext(n) }) }
	}
	return []fault{
		// NETCONF: lock, lock, discard-changes, edit-config, validate,
		// commit confirmed, unlock, unlock; confirm and cancel are one RPC.
		{tr: tNETCONF, point: pBeforeEdit, arm: drop(beforeBegin, 3), want: failed},
		{tr: tNETCONF, point: pAfterEdit, arm: drop(beforeBegin, 4), want: failed},
		{tr: tNETCONF, point: pAfterCommit, arm: drop(beforeBegin, 6), want: settled},
		{tr: tNETCONF, point: pDuringVerify, arm: drop(beforeVerify, 0), want: rolledBack},
		{tr: tNETCONF, point: pBeforeConfirm, arm: drop(beforeConfirm, 0), want: rolledBack},
		{tr: tNETCONF, point: pDuringConfirm, arm: lose(beforeConfirm, 0), want: rolledBack},
		{tr: tNETCONF, point: pSlow, arm: slow, want: applied, slow: true},
		{tr: tNETCONF, point: pRejected, arm: reject(beforeBegin), want: failed},
		{tr: tNETCONF, point: pConfirmLost, arm: reject(beforeConfirm), want: rolledBack},
		{tr: tNETCONF, point: pConfirmTooLate, arm: late, want: rolledBack},

		// NETCONF to IOS-XE 17.18.1 (cisco-ia): Begin is lock, checkpoint,
		// rollback with revert-timer, edit-config, unlock; Confirm is lock,
		// checkpoint, revert, rollback, unlock; Cancel is lock, revert,
		// unlock. "Before edit" drops the edit with the timer armed;
		// "during confirm" loses the answer to the revert that ends the
		// timer, before the change is put back.
		{tr: tXE, point: pBeforeEdit, arm: drop(beforeBegin, 3), want: notDone},
		{tr: tXE, point: pAfterEdit, arm: drop(beforeBegin, 4), want: applied},
		{tr: tXE, point: pAfterCommit, arm: lose(beforeBegin, 3), want: settled},
		{tr: tXE, point: pDuringVerify, arm: drop(beforeVerify, 0), want: rolledBack},
		{tr: tXE, point: pBeforeConfirm, arm: drop(beforeConfirm, 0), want: rolledBack},
		{tr: tXE, point: pDuringConfirm, arm: lose(beforeConfirm, 2), want: rolledBack},
		{tr: tXE, point: pSlow, arm: slow, want: applied, slow: true},
		{tr: tXE, point: pRejected, arm: rejectEdit, want: failed},
		{tr: tXE, point: pConfirmTooLate, arm: late, want: rolledBack},

		// gNMI: Begin is one Set (edit and commit at once); confirm and
		// cancel are one Set each.
		{tr: tGNMI, point: pBeforeEdit, arm: drop(beforeBegin, 0), want: notDone},
		{tr: tGNMI, point: pAfterCommit, arm: lose(beforeBegin, 0), want: settled},
		{tr: tGNMI, point: pDuringVerify, arm: drop(beforeVerify, 0), want: rolledBack},
		{tr: tGNMI, point: pBeforeConfirm, arm: drop(beforeConfirm, 0), want: rolledBack},
		{tr: tGNMI, point: pDuringConfirm, arm: lose(beforeConfirm, 0), want: rolledBack},
		{tr: tGNMI, point: pSlow, arm: slow, want: applied, slow: true},
		{tr: tGNMI, point: pRejected, arm: reject(beforeBegin), want: failed},
		{tr: tGNMI, point: pConfirmLost, arm: reject(beforeConfirm), want: rolledBack},
		{tr: tGNMI, point: pConfirmTooLate, arm: late, want: rolledBack},

		// NX-API: Begin is checkpoint list, checkpoint, checkpoint list (the
		// per-run claim), show running-config, config; Confirm is checkpoint list, checkpoint delete; Cancel is
		// rollback, checkpoint delete. Reads are retried (3 times).
		{tr: tNXAPI, point: pBeforeEdit, arm: drop(beforeBegin, 4), want: failed},
		{tr: tNXAPI, point: pAfterEdit, arm: lose(beforeBegin, 4), want: failed},
		{tr: tNXAPI, point: pAfterCommit, arm: drop(afterBegin, 0), want: applied},
		{tr: tNXAPI, point: pDuringVerify, arm: nxDropNext(beforeVerify, 4), want: rolledBack},
		{tr: tNXAPI, point: pBeforeConfirm, arm: nxDropNext(beforeConfirm, 4), want: rolledBack},
		{tr: tNXAPI, point: pDuringConfirm, arm: lose(beforeConfirm, 1), want: rolledBack},
		{tr: tNXAPI, point: pSlow, arm: slow, want: applied, slow: true},
		{tr: tNXAPI, point: pRejected, arm: reject(beforeBegin), want: failed},
		{tr: tNXAPI, point: pConfirmLost, arm: drop(beforeConfirm, 1), want: rolledBack},

		// CLI: the push session's show running-config; Begin is dir flash:,
		// show archive config rollback timer, an SCP upload (not counted by
		// the knobs), dir flash: (the per-run claim) and configure replace; Confirm
		// is configure confirm, delete, write memory; Cancel is configure
		// revert now, delete.
		{tr: tCLI, point: pBeforeEdit, arm: drop(step{Op: "observe", Session: 1}, 0), want: failed},
		{tr: tCLI, point: pAfterEdit, arm: drop(beforeBegin, 3), want: notDone},
		{tr: tCLI, point: pAfterCommit, arm: lose(beforeBegin, 3), want: settled},
		{tr: tCLI, point: pDuringVerify, arm: drop(beforeVerify, 0), want: rolledBack},
		{tr: tCLI, point: pBeforeConfirm, arm: drop(beforeConfirm, 0), want: rolledBack},
		{tr: tCLI, point: pDuringConfirm, arm: lose(beforeConfirm, 0), want: rolledBack},
		{tr: tCLI, point: pSlow, arm: slow, want: applied, slow: true},
		{tr: tCLI, point: pRejected, arm: reject(beforeBegin), want: failed},
		{tr: tCLI, point: pConfirmTooLate, arm: late, want: rolledBack},
	}
}

// TestFaultMatrix runs every case of the matrix this build selects: the
// fast cases always, the slow ones with -tags faults, the open bugs with
// -tags faultbugs.
func TestFaultMatrix(t *testing.T) {
	for _, f := range matrix() {
		if (f.slow && !fullMatrix) || (f.bug != "" && !openBugs) {
			continue
		}
		t.Run(f.tr+"/"+f.point, func(t *testing.T) {
			t.Parallel()
			runFault(t, f)
		})
	}
}

// runFault runs one case: the faulty apply, the invariant, a restarted
// run, and convergence.
func runFault(t *testing.T, f fault) {
	tg := newTarget(t, f.tr)
	r, _ := tg.apply(t.Context(), f.arm(tg))
	if !slices.Contains(f.want, r.Status) {
		t.Errorf("faulty run: status %s (%v), want one of %v", r.Status, r.Err, f.want)
	}
	state := tg.checkOldOrNew(t, "after the faulty run")
	pending := tg.sim.pending()
	tg.sim.resetKnobs()
	out, err := tg.restart(t.Context())
	if err != nil {
		t.Errorf("restart: %v", err)
	}
	if out.Pushes > 1 {
		t.Errorf("the restarted run pushed %d times, want at most once", out.Pushes)
	}
	tg.checkOldOrNew(t, "after the restarted run")
	tg.checkConverged(t)
	t.Logf("faulty run: %s (%v); device %s, pending %t; restart: resolved %q, %s, %d push(es)",
		r.Status, r.Err, state, pending, out.Resolved, out.Status, out.Pushes)
}
