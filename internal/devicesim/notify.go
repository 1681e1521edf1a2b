package devicesim

import (
	"time"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// notifyQueue bounds the notifications waiting to be written to one
// subscriber; more are dropped (and logged), as a device drops
// notifications for a session that does not read.
const notifyQueue = 256

// subscription is a session's RFC 5277 subscription to the NETCONF stream.
type subscription struct {
	queue chan []byte
	timer Timer // stopTime in the future
	ended bool
}

// deliver queues notification n for s when s subscribed. The caller holds
// d.mu.
func (s *session) deliver(n *xmltree.Element) {
	sub := s.sub
	if sub == nil || sub.ended {
		return
	}
	select {
	case sub.queue <- frame(n):
	default:
		s.log.Warn("notification dropped: the subscriber does not read")
	}
}

// endSubscription sends notificationComplete and ends the subscription.
// The caller holds d.mu.
func (s *session) endSubscription() {
	sub := s.sub
	if sub == nil || sub.ended {
		return
	}
	s.deliver(notificationAt(s.dev.cfg.Clock.Now(), xmltree.New(NSNetmodNotification, "notificationComplete")))
	sub.ended = true
	close(sub.queue)
}

// opCreateSubscription is RFC 5277 <create-subscription> on the NETCONF
// stream: with startTime, the recorded events from then on are replayed
// (then replayComplete); with stopTime, the subscription ends at that time
// with notificationComplete. Filters are not supported: every event is
// sent. The notifications are written after the <ok/> reply.
func (d *Device) opCreateSubscription(s *session, op *xmltree.Element) result {
	if s.sub != nil {
		return fail(newError(ErrTypeProtocol, TagOperationFailed, "a subscription is already active on this session"))
	}
	if e := op.Child(NSNotification, "stream"); e != nil && e.Text != "NETCONF" {
		return fail(invalidValue("stream "+e.Text+" does not exist; this device has the NETCONF stream").
			withInfo("bad-element", "stream"))
	}
	if op.Child(NSNotification, "filter") != nil {
		return fail(notSupported("subscription filters are not supported").withInfo("bad-element", "filter"))
	}
	now := d.cfg.Clock.Now()
	start, serr := timeParam(op, "startTime")
	stop, perr := timeParam(op, "stopTime")
	switch {
	case serr != nil:
		return fail(serr)
	case perr != nil:
		return fail(perr)
	case !stop.IsZero() && start.IsZero():
		return fail(invalidValue("stopTime needs startTime").withInfo("bad-element", "stopTime"))
	case !start.IsZero() && start.After(now):
		return fail(invalidValue("startTime is in the future").withInfo("bad-element", "startTime"))
	case !stop.IsZero() && stop.Before(start):
		return fail(invalidValue("stopTime is before startTime").withInfo("bad-element", "stopTime"))
	case !start.IsZero() && d.cfg.NoReplay:
		return fail(newError(ErrTypeApplication, TagOperationFailed, "replay is not supported on stream NETCONF").
			withInfo("bad-element", "startTime"))
	}
	s.sub = &subscription{queue: make(chan []byte, notifyQueue)}
	if !start.IsZero() {
		d.replay(s, start, stop)
	}
	switch {
	case !stop.IsZero() && !stop.After(now):
		s.endSubscription()
	case !stop.IsZero():
		s.sub.timer = d.cfg.Clock.AfterFunc(stop.Sub(now), func() {
			d.mu.Lock()
			defer d.mu.Unlock()
			s.endSubscription()
		})
	}
	sub := s.sub
	s.afterReply = func() { d.srv.Go(func() { s.writeNotifications(sub) }) }
	s.log.Info("subscription created", "start", start, "stop", stop)
	return result{}
}

// replay queues the recorded events between start and stop (zero: no end)
// and replayComplete.
func (d *Device) replay(s *session, start, stop time.Time) {
	if d.feat.configChange {
		for _, ev := range d.changes {
			if ev.at.Before(start) || (!stop.IsZero() && ev.at.After(stop)) {
				continue
			}
			s.deliver(ev.notification())
		}
	}
	s.deliver(notificationAt(d.cfg.Clock.Now(), xmltree.New(NSNetmodNotification, "replayComplete")))
}

// writeNotifications writes the queued notifications of sub until it ends
// or the session does.
func (s *session) writeNotifications(sub *subscription) {
	for {
		select {
		case b, ok := <-sub.queue:
			if !ok {
				return
			}
			if err := s.write(b); err != nil {
				return
			}
		case <-s.done:
			return
		}
	}
}

// timeParam parses the RFC 3339 dateTime parameter name of op (zero when
// absent).
func timeParam(op *xmltree.Element, name string) (time.Time, *RPCError) {
	e := op.Child(NSNotification, name)
	if e == nil {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, e.Text)
	if err != nil {
		return time.Time{}, invalidValue(name+" "+e.Text+" is not a date-and-time").withInfo("bad-element", name)
	}
	return t, nil
}
