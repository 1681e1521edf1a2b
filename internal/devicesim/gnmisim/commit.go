package gnmisim

import (
	"time"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"github.com/openconfig/gnmi/proto/gnmi_ext"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/switchyard/switchyard/internal/devicesim"
	oc "github.com/switchyard/switchyard/models/openconfig"
)

// pendingCommit is a confirmed commit awaiting confirmation, guarded by
// Target.mu.
type pendingCommit struct {
	id     string
	before *oc.Device // running before the commit, restored on rollback
	// beforeNative are the native subtrees before the commit.
	beforeNative map[string]any
	timer        devicesim.Timer
	gen          int // bumped when the timer is restarted; stale timers do nothing
}

// arm starts (or restarts) p's rollback timer. t.mu is held.
func (t *Target) arm(p *pendingCommit, d time.Duration) {
	p.gen++
	gen := p.gen
	p.timer = t.cfg.Clock.AfterFunc(d, func() { t.expire(p, gen) })
}

// commitExtension returns the Commit extension of req, or nil. More than
// one, or one without id or action, is InvalidArgument.
func commitExtension(req *gpb.SetRequest) (*gnmi_ext.Commit, error) {
	var found *gnmi_ext.Commit
	for _, e := range req.GetExtension() {
		c := e.GetCommit()
		if c == nil {
			continue
		}
		if found != nil {
			return nil, status.Error(codes.InvalidArgument, "more than one commit extension")
		}
		found = c
	}
	switch {
	case found == nil:
		return nil, nil
	case found.GetId() == "":
		return nil, status.Error(codes.InvalidArgument, "commit extension without id")
	case found.GetAction() == nil:
		return nil, status.Errorf(codes.InvalidArgument, "commit extension %q without action", found.GetId())
	}
	return found, nil
}

// startCommit records a pending commit whose rollback restores before and
// starts its timer. t.mu is held.
func (t *Target) startCommit(c *gnmi_ext.Commit, before *oc.Device, beforeNative map[string]any) {
	d := DefaultRollbackDuration
	if rd := c.GetCommit().GetRollbackDuration(); rd != nil && rd.AsDuration() > 0 {
		d = rd.AsDuration()
	}
	p := &pendingCommit{id: c.GetId(), before: before, beforeNative: beforeNative}
	t.arm(p, d)
	t.pending = p
	t.log.Info("confirmed commit started", "txn", p.id, "rollback", d)
}

// commitAction handles a Set carrying confirm, cancel or
// set_rollback_duration. t.mu is held.
func (t *Target) commitAction(c *gnmi_ext.Commit, req *gpb.SetRequest, user, host string) (*gpb.SetResponse, error) {
	if len(req.GetDelete())+len(req.GetReplace())+len(req.GetUpdate()) > 0 {
		return nil, status.Errorf(codes.InvalidArgument,
			"commit %q: a confirm, cancel or set_rollback_duration request carries no operations", c.GetId())
	}
	var d time.Duration
	if a := c.GetSetRollbackDuration(); a != nil {
		if d = a.GetRollbackDuration().AsDuration(); d <= 0 {
			return nil, status.Errorf(codes.InvalidArgument, "commit %q: rollback_duration must be greater than 0", c.GetId())
		}
	}
	p := t.pending
	switch {
	case p == nil:
		return nil, status.Errorf(codes.FailedPrecondition, "commit %q: no confirmed commit is pending", c.GetId())
	case p.id != c.GetId():
		return nil, status.Errorf(codes.InvalidArgument, "commit %q: the pending commit has another id", c.GetId())
	}
	p.timer.Stop()
	switch {
	case c.GetConfirm() != nil:
		t.pending = nil
		t.log.Info("confirmed commit confirmed", "txn", p.id)
	case c.GetCancel() != nil:
		t.pending, t.running, t.native = nil, p.before, p.beforeNative
		t.recordCommit(user, host)
		t.log.Info("confirmed commit cancelled, running restored", "txn", p.id)
	default:
		t.arm(p, d)
		t.log.Info("confirmed commit rollback duration reset", "txn", p.id, "rollback", d)
	}
	return &gpb.SetResponse{Prefix: req.GetPrefix(), Timestamp: t.cfg.Clock.Now().UnixNano()}, nil
}

// expire rolls back p when its timer of generation gen fires, unless p was
// confirmed, cancelled or its timer restarted meanwhile.
func (t *Target) expire(p *pendingCommit, gen int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.pending != p || p.gen != gen || t.closed {
		return
	}
	t.pending, t.running, t.native = nil, p.before, p.beforeNative
	t.recordCommit("system", "")
	t.log.Info("confirmed commit timed out, running restored", "txn", p.id)
}
