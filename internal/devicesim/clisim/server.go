package clisim

import (
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"net"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
)

const handshakeTimeout = 30 * time.Second

// serverConfig accepts password and keyboard-interactive authentication
// with the configured credentials.
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
			d.log.Warn("ssh authentication failed", "user", c.User())
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

func (d *Device) serveConn(nc net.Conn) {
	defer d.wg.Done()
	_ = nc.SetDeadline(time.Now().Add(handshakeTimeout))
	conn, chans, reqs, err := ssh.NewServerConn(nc, d.ssh)
	if err != nil {
		d.log.Debug("ssh handshake failed", "err", err)
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

// serveChannel handles one session channel: "shell" starts the IOS
// shell, "exec" of "scp -t PATH" the SCP sink; pty-req, env and
// window-change are accepted and ignored.
func (d *Device) serveChannel(conn *ssh.ServerConn, ch ssh.Channel, reqs <-chan *ssh.Request) {
	defer d.wg.Done()
	started := false
	for req := range reqs {
		switch {
		case (req.Type == "shell") && !started:
			started = true
			_ = req.Reply(true, nil)
			d.wg.Add(1)
			go func() {
				defer d.wg.Done()
				newShell(d, conn, ch).run()
				_ = ch.Close()
			}()
		case req.Type == "exec" && !started:
			cmd := execCommand(req.Payload)
			target, ok := scpTarget(cmd)
			if !ok {
				_ = req.Reply(false, nil)
				continue
			}
			started = true
			_ = req.Reply(true, nil)
			d.wg.Add(1)
			go func() {
				defer d.wg.Done()
				status := d.scpSink(ch, target)
				_, _ = ch.SendRequest("exit-status", false, binary.BigEndian.AppendUint32(nil, status))
				_ = ch.Close()
			}()
		case req.Type == "pty-req" || req.Type == "env" || req.Type == "window-change":
			_ = req.Reply(req.WantReply, nil)
		default:
			_ = req.Reply(false, nil)
		}
	}
	if !started {
		_ = ch.Close()
	}
}

func execCommand(payload []byte) string {
	var p struct{ Command string }
	if err := ssh.Unmarshal(payload, &p); err != nil {
		return ""
	}
	return p.Command
}

// scpTarget recognises "scp -t PATH" (with optional -v, -p, -d flags).
func scpTarget(cmd string) (string, bool) {
	f := strings.Fields(cmd)
	if len(f) < 3 || f[0] != "scp" {
		return "", false
	}
	sink := false
	for _, a := range f[1 : len(f)-1] {
		switch a {
		case "-t":
			sink = true
		case "-v", "-p", "-d", "--":
		default:
			return "", false
		}
	}
	return f[len(f)-1], sink
}
