package cli

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
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
	// Logger receives debug (commands, never secrets) and warnings; nil
	// discards.
	Logger *slog.Logger
}

// Validate reports the first problem with c, without I/O.
func (c Config) Validate() error {
	if c.Address == "" {
		return errors.New("cli config: address is required")
	}
	if _, _, err := splitAddress(c.Address); err != nil {
		return fmt.Errorf("cli config: %w", err)
	}
	if c.Username == "" {
		return fmt.Errorf("cli config for %s: username is required", c.Address)
	}
	if c.Password.IsZero() && c.PrivateKeyFile == "" {
		return fmt.Errorf("cli config for %s: a password or a private key file is required", c.Address)
	}
	if c.KnownHostsFile == "" && !c.InsecureIgnoreHostKey {
		return fmt.Errorf("cli config for %s: a known_hosts file is required "+
			"(or explicitly ignore host keys, which is insecure)", c.Address)
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
