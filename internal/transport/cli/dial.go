package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/scrapli/scrapligo/driver/network"
	"github.com/scrapli/scrapligo/driver/options"
	"github.com/scrapli/scrapligo/util"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// Privilege level names, as in scrapligo's cisco_iosxe definition.
const (
	PrivExec          = "exec"
	PrivPrivilegeExec = "privilege-exec"
	PrivConfiguration = "configuration"
)

// failedWhenContains are IOS's error markers.
var failedWhenContains = []string{
	"% Ambiguous command", "% Incomplete command", "% Invalid input detected", "% Unknown command",
}

// privilegeLevels returns a fresh copy of scrapligo's cisco_iosxe levels
// (the driver compiles patterns into them, so they are not shared).
func privilegeLevels() map[string]*network.PrivilegeLevel {
	return map[string]*network.PrivilegeLevel{
		PrivExec: {Name: PrivExec, Pattern: `(?im)^[\w.\-@/:]{1,63}>$`},
		PrivPrivilegeExec: {Name: PrivPrivilegeExec, Pattern: `(?im)^[\w.\-@/:]{1,63}#$`,
			PreviousPriv: PrivExec, Deescalate: "disable", Escalate: "enable", EscalateAuth: true,
			EscalatePrompt: `(?im)^(?:enable\s){0,1}password:\s?$`},
		PrivConfiguration: {Name: PrivConfiguration, Pattern: `(?im)^[\w.\-@/:]{1,63}\([\+\w.\-@/:+]{0,32}\)#$`,
			NotContains: []string{"tcl)"}, PreviousPriv: PrivPrivilegeExec, Deescalate: "end",
			Escalate: "configure terminal"},
	}
}

// Dial logs in to cfg.Address over SSH (host key checked against
// cfg.KnownHostsFile), reaches privileged exec (sending the enable password
// if asked) and turns paging off. ctx bounds the whole dial. Errors wrap
// ErrHostKeyUnknown, ErrHostKeyChanged, ErrAuthFailed or ErrEnableFailed
// where they apply.
func Dial(ctx context.Context, cfg Config) (*Session, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	log := cfg.Logger.With("component", "cli", "device", cfg.Address)
	timeout, err := opTimeout(ctx, cfg.Timeout)
	if err != nil {
		return nil, fmt.Errorf("open cli session to %s: %w", cfg.Address, err)
	}
	opts, err := driverOptions(cfg, timeout, log)
	if err != nil {
		return nil, err
	}
	host, _, _ := splitAddress(cfg.Address)
	drv, err := network.NewDriver(host, opts...)
	if err != nil {
		return nil, fmt.Errorf("open cli session to %s: %w", cfg.Address, err)
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
		return nil, fmt.Errorf("open cli session to %s: %w", cfg.Address, context.Cause(ctx))
	}
	log.Debug("cli session opened")
	return newSession(cfg, log, drv), nil
}

func driverOptions(cfg Config, timeout time.Duration, log *slog.Logger) ([]util.Option, error) {
	_, port, _ := splitAddress(cfg.Address)
	opts := []util.Option{
		options.WithTransportType("standard"),
		options.WithPort(port),
		options.WithAuthUsername(cfg.Username),
		options.WithTimeoutSocket(timeout),
		options.WithTimeoutOps(timeout),
		options.WithPrivilegeLevels(privilegeLevels()),
		options.WithDefaultDesiredPriv(PrivPrivilegeExec),
		options.WithFailedWhenContains(failedWhenContains),
		options.WithNetworkOnOpen(onOpen),
		options.WithNetworkOnClose(onClose),
	}
	if !cfg.Password.IsZero() {
		opts = append(opts, options.WithAuthPassword(cfg.Password.Reveal()))
	}
	if !cfg.EnablePassword.IsZero() {
		opts = append(opts, options.WithAuthSecondary(cfg.EnablePassword.Reveal()))
	}
	if cfg.PrivateKeyFile != "" {
		if err := checkPrivateKey(cfg.PrivateKeyFile); err != nil {
			return nil, fmt.Errorf("open cli session to %s: %w", cfg.Address, err)
		}
		opts = append(opts, options.WithAuthPrivateKey(cfg.PrivateKeyFile, ""))
	}
	if cfg.InsecureIgnoreHostKey {
		log.Warn("INSECURE: ssh host key verification is disabled for this device; " +
			"anyone on the network path can impersonate it and receive its credentials")
		return append(opts, options.WithAuthNoStrictKey()), nil
	}
	if _, err := knownhosts.New(cfg.KnownHostsFile); err != nil {
		return nil, fmt.Errorf("open cli session to %s: known_hosts file: %w", cfg.Address, err)
	}
	return append(opts, options.WithSSHKnownHostsFile(cfg.KnownHostsFile)), nil
}

// errEnable marks an on-open failure to reach privileged exec.
var errEnable = errors.New("enable failed")

// onOpen reaches privileged exec and turns off paging and line wrapping,
// as scrapligo's cisco_iosxe network-on-open does.
func onOpen(d *network.Driver) error {
	if err := d.AcquirePriv(PrivPrivilegeExec); err != nil {
		return fmt.Errorf("%w: %w", errEnable, err)
	}
	for _, c := range []string{"terminal width 512", "terminal length 0"} {
		if _, err := d.SendCommand(c); err != nil {
			return err
		}
	}
	return nil
}

// onClose leaves the device politely.
func onClose(d *network.Driver) error {
	if err := d.AcquirePriv(PrivPrivilegeExec); err != nil {
		return err
	}
	if err := d.Channel.Write([]byte("exit"), false); err != nil {
		return err
	}
	return d.Channel.WriteReturn()
}

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

// dialError explains a failed login.
func dialError(cfg Config, err error) error {
	addr := cfg.Address
	var ke *knownhosts.KeyError
	var re *knownhosts.RevokedError
	switch {
	case errors.As(err, &ke) && len(ke.Want) == 0:
		host, port, _ := splitAddress(addr)
		return fmt.Errorf("open cli session to %s: %w %s: add the device's host key to that file "+
			"after checking its fingerprint out of band (for example with ssh-keyscan -p %d %s)",
			addr, ErrHostKeyUnknown, cfg.KnownHostsFile, port, host)
	case errors.As(err, &ke):
		return fmt.Errorf("open cli session to %s: %w (%s line %d): the device was re-keyed or "+
			"someone is impersonating it; if the change is legitimate, replace that line with the new key",
			addr, ErrHostKeyChanged, ke.Want[0].Filename, ke.Want[0].Line)
	case errors.As(err, &re):
		return fmt.Errorf("open cli session to %s: %w: the key is marked @revoked (%s line %d)",
			addr, ErrHostKeyChanged, re.Revoked.Filename, re.Revoked.Line)
	case strings.Contains(err.Error(), "ssh: unable to authenticate"):
		return fmt.Errorf("open cli session to %s: %w for user %q: %w", addr, ErrAuthFailed, cfg.Username, err)
	case errors.Is(err, errEnable):
		return fmt.Errorf("open cli session to %s: %w", addr, ErrEnableFailed)
	case errors.Is(err, util.ErrTimeoutError):
		return fmt.Errorf("open cli session to %s: no prompt within %s: %w", addr, cfg.Timeout, err)
	}
	return fmt.Errorf("open cli session to %s: %w", addr, err)
}

// opTimeout returns limit, or less when ctx ends earlier.
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
