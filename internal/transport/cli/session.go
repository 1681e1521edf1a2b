package cli

import (
	"context"
	"errors"
	"fmt"
	"github.com/switchyard/switchyard/internal/transport/sshauth"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/scrapli/scrapligo/channel"
	"github.com/scrapli/scrapligo/driver/network"
	"github.com/scrapli/scrapligo/driver/opoptions"
	"github.com/scrapli/scrapligo/response"
	"github.com/scrapli/scrapligo/util"

	"github.com/switchyard/switchyard/models"
)

// closeWait bounds how long Close waits for a polite logout.
const closeWait = 2 * time.Second

// Session is a logged-in CLI session in privileged exec. Its methods are
// safe for concurrent use; operations run one at a time.
type Session struct {
	cfg Config
	log *slog.Logger
	drv *network.Driver
	sem chan struct{}

	mu      sync.Mutex
	closed  bool
	broken  error
	closing chan struct{}
}

func newSession(cfg Config, log *slog.Logger, drv *network.Driver) *Session {
	return &Session{cfg: cfg, log: log, drv: drv, sem: make(chan struct{}, 1), closing: make(chan struct{})}
}

// Address returns the device address.
func (s *Session) Address() string { return s.cfg.Address }

// SendCommand runs an exec command in privileged exec and returns its
// output (without the echoed command and the prompt). An answer with an
// IOS error marker is a *CommandError.
func (s *Session) SendCommand(ctx context.Context, cmd string) (string, error) {
	var r *response.Response
	err := s.do(ctx, func(timeout time.Duration) error {
		var err error
		r, err = s.drv.SendCommand(cmd, opoptions.WithTimeoutOps(timeout))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("command %q on %s: %w", cmd, s.cfg.Address, err)
	}
	s.log.Debug("command sent", "command", cmd, "failed", r.Failed != nil)
	if r.Failed != nil {
		return r.Result, &CommandError{Address: s.cfg.Address, Command: cmd, Output: r.Result}
	}
	return r.Result, nil
}

// SendConfigs enters configuration mode and sends lines one by one (a
// multi-line banner is one element), stopping at the first line the device
// answers with an error marker: the *CommandError names that line. Any
// occurrence of a secret's value in the error or the logs is redacted.
// The session stays in configuration mode until the next SendCommand.
func (s *Session) SendConfigs(ctx context.Context, lines []string, secrets ...models.Secret) error {
	if len(lines) == 0 {
		return nil
	}
	var m *response.MultiResponse
	err := s.do(ctx, func(timeout time.Duration) error {
		var err error
		m, err = s.drv.SendConfigs(lines, opoptions.WithStopOnFailed(), opoptions.WithTimeoutOps(timeout))
		return err
	})
	if err != nil {
		return fmt.Errorf("configure %s: %s", s.cfg.Address, Redact(err.Error(), secrets...))
	}
	for _, r := range m.Responses {
		if r.Failed != nil {
			return &CommandError{Address: s.cfg.Address, Command: Redact(firstLine(r.Input), secrets...),
				Output: Redact(r.Result, secrets...)}
		}
	}
	s.log.Debug("configuration sent", "lines", len(lines))
	return nil
}

// Step is one exchange of an interactive command: send Input, then wait
// for Expect (a regular expression; empty waits for the prompt).
type Step struct {
	Input  string
	Expect string
	// Hidden input is neither echoed by the device nor logged.
	Hidden bool
}

// SendInteractive runs steps in privileged exec (answering a device's
// questions, such as copy's "Destination filename [x]?") and returns the
// whole output. An error marker in the output is a *CommandError.
func (s *Session) SendInteractive(ctx context.Context, steps []Step) (string, error) {
	events := make([]*channel.SendInteractiveEvent, len(steps))
	for i, st := range steps {
		events[i] = &channel.SendInteractiveEvent{ChannelInput: st.Input, ChannelResponse: st.Expect, HideInput: st.Hidden}
	}
	var r *response.Response
	err := s.do(ctx, func(timeout time.Duration) error {
		var err error
		r, err = s.drv.SendInteractive(events, opoptions.WithTimeoutOps(timeout))
		return err
	})
	cmd := ""
	if len(steps) > 0 {
		cmd = steps[0].Input
	}
	if err != nil {
		return "", fmt.Errorf("command %q on %s: %w", cmd, s.cfg.Address, err)
	}
	if r.Failed != nil {
		return r.Result, &CommandError{Address: s.cfg.Address, Command: cmd, Output: r.Result}
	}
	return r.Result, nil
}

// Close logs out and closes the connection. Idempotent.
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
	if broken == nil {
		done := make(chan error, 1)
		go func() { done <- s.drv.Close() }()
		select {
		case <-done:
			s.log.Debug("cli session closed")
			return nil
		case <-time.After(closeWait):
		}
	}
	_ = s.drv.Channel.Close()
	s.log.Debug("cli session closed forcibly")
	return nil
}

// do runs one scrapligo operation once the session is free; timeout is
// what is left of ctx, bounded by cfg.Timeout.
func (s *Session) do(ctx context.Context, op func(timeout time.Duration) error) error {
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-s.closing:
		return ErrClosed
	}
	if err := s.usable(); err != nil {
		<-s.sem
		return err
	}
	timeout, err := sshauth.OpTimeout(ctx, s.cfg.Timeout)
	if err != nil {
		<-s.sem
		return err
	}
	done := make(chan error, 1)
	go func() {
		defer func() { <-s.sem }()
		err := op(timeout)
		if err != nil {
			s.markBroken(err)
		}
		done <- err
	}()
	select {
	case err := <-done:
		switch {
		case errors.Is(err, util.ErrTimeoutError):
			return fmt.Errorf("%w: no prompt within %s: %w", ErrBroken, timeout, context.DeadlineExceeded)
		case err != nil:
			return fmt.Errorf("%w: %w", ErrBroken, err)
		}
		return nil
	case <-ctx.Done():
		s.markBroken(context.Cause(ctx))
		return fmt.Errorf("%w: abandoned waiting for the device: %w", ErrBroken, context.Cause(ctx))
	case <-s.closing:
		return ErrClosed
	}
}

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

func (s *Session) markBroken(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.broken == nil {
		s.broken = err
		s.log.Warn("cli session broken", "err", err)
	}
}

// Redact replaces every occurrence of the secrets' values in s with
// "[redacted]". Empty secrets are ignored.
func Redact(s string, secrets ...models.Secret) string {
	for _, sec := range secrets {
		if v := sec.Reveal(); v != "" {
			s = strings.ReplaceAll(s, v, "[redacted]")
		}
	}
	return s
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
