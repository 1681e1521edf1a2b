package daemon

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/fleet"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/state"
)

// TestSubprocessKilledMidRolloutResolvesAndConverges runs `switchyard
// serve` as a subprocess against a bare Git repository and the simulated
// campus, one device at a time, with an HTTP health check that holds the
// confirm of the second NETCONF device. With one device confirmed, one
// confirmed commit pending (recorded in state) and the rest untouched, the
// daemon is SIGKILLed and started again on the same configuration and
// state directory. The restarted daemon must resolve the pending commit,
// finish the interrupted rollout and leave every device in the intended
// state, with exactly one successful apply per device in the audit log.
func TestSubprocessKilledMidRolloutResolvesAndConverges(t *testing.T) {
	bin := buildSwitchyard(t)
	c := newCampus(t)
	head, err := c.repo.Head()
	if err != nil {
		t.Fatal(err)
	}
	rev := head.Hash().String()
	gate := newHealthGate(t, func(dev string) bool { return c.sim.Device(dev) != nil })
	addr := freeAddr(t)
	cfgPath := writeServeConfig(t, c, bareRepo(t, c), gate.url(), addr)

	first := startServe(t, bin, cfgPath, addr, "first daemon")
	var victim string
	select {
	case victim = <-gate.held:
	case <-first.done:
		t.Fatalf("first daemon exited before the rollout reached a second device: %v", first.err)
	case <-time.After(30 * time.Second):
		t.Fatal("the rollout did not reach a second NETCONF device's health check within 30s")
	}
	sd := c.sim.Device(victim)
	if !sd.ConfirmedCommitPending() {
		t.Fatalf("%s: held in its health check but no confirmed commit is pending", victim)
	}
	passed := gate.passedSoFar()
	first.kill()
	gate.open()
	if !sd.ConfirmedCommitPending() {
		t.Fatalf("%s: the persistent confirmed commit did not survive the daemon's death", victim)
	}
	untouched := assertMidRollout(t, c, rev, passed, victim)
	t.Logf("killed with %v confirmed, %s in flight, %v untouched", passed, victim, untouched)

	second := startServe(t, bin, cfgPath, addr, "restarted daemon")
	second.waitStatus(30*time.Second, "converged fleet", func(s Status) bool {
		if s.Enforced == nil || s.Enforced.Hash != rev {
			return false
		}
		for _, name := range managed {
			if d := s.device(name); d.State != StateInSync || d.InFlight != nil {
				return false
			}
		}
		return true
	})
	second.terminate()

	for _, d := range c.sim.Devices() {
		if d.ConfirmedCommitPending() {
			t.Errorf("%s: a confirmed commit is still pending", d.Name())
		}
	}
	for _, r := range observeCampus(t, c, rev) {
		if r.Status != rollout.InSync {
			t.Errorf("%s: final plan %s (%d changes, err %v), want in-sync", r.Device, r.Status, len(r.Changes), r.Err)
		}
	}
	assertInFlightCleared(t, c)
	assertAppliedOnce(t, c.audit(), rev, victim)
}

