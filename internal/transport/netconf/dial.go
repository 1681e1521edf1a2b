package netconf

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/scrapli/scrapligo/driver/netconf"
	"github.com/scrapli/scrapligo/driver/options"
	"github.com/scrapli/scrapligo/util"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// Dial opens a NETCONF session to cfg.Address: SSH (host key checked
// against cfg.KnownHostsFile), the netconf subsystem and the hello
// exchange. ctx bounds the whole dial; if it ends first Dial returns at once
// and a connection still being set up is closed in the background when it
// completes (within cfg.Timeout). Errors wrap ErrHostKeyUnknown,
// ErrHostKeyChanged or ErrAuthFailed where they apply.
func Dial(ctx context.Context, cfg Config) (*Session, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	log := cfg.Logger.With("component", "netconf", "device", cfg.Address)
	timeout, err := opTimeout(ctx, cfg.Timeout)
	if err != nil {
		return nil, fmt.Errorf("open netconf session to %s: %w", cfg.Address, err)
	}
	opts, err := driverOptions(cfg, timeout, log)
	if err != nil {
		return nil, err
	}
	host, _, _ := splitAddress(cfg.Address)
	drv, err := netconf.NewDriver(host, opts...)
	if err != nil {
		return nil, fmt.Errorf("open netconf session to %s: %w", cfg.Address, err)
	}
	done := make(chan error, 1)
	go func() { done <- drv.Open() }()
	select {
	case err := <-done:
		if err != nil {
			return nil, dialError(cfg, err)
		}
	case <-ctx.Done():
		go func() {
			if <-done == nil {
				_ = drv.Close()
			}
		}()
		return nil, fmt.Errorf("open netconf session to %s: %w", cfg.Address, context.Cause(ctx))
	}
	s := newSession(cfg, log, drv)
	log.Debug("netconf session opened", "session", s.SessionID(), "base", drv.SelectedVersion,
		"capabilities", len(s.caps))
	return s, nil
}

// driverOptions builds the scrapligo options for cfg, checking the
// known_hosts and key files first so that their problems get clear errors.
func driverOptions(cfg Config, timeout time.Duration, log *slog.Logger) ([]util.Option, error) {
	_, port, _ := splitAddress(cfg.Address)
	opts := []util.Option{
		options.WithTransportType("standard"),
		options.WithPort(port),
		options.WithAuthUsername(cfg.Username),
		options.WithTimeoutSocket(timeout),
		options.WithTimeoutOps(timeout),
	}
	if !cfg.Password.IsZero() {
		opts = append(opts, options.WithAuthPassword(cfg.Password.Reveal()))
	}
	if cfg.PrivateKeyFile != "" {
		if err := checkPrivateKey(cfg.PrivateKeyFile); err != nil {
			return nil, fmt.Errorf("open netconf session to %s: %w", cfg.Address, err)
		}
		opts = append(opts, options.WithAuthPrivateKey(cfg.PrivateKeyFile, ""))
	}
	if cfg.InsecureIgnoreHostKey {
		log.Warn("INSECURE: ssh host key verification is disabled for this device; " +
			"anyone on the network path can impersonate it and receive its credentials")
		return append(opts, options.WithAuthNoStrictKey()), nil
	}
	if _, err := knownhosts.New(cfg.KnownHostsFile); err != nil {
		return nil, fmt.Errorf("open netconf session to %s: known_hosts file: %w", cfg.Address, err)
	}
	return append(opts, options.WithSSHKnownHostsFile(cfg.KnownHostsFile)), nil
}

// checkPrivateKey reads and parses the private key file.
func checkPrivateKey(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("private key file: %w", err)
	}
	if _, err := ssh.ParsePrivateKey(b); err != nil {
		var pm *ssh.PassphraseMissingError
		if errors.As(err, &pm) {
			return fmt.Errorf("private key file %s is encrypted; only unencrypted keys are supported", path)
		}
		return fmt.Errorf("private key file %s: %w", path, err)
	}
	return nil
}

// dialError turns a scrapligo Open error into one that says what happened
// and what to do.
func dialError(cfg Config, err error) error {
	addr := cfg.Address
	var ke *knownhosts.KeyError
	var re *knownhosts.RevokedError
	switch {
	case errors.As(err, &ke) && len(ke.Want) == 0:
		return fmt.Errorf("open netconf session to %s: %w %s: add the device's host key to that file "+
			"after checking its fingerprint out of band (for example with ssh-keyscan -p %s %s)",
			addr, ErrHostKeyUnknown, cfg.KnownHostsFile, portOf(addr), hostOf(addr))
	case errors.As(err, &ke):
		return fmt.Errorf("open netconf session to %s: %w (%s line %d): the device was re-keyed or "+
			"someone is impersonating it; if the change is legitimate, replace that line with the new key",
			addr, ErrHostKeyChanged, ke.Want[0].Filename, ke.Want[0].Line)
	case errors.As(err, &re):
		return fmt.Errorf("open netconf session to %s: %w: the key is marked @revoked (%s line %d)",
			addr, ErrHostKeyChanged, re.Revoked.Filename, re.Revoked.Line)
	case strings.Contains(err.Error(), "ssh: unable to authenticate"):
		// x/crypto/ssh has no typed error for this; its message names the
		// methods tried, never the credentials.
		return fmt.Errorf("open netconf session to %s: %w for user %q: %w", addr, ErrAuthFailed, cfg.Username, err)
	case errors.Is(err, util.ErrTimeoutError):
		return fmt.Errorf("open netconf session to %s: no hello from the server within %s: %w", addr, cfg.Timeout, err)
	}
	return fmt.Errorf("open netconf session to %s: %w", addr, err)
}

func hostOf(addr string) string { h, _, _ := splitAddress(addr); return h }

func portOf(addr string) string { _, p, _ := splitAddress(addr); return strconv.Itoa(p) }

// opTimeout returns the time an operation may take: limit, or less when
// ctx has an earlier deadline. It fails when ctx is already done.
func opTimeout(ctx context.Context, limit time.Duration) (time.Duration, error) {
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
