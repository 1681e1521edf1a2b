package nxos_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/devicesim/nxapisim"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/transport/nxapi"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/nxos"
)

// secretValues are the test values of rich()'s secret references.
var secretValues = map[string]string{"TACACS_KEY": "tacacs-k3y", "/run/secrets/netops": "n3tops-pw",
	"SNMP_RO": "ro-c0mmunity", "SNMP_RW": "rw-c0mmunity", "SNMP_AUTH": "auth-k3y-123", "SNMP_PRIV": "priv-k3y-123"}

func fakeSecrets() credentials.Source {
	return credentials.Source{
		LookupEnv: func(k string) (string, bool) { v, ok := secretValues[k]; return v, ok },
		ReadFile: func(p string) ([]byte, error) {
			if v, ok := secretValues[p]; ok {
				return []byte(v + "\n"), nil
			}
			return nil, &os.PathError{Op: "open", Path: p, Err: os.ErrNotExist}
		},
	}
}

type rig struct {
	dev    *nxapisim.Device
	driver *nxos.Driver
	target providers.Target
}

func newRig(t *testing.T, opts ...nxos.Option) *rig {
	t.Helper()
	dev, err := nxapisim.Start(t.Context(), nxapisim.Config{Name: "nx-rich-1", Username: "admin", Password: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = dev.Close() })
	opts = append([]nxos.Option{
		nxos.WithCA(func(providers.Target) ([]byte, error) { return dev.CAPEM(), nil }),
		nxos.WithSecretSource(fakeSecrets()),
		nxos.WithTransportConfig(func(c *nxapi.Config) { c.RetryWaitMin, c.RetryWaitMax = time.Millisecond, 5*time.Millisecond }),
	}, opts...)
	return &rig{dev: dev, driver: nxos.New(opts...), target: providers.Target{
		Name: "nx-rich-1", Platform: "nxos", Transport: "nxapi", Address: dev.Addr(),
		Username: "admin", Password: models.NewSecret("pw"), Timeout: 10 * time.Second,
	}}
}

func (r *rig) apply(t *testing.T, d *models.Device) rollout.Result {
	t.Helper()
	desired, err := r.driver.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	res := rollout.Apply(t.Context(), []rollout.Unit{{Name: d.Name, Target: r.target, Desired: desired, Driver: r.driver}},
		rollout.Config{ConfirmTimeout: time.Minute})
	return res[0]
}

func TestNXAPIApplyConverges(t *testing.T) {
	r := newRig(t)
	res := r.apply(t, rich())
	if res.Status != rollout.Applied || res.Err != nil {
		t.Fatalf("first apply = %s, %v", res.Status, res.Err)
	}
	if res.Txn == nil || res.Txn.Kind != providers.ConfirmCheckpoint || !strings.HasPrefix(res.Txn.ID, nxos.CheckpointPrefix) {
		t.Errorf("Txn = %+v, want an NX-OS checkpoint txn", res.Txn)
	}
	run := r.dev.Running()
	for _, v := range secretValues {
		if strings.Contains(run, v) {
			t.Errorf("running shows the clear-text secret %q", v)
		}
	}
	for _, c := range res.Changes {
		if s := fmt.Sprint(c); strings.Contains(s, "$5$") || strings.Contains(s, "n3tops") {
			t.Errorf("change shows a secret: %s", s)
		}
	}
	if !strings.Contains(run, "username netops password 5 $5$") || !strings.Contains(run, "interface Ethernet1/10\n  switchport\n") {
		t.Errorf("running after apply:\n%s", run)
	}
	if n := len(r.dev.Checkpoints()); n != 0 {
		t.Errorf("%d checkpoints left after confirm", n)
	}
	again := r.apply(t, rich())
	if again.Status != rollout.InSync {
		t.Errorf("second apply = %s with changes %+v, want in-sync", again.Status, again.Changes)
	}
}

func TestNXAPIRejectedCommandRollsBack(t *testing.T) {
	r := newRig(t)
	before := r.dev.Running()
	r.dev.Knobs().RejectCommand("ntp server", "% NTP server unreachable")
	res := r.apply(t, rich())
	if res.Status != rollout.Failed || res.Err == nil || !strings.Contains(res.Err.Error(), "rolled back to checkpoint") ||
		!strings.Contains(res.Err.Error(), "ntp server") {
		t.Fatalf("apply = %s, %v; want a failure naming the command and the rollback", res.Status, res.Err)
	}
	if got := r.dev.Running(); got != before {
		t.Errorf("running after rollback is not byte-identical:\n%s\nwant\n%s", got, before)
	}
	if n := len(r.dev.Checkpoints()); n != 0 {
		t.Errorf("%d checkpoints left", n)
	}
}

func TestNXAPIVerificationFailureRollsBack(t *testing.T) {
	r := newRig(t)
	before := r.dev.Running()
	r.dev.Knobs().IgnoreCommand("logging server")
	res := r.apply(t, rich())
	if res.Status != rollout.RolledBack || res.Err == nil {
		t.Fatalf("apply = %s, %v; want rolled-back", res.Status, res.Err)
	}
	if got := r.dev.Running(); got != before {
		t.Errorf("running after cancel is not byte-identical:\n%s\nwant\n%s", got, before)
	}
	if n := len(r.dev.Checkpoints()); n != 0 {
		t.Errorf("%d checkpoints left", n)
	}
}