// writeServeConfig writes the daemon configuration for the subprocess:
// the bare repository, one device at a time, and the held health check.
func writeServeConfig(t *testing.T, c *campus, repo, checkURL, addr string) string {
	t.Helper()
	text := fmt.Sprintf(`repository:
  url: %s
  poll_interval: 1h
  webhook_secret: {env: TEST_WEBHOOK_SECRET}
devices:
  limit: ["legacy!=true"]
  known_hosts_file: %s
  ca_file: %s
  timeout: 20s
rollout:
  concurrency: 1
  confirm_timeout: 2m
health_checks:
  - name: held by the test
    http: "%s"
    timeout: 30s
state_dir: %s
listen: %s
api_token: {env: TEST_API_TOKEN}
shutdown_grace: 10s
`, repo, c.knownHosts, c.caFile, checkURL, c.stateDir, addr)
	if _, ds := ParseConfig("switchyard.yaml", []byte(text)); ds.HasErrors() {
		t.Fatalf("config:\n%s\n%s", ds, text)
	}
	p := filepath.Join(t.TempDir(), "switchyard.yaml")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// observeCampus plans the managed devices against rev, read-only, with
// the credentials the subprocess used (the environment).
func observeCampus(t *testing.T, c *campus, rev string) []rollout.Result {
	t.Helper()
	inv := loadRev(t, c, rev)
	devs, err := fleet.Select(inv, []string{"legacy!=true"})
	if err != nil {
		t.Fatal(err)
	}
	units, fails := fleet.Units(inv, devs, registry(t), fleet.Options{KnownHostsFile: c.knownHosts, CAFile: c.caFile, Timeout: 20 * time.Second})
	for _, f := range fails {
		t.Errorf("%s: %v", f.Device, f.Err)
	}
	if len(units) != len(managed) {
		t.Fatalf("%d units, want the %d managed devices", len(units), len(managed))
	}
	return rollout.Observe(t.Context(), units, rollout.Config{Concurrency: len(units)})
}

// assertMidRollout checks that the kill came mid-rollout: the devices that
// passed their check and the held one show the intent (the latter through
// its pending commit), and at least one device was not reached. It
// returns the devices not reached.
func assertMidRollout(t *testing.T, c *campus, rev string, passed []string, victim string) []string {
	t.Helper()
	if len(passed) == 0 {
		t.Fatal("no device was confirmed before the kill")
	}
	var untouched []string
	for _, r := range observeCampus(t, c, rev) {
		reached := slices.Contains(passed, r.Device) || r.Device == victim
		switch {
		case r.Err != nil:
			t.Fatalf("%s: %v", r.Device, r.Err)
		case reached && r.Status != rollout.InSync:
			t.Errorf("%s: reached before the kill but %s (%d changes)", r.Device, r.Status, len(r.Changes))
		case !reached && r.Status == rollout.InSync:
			t.Errorf("%s: not reached before the kill but already in sync", r.Device)
		case !reached:
			untouched = append(untouched, r.Device)
		}
	}
	if len(untouched) == 0 {
		t.Fatal("every device was reached before the kill: not mid-rollout")
	}
	return untouched
}

// assertInFlightCleared checks that state records no confirmed commit in
// flight (the daemon has exited, so the store can be opened).
func assertInFlightCleared(t *testing.T, c *campus) {
	t.Helper()
	st, err := state.Open(c.stateDir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	left, err := st.InFlight()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range left {
		t.Errorf("%s: state still records in-flight commit %s", s.Name, s.InFlight.ID)
	}
}

// assertAppliedOnce checks the audit log: one successful apply of rev per
// managed device, nothing failed or rolled back, and the killed in-flight
// commit resolved once, by confirming it or by cancelling it (and then
// pushing again, which the count covers).
func assertAppliedOnce(t *testing.T, recs []state.Record, rev, victim string) {
	t.Helper()
	for _, name := range managed {
		if n := countAudit(recs, name, "confirmed", rev); n != 1 {
			t.Errorf("%s: %d confirmed audit records for %s, want 1", name, n, rev[:7])
		}
	}
	var resolutions []state.Record
	for _, r := range recs {
		switch {
		case r.Result == "failed" || r.Result == "rolled-back" || r.Result == "expired":
			t.Errorf("%s: unexpected audit record %q: %s %s", r.Device, r.Result, r.Summary, r.Error)
		case r.Device == victim && strings.HasPrefix(r.Summary, "in-flight commit resolved after restart"):
			resolutions = append(resolutions, r)
		}
	}
	if len(resolutions) != 1 {
		t.Fatalf("%s: %d audit records of the in-flight commit's resolution, want 1: %+v", victim, len(resolutions), resolutions)
	}
	res := resolutions[0]
	if res.TxnID == "" || res.Revision != rev || (res.Result != "confirmed" && res.Result != "cancelled") {
		t.Errorf("%s: resolution %+v, want the txn confirmed or cancelled at %s", victim, res, rev[:7])
	}
}
