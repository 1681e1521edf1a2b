package devicesim

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// handshakeTimeout bounds the SSH handshake of one connection.
const handshakeTimeout = 30 * time.Second

// serverConfig builds the SSH server configuration: password and
// keyboard-interactive authentication against the configured credentials.
func (d *Device) serverConfig() *ssh.ServerConfig {
	check := func(user, pass string) bool {
		u := subtle.ConstantTimeCompare([]byte(user), []byte(d.cfg.Username))
		p := subtle.ConstantTimeCompare([]byte(pass), []byte(d.cfg.Password))
		return u&p == 1
	}
	cfg := &ssh.ServerConfig{
		PasswordCallback: func(c ssh.ConnMetadata, pass []byte) (*ssh.Permissions, error) {
			if check(c.User(), string(pass)) {
				return nil, nil
			}
			d.log.Warn("ssh authentication failed", "user", c.User(), "remote", c.RemoteAddr().String())
			return nil, errors.New("authentication failed")
		},
		KeyboardInteractiveCallback: func(c ssh.ConnMetadata, ch ssh.KeyboardInteractiveChallenge) (*ssh.Permissions, error) {
			ans, err := ch(c.User(), "", []string{"Password: "}, []bool{false})
			if err == nil && len(ans) == 1 && check(c.User(), ans[0]) {
				return nil, nil
			}
			return nil, errors.New("authentication failed")
		},
		ServerVersion: "SSH-2.0-Cisco-1.25",
	}
	cfg.AddHostKey(d.signer)
	return cfg
}

// acceptLoop accepts connections until the listener closes.
func (d *Device) acceptLoop() {
	defer d.wg.Done()
	for {
		nc, err := d.ln.Accept()
		if err != nil {
			return
		}
		d.wg.Add(1)
		go d.serveConn(nc)
	}
}

// serveConn runs the SSH handshake and serves the channels of one connection.
func (d *Device) serveConn(nc net.Conn) {
	defer d.wg.Done()
	_ = nc.SetDeadline(time.Now().Add(handshakeTimeout))
	conn, chans, reqs, err := ssh.NewServerConn(nc, d.ssh)
	if err != nil {
		d.log.Debug("ssh handshake failed", "remote", nc.RemoteAddr().String(), "err", err)
		_ = nc.Close()
		return
	}
	_ = nc.SetDeadline(time.Time{})
	if !d.trackConn(conn, true) {
		_ = conn.Close()
	}
	defer d.trackConn(conn, false)
	go ssh.DiscardRequests(reqs)
	for nch := range chans {
		if nch.ChannelType() != "session" {
			_ = nch.Reject(ssh.UnknownChannelType, "only session channels are supported")
			continue
		}
		ch, creqs, err := nch.Accept()
		if err != nil {
			continue
		}
		d.wg.Add(1)
		go d.serveChannel(conn, ch, creqs)
	}
}

// trackConn registers (add) or forgets a connection; it reports false when
// the device is closed.
func (d *Device) trackConn(c *ssh.ServerConn, add bool) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !add {
		delete(d.conns, c)
		return true
	}
	if d.closed {
		return false
	}
	d.conns[c] = struct{}{}
	return true
}

// serveChannel handles the requests of one session channel: the netconf
// subsystem starts a NETCONF session; exec and shell are refused politely
// (no CLI yet); pty-req and env are accepted and ignored.
func (d *Device) serveChannel(conn *ssh.ServerConn, ch ssh.Channel, reqs <-chan *ssh.Request) {
	defer d.wg.Done()
	started := false
	for req := range reqs {
		switch {
		case req.Type == "subsystem" && !started && subsystemName(req.Payload) == "netconf":
			started = true
			_ = req.Reply(true, nil)
			d.wg.Add(1)
			go d.runSession(conn, ch)
		case req.Type == "pty-req" || req.Type == "env" || req.Type == "window-change":
			_ = req.Reply(req.WantReply, nil)
		case req.Type == "exec" || req.Type == "shell":
			_ = req.Reply(false, nil)
			_, _ = fmt.Fprintf(ch.Stderr(), "%% %s: command line interface is not available on this simulated device\r\n", d.cfg.Name)
		default:
			_ = req.Reply(false, nil)
		}
	}
	if !started {
		_ = ch.Close()
	}
}

// subsystemName decodes the name of a subsystem request payload.
func subsystemName(payload []byte) string {
	var p struct{ Name string }
	if err := ssh.Unmarshal(payload, &p); err != nil {
		return ""
	}
	return p.Name
}

// KnownHostsLine returns the known_hosts line for the device:
// "[127.0.0.1]:PORT ssh-ed25519 AAAA...".
func (d *Device) KnownHostsLine() string {
	return knownhosts.Line([]string{knownhosts.Normalize(d.Addr())}, d.HostKey())
}

// WriteKnownHosts writes (creating or truncating, mode 0600) a known_hosts
// file at path with one line per device.
func WriteKnownHosts(path string, devices ...*Device) error {
	var b strings.Builder
	for _, d := range devices {
		b.WriteString(d.KnownHostsLine() + "\n")
	}
	// Write a temporary file and rename it, so that a reader never sees a
	// partly written file (switchyard may be started as soon as it exists).
	tmp, err := os.CreateTemp(filepath.Dir(path), ".known_hosts-*")
	if err != nil {
		return fmt.Errorf("write known hosts: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(b.String()); err != nil {
		tmp.Close()
		return fmt.Errorf("write known hosts: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write known hosts: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write known hosts: %w", err)
	}
	return nil
}
