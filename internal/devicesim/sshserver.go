package devicesim

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/switchyard/switchyard/internal/devicesim/simssh"
	"golang.org/x/crypto/ssh"
)

// serveChannel handles the requests of one session channel: the netconf
// subsystem starts a NETCONF session; exec and shell are refused politely
// (no CLI yet); pty-req and env are accepted and ignored.
func (d *Device) serveChannel(conn *ssh.ServerConn, ch ssh.Channel, reqs <-chan *ssh.Request) {
	started := false
	for req := range reqs {
		switch {
		case req.Type == "subsystem" && !started && simssh.SubsystemName(req.Payload) == "netconf":
			started = d.srv.Go(func() { d.runSession(conn, ch) })
			_ = req.Reply(started, nil)
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

// KnownHostsLine returns the known_hosts line for the device:
// "[127.0.0.1]:PORT ssh-ed25519 AAAA...".
func (d *Device) KnownHostsLine() string { return d.srv.KnownHostsLine() }

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
