package devicesim

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// Base capability URIs of RFC 6241 §8.
const (
	CapBase10 = "urn:ietf:params:netconf:base:1.0"
	CapBase11 = "urn:ietf:params:netconf:base:1.1"
)

const xmlDecl = `<?xml version="1.0" encoding="UTF-8"?>`

// session is one NETCONF session on an SSH channel.
type session struct {
	id     uint32
	dev    *Device
	conn   *ssh.ServerConn
	ch     ssh.Channel
	log    *slog.Logger
	fr     *frameReader
	fw     *frameWriter
	base11 bool
	// user and host are who is logged in and from where (for the change
	// records of RFC 6470 and the IOS-XR commit list).
	user, host string
	// sub is the session's subscription (guarded by Device.mu).
	sub *subscription
	// afterReply, when set by an operation, runs once its reply is written.
	afterReply func()
	// wmu serialises replies and notifications on the channel.
	wmu  sync.Mutex
	done chan struct{}

	closeOnce sync.Once
}

// write writes one message under the session's write lock.
func (s *session) write(b []byte) error {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.fw.WriteMessage(b)
}

// capabilities lists what the device advertises, base first.
func (d *Device) capabilities() []string {
	if d.cfg.Release != nil {
		return d.cfg.Release.Hello()
	}
	caps := []string{CapBase10, CapBase11}
	if d.cfg.Profile == ProfileCandidate {
		caps = append(caps,
			"urn:ietf:params:netconf:capability:candidate:1.0",
			"urn:ietf:params:netconf:capability:confirmed-commit:1.0",
			"urn:ietf:params:netconf:capability:confirmed-commit:1.1")
	} else {
		caps = append(caps, "urn:ietf:params:netconf:capability:writable-running:1.0")
	}
	caps = append(caps,
		"urn:ietf:params:netconf:capability:rollback-on-error:1.0",
		"urn:ietf:params:netconf:capability:validate:1.0",
		"urn:ietf:params:netconf:capability:validate:1.1",
		"urn:ietf:params:netconf:capability:with-defaults:1.0?basic-mode=explicit")
	return append(caps, d.cfg.Capabilities...)
}

// runSession runs one NETCONF session on ch until either side ends it.
func (d *Device) runSession(conn *ssh.ServerConn, ch ssh.Channel) {
	s := &session{dev: d, conn: conn, ch: ch, fr: newFrameReader(ch),
		fw: &frameWriter{w: ch, chunkSize: d.cfg.ChunkSize}, user: conn.User(), done: make(chan struct{})}
	if host, _, err := net.SplitHostPort(conn.RemoteAddr().String()); err == nil {
		s.host = host
	}
	defer s.close()
	s.id = d.allocSessionID()
	s.log = d.log.With("session", s.id, "user", conn.User())
	if err := s.hello(); err != nil {
		s.log.Debug("hello exchange failed", "err", err)
		return
	}
	if !d.register(s) {
		return
	}
	defer d.endSession(s.id)
	s.log.Info("netconf session started", "base", map[bool]string{true: "1.1", false: "1.0"}[s.base11])
	s.loop()
}

// allocSessionID returns the next session-id (they start at 1).
func (d *Device) allocSessionID() uint32 {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.nextID++
	return d.nextID
}

// register adds s to the live sessions unless the device is closed.
func (d *Device) register(s *session) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return false
	}
	d.sessions[s.id] = s
	return true
}

// close ends the channel and, with it, the SSH connection of the session.
func (s *session) close() {
	s.closeOnce.Do(func() {
		close(s.done)
		_ = s.conn.Close()
		_ = s.ch.Close()
	})
}

