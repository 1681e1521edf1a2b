package devicesim

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/switchyard/switchyard/internal/xmltree"
)

const (
	testUser = "admin"
	testPass = "s3cret"
	nsIf     = "http://openconfig.net/yang/interfaces"
	nsNI     = "http://openconfig.net/yang/network-instance"
)

// initialRunning is the running configuration test devices start with.
const initialRunning = `<data>
<interfaces xmlns="http://openconfig.net/yang/interfaces">
 <interface><name>Gi1</name><config><name>Gi1</name><mtu>1500</mtu><description>uplink</description></config></interface>
 <interface><name>Gi2</name><config><name>Gi2</name><mtu>1500</mtu></config></interface>
</interfaces>
<network-instances xmlns="http://openconfig.net/yang/network-instance">
 <network-instance><name>default</name>
  <vlans><vlan><vlan-id>10</vlan-id><config><vlan-id>10</vlan-id><name>users</name></config></vlan></vlans>
 </network-instance>
</network-instances>
</data>`

// testDevice starts a device with a ManualClock, DefaultSchema and
// initialRunning; mod adjusts the config. It is closed on cleanup.
func testDevice(t *testing.T, mod func(*Config)) (*Device, *ManualClock) {
	t.Helper()
	clock := NewManualClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	cfg := Config{
		Name: "r1", Platform: "iosxe", Username: testUser, Password: testPass,
		Running: xmltree.MustParse(initialRunning), Schema: DefaultSchema(), Clock: clock,
		Capabilities: []string{nsIf + "?module=openconfig-interfaces&revision=2024-12-05"},
	}
	if mod != nil {
		mod(&cfg)
	}
	d, err := Start(t.Context(), cfg)
	if err != nil {
		t.Fatalf("start device: %v", err)
	}
	t.Cleanup(func() {
		if err := d.Close(); err != nil {
			t.Errorf("close device: %v", err)
		}
	})
	return d, clock
}

// client is a minimal NETCONF client for tests, independent of the server's
// framing code.
type client struct {
	t         *testing.T
	ssh       *ssh.Client
	sess      *ssh.Session
	w         io.WriteCloser
	r         *bufio.Reader
	chunked   bool
	sessionID uint32
	caps      []string
	msgID     int
}

// dialOpts selects the client's hello capabilities.
type dialOpts struct {
	base11   bool
	password string
}

// dial connects with host key checking against a known_hosts file the
// device wrote, and completes the hello exchange.
func dial(t *testing.T, d *Device, o dialOpts) *client {
	t.Helper()
	c, err := tryDial(t, d, o)
	if err != nil {
		t.Fatalf("dial %s: %v", d.Addr(), err)
	}
	if err := c.hello(o.base11); err != nil {
		t.Fatalf("hello: %v", err)
	}
	return c
}

func dial11(t *testing.T, d *Device) *client { return dial(t, d, dialOpts{base11: true}) }

// tryDial opens SSH and the netconf subsystem without the hello exchange.
func tryDial(t *testing.T, d *Device, o dialOpts) (*client, error) {
	t.Helper()
	kh := filepath.Join(t.TempDir(), "known_hosts")
	if err := WriteKnownHosts(kh, d); err != nil {
		return nil, err
	}
	cb, err := knownhosts.New(kh)
	if err != nil {
		return nil, err
	}
	pass := o.password
	if pass == "" {
		pass = testPass
	}
	cfg := &ssh.ClientConfig{User: testUser, Auth: []ssh.AuthMethod{ssh.Password(pass)},
		HostKeyCallback: cb, Timeout: 10 * time.Second}
	sc, err := ssh.Dial("tcp", d.Addr(), cfg)
	if err != nil {
		return nil, err
	}
	c := &client{t: t, ssh: sc, msgID: 100}
	t.Cleanup(c.close)
	if c.sess, err = sc.NewSession(); err != nil {
		return nil, err
	}
	if c.w, err = c.sess.StdinPipe(); err != nil {
		return nil, err
	}
	out, err := c.sess.StdoutPipe()
	if err != nil {
		return nil, err
	}
	c.r = bufio.NewReader(out)
	return c, c.sess.RequestSubsystem("netconf")
}

func (c *client) close() { _ = c.ssh.Close() }

// hello reads the server hello and sends ours.
func (c *client) hello(base11 bool) error {
	msg, err := c.read()
	if err != nil {
		return err
	}
	h, err := xmltree.Parse(msg)
	if err != nil {
		return err
	}
	for _, e := range h.Child(NSBase, "capabilities").Children {
		c.caps = append(c.caps, e.Text)
	}
	id, err := strconv.ParseUint(h.Child(NSBase, "session-id").Text, 10, 32)
	if err != nil {
		return err
	}
	c.sessionID = uint32(id)
	caps := "<capability>" + CapBase10 + "</capability>"
	if base11 {
		caps += "<capability>" + CapBase11 + "</capability>"
	}
	if err := c.write([]byte(`<hello xmlns="` + NSBase + `"><capabilities>` + caps + `</capabilities></hello>`)); err != nil {
		return err
	}
	c.chunked = base11
	return nil
}

// write frames msg in the current framing.
func (c *client) write(msg []byte) error {
	if !c.chunked {
		_, err := c.w.Write(append(msg, []byte("]]>]]>")...))
		return err
	}
	_, err := fmt.Fprintf(c.w, "\n#%d\n%s\n##\n", len(msg), msg)
	return err
}

