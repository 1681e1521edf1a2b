package devicesim

import (
	"strconv"
	"time"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// pendingCommit is a confirmed commit awaiting confirmation (RFC 6241 §8.4).
type pendingCommit struct {
	// owner is the session that must confirm a non-persist commit.
	owner uint32
	// persist is the token of a persist commit ("" when none).
	persist string
	// snapshot is running before the first confirmed commit of the series.
	snapshot *xmltree.Element
	timer    Timer
	// gen identifies the current timer so a stale one does nothing.
	gen      uint64
	deadline time.Time
}

// commitParams are the parameters of <commit>.
type commitParams struct {
	confirmed bool
	timeout   time.Duration
	persist   string
	persistID *string
}

func (d *Device) parseCommit(op *xmltree.Element) (commitParams, *RPCError) {
	p := commitParams{confirmed: param(op, "confirmed") != nil, timeout: d.cfg.ConfirmTimeout}
	if e := param(op, "confirm-timeout"); e != nil {
		n, err := strconv.ParseUint(e.Text, 10, 32)
		if err != nil || n == 0 {
			return p, invalidValue("confirm-timeout "+e.Text+" is not a positive number of seconds").
				withInfo("bad-element", "confirm-timeout")
		}
		p.timeout = time.Duration(n) * time.Second
	}
	if e := param(op, "persist"); e != nil {
		if e.Text == "" {
			return p, invalidValue("persist needs a value").withInfo("bad-element", "persist")
		}
		p.persist = e.Text
	}
	if e := param(op, "persist-id"); e != nil {
		id := e.Text
		p.persistID = &id
	}
	return p, nil
}

// checkPending checks that session sid may act on the pending confirmed
// commit (confirm, extend or cancel it) with the given persist-id.
func (d *Device) checkPending(sid uint32, persistID *string) *RPCError {
	p := d.state.pending
	switch {
	case p == nil && persistID != nil:
		return invalidValue("no confirmed commit with persist-id "+*persistID+" is pending").
			withInfo("bad-element", "persist-id")
	case p == nil:
		return nil
	case p.persist != "" && persistID == nil:
		return inUse(0, "a persistent confirmed commit is pending; give its persist-id")
	case p.persist != "" && *persistID != p.persist:
		return invalidValue("persist-id does not match the pending confirmed commit").
			withInfo("bad-element", "persist-id")
	case p.persist == "" && persistID != nil:
		return invalidValue("the pending confirmed commit has no persist-id").
			withInfo("bad-element", "persist-id")
	case p.persist == "" && p.owner != sid:
		return inUse(p.owner, "a confirmed commit from session "+itoa(p.owner)+" is pending")
	}
	return nil
}

// opCommit is <commit> (RFC 6241 §8.3.4, §8.4.5): plain, confirmed,
// follow-up confirmed (extends the timer, keeps the original snapshot) and
// confirming commits.
func (d *Device) opCommit(s *session, op *xmltree.Element) result {
	if d.state.candidate == nil {
		return fail(notSupported("commit needs the :candidate capability"))
	}
	p, err := d.parseCommit(op)
	if err != nil {
		return fail(err)
	}
	if p.confirmed && !d.hasConfirmedCommit() {
		return fail(newError(ErrTypeProtocol, TagUnknownElement, "confirmed commit needs the :confirmed-commit capability, which this device does not advertise").withInfo("bad-element", "confirmed"))
	}
	for _, ds := range []string{Running, Candidate} {
		if err := d.checkLock(ds, s.id); err != nil {
			return fail(err)
		}
	}
	if err := d.checkPending(s.id, p.persistID); err != nil {
		return fail(err)
	}
	if msg, ok := d.knobs.takeCommitFailure(); ok {
		return fail(newError(ErrTypeApplication, TagOperationFailed, msg))
	}
	if err := d.validate(d.state.candidate); err != nil {
		return fail(err)
	}
	pend := d.state.pending
	if pend == nil && p.confirmed {
		pend = &pendingCommit{snapshot: d.state.running.Clone()}
	}
	before := d.state.running
	d.state.running = d.state.candidate.Clone()
	clear(d.state.dirtyBy)
	d.changed(s, before)
	if !p.confirmed {
		if pend != nil {
			pend.timer.Stop()
			d.state.pending = nil
			d.log.Info("confirmed commit confirmed", "session", s.id)
		}
		d.log.Info("committed", "session", s.id)
		return result{}
	}
	d.armConfirm(pend, s.id, p)
	return result{}
}

// armConfirm (re)starts the confirm timer of pend for a confirmed commit.
func (d *Device) armConfirm(pend *pendingCommit, sid uint32, p commitParams) {
	if pend.timer != nil {
		pend.timer.Stop()
	}
	pend.owner, pend.persist = sid, p.persist
	if p.persist != "" {
		pend.owner = 0
	}
	pend.gen++
	gen := pend.gen
	pend.deadline = d.cfg.Clock.Now().Add(p.timeout)
	pend.timer = d.cfg.Clock.AfterFunc(p.timeout, func() { d.confirmExpired(pend, gen) })
	d.state.pending = pend
	d.log.Info("confirmed commit pending", "session", sid, "timeout", p.timeout, "persist", p.persist != "")
}

// confirmExpired reverts running when the confirm timer of generation gen fires.
func (d *Device) confirmExpired(pend *pendingCommit, gen uint64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed || d.state.pending != pend || pend.gen != gen {
		return
	}
	if d.knobs.revertTimerBroken() {
		d.state.pending = nil
		d.log.Info("confirm timeout expired; the revert did not happen (knob)")
		return
	}
	d.log.Info("confirm timeout expired; reverting")
	d.revertLocked(nil)
}

// revertLocked restores running to the snapshot taken before the pending
// confirmed commit and resets the candidate to it; by is the session that
// cancelled, nil when the device reverts by itself.
func (d *Device) revertLocked(by *session) {
	pend := d.state.pending
	if pend == nil {
		return
	}
	if pend.timer != nil {
		pend.timer.Stop()
	}
	d.state.pending = nil
	before := d.state.running
	d.state.running = pend.snapshot
	d.changed(by, before)
	if d.state.candidate != nil {
		d.state.candidate = pend.snapshot.Clone()
		clear(d.state.dirtyBy)
	}
}

// opCancelCommit is <cancel-commit> (RFC 6241 §8.4.4.1).
func (d *Device) opCancelCommit(s *session, op *xmltree.Element) result {
	if d.state.candidate == nil || !d.hasConfirmedCommit() {
		return fail(notSupported("cancel-commit needs the :confirmed-commit:1.1 capability"))
	}
	var persistID *string
	if e := param(op, "persist-id"); e != nil {
		id := e.Text
		persistID = &id
	}
	if d.state.pending == nil {
		return fail(newError(ErrTypeProtocol, TagOperationFailed, "no confirmed commit is pending"))
	}
	if err := d.checkPending(s.id, persistID); err != nil {
		return fail(err)
	}
	if err := d.checkLock(Running, s.id); err != nil {
		return fail(err)
	}
	d.revertLocked(s)
	d.log.Info("confirmed commit canceled", "session", s.id)
	return result{}
}

// opDiscardChanges is <discard-changes> (RFC 6241 §8.3.4.2).
func (d *Device) opDiscardChanges(s *session, _ *xmltree.Element) result {
	if d.state.candidate == nil {
		return fail(notSupported("discard-changes needs the :candidate capability"))
	}
	if err := d.checkLock(Candidate, s.id); err != nil {
		return fail(err)
	}
	d.state.candidate = d.state.running.Clone()
	clear(d.state.dirtyBy)
	return result{}
}