func TestNXAPIDeadRunCheckpointBlocksOthersUntilSettled(t *testing.T) {
	r := newRig(t)
	ctx := t.Context()
	if err := mustClient(t, r).Checkpoint(ctx, "operator-saved"); err != nil {
		t.Fatal(err)
	}
	dead := &models.Device{Name: "nx-rich-1", Platform: "nxos", Config: models.Config{Hostname: "nx-dead"}}
	txn := beginOnly(t, r, dead) // an agent that dies after Begin leaves its checkpoint behind
	res := r.apply(t, &models.Device{Name: "nx-rich-1", Platform: "nxos", Config: models.Config{Hostname: "nx-next"}})
	if res.Status != rollout.Failed || !errors.Is(res.Err, providers.ErrBusy) || !strings.Contains(res.Err.Error(), txn.ID) {
		t.Fatalf("apply next to a dead run's checkpoint = %s, %v; want failed with ErrBusy naming %s", res.Status, res.Err, txn.ID)
	}
	if cps := r.dev.Checkpoints(); len(cps) != 2 || cps[0] != "operator-saved" || cps[1] != txn.ID {
		t.Fatalf("checkpoints after the refused run: %v", cps)
	}
	desired, err := r.driver.Render(dead)
	if err != nil {
		t.Fatal(err)
	}
	st, err := rollout.Resolve(ctx, &rollout.Unit{Name: dead.Name, Target: r.target, Desired: desired, Driver: r.driver}, txn, true)
	if err != nil || st.Resolution != rollout.ResolvedConfirmed {
		t.Fatalf("resolve the dead run's txn = %+v, %v; want confirmed (the device shows its intent)", st, err)
	}
	if res := r.apply(t, &models.Device{Name: "nx-rich-1", Platform: "nxos", Config: models.Config{Hostname: "nx-next"}}); res.Status != rollout.Applied {
		t.Fatalf("apply after settling = %s, %v", res.Status, res.Err)
	}
	if cps := r.dev.Checkpoints(); len(cps) != 1 || cps[0] != "operator-saved" {
		t.Errorf("checkpoints at the end: %v, want only the operator's", cps)
	}
}

func TestNXAPICancelLeavesAnotherWritersChangeAlone(t *testing.T) {
	r := newRig(t)
	ctx := t.Context()
	d := &models.Device{Name: "nx-rich-1", Platform: "nxos", Config: models.Config{Hostname: "nx-mine"}}
	txn := beginOnly(t, r, d)
	if err := mustClient(t, r).Config(ctx, []nxapi.Line{{Text: "hostname nx-theirs"}}); err != nil {
		t.Fatal(err)
	}
	s, err := r.driver.Connect(ctx, r.target)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.Cancel(ctx, txn)
	if !errors.Is(err, providers.ErrConflict) {
		t.Fatalf("cancel after another writer's change = %v, want ErrConflict", err)
	}
	if run := r.dev.Running(); !strings.Contains(run, "hostname nx-theirs") {
		t.Errorf("the other writer's change was rolled back:\n%s", run)
	}
	if cps := r.dev.Checkpoints(); len(cps) != 0 {
		t.Errorf("checkpoints left: %v", cps)
	}
}

func mustClient(t *testing.T, r *rig) *nxapi.Client {
	c, err := nxapi.New(nxapi.Config{Address: r.dev.Addr(), Username: "admin", Password: models.NewSecret("pw"), CAPEM: r.dev.CAPEM()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func beginOnly(t *testing.T, r *rig, d *models.Device) *providers.Txn {
	t.Helper()
	desired, err := r.driver.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	s, err := r.driver.Connect(t.Context(), r.target)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	running, err := s.Observe(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	changes, err := r.driver.Diff(desired, running)
	if err != nil {
		t.Fatal(err)
	}
	txn, err := s.Begin(t.Context(), desired, changes, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	return txn
}

func TestNXAPIExpiredTxnIsCancelledNotConfirmed(t *testing.T) {
	now := time.Date(2025, 1, 1, 10, 0, 0, 0, time.UTC)
	r := newRig(t, nxos.WithClock(func() time.Time { return now }))
	before := r.dev.Running()
	txn := beginOnly(t, r, rich())
	now = now.Add(2 * time.Minute) // past the one-minute deadline
	// A restarted agent finds the persisted txn and resolves it.
	s, err := r.driver.Connect(context.WithoutCancel(t.Context()), r.target)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Confirm(t.Context(), txn); !errors.Is(err, nxos.ErrExpired) {
		t.Fatalf("Confirm after the deadline = %v, want ErrExpired", err)
	}
	if err := s.Cancel(t.Context(), txn); err != nil {
		t.Fatal(err)
	}
	if got := r.dev.Running(); got != before {
		t.Errorf("running after cancel differs:\n%s\nwant\n%s", got, before)
	}
}

func TestNXAPIMissingSecretPushesNothing(t *testing.T) {
	r := newRig(t, nxos.WithSecretSource(credentials.Source{
		LookupEnv: func(string) (string, bool) { return "", false },
		ReadFile:  func(p string) ([]byte, error) { return nil, &os.PathError{Op: "open", Path: p, Err: os.ErrNotExist} },
	}))
	before := r.dev.Running()
	res := r.apply(t, rich())
	if res.Status != rollout.Failed || !strings.Contains(fmt.Sprint(res.Err), "cli:") || !errors.Is(res.Err, credentials.ErrMissing) {
		t.Fatalf("apply = %s, %v; want a failure naming the binding", res.Status, res.Err)
	}
	if r.dev.Running() != before || len(r.dev.Checkpoints()) != 0 {
		t.Error("the device was touched")
	}
}

func TestNXAPIWrongCARefused(t *testing.T) {
	other, err := nxapisim.Start(t.Context(), nxapisim.Config{Name: "other", Username: "a", Password: "b"})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	r := newRig(t, nxos.WithCA(func(providers.Target) ([]byte, error) { return other.CAPEM(), nil }))
	if _, err := r.driver.Connect(t.Context(), r.target); !errors.Is(err, nxapi.ErrCertificate) {
		t.Fatalf("Connect = %v, want ErrCertificate", err)
	}
}
