package netconf

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"time"

	"github.com/switchyard/switchyard/models"
)

// DefaultTimeout is the per-operation timeout when Config.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// Config describes how to reach and authenticate to one NETCONF server.
type Config struct {
	// Address is the server's "host:port" (IPv6 hosts in brackets); required.
	Address string
	// Username is the SSH user; required.
	Username string
	// Password authenticates the user with SSH password (and
	// keyboard-interactive) authentication. It is never logged or put in an
	// error. At least one of Password and PrivateKeyFile is required.
	Password models.Secret
	// PrivateKeyFile is the path of an unencrypted OpenSSH or PEM private key
	// for SSH public-key authentication; optional.
	PrivateKeyFile string
	// KnownHostsFile is the OpenSSH known_hosts file the server's host key
	// is checked against; required unless InsecureIgnoreHostKey is set.
	KnownHostsFile string
	// InsecureIgnoreHostKey accepts any host key, which lets anyone on the
	// path impersonate the device. Dial logs a warning for every session
	// opened this way. Use it only for lab devices.
	InsecureIgnoreHostKey bool
	// Timeout bounds the SSH connection and each operation (including the
	// hello exchange); DefaultTimeout when zero. A context deadline that
	// comes earlier wins.
	Timeout time.Duration
	// Logger receives debug (protocol) and info (device state change) logs;
	// nil discards them.
	Logger *slog.Logger
}

// Validate reports the first problem with c; it does not touch the network
// or the file system.
func (c Config) Validate() error {
	if c.Address == "" {
		return errors.New("netconf config: address is required")
	}
	if _, _, err := splitAddress(c.Address); err != nil {
		return fmt.Errorf("netconf config: %w", err)
	}
	if c.Username == "" {
		return fmt.Errorf("netconf config for %s: username is required", c.Address)
	}
	if c.Password.IsZero() && c.PrivateKeyFile == "" {
		return fmt.Errorf("netconf config for %s: a password or a private key file is required", c.Address)
	}
	if c.KnownHostsFile == "" && !c.InsecureIgnoreHostKey {
		return fmt.Errorf("netconf config for %s: a known_hosts file is required "+
			"(or explicitly ignore host keys, which is insecure)", c.Address)
	}
	if c.Timeout < 0 {
		return fmt.Errorf("netconf config for %s: negative timeout %s", c.Address, c.Timeout)
	}
	return nil
}

// withDefaults returns c with the defaults applied.
func (c Config) withDefaults() Config {
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// splitAddress splits "host:port" and checks the port.
func splitAddress(addr string) (string, int, error) {
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
