package netconf

import (
	"context"
	"errors"
	"fmt"
	"github.com/switchyard/switchyard/internal/transport/sshauth"
	"io"
	"log/slog"
	"net"
	"slices"
	"sync"
	"time"

	"github.com/scrapli/scrapligo/driver/netconf"
	"github.com/scrapli/scrapligo/response"
	"github.com/scrapli/scrapligo/util"
)

// closeWait bounds how long Close waits for scrapligo to stop its reader
// before closing the connection forcibly.
const closeWait = 2 * time.Second

// Session is one open NETCONF session. Its methods are safe for concurrent
// use; operations run one at a time in call order of acquiring the session.
type Session struct {
	cfg Config
	log *slog.Logger
	drv *netconf.Driver
	// hello is the server's hello, shared with other sessions of the run
	// that got the same one; read-only.
	hello *serverHello
	id    string
	// sem admits one operation at a time; the goroutine running the
	// operation releases it, so an abandoned operation still holds it
	// until scrapligo returns.
	sem     chan struct{}
	closing chan struct{}

	mu     sync.Mutex
	closed bool
	broken error // first transport failure, nil while healthy
}

func newSession(cfg Config, log *slog.Logger, drv *netconf.Driver, h *serverHello, id string) *Session {
	s := &Session{cfg: cfg, drv: drv, hello: h, id: id, sem: make(chan struct{}, 1), closing: make(chan struct{})}
	s.log = log.With("session", s.id)
	return s
}

// Address returns the device address the session was dialled to.
func (s *Session) Address() string { return s.cfg.Address }

// Capabilities returns the capability URIs of the server's hello, in the
// order sent, trimmed and with XML references decoded. The slice is a
// copy.
func (s *Session) Capabilities() []string { return slices.Clone(s.hello.caps) }

// Modules returns the YANG modules the hello advertises (RFC 6020 module
// capabilities), by name, with their revision ("" when not given). The
// map is shared with other sessions: callers must not modify it.
func (s *Session) Modules() map[string]string { return s.hello.modules }

// Has reports whether the server advertised capability: an exact match,
// or, for a capability given without a query ("?module=..."), a match of
// the advertised URI without its query.
func (s *Session) Has(capability string) bool { return s.hello.has(capability) }

// SessionID returns the session-id the server assigned in its hello, ""
// if it sent none. Another session's lock-denied errors name this id.
func (s *Session) SessionID() string { return s.id }

// Framing returns the negotiated NETCONF base version, "1.0"
// (end-of-message framing) or "1.1" (chunked framing).
func (s *Session) Framing() string { return s.drv.SelectedVersion }

// Close ends the session by closing its SSH connection; the server then
// releases the session's locks and reverts a confirmed commit that it
// issued without persist. Close is idempotent; operations in flight fail
// with ErrClosed.
func (s *Session) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	broken := s.broken
	close(s.closing)
	s.mu.Unlock()
	if broken != nil {
		// scrapligo's netconf reader blocks forever reporting the transport
		// error, so Driver.Close would hang: close the channel directly.
		return s.forceClose()
	}
	done := make(chan error, 1)
	go func() { done <- s.drv.Close() }()
	select {
	case err := <-done:
		if err != nil && !alreadyClosed(err) {
			return fmt.Errorf("close netconf session to %s: %w", s.cfg.Address, err)
		}
		s.log.Debug("netconf session closed")
		return nil
	case <-time.After(closeWait):
		return s.forceClose()
	}
}

// forceClose closes the channel and transport under scrapligo's driver.
func (s *Session) forceClose() error {
	if err := s.drv.Channel.Close(); err != nil && !alreadyClosed(err) {
		return fmt.Errorf("close netconf session to %s: %w", s.cfg.Address, err)
	}
	s.log.Debug("netconf session closed forcibly")
	return nil
}

// alreadyClosed reports whether err only says that the server closed the
// connection first, which is how a session often ends.
func alreadyClosed(err error) bool {
	return errors.Is(err, net.ErrClosed) || errors.Is(err, io.EOF)
}

// call is one scrapligo request; timeout bounds it.
type call func(timeout time.Duration) (*response.NetconfResponse, error)

// do runs one request as operation op ("lock candidate") and returns the
// parsed reply. Errors name the device and op; an rpc-error reply is a
// *ReplyError.
func (s *Session) do(ctx context.Context, op string, c call) (*reply, error) {
	r, err := s.exchange(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("%s on %s: %w", op, s.cfg.Address, err)
	}
	rep, perr := parseReply([]byte(r.Result))
	if perr != nil {
		if r.Failed != nil {
			perr = fmt.Errorf("%w (%w)", perr, r.Failed)
		}
		return nil, fmt.Errorf("%s on %s: %w", op, s.cfg.Address, perr)
	}
	for _, e := range rep.errs {
		if e.Severity == "warning" {
			s.log.Warn("netconf warning", "op", op, "warning", e.Error())
		}
	}
	if err := rep.failure(); err != nil {
		s.log.Debug("rpc failed", "op", op, "err", err)
		return rep, fmt.Errorf("%s on %s: %w", op, s.cfg.Address, err)
	}
	s.log.Debug("rpc ok", "op", op)
	return rep, nil
}

// exchange runs c once the session is free, and returns its response.
func (s *Session) exchange(ctx context.Context, c call) (*response.NetconfResponse, error) {
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	case <-s.closing:
		return nil, ErrClosed
	}
	if err := s.usable(); err != nil {
		<-s.sem
		return nil, err
	}
	timeout, err := sshauth.OpTimeout(ctx, s.cfg.Timeout)
	if err != nil {
		<-s.sem
		return nil, err
	}
	type result struct {
		r   *response.NetconfResponse
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() { <-s.sem }()
		r, err := c(timeout)
		if err != nil && !errors.Is(err, util.ErrTimeoutError) {
			s.markBroken(err)
		}
		done <- result{r, err}
	}()
	select {
	case res := <-done:
		switch {
		case errors.Is(res.err, util.ErrTimeoutError):
			return nil, fmt.Errorf("no reply within %s (the device may still apply the request): %w",
				timeout, context.DeadlineExceeded)
		case res.err != nil:
			return nil, fmt.Errorf("%w: %w", ErrBroken, res.err)
		}
		return res.r, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("abandoned waiting for the reply (the device may still apply the request): %w",
			context.Cause(ctx))
	case <-s.closing:
		return nil, ErrClosed
	}
}

// usable returns ErrClosed or ErrBroken when no request may be sent.
func (s *Session) usable() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closed:
		return ErrClosed
	case s.broken != nil:
		return fmt.Errorf("%w: %w", ErrBroken, s.broken)
	}
	return nil
}

// markBroken records the first transport failure.
func (s *Session) markBroken(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.broken == nil {
		s.broken = err
		s.log.Warn("netconf session broken", "err", err)
	}
}