// helloMessage returns the server hello of session id. The capabilities
// are encoded once per device: a release's hello has hundreds of them and
// a fleet benchmark opens thousands of sessions.
func (d *Device) helloMessage(id uint32) []byte {
	d.helloOnce.Do(func() {
		caps := xmltree.New(NSBase, "capabilities")
		for _, c := range d.capabilities() {
			caps.Children = append(caps.Children, xmltree.NewLeaf(NSBase, "capability", c))
		}
		h := xmltree.New(NSBase, "hello", caps, xmltree.NewLeaf(NSBase, "session-id", "0"))
		full := xmltree.Marshal(h)
		cut := bytes.LastIndex(full, []byte("<session-id>"))
		d.helloHead = append([]byte(xmlDecl), full[:cut]...)
	})
	msg := make([]byte, 0, len(d.helloHead)+64)
	msg = append(msg, d.helloHead...)
	msg = append(msg, "<session-id>"...)
	msg = strconv.AppendUint(msg, uint64(id), 10)
	return append(msg, "</session-id></hello>"...)
}

// hello sends the server hello and reads the client's, switching to chunked
// framing when both advertise base:1.1 (RFC 6241 §8.1, RFC 6242 §4.1).
func (s *session) hello() error {
	if err := s.fw.WriteMessage(s.dev.helloMessage(s.id)); err != nil {
		return fmt.Errorf("write hello: %w", err)
	}
	msg, err := s.fr.ReadMessage()
	if err != nil {
		return fmt.Errorf("read client hello: %w", err)
	}
	ch, err := xmltree.Parse(msg)
	if err != nil {
		return fmt.Errorf("parse client hello: %w", err)
	}
	if ch.Name != (xml.Name{Space: NSBase, Local: "hello"}) {
		return fmt.Errorf("expected hello, got <%s>", ch.Name.Local)
	}
	if ch.Child(NSBase, "session-id") != nil {
		return errors.New("client hello carries a session-id")
	}
	caps := ch.Child(NSBase, "capabilities")
	if caps == nil {
		return errors.New("client hello has no capabilities")
	}
	var has10, has11 bool
	for _, c := range caps.Children {
		has10 = has10 || c.Text == CapBase10
		has11 = has11 || c.Text == CapBase11
	}
	if !has10 && !has11 {
		return errors.New("client hello has no base capability in common")
	}
	s.base11 = has11
	s.fr.chunked, s.fw.chunked = has11, has11
	return nil
}

// loop reads and answers RPCs until the session ends.
func (s *session) loop() {
	for {
		msg, err := s.fr.ReadMessage()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				s.log.Debug("session read ended", "err", err)
			}
			return
		}
		latency, drop := s.dev.knobs.onRPC()
		if drop {
			s.log.Info("dropping connection (knob)")
			return
		}
		lose := s.dev.knobs.loseReply()
		if latency > 0 && !s.dev.sleep(latency) {
			return
		}
		reply, end := s.dev.handle(s, msg)
		if lose {
			s.log.Info("dropping connection after processing the rpc (knob)")
			return
		}
		if reply != nil {
			if err := s.write(reply); err != nil {
				return
			}
		}
		if f := s.afterReply; f != nil {
			s.afterReply = nil
			f()
		}
		if end {
			return
		}
	}
}

// sleep waits d of real time; it reports false when the device closes first.
func (d *Device) sleep(dur time.Duration) bool {
	t := time.NewTimer(dur)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-d.done:
		return false
	}
}

// endSession terminates session id: its locks are released and a
// non-persist confirmed commit it issued is reverted (RFC 6241 §8.4.1).
// It is idempotent.
func (d *Device) endSession(id uint32) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.endSessionLocked(id)
}

func (d *Device) endSessionLocked(id uint32) {
	if _, ok := d.sessions[id]; !ok {
		return
	}
	s := d.sessions[id]
	delete(d.sessions, id)
	if s.sub != nil && s.sub.timer != nil {
		s.sub.timer.Stop()
	}
	for ds, holder := range d.state.locks {
		if holder == id {
			delete(d.state.locks, ds)
		}
	}
	if p := d.state.pending; p != nil && p.persist == "" && p.owner == id && !d.closed {
		d.log.Info("session ended before confirming commit; reverting", "session", id)
		d.revertLocked(nil)
	}
	d.log.Info("netconf session ended", "session", id)
}

// frame is a helper for replies: the XML declaration plus the element.
func frame(e *xmltree.Element) []byte {
	var b bytes.Buffer
	b.WriteString(xmlDecl)
	_ = xmltree.Encode(&b, e, "")
	return b.Bytes()
}
