package cli

import (
	"fmt"
	"github.com/switchyard/switchyard/internal/identity"
	"github.com/switchyard/switchyard/internal/transport/sshauth"
	"log/slog"
	"time"

	"github.com/switchyard/switchyard/models"
)

// DefaultTimeout bounds each operation when Config.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// Config says how to reach and log in to one device.
type Config struct {
	// Address is "host:port"; required.
	Address string
	// Username is the SSH user; required.
	Username string
	// Password authenticates the user (SSH password and
	// keyboard-interactive). Required unless PrivateKeyFile is set.
	Password models.Secret
	// EnablePassword is sent to "enable" when the login lands in user
	// exec; empty when the user is privileged already.
	EnablePassword models.Secret
	// PrivateKeyFile is an unencrypted private key for public-key
	// authentication; optional.
	PrivateKeyFile string
	// KnownHostsFile verifies the device's host key; required unless
	// InsecureIgnoreHostKey.
	KnownHostsFile string
	// InsecureIgnoreHostKey accepts any host key (logged as a warning on
	// every dial). Lab use only.
	InsecureIgnoreHostKey bool
	// Timeout bounds the connection and each operation; DefaultTimeout
	// when zero. An earlier context deadline wins.
	Timeout time.Duration
	// Identity shares parsed known_hosts and key files between the
	// connections of a run; nil reads them for every connection.
	Identity *identity.Cache
	// Logger receives debug (commands, never secrets) and warnings; nil
	// discards.
	Logger *slog.Logger
}

// Validate reports the first problem with c, without I/O.
func (c Config) Validate() error {
	if err := c.login().Validate("cli"); err != nil {
		return err
	}
	if c.Timeout < 0 {
		return fmt.Errorf("cli config for %s: negative timeout %s", c.Address, c.Timeout)
	}
	return nil
}

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
