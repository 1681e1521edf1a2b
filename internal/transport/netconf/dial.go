package netconf

import (
	"context"
	"errors"
	"fmt"
	"github.com/switchyard/switchyard/internal/transport/sshauth"
	"sync/atomic"

	"github.com/scrapli/scrapligo/driver/netconf"
	"github.com/scrapli/scrapligo/util"
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
	timeout, err := sshauth.OpTimeout(ctx, cfg.Timeout)
	if err != nil {
		return nil, fmt.Errorf("open netconf session to %s: %w", cfg.Address, err)
	}
	var got atomic.Pointer[sessionHello]
	login := cfg.login()
	login.Hello = func(b []byte) ([]byte, error) {
		h, id, err := readHello(b, cfg.Identity)
		if err != nil {
			return nil, err
		}
		got.Store(&sessionHello{h, id})
		return scrapligoHello(h, id)
	}
	opts, err := login.Options("netconf", timeout, log)
	if err != nil {
		return nil, err
	}
	host, _, _ := sshauth.SplitAddress(cfg.Address)
	drv, err := netconf.NewDriver(host, opts...)
	if err != nil {
		return nil, fmt.Errorf("open netconf session to %s: %w", cfg.Address, err)
	}
	if err := sshauth.Open(ctx, drv.Open, drv.Close); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("open netconf session to %s: %w", cfg.Address, err)
		}
		return nil, dialError(cfg, err)
	}
	sh := got.Load()
	if sh == nil {
		_ = drv.Channel.Close()
		return nil, fmt.Errorf("open netconf session to %s: the hello did not go through switchyard's reader", cfg.Address)
	}
	s := newSession(cfg, log, drv, sh.hello, sh.id)
	log.Debug("netconf session opened", "session", s.SessionID(), "base", drv.SelectedVersion,
		"capabilities", len(sh.hello.caps))
	return s, nil
}

// sessionHello is the hello Dial's filter read: the shared part and the
// session-id.
type sessionHello struct {
	hello *serverHello
	id    string
}

// dialError turns a scrapligo Open error into one that says what happened
// and what to do.
func dialError(cfg Config, err error) error {
	if lerr := cfg.login().LoginError("netconf", err); lerr != nil {
		return lerr
	}
	if errors.Is(err, util.ErrTimeoutError) {
		return fmt.Errorf("open netconf session to %s: no hello from the server within %s: %w", cfg.Address, cfg.Timeout, err)
	}
	return fmt.Errorf("open netconf session to %s: %w", cfg.Address, err)
}
