package clisim

import (
	"encoding/binary"
	"strings"

	"github.com/switchyard/switchyard/internal/devicesim/simssh"
	"golang.org/x/crypto/ssh"
)

// serveChannel handles one session channel: "shell" starts the IOS
// shell, "exec" of "scp -t PATH" the SCP sink; pty-req, env and
// window-change are accepted and ignored.
func (d *Device) serveChannel(conn *ssh.ServerConn, ch ssh.Channel, reqs <-chan *ssh.Request) {
	started := false
	for req := range reqs {
		switch {
		case (req.Type == "shell") && !started:
			started = d.srv.Go(func() {
				s := newShell(d, conn, ch)
				s.run()
				d.freeVTY(s.vty)
				_ = ch.Close()
			})
			_ = req.Reply(started, nil)
		case req.Type == "exec" && !started:
			cmd := simssh.ExecCommand(req.Payload)
			target, ok := scpTarget(cmd)
			if !ok {
				_ = req.Reply(false, nil)
				continue
			}
			started = d.srv.Go(func() {
				status := d.scpSink(ch, target)
				_, _ = ch.SendRequest("exit-status", false, binary.BigEndian.AppendUint32(nil, status))
				_ = ch.Close()
			})
			_ = req.Reply(started, nil)
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
