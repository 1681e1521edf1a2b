package nxapi

import (
	"errors"
	"fmt"
	"github.com/switchyard/switchyard/internal/identity"
	"log/slog"
	"net"
	"time"

	"github.com/hashicorp/go-retryablehttp"

	"github.com/switchyard/switchyard/models"
)

// Defaults of Config's zero fields.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultRetryMax     = 3
	DefaultRetryWaitMin = 200 * time.Millisecond
	DefaultRetryWaitMax = 2 * time.Second
)

// Config describes how to reach and authenticate to one NX-API endpoint.
type Config struct {
	// Address is the device's "host:port" (IPv6 hosts in brackets);
	// required.
	Address string
	// Username and Password are sent with HTTP basic authentication; both
	// required. The password is never logged or put in an error.
	Username string
	Password models.Secret
	// CAFile is a PEM file of the CA certificates that may sign the
	// device's certificate; CAPEM holds the same inline. Without either,
	// the system roots are used.
	CAFile string
	CAPEM  []byte
	// Identity shares parsed CA bundles between the connections of a run;
	// nil reads CAFile for every client.
	Identity *identity.Cache
	// Insecure accepts any certificate, which lets anyone on the path
	// impersonate the device and receive its credentials. New logs a
	// warning every time; it cannot be combined with CAFile or CAPEM.
	Insecure bool
	// Timeout bounds each HTTP attempt; DefaultTimeout when zero. A context
	// deadline that comes earlier wins.
	Timeout time.Duration
	// RetryMax is how many times a retryable request is retried;
	// DefaultRetryMax when zero, none when negative.
	RetryMax int
	// RetryWaitMin and RetryWaitMax bound the backoff between retries.
	RetryWaitMin, RetryWaitMax time.Duration
	// Backoff computes the wait before retry attempt n; nil means
	// retryablehttp.DefaultBackoff (exponential, honouring Retry-After).
	Backoff retryablehttp.Backoff
	// Logger receives debug (protocol) and warn logs; nil discards them.
	Logger *slog.Logger
}

// Validate reports the first problem with c; it does not touch the network
// or the file system.
func (c Config) Validate() error {
	if c.Address == "" {
		return errors.New("nxapi config: address is required")
	}
	if _, _, err := net.SplitHostPort(c.Address); err != nil {
		return fmt.Errorf("nxapi config: address %q: %w", c.Address, err)
	}
	if c.Username == "" || c.Password.IsZero() {
		return fmt.Errorf("nxapi config for %s: username and password are required", c.Address)
	}
	if c.Insecure && (c.CAFile != "" || len(c.CAPEM) > 0) {
		return fmt.Errorf("nxapi config for %s: insecure mode and a CA are mutually exclusive", c.Address)
	}
	if c.Timeout < 0 || c.RetryWaitMin < 0 || c.RetryWaitMax < 0 {
		return fmt.Errorf("nxapi config for %s: negative duration", c.Address)
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	switch {
	case c.RetryMax == 0:
		c.RetryMax = DefaultRetryMax
	case c.RetryMax < 0:
		c.RetryMax = 0
	}
	if c.RetryWaitMin == 0 {
		c.RetryWaitMin = DefaultRetryWaitMin
	}
	if c.RetryWaitMax == 0 {
		c.RetryWaitMax = max(DefaultRetryWaitMax, c.RetryWaitMin)
	}
	if c.Backoff == nil {
		c.Backoff = retryablehttp.DefaultBackoff
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}
