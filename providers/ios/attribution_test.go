package ios_test

import (
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/devicesim/clisim"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/transport/cli"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers/ios"
)

const bobPassword = "bob-Pa55-1d"

// archiveLogging is the configuration change logger of IOS.
const archiveLogging = "archive\n log config\n  logging enable\n"

// startSimWithBob is startSim with a second account, bob.
func startSimWithBob(t *testing.T, running string) (*clisim.Device, *devicesim.ManualClock) {
	t.Helper()
	clock := devicesim.NewManualClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	d, err := clisim.Start(t.Context(), clisim.Config{Name: "sw", Username: simUser, Password: simPass,
		EnablePassword: simEnable, Running: running, Clock: clock, Users: map[string]string{"bob": bobPassword}})
	if err != nil {
		t.Fatalf("start simulator: %v", err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return d, clock
}

// handChange logs in as bob over SSH (the production client) and changes
// the hostname.
func handChange(t *testing.T, u rollout.Unit, hostname string) {
	t.Helper()
	s, err := cli.Dial(t.Context(), cli.Config{Address: u.Target.Address, Username: "bob",
		Password: models.NewSecret(bobPassword), EnablePassword: models.NewSecret(simEnable),
		KnownHostsFile: u.Target.KnownHostsFile, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SendConfigs(t.Context(), []string{"hostname " + hostname}); err != nil {
		t.Fatal(err)
	}
}

func observeDrift(t *testing.T, u rollout.Unit, since time.Time) rollout.Result {
	t.Helper()
	return rollout.Observe(t.Context(), []rollout.Unit{u}, rollout.Config{
		AttributeSince: func(string) (time.Time, bool) { return since, true }})[0]
}

// TestDriftNamesWhoChangedTheSwitch: bob changes the switch by hand after
// switchyard (admin) applied the intent; the drift names bob, his line and
// config session from the archive log, and when from running-config's last
// change stamp. switchyard's own push before that is never the answer.
func TestDriftNamesWhoChangedTheSwitch(t *testing.T) {
	d, clock := startSimWithBob(t, factory+archiveLogging)
	u := unit(t, d, richDevice(), ios.New(ios.WithSecrets(secrets())))
	if r := apply(t, u); r.Status != rollout.Applied {
		t.Fatalf("apply: %s %v", r.Status, r.Err)
	}
	pushed := clock.Now()
	if r := observeDrift(t, u, pushed); r.Status != rollout.InSync || r.ChangedBy != nil {
		t.Fatalf("right after apply: %s, changed by %v; want in sync, nobody", r.Status, r.ChangedBy)
	}
	clock.Advance(90 * time.Second)
	handChange(t, u, "bobs-switch")
	r := observeDrift(t, u, pushed)
	a := r.ChangedBy
	if r.Status != rollout.Changes || a == nil {
		t.Fatalf("after bob's change: %s, changed by %v (err %v)", r.Status, a, r.Err)
	}
	if a.User != "bob" || !a.At.Equal(pushed.Add(90*time.Second)) || !strings.HasPrefix(a.Session, "vty") || a.Source != "archive log" {
		t.Errorf("changed by %+v, want bob on a vty at %v from the archive log", a, pushed.Add(90*time.Second))
	}
	if _, by := d.LastChange(); by != "bob" {
		t.Errorf("the simulator stamps running as changed by %q", by)
	}
}

// TestDriftBeforeTheLastPushIsNotAttributed: a stamp older than
// switchyard's last push does not explain a drift now.
func TestDriftBeforeTheLastPushIsNotAttributed(t *testing.T) {
	d, clock := startSimWithBob(t, factory)
	u := unit(t, d, richDevice(), ios.New(ios.WithSecrets(secrets())))
	handChange(t, u, "bobs-switch")
	clock.Advance(time.Hour)
	if r := observeDrift(t, u, clock.Now()); r.Status != rollout.Changes || r.ChangedBy != nil {
		t.Errorf("a change before since: %s, changed by %+v; want changes, unknown", r.Status, r.ChangedBy)
	}
	if r := observeDrift(t, u, time.Time{}); r.ChangedBy == nil || r.ChangedBy.User != "bob" || r.ChangedBy.Session != "" {
		t.Errorf("without archive logging, since ever: changed by %+v; want bob with no line", r.ChangedBy)
	}
}
