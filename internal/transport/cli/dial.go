package cli

import (
	"context"
	"errors"
	"fmt"
	"github.com/switchyard/switchyard/internal/transport/sshauth"
	"log/slog"
	"time"

	"github.com/scrapli/scrapligo/driver/network"
	"github.com/scrapli/scrapligo/driver/options"
	"github.com/scrapli/scrapligo/util"
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
	timeout, err := sshauth.OpTimeout(ctx, cfg.Timeout)
	if err != nil {
		return nil, fmt.Errorf("open cli session to %s: %w", cfg.Address, err)
	}
	opts, err := driverOptions(cfg, timeout, log)
	if err != nil {
		return nil, err
	}
	host, _, _ := sshauth.SplitAddress(cfg.Address)
	drv, err := network.NewDriver(host, opts...)
	if err != nil {
		return nil, fmt.Errorf("open cli session to %s: %w", cfg.Address, err)
	}
	if err := sshauth.Open(ctx, drv.Open, drv.Close); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("open cli session to %s: %w", cfg.Address, err)
		}
		return nil, dialError(cfg, err)
	}
	log.Debug("cli session opened")
	return newSession(cfg, log, drv), nil
}

func driverOptions(cfg Config, timeout time.Duration, log *slog.Logger) ([]util.Option, error) {
	opts, err := cfg.login().Options("cli", timeout, log)
	if err != nil {
		return nil, err
	}
	opts = append(opts,
		options.WithPrivilegeLevels(privilegeLevels()),
		options.WithDefaultDesiredPriv(PrivPrivilegeExec),
		options.WithFailedWhenContains(failedWhenContains),
		options.WithNetworkOnOpen(onOpen),
		options.WithNetworkOnClose(onClose),
	)
	if !cfg.EnablePassword.IsZero() {
		opts = append(opts, options.WithAuthSecondary(cfg.EnablePassword.Reveal()))
	}
	return opts, nil
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

// dialError explains a failed login.
func dialError(cfg Config, err error) error {
	if lerr := cfg.login().LoginError("cli", err); lerr != nil {
		return lerr
	}
	switch {
	case errors.Is(err, errEnable):
		return fmt.Errorf("open cli session to %s: %w", cfg.Address, ErrEnableFailed)
	case errors.Is(err, util.ErrTimeoutError):
		return fmt.Errorf("open cli session to %s: no prompt within %s: %w", cfg.Address, cfg.Timeout, err)
	}
	return fmt.Errorf("open cli session to %s: %w", cfg.Address, err)
}
