package netconf

import (
	"fmt"
	"github.com/switchyard/switchyard/internal/identity"
	"github.com/switchyard/switchyard/internal/transport/sshauth"
	"log/slog"
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
	// Identity shares parsed known_hosts and key files between the
	// connections of a run; nil reads them for every connection.
	Identity *identity.Cache
	// Logger receives debug (protocol) and info (device state change) logs;
	// nil discards them.
	Logger *slog.Logger
}

// Validate reports the first problem with c; it does not touch the network
// or the file system.
func (c Config) Validate() error {
	if err := c.login().Validate("netconf"); err != nil {
		return err
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

// login is the SSH part of c.
func (c Config) login() sshauth.Login {
	return sshauth.Login{Address: c.Address, Username: c.Username, Password: c.Password, PrivateKeyFile: c.PrivateKeyFile,
		KnownHostsFile: c.KnownHostsFile, InsecureIgnoreHostKey: c.InsecureIgnoreHostKey,
		Identity: c.Identity}
}