// read returns the next message in the current framing.
func (c *client) read() ([]byte, error) {
	if !c.chunked {
		var b []byte
		for !bytes.HasSuffix(b, []byte("]]>]]>")) {
			ch, err := c.r.ReadByte()
			if err != nil {
				return nil, err
			}
			b = append(b, ch)
		}
		return b[:len(b)-6], nil
	}
	var msg []byte
	for {
		var size int
		hdr, err := c.r.ReadString('\n')
		if err == nil && hdr == "\n" {
			hdr, err = c.r.ReadString('\n')
		}
		if err != nil {
			return nil, err
		}
		if hdr == "##\n" {
			return msg, nil
		}
		if _, err := fmt.Sscanf(hdr, "#%d\n", &size); err != nil {
			return nil, fmt.Errorf("bad chunk header %q", hdr)
		}
		buf := make([]byte, size)
		if _, err := io.ReadFull(c.r, buf); err != nil {
			return nil, err
		}
		msg = append(msg, buf...)
	}
}

// rpc sends body inside an <rpc> with the next message-id and returns the
// parsed reply, failing the test on transport errors.
func (c *client) rpc(body string) *xmltree.Element {
	c.t.Helper()
	c.msgID++
	msg := fmt.Sprintf(`<rpc message-id="%d" xmlns="%s">%s</rpc>`, c.msgID, NSBase, body)
	r, err := c.roundTrip([]byte(msg))
	if err != nil {
		c.t.Fatalf("rpc %.60s: %v", body, err)
	}
	if id, _ := r.Attr("", "message-id"); id != strconv.Itoa(c.msgID) {
		c.t.Fatalf("reply message-id %q, want %d", id, c.msgID)
	}
	return r
}

// rpcRaw is rpc returning the reply bytes unparsed.
func (c *client) rpcRaw(body string) string {
	c.t.Helper()
	c.msgID++
	if err := c.write(fmt.Appendf(nil, `<rpc message-id="%d" xmlns="%s">%s</rpc>`, c.msgID, NSBase, body)); err != nil {
		c.t.Fatal(err)
	}
	b, err := c.read()
	if err != nil {
		c.t.Fatal(err)
	}
	return string(b)
}

// roundTrip writes a raw message and parses the reply.
func (c *client) roundTrip(msg []byte) (*xmltree.Element, error) {
	if err := c.write(msg); err != nil {
		return nil, err
	}
	b, err := c.read()
	if err != nil {
		return nil, err
	}
	return xmltree.Parse(b)
}

// ok sends body and fails unless the reply is <ok/>.
func (c *client) ok(body string) {
	c.t.Helper()
	r := c.rpc(body)
	if r.Child(NSBase, "ok") == nil {
		c.t.Fatalf("rpc %.80s: want <ok/>, got %s", body, r)
	}
}

// waitClosed waits until the server closes the session (read returns an error).
func (c *client) waitClosed() error {
	for {
		if _, err := c.read(); err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) || strings.Contains(err.Error(), "EOF") {
				return nil
			}
			return err
		}
	}
}

// eventually polls cond until it holds or the test context ends.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("timed out waiting for %s", what)
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// errShape is the comparable content of one rpc-error.
type errShape struct {
	Type, Tag, Severity, Path, Message string
	Info                               map[string]string
}

// rpcErrors extracts the rpc-errors of a reply.
func rpcErrors(r *xmltree.Element) []errShape {
	var out []errShape
	for _, e := range r.Children {
		if e.Name.Local != "rpc-error" {
			continue
		}
		s := errShape{}
		for _, c := range e.Children {
			switch c.Name.Local {
			case "error-type":
				s.Type = c.Text
			case "error-tag":
				s.Tag = c.Text
			case "error-severity":
				s.Severity = c.Text
			case "error-path":
				s.Path = c.Text
			case "error-message":
				s.Message = c.Text
			case "error-info":
				s.Info = map[string]string{}
				for _, i := range c.Children {
					s.Info[i.Name.Local] = i.Text
				}
			}
		}
		out = append(out, s)
	}
	return out
}

// firstError returns the first rpc-error or fails.
func firstError(t *testing.T, r *xmltree.Element) errShape {
	t.Helper()
	errs := rpcErrors(r)
	if len(errs) == 0 {
		t.Fatalf("want rpc-error, got %s", r)
	}
	return errs[0]
}

// dataOf returns the canonical XML of the <data> of a reply.
func dataOf(t *testing.T, r *xmltree.Element) string {
	t.Helper()
	d := r.Child(NSBase, "data")
	if d == nil {
		t.Fatalf("reply has no data: %s", r)
	}
	return string(xmltree.Marshal(d))
}

// canon parses and re-marshals XML literal s, for comparisons.
func canon(t *testing.T, s string) string {
	t.Helper()
	e, err := xmltree.Parse([]byte(s))
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return string(xmltree.Marshal(e))
}

// canonData is canon for a <data> literal written without its namespace.
func canonData(t *testing.T, s string) string {
	t.Helper()
	e, err := xmltree.Parse([]byte(s))
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	e.Name.Space = NSBase
	return string(xmltree.Marshal(e))
}
