package sshauth

import (
	"fmt"
	"io"
	"net"
	"strconv"

	"github.com/scrapli/scrapligo/transport"
	"golang.org/x/crypto/ssh"
)

// sshTransport is the scrapligo transport switchyard dials with: the
// pure-Go SSH client of scrapligo's "standard" transport, but with the host
// key callback and signer handed in (parsed once per run by an
// identity.Cache) instead of re-read from their files on every connection.
type sshTransport struct {
	netconf bool
	hostKey ssh.HostKeyCallback
	signer  ssh.Signer // nil: no public-key authentication

	// hello, for netconf, replaces the server's hello before scrapligo
	// reads it (see Login.Hello); nil passes it through.
	hello HelloFilter

	client  *ssh.Client
	session *ssh.Session
	writer  io.WriteCloser
	reader  io.Reader
	// helloRead is set once the hello went through hello; pending holds
	// what Read still has to return of the replacement and what followed.
	helloRead bool
	pending   []byte
}

var _ transport.Implementation = (*sshTransport)(nil)

// Open dials a.Host:a.Port and starts either the netconf subsystem or an
// interactive shell on a pseudo-terminal.
func (t *sshTransport) Open(a *transport.Args) error {
	cfg := &ssh.ClientConfig{User: a.User, Auth: authMethods(t.signer, a.Password), Timeout: a.TimeoutSocket, HostKeyCallback: t.hostKey}
	client, err := ssh.Dial("tcp", net.JoinHostPort(a.Host, strconv.Itoa(a.Port)), cfg)
	if err != nil {
		return err
	}
	t.client = client
	if err := t.start(a); err != nil {
		_ = t.Close()
		return err
	}
	return nil
}

// start opens the session, its pipes and the subsystem or shell.
func (t *sshTransport) start(a *transport.Args) error {
	var err error
	if t.session, err = t.client.NewSession(); err != nil {
		return fmt.Errorf("open ssh session: %w", err)
	}
	if t.writer, err = t.session.StdinPipe(); err != nil {
		return fmt.Errorf("ssh session stdin: %w", err)
	}
	if t.reader, err = t.session.StdoutPipe(); err != nil {
		return fmt.Errorf("ssh session stdout: %w", err)
	}
	if t.netconf {
		return t.session.RequestSubsystem("netconf")
	}
	modes := ssh.TerminalModes{ssh.ECHO: 1, ssh.TTY_OP_ISPEED: 115200, ssh.TTY_OP_OSPEED: 115200}
	if err := t.session.RequestPty("xterm", a.TermHeight, a.TermWidth, modes); err != nil {
		return fmt.Errorf("ssh pty request: %w", err)
	}
	return t.session.Shell()
}

// Close closes the session and the connection.
func (t *sshTransport) Close() error {
	var err error
	if t.session != nil {
		err = t.session.Close()
		t.session = nil
	}
	if t.client != nil {
		if cerr := t.client.Close(); err == nil {
			err = cerr
		}
		t.client = nil
	}
	if err == io.EOF {
		return nil
	}
	return err
}

// IsAlive reports whether a session is open.
func (t *sshTransport) IsAlive() bool { return t.session != nil }

// Read reads up to n bytes. The first read of a netconf session with a
// hello filter reads the whole hello first (see readHello).
func (t *sshTransport) Read(n int) ([]byte, error) {
	if t.hello != nil && !t.helloRead {
		t.helloRead = true
		if err := t.readHello(n); err != nil {
			return nil, err
		}
	}
	if len(t.pending) > 0 {
		k := min(n, len(t.pending))
		b := t.pending[:k:k]
		t.pending = t.pending[k:]
		return b, nil
	}
	b := make([]byte, n)
	n, err := t.reader.Read(b)
	if err != nil {
		return nil, err
	}
	return b[:n], nil
}

// Write writes b.
func (t *sshTransport) Write(b []byte) error {
	_, err := t.writer.Write(b)
	return err
}
