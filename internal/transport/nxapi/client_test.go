package nxapi_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/devicesim/nxapisim"
	"github.com/switchyard/switchyard/internal/transport/nxapi"
	"github.com/switchyard/switchyard/models"
)

func start(t *testing.T) *nxapisim.Device {
	t.Helper()
	d, err := nxapisim.Start(t.Context(), nxapisim.Config{Name: "nx-1", Username: "admin", Password: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return d
}

func client(t *testing.T, d *nxapisim.Device, mod func(*nxapi.Config)) *nxapi.Client {
	t.Helper()
	cfg := nxapi.Config{Address: d.Addr(), Username: "admin", Password: models.NewSecret("pw"), CAPEM: d.CAPEM(),
		RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond, Timeout: 5 * time.Second}
	if mod != nil {
		mod(&cfg)
	}
	c, err := nxapi.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func TestShowRunningConfig(t *testing.T) {
	d := start(t)
	out, err := client(t, d, nil).Show(t.Context(), "show running-config")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "!Command: show running-config") || !strings.Contains(out, "hostname switch") {
		t.Errorf("show running-config = %q", out)
	}
}

func TestShowRetriesTransientErrors(t *testing.T) {
	tests := []struct {
		name string
		arm  func(k *nxapisim.Knobs)
	}{
		{"503 twice", func(k *nxapisim.Knobs) { k.Unavailable(2) }},
		{"dropped connection", func(k *nxapisim.Knobs) { k.DropNext(1) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := start(t)
			c := client(t, d, nil)
			tc.arm(d.Knobs())
			if _, err := c.Show(t.Context(), "show hostname"); err != nil {
				t.Fatalf("Show after transient errors: %v", err)
			}
		})
	}
}

func TestShowGivesUpAfterRetryMax(t *testing.T) {
	d := start(t)
	c := client(t, d, func(c *nxapi.Config) { c.RetryMax = 2 })
	d.Knobs().Unavailable(10)
	_, err := c.Show(t.Context(), "show hostname")
	if !errors.Is(err, nxapi.ErrHTTP) || !strings.Contains(err.Error(), "3 attempt(s)") || !strings.Contains(err.Error(), d.Addr()) {
		t.Fatalf("err = %v, want ErrHTTP after 3 attempts naming the address", err)
	}
	if got := d.Requests(); got != 3 {
		t.Errorf("device saw %d requests, want 3", got)
	}
}

func TestConfigIsNotRetried(t *testing.T) {
	d := start(t)
	c := client(t, d, nil)
	d.Knobs().Unavailable(1)
	before := d.Requests()
	err := c.Config(t.Context(), nxapi.Lines("hostname nx-2"))
	if !errors.Is(err, nxapi.ErrHTTP) {
		t.Fatalf("Config during a 503 = %v, want ErrHTTP", err)
	}
	if got := d.Requests() - before; got != 1 {
		t.Errorf("Config was sent %d times, want once", got)
	}
	if strings.Contains(d.Running(), "hostname nx-2") {
		t.Error("the refused request changed the device")
	}
	for _, op := range []func() error{
		func() error { return c.Checkpoint(t.Context(), "cp") },
		func() error { return c.DeleteCheckpoint(t.Context(), "cp") },
	} {
		d.Knobs().Unavailable(1)
		before := d.Requests()
		if err := op(); !errors.Is(err, nxapi.ErrHTTP) {
			t.Errorf("checkpoint call during a 503 = %v, want ErrHTTP", err)
		}
		if got := d.Requests() - before; got != 1 {
			t.Errorf("checkpoint call sent %d times, want once", got)
		}
	}
}

func TestConfigAppliesAndReportsRefusedCommand(t *testing.T) {
	d := start(t)
	c := client(t, d, nil)
	err := c.Config(t.Context(), []nxapi.Line{{Text: "hostname nx-2"}, {Text: "bogus command"}, {Text: "ntp server 10.0.0.1"}})
	var ce *nxapi.CommandError
	if !errors.As(err, &ce) || !errors.Is(err, nxapi.ErrCommand) {
		t.Fatalf("err = %v, want *CommandError", err)
	}
	if ce.Index != 2 || ce.Command != "bogus command" || ce.Address != d.Addr() || !strings.Contains(ce.Message, "Invalid command") {
		t.Errorf("CommandError = %+v", ce)
	}
	run := d.Running()
	if !strings.Contains(run, "hostname nx-2") || strings.Contains(run, "ntp server") {
		t.Errorf("running = %q: want the first command applied and the third not", run)
	}
}

func TestSecretLinesAreRedacted(t *testing.T) {
	d := start(t)
	var logs bytes.Buffer
	c := client(t, d, func(c *nxapi.Config) {
		c.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	d.Knobs().RejectCommand("username", "% password too weak")
	err := c.Config(t.Context(), []nxapi.Line{{Text: "username bob password hunter2 role network-admin", Secret: true}})
	if err == nil {
		t.Fatal("Config succeeded, want the knob's refusal")
	}
	for what, s := range map[string]string{"error": err.Error(), "log": logs.String()} {
		if strings.Contains(s, "hunter2") || strings.Contains(s, "pw") && what == "error" {
			t.Errorf("%s leaks a secret: %s", what, s)
		}
	}
	if !strings.Contains(err.Error(), nxapi.Redacted) {
		t.Errorf("error %q does not show the redacted command", err)
	}
}

func TestCheckpointLifecycle(t *testing.T) {
	d := start(t)
	c := client(t, d, nil)
	ctx := t.Context()
	before := d.Running()
	if err := c.Checkpoint(ctx, "cp1"); err != nil {
		t.Fatal(err)
	}
	if err := c.Config(ctx, nxapi.Lines("hostname changed", "vlan 10", "  name TEN")); err != nil {
		t.Fatal(err)
	}
	if err := c.Rollback(ctx, "cp1"); err != nil {
		t.Fatal(err)
	}
	if got := d.Running(); got != before {
		t.Errorf("running after rollback differs:\n%s\nwant\n%s", got, before)
	}
	names, err := c.Checkpoints(ctx)
	if err != nil || len(names) != 1 || names[0] != "cp1" {
		t.Fatalf("Checkpoints = %v, %v", names, err)
	}
	if err := c.DeleteCheckpoint(ctx, "cp1"); err != nil {
		t.Fatal(err)
	}
	if names, _ := c.Checkpoints(ctx); len(names) != 0 {
		t.Errorf("Checkpoints after delete = %v", names)
	}
}

func TestTLSRefusesUnknownCA(t *testing.T) {
	d, other := start(t), start(t)
	c := client(t, d, func(c *nxapi.Config) { c.CAPEM = other.CAPEM() })
	before := d.Requests()
	_, err := c.Show(t.Context(), "show hostname")
	if !errors.Is(err, nxapi.ErrCertificate) {
		t.Fatalf("err = %v, want ErrCertificate", err)
	}
	if d.Requests() != before {
		t.Error("a request reached the device over an unverified connection")
	}
}

func TestInsecureIsExplicit(t *testing.T) {
	d := start(t)
	var logs bytes.Buffer
	c := client(t, d, func(c *nxapi.Config) {
		c.CAPEM, c.Insecure = nil, true
		c.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})
	if _, err := c.Show(t.Context(), "show hostname"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "verification is OFF") {
		t.Errorf("no warning logged for insecure mode: %q", logs.String())
	}
	if _, err := nxapi.New(nxapi.Config{Address: d.Addr(), Username: "a", Password: models.NewSecret("b"), Insecure: true, CAPEM: d.CAPEM()}); err == nil {
		t.Error("insecure with a CA accepted")
	}
}

func TestBadCredentials(t *testing.T) {
	d := start(t)
	c := client(t, d, func(c *nxapi.Config) { c.Password = models.NewSecret("wrong-pw") })
	_, err := c.Show(t.Context(), "show hostname")
	if !errors.Is(err, nxapi.ErrAuthFailed) || strings.Contains(err.Error(), "wrong-pw") {
		t.Fatalf("err = %v, want ErrAuthFailed without the password", err)
	}
}

func TestContextCancelStopsRetries(t *testing.T) {
	d := start(t)
	c := client(t, d, func(c *nxapi.Config) { c.RetryWaitMin, c.RetryWaitMax = time.Hour, time.Hour })
	d.Knobs().Unavailable(5)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	if _, err := c.Show(ctx, "show hostname"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded", err)
	}
}
