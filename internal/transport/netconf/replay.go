package netconf

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/switchyard/switchyard/internal/transport/sshauth"
	"github.com/switchyard/switchyard/internal/xmltree"
)

// Namespaces of RFC 5277 notifications.
const (
	// NSNotification holds create-subscription, <notification> and
	// eventTime.
	NSNotification = "urn:ietf:params:xml:ns:netconf:notification:1.0"
	// NSNetmodNotification holds replayComplete and notificationComplete.
	NSNetmodNotification = "urn:ietf:params:xml:ns:netmod:notification"
	// CapNotification is the RFC 5277 notification capability.
	CapNotification = "urn:ietf:params:netconf:capability:notification:1.0"
)

// maxNotifications bounds what one Replay collects.
const maxNotifications = 10000

// Notification is one RFC 5277 notification: its eventTime and its
// content (the element after eventTime).
type Notification struct {
	EventTime time.Time
	Event     *xmltree.Element
}

// Replay asks the server for the events of its NETCONF stream since start
// (RFC 5277 create-subscription with startTime) and returns them, ending
// at replayComplete (or notificationComplete). It opens a
// session of its own, read by switchyard rather than scrapligo, whose
// reader drops messages that carry no message-id (notifications). A
// server that refuses the subscription (no replay, for one) returns a
// *ReplyError; ctx and cfg.Timeout bound the whole exchange.
func Replay(ctx context.Context, cfg Config, start time.Time) ([]Notification, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	timeout, err := sshauth.OpTimeout(ctx, cfg.Timeout)
	if err != nil {
		return nil, fmt.Errorf("replay notifications of %s: %w", cfg.Address, err)
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	c, err := dialStream(ctx, cfg, timeout)
	if err != nil {
		return nil, err
	}
	defer c.close()
	stopWatch := context.AfterFunc(ctx, func() { c.close() })
	defer stopWatch()
	out, err := c.replay(start)
	if err != nil && ctx.Err() != nil {
		return nil, fmt.Errorf("replay notifications of %s: %w", cfg.Address, context.Cause(ctx))
	}
	if err != nil {
		return nil, fmt.Errorf("replay notifications of %s: %w", cfg.Address, err)
	}
	return out, nil
}

// stream is a NETCONF session switchyard frames and parses itself.
type stream struct {
	client  *ssh.Client
	sess    *ssh.Session
	w       io.Writer
	r       *bufio.Reader
	chunked bool
}

func dialStream(ctx context.Context, cfg Config, timeout time.Duration) (*stream, error) {
	login := cfg.login()
	sc, err := login.ClientConfig("netconf", timeout, cfg.Logger)
	if err != nil {
		return nil, err
	}
	var d net.Dialer
	nc, err := d.DialContext(ctx, "tcp", cfg.Address)
	if err != nil {
		return nil, fmt.Errorf("open netconf session to %s: %w", cfg.Address, err)
	}
	conn, chans, reqs, err := ssh.NewClientConn(nc, cfg.Address, sc)
	if err != nil {
		_ = nc.Close()
		if lerr := login.LoginError("netconf", err); lerr != nil {
			return nil, lerr
		}
		return nil, fmt.Errorf("open netconf session to %s: %w", cfg.Address, err)
	}
	s := &stream{client: ssh.NewClient(conn, chans, reqs)}
	if err := s.start(); err != nil {
		s.close()
		return nil, fmt.Errorf("open netconf session to %s: %w", cfg.Address, err)
	}
	return s, nil
}

// start opens the netconf subsystem and exchanges hellos.
func (s *stream) start() error {
	var err error
	if s.sess, err = s.client.NewSession(); err != nil {
		return err
	}
	if s.w, err = s.sess.StdinPipe(); err != nil {
		return err
	}
	out, err := s.sess.StdoutPipe()
	if err != nil {
		return err
	}
	s.r = bufio.NewReader(out)
	if err := s.sess.RequestSubsystem("netconf"); err != nil {
		return err
	}
	hello, err := s.read()
	if err != nil {
		return fmt.Errorf("read server hello: %w", err)
	}
	base11 := bytes.Contains(hello, []byte(CapBase11))
	mine := `<hello xmlns="` + NSBase + `"><capabilities><capability>` + CapBase10 + `</capability>` +
		`<capability>` + CapBase11 + `</capability></capabilities></hello>`
	if err := s.write([]byte(mine)); err != nil {
		return fmt.Errorf("send hello: %w", err)
	}
	s.chunked = base11
	return nil
}

func (s *stream) close() {
	if s.sess != nil {
		_ = s.sess.Close()
	}
	_ = s.client.Close()
}

// replay subscribes and collects the notifications up to replayComplete.
func (s *stream) replay(start time.Time) ([]Notification, error) {
	rpc := `<rpc message-id="1" xmlns="` + NSBase + `"><create-subscription xmlns="` + NSNotification + `">` +
		`<stream>NETCONF</stream><startTime>` + start.UTC().Format(time.RFC3339Nano) + `</startTime>` +
		`</create-subscription></rpc>`
	if err := s.write([]byte(rpc)); err != nil {
		return nil, fmt.Errorf("send create-subscription: %w", err)
	}
	var out []Notification
	for {
		msg, err := s.read()
		if err != nil {
			return nil, fmt.Errorf("read notifications: %w", err)
		}
		el, err := xmltree.Parse(msg)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrBadReply, err)
		}
		switch el.Name {
		case xml.Name{Space: NSBase, Local: "rpc-reply"}:
			rep, err := parseReply(msg)
			if err != nil {
				return nil, err
			}
			if err := rep.failure(); err != nil {
				return nil, fmt.Errorf("create-subscription: %w", err)
			}
		case xml.Name{Space: NSNotification, Local: "notification"}:
			n, done := notification(el)
			if done {
				return out, nil
			}
			if n != nil && len(out) < maxNotifications {
				out = append(out, *n)
			}
		}
	}
}

