package gnmi

import (
	"errors"
	"fmt"
	"github.com/switchyard/switchyard/internal/identity"
	"log/slog"
	"net"
	"strconv"
	"time"

	"github.com/switchyard/switchyard/models"
)

// DefaultTimeout is the per-operation timeout when Config.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// Config describes how to reach and authenticate to one gNMI target.
type Config struct {
	// Address is the target's "host:port" (IPv6 hosts in brackets); required.
	Address string
	// Username is sent as the "username" gRPC metadata; required.
	Username string
	// Password is sent as the "password" gRPC metadata; required. It is
	// never logged or put in an error.
	Password models.Secret
	// CAFile is a PEM file of the CA certificates that may sign the
	// target's certificate.
	CAFile string
	// CAPEM holds PEM CA certificates, as CAFile does; both may be given.
	// One of them is required unless Insecure is set.
	CAPEM []byte
	// Identity shares parsed CA bundles between the connections of a run;
	// nil reads CAFile for every client.
	Identity *identity.Cache
	// Insecure accepts any certificate the target presents, which lets
	// anyone on the path impersonate the device and receive its
	// credentials. Dial logs a warning every time. Use it only for lab
	// devices; it cannot be combined with CAFile or CAPEM.
	Insecure bool
	// Timeout bounds the connection and each operation; DefaultTimeout when
	// zero. A context deadline that comes earlier wins.
	Timeout time.Duration
	// Logger receives debug (protocol) and info logs; nil discards them.
	Logger *slog.Logger
}

// Validate reports the first problem with c; it does not touch the network
// or the file system.
func (c Config) Validate() error {
	if c.Address == "" {
		return errors.New("gnmi config: address is required")
	}
	if err := checkAddress(c.Address); err != nil {
		return fmt.Errorf("gnmi config: %w", err)
	}
	if c.Username == "" || c.Password.IsZero() {
		return fmt.Errorf("gnmi config for %s: username and password are required", c.Address)
	}
	hasCA := c.CAFile != "" || len(c.CAPEM) > 0
	switch {
	case c.Insecure && hasCA:
		return fmt.Errorf("gnmi config for %s: insecure mode and a CA are mutually exclusive", c.Address)
	case !c.Insecure && !hasCA:
		return fmt.Errorf("gnmi config for %s: a CA (file or PEM) is required to verify the target's "+
			"certificate (or explicitly skip verification, which is insecure)", c.Address)
	}
	if c.Timeout < 0 {
		return fmt.Errorf("gnmi config for %s: negative timeout %s", c.Address, c.Timeout)
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

// checkAddress checks "host:port".
func checkAddress(addr string) error {
	host, p, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %q: %w", addr, err)
	}
	if port, err := strconv.Atoi(p); err != nil || port < 1 || port > 65535 {
		return fmt.Errorf("address %q: invalid port", addr)
	}
	if host == "" {
		return fmt.Errorf("address %q: missing host", addr)
	}
	return nil
}
