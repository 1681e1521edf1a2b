package devicesim

import (
	"slices"
	"strconv"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// opLock is <lock> (RFC 6241 §7.5). It fails with lock-denied, naming the
// holder, when any session (this one included) holds the lock, and for the
// candidate also when another session changed it without commit or discard
// (naming that session).
func (d *Device) opLock(s *session, op *xmltree.Element) result {
	name, err := d.lockTarget(op)
	if err != nil {
		return fail(err)
	}
	if h, ok := d.state.locks[name]; ok {
		return fail(lockDenied(h, name+" is already locked by session "+itoa(h)))
	}
	if name == Candidate {
		for _, id := range sortedIDs(d.state.dirtyBy) {
			if id != s.id {
				return fail(lockDenied(id, "candidate has uncommitted changes from session "+itoa(id)))
			}
		}
	}
	d.state.locks[name] = s.id
	d.log.Info("datastore locked", "datastore", name, "session", s.id)
	return result{}
}

// opUnlock is <unlock> (RFC 6241 §7.6); only the holder may unlock.
func (d *Device) opUnlock(s *session, op *xmltree.Element) result {
	name, err := d.lockTarget(op)
	if err != nil {
		return fail(err)
	}
	h, ok := d.state.locks[name]
	switch {
	case !ok:
		return fail(newError(ErrTypeProtocol, TagOperationFailed, name+" is not locked"))
	case h != s.id:
		return fail(lockDenied(h, name+" is locked by session "+itoa(h)))
	}
	delete(d.state.locks, name)
	d.log.Info("datastore unlocked", "datastore", name, "session", s.id)
	return result{}
}

// lockTarget reads and checks the <target> of lock and unlock.
func (d *Device) lockTarget(op *xmltree.Element) (string, *RPCError) {
	name, _, err := dsParam(op, "target")
	if err != nil {
		return "", err
	}
	if _, err := d.lookup(name); err != nil {
		return "", err
	}
	return name, nil
}

// opCloseSession is <close-session> (RFC 6241 §7.8).
func (d *Device) opCloseSession(s *session, _ *xmltree.Element) result {
	d.endSessionLocked(s.id)
	return result{end: true}
}

// opKillSession is <kill-session> (RFC 6241 §7.9): the other session's locks
// are released, a non-persist confirmed commit it issued is reverted, and
// its connection is closed.
func (d *Device) opKillSession(s *session, op *xmltree.Element) result {
	e := param(op, "session-id")
	if e == nil {
		return fail(missingElement("session-id", "<kill-session> needs <session-id>"))
	}
	id, perr := strconv.ParseUint(e.Text, 10, 32)
	switch {
	case perr != nil || id == 0:
		return fail(invalidValue("session-id "+e.Text+" is not valid").withInfo("bad-element", "session-id"))
	case uint32(id) == s.id:
		return fail(invalidValue("a session cannot kill itself; use close-session").
			withInfo("bad-element", "session-id"))
	}
	victim, ok := d.sessions[uint32(id)]
	if !ok {
		return fail(invalidValue("no session "+e.Text).withInfo("bad-element", "session-id"))
	}
	d.endSessionLocked(victim.id)
	victim.close()
	d.log.Info("session killed", "victim", victim.id, "session", s.id)
	return result{}
}

// sortedIDs returns the keys of m in increasing order.
func sortedIDs(m map[uint32]bool) []uint32 {
	ids := make([]uint32, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// rejectedIn returns the knob error for the first node of an inline
// configuration that a RejectPath rule covers, or nil.
func (d *Device) rejectedIn(cfg *xmltree.Element) *RPCError {
	var found *RPCError
	walk(cfg, nil, func(path []*xmltree.Element) bool {
		if found != nil {
			return false
		}
		lv := level{}
		for _, e := range path {
			lv = lv.child(d.cfg.Schema, e)
		}
		found = d.knobs.rejected(lv.steps)
		return found == nil
	})
	return found
}