// notification decodes a <notification>; done reports the end of the
// replay (replayComplete or notificationComplete).
func notification(el *xmltree.Element) (n *Notification, done bool) {
	var t time.Time
	for _, c := range el.Children {
		switch {
		case c.Name.Space == NSNotification && c.Name.Local == "eventTime":
			t, _ = time.Parse(time.RFC3339Nano, strings.TrimSpace(c.Text))
		case c.Name.Space == NSNetmodNotification &&
			(c.Name.Local == "notificationComplete" || c.Name.Local == "replayComplete"):
			return nil, true
		default:
			return &Notification{EventTime: t, Event: c}, false
		}
	}
	return nil, false
}

// write frames one message (RFC 6242: end-of-message marker or a chunk).
func (s *stream) write(b []byte) error {
	if s.chunked {
		_, err := fmt.Fprintf(s.w, "\n#%d\n%s\n##\n", len(b), b)
		return err
	}
	_, err := s.w.Write(append(b, []byte("]]>]]>")...))
	return err
}

// maxMessage bounds one message read.
const maxMessage = 64 << 20

// read reads one framed message.
func (s *stream) read() ([]byte, error) {
	if !s.chunked {
		return s.readEOM()
	}
	var msg []byte
	for {
		hdr, err := s.r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		if hdr == "\n" {
			continue
		}
		if hdr == "##\n" {
			return msg, nil
		}
		var n int
		if _, err := fmt.Sscanf(hdr, "#%d\n", &n); err != nil || n <= 0 || len(msg)+n > maxMessage {
			return nil, fmt.Errorf("%w: bad chunk header %q", ErrBadReply, strings.TrimSpace(hdr))
		}
		chunk := make([]byte, n)
		if _, err := io.ReadFull(s.r, chunk); err != nil {
			return nil, err
		}
		msg = append(msg, chunk...)
	}
}

func (s *stream) readEOM() ([]byte, error) {
	const eom = "]]>]]>"
	var msg []byte
	for {
		b, err := s.r.ReadByte()
		if err != nil {
			return nil, err
		}
		msg = append(msg, b)
		if bytes.HasSuffix(msg, []byte(eom)) {
			return bytes.TrimSpace(msg[:len(msg)-len(eom)]), nil
		}
		if len(msg) > maxMessage {
			return nil, errors.New("message too long")
		}
	}
}
