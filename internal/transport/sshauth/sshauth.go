// Package sshauth is what the SSH-based transports (NETCONF and the CLI)
// share: the login settings and their checks, the scrapligo options that
// log in with host keys verified against known_hosts, the explanation of a
// failed login, and dialing under a context. It keeps the security-relevant
// part of both transports in one place.
package sshauth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/scrapli/scrapligo/driver/options"
	"github.com/scrapli/scrapligo/util"
	"github.com/switchyard/switchyard/internal/identity"
	"github.com/switchyard/switchyard/models"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// Errors a failed login wraps (the transports re-export them).
var (
	// ErrHostKeyUnknown: the known_hosts file has no key for the device.
	ErrHostKeyUnknown = errors.New("ssh host key is not in the known_hosts file")
	// ErrHostKeyChanged: the device presented a key other than the one in
	// the known_hosts file, or a revoked one.
	ErrHostKeyChanged = errors.New("ssh host key does not match the known_hosts file")
	// ErrAuthFailed: the device refused the SSH credentials.
	ErrAuthFailed = errors.New("ssh authentication failed")
)

// Login is how to log in to a device over SSH.
type Login struct {
	// Address is "host:port".
	Address  string
	Username string
	// Password is never logged or put in an error.
	Password models.Secret
	// PrivateKeyFile is an unencrypted private key, optional.
	PrivateKeyFile string
	// KnownHostsFile verifies the device's host key; required unless
	// InsecureIgnoreHostKey.
	KnownHostsFile        string
	InsecureIgnoreHostKey bool
	// Identity shares the parsed known_hosts and private key files between
	// the connections of a run; nil reads and parses them for every
	// connection (once per connection).
	Identity *identity.Cache
	// Hello, for proto "netconf", sees the server's hello before scrapligo
	// does and gives scrapligo what to read instead; nil passes the hello
	// through.
	Hello HelloFilter
}

// Validate reports the first problem with l, without I/O. proto names the
// transport in messages ("netconf", "cli").
func (l Login) Validate(proto string) error {
	if l.Address == "" {
		return fmt.Errorf("%s config: address is required", proto)
	}
	if _, _, err := SplitAddress(l.Address); err != nil {
		return fmt.Errorf("%s config: %w", proto, err)
	}
	if l.Username == "" {
		return fmt.Errorf("%s config for %s: username is required", proto, l.Address)
	}
	if l.Password.IsZero() && l.PrivateKeyFile == "" {
		return fmt.Errorf("%s config for %s: a password or a private key file is required", proto, l.Address)
	}
	if l.KnownHostsFile == "" && !l.InsecureIgnoreHostKey {
		return fmt.Errorf("%s config for %s: a known_hosts file is required "+
			"(or explicitly ignore host keys, which is insecure)", proto, l.Address)
	}
	return nil
}

// Options returns the scrapligo options that log in as l over a pure-Go
// SSH transport with timeout (see sshTransport), reading the key and
// known_hosts files first, through l.Identity, so that their problems get
// clear errors and every connection of a run shares one parse. Host keys
// are verified unless InsecureIgnoreHostKey, which is logged loudly.
func (l Login) Options(proto string, timeout time.Duration, log *slog.Logger) ([]util.Option, error) {
	_, port, err := SplitAddress(l.Address)
	if err != nil {
		return nil, err
	}
	t := &sshTransport{netconf: proto == "netconf"}
	if t.netconf {
		t.hello = l.Hello
	}
	opts := []util.Option{
		options.WithPort(port),
		options.WithAuthUsername(l.Username),
		options.WithTimeoutSocket(timeout),
		options.WithTimeoutOps(timeout),
		options.WithCustomTransport(t),
	}
	if !l.Password.IsZero() {
		opts = append(opts, options.WithAuthPassword(l.Password.Reveal()))
	}
	if t.hostKey, t.signer, err = l.keys(proto, log); err != nil {
		return nil, err
	}
	return opts, nil
}

// keys reads the private key and the known_hosts file of l (through
// l.Identity) and returns the host key callback and the signer (nil
// without a key file).
func (l Login) keys(proto string, log *slog.Logger) (ssh.HostKeyCallback, ssh.Signer, error) {
	var signer ssh.Signer
	var err error
	if l.PrivateKeyFile != "" {
		if signer, err = l.Identity.Signer(l.PrivateKeyFile); err != nil {
			return nil, nil, fmt.Errorf("open %s session to %s: %w", proto, l.Address, err)
		}
	}
	if l.InsecureIgnoreHostKey {
		log.Warn("INSECURE: ssh host key verification is disabled for this device; " +
			"anyone on the network path can impersonate it and receive its credentials")
		return ssh.InsecureIgnoreHostKey(), signer, nil // #nosec G106 -- explicit, logged opt-out
	}
	hostKey, err := l.Identity.KnownHosts(l.KnownHostsFile)
	if err != nil {
		return nil, nil, fmt.Errorf("open %s session to %s: known_hosts file: %w", proto, l.Address, err)
	}
	return hostKey, signer, nil
}

