// Package simssh is the SSH server every SSH-based simulated device shares
// (the NETCONF devices of devicesim and the IOS devices of clisim): a fresh
// ed25519 host key, password and keyboard-interactive authentication against
// one account, the accept loop, connection tracking and an orderly Close.
// What runs on a session channel (a NETCONF subsystem, an IOS shell, an SCP
// sink) is the device's; it is given as Config.Channel.
package simssh

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// handshakeTimeout bounds the SSH handshake of one connection.
const handshakeTimeout = 30 * time.Second

// ServerVersion is the SSH version string the simulated devices send, as
// Cisco devices do.
const ServerVersion = "SSH-2.0-Cisco-1.25"

// Config describes one server.
type Config struct {
	// Addr is the listen address (the caller checks it is loopback).
	Addr string
	// Username and Password are the account accepted.
	Username, Password string
	// Users are further accounts (name to password) the server accepts,
	// so that a test can change a device as another user than the one
	// switchyard logs in as. Optional.
	Users map[string]string
	// Channel serves one accepted session channel with its requests; it
	// runs on its own goroutine, owned by the server, and must return once
	// the channel is done or the server closes the connection.
	Channel func(conn *ssh.ServerConn, ch ssh.Channel, reqs <-chan *ssh.Request)
	// Logger receives authentication failures and handshake errors.
	Logger *slog.Logger
}

// Server is a listening SSH server. Its methods are safe for concurrent use.
type Server struct {
	cfg    Config
	log    *slog.Logger
	signer ssh.Signer
	ssh    *ssh.ServerConfig
	ln     net.Listener
	wg     sync.WaitGroup

	mu     sync.Mutex
	closed bool
	conns  map[*ssh.ServerConn]struct{}
}

// Listen generates a host key, listens on cfg.Addr and starts accepting.
// ctx bounds only the listen call.
func Listen(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Channel == nil {
		return nil, errors.New("simssh: a channel handler is required")
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate host key: %w", err)
	}
	signer, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		return nil, fmt.Errorf("host key signer: %w", err)
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, log: log, signer: signer, ln: ln, conns: map[*ssh.ServerConn]struct{}{}}
	s.ssh = s.serverConfig()
	s.wg.Add(1)
	go s.acceptLoop()
	return s, nil
}

// Addr returns the listen address, "127.0.0.1:PORT".
func (s *Server) Addr() string { return s.ln.Addr().String() }

// HostKey returns the public half of the host key.
func (s *Server) HostKey() ssh.PublicKey { return s.signer.PublicKey() }

// KnownHostsLine returns the server's known_hosts line:
// "[127.0.0.1]:PORT ssh-ed25519 AAAA...".
func (s *Server) KnownHostsLine() string {
	return knownhosts.Line([]string{knownhosts.Normalize(s.Addr())}, s.HostKey())
}

// Go runs fn on a goroutine that Close waits for. It reports false (and
// does not run fn) once the server is closed.
func (s *Server) Go(fn func()) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		fn()
	}()
	return true
}

// Close stops the listener, closes every connection and waits for every
// goroutine of the server (those started with Go included). Idempotent.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	conns := make([]*ssh.ServerConn, 0, len(s.conns))
	for c := range s.conns {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	err := s.ln.Close()
	for _, c := range conns {
		_ = c.Close()
	}
	s.wg.Wait()
	return err
}

// CheckAccount reports whether user and pass are one of the accounts of
// users (name to password), comparing in constant time.
func CheckAccount(users map[string]string, user, pass string) bool {
	ok := 0
	for name, want := range users {
		u := subtle.ConstantTimeCompare([]byte(user), []byte(name))
		p := subtle.ConstantTimeCompare([]byte(pass), []byte(want))
		ok |= u & p
	}
	return ok == 1
}

// serverConfig accepts password and keyboard-interactive authentication
// with the configured accounts, compared in constant time.
func (s *Server) serverConfig() *ssh.ServerConfig {
	accounts := map[string]string{s.cfg.Username: s.cfg.Password}
	for u, p := range s.cfg.Users {
		if u != s.cfg.Username {
			accounts[u] = p
		}
	}
	check := func(user, pass string) bool { return CheckAccount(accounts, user, pass) }
	cfg := &ssh.ServerConfig{
		PasswordCallback: func(c ssh.ConnMetadata, pass []byte) (*ssh.Permissions, error) {
			if check(c.User(), string(pass)) {
				return nil, nil
			}
			s.log.Warn("ssh authentication failed", "user", c.User(), "remote", c.RemoteAddr().String())
			return nil, errors.New("authentication failed")
		},
		KeyboardInteractiveCallback: func(c ssh.ConnMetadata, ch ssh.KeyboardInteractiveChallenge) (*ssh.Permissions, error) {
			ans, err := ch(c.User(), "", []string{"Password: "}, []bool{false})
			if err == nil && len(ans) == 1 && check(c.User(), ans[0]) {
				return nil, nil
			}
			return nil, errors.New("authentication failed")
		},
		ServerVersion: ServerVersion,
	}
	cfg.AddHostKey(s.signer)
	return cfg
}

func (s *Server) acceptLoop() {
	defer s.wg.Done()
	for {
		nc, err := s.ln.Accept()
		if err != nil {
			return
		}
		if !s.Go(func() { s.serveConn(nc) }) {
			_ = nc.Close()
			return
		}
	}
}

// serveConn runs the SSH handshake and hands each session channel to the
// device's handler.
func (s *Server) serveConn(nc net.Conn) {
	_ = nc.SetDeadline(time.Now().Add(handshakeTimeout))
	conn, chans, reqs, err := ssh.NewServerConn(nc, s.ssh)
	if err != nil {
		s.log.Debug("ssh handshake failed", "remote", nc.RemoteAddr().String(), "err", err)
		_ = nc.Close()
		return
	}
	_ = nc.SetDeadline(time.Time{})
	if !s.track(conn, true) {
		_ = conn.Close()
	}
	defer s.track(conn, false)
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
		if !s.Go(func() { s.cfg.Channel(conn, ch, creqs) }) {
			_ = ch.Close()
		}
	}
}

// track registers (add) or forgets a connection; it reports false when the
// server is closed.
func (s *Server) track(c *ssh.ServerConn, add bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !add {
		delete(s.conns, c)
		return true
	}
	if s.closed {
		return false
	}
	s.conns[c] = struct{}{}
	return true
}

// SubsystemName decodes the name of a "subsystem" request payload.
func SubsystemName(payload []byte) string {
	var p struct{ Name string }
	if err := ssh.Unmarshal(payload, &p); err != nil {
		return ""
	}
	return p.Name
}

// ExecCommand decodes the command of an "exec" request payload.
func ExecCommand(payload []byte) string {
	var p struct{ Command string }
	if err := ssh.Unmarshal(payload, &p); err != nil {
		return ""
	}
	return p.Command
}