// ClientConfig returns an x/crypto/ssh client configuration that logs in
// as l, for connections switchyard reads itself (a NETCONF notification
// stream, which scrapligo's reader cannot carry). Same key and host key
// handling as Options.
func (l Login) ClientConfig(proto string, timeout time.Duration, log *slog.Logger) (*ssh.ClientConfig, error) {
	hostKey, signer, err := l.keys(proto, log)
	if err != nil {
		return nil, err
	}
	return &ssh.ClientConfig{User: l.Username, Auth: authMethods(signer, l.Password.Reveal()), Timeout: timeout, HostKeyCallback: hostKey}, nil
}

// authMethods offers the public key of signer (when not nil), then the
// password (when not "") both as a password and as the answer to every
// keyboard-interactive question, as devices ask for either.
func authMethods(signer ssh.Signer, password string) []ssh.AuthMethod {
	var auth []ssh.AuthMethod
	if signer != nil {
		auth = append(auth, ssh.PublicKeys(signer))
	}
	if password != "" {
		auth = append(auth, ssh.Password(password), ssh.KeyboardInteractive(
			func(_, _ string, questions []string, _ []bool) ([]string, error) {
				answers := make([]string, len(questions))
				for i := range answers {
					answers[i] = password
				}
				return answers, nil
			}))
	}
	return auth
}

// LoginError explains a failed SSH login (unknown, changed or revoked host
// key; refused credentials) and says what to do. It returns nil when err
// is none of those, for the transport to explain.
func (l Login) LoginError(proto string, err error) error {
	addr := l.Address
	var ke *knownhosts.KeyError
	var re *knownhosts.RevokedError
	switch {
	case errors.As(err, &ke) && len(ke.Want) == 0:
		host, port, _ := SplitAddress(addr)
		return fmt.Errorf("open %s session to %s: %w %s: add the device's host key to that file "+
			"after checking its fingerprint out of band (for example with ssh-keyscan -p %d %s)",
			proto, addr, ErrHostKeyUnknown, l.KnownHostsFile, port, host)
	case errors.As(err, &ke):
		return fmt.Errorf("open %s session to %s: %w (%s line %d): the device was re-keyed or "+
			"someone is impersonating it; if the change is legitimate, replace that line with the new key",
			proto, addr, ErrHostKeyChanged, ke.Want[0].Filename, ke.Want[0].Line)
	case errors.As(err, &re):
		return fmt.Errorf("open %s session to %s: %w: the key is marked @revoked (%s line %d)",
			proto, addr, ErrHostKeyChanged, re.Revoked.Filename, re.Revoked.Line)
	case strings.Contains(err.Error(), "ssh: unable to authenticate"):
		// x/crypto/ssh has no typed error for this; its message names the
		// methods tried, never the credentials.
		return fmt.Errorf("open %s session to %s: %w for user %q: %w", proto, addr, ErrAuthFailed, l.Username, err)
	}
	return nil
}

// Open runs open (a scrapligo driver's Open), returning early when ctx
// ends; a connection that still opens after that is closed with closeFn.
// The error is open's, or ctx's cause.
func Open(ctx context.Context, open, closeFn func() error) error {
	done := make(chan error, 1)
	go func() { done <- open() }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		go func() {
			if <-done == nil {
				_ = closeFn()
			}
		}()
		return context.Cause(ctx)
	}
}

// SplitAddress splits "host:port" and checks the port.
func SplitAddress(addr string) (string, int, error) {
	host, p, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, fmt.Errorf("address %q: %w", addr, err)
	}
	port, err := strconv.Atoi(p)
	if err != nil || port < 1 || port > 65535 {
		return "", 0, fmt.Errorf("address %q: invalid port", addr)
	}
	if host == "" {
		return "", 0, fmt.Errorf("address %q: missing host", addr)
	}
	return host, port, nil
}

// OpTimeout returns the time an operation may take: limit, or less when
// ctx has an earlier deadline. It fails when ctx is already done.
func OpTimeout(ctx context.Context, limit time.Duration) (time.Duration, error) {
	if err := ctx.Err(); err != nil {
		return 0, context.Cause(ctx)
	}
	if dl, ok := ctx.Deadline(); ok {
		if left := time.Until(dl); left < limit {
			if left <= 0 {
				return 0, context.DeadlineExceeded
			}
			return left, nil
		}
	}
	return limit, nil
}
