package daemon

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/transport/netconf"
	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/models"
)

// alicePassword is the password of alice, a second account on every
// simulated device: a person changing a device by hand.
const alicePassword = "alice-pw-61c2"

// handEdit changes a device's hostname as alice over NETCONF (candidate,
// commit), as a person with a NETCONF client would.
func (c *campus) handEdit(device, hostname string) {
	c.t.Helper()
	s, err := netconf.Dial(c.t.Context(), netconf.Config{Address: c.sim.Addr(device), Username: "alice",
		Password: models.NewSecret(alicePassword), KnownHostsFile: c.knownHosts, Timeout: 10 * time.Second})
	if err != nil {
		c.t.Fatal(err)
	}
	defer s.Close()
	const ns = "http://openconfig.net/yang/system"
	cfg := xmltree.New(ns, "system", xmltree.New(ns, "config", xmltree.NewLeaf(ns, "hostname", hostname)))
	if err := s.EditConfig(c.t.Context(), netconf.Candidate, []*xmltree.Element{cfg}, netconf.EditOptions{}); err != nil {
		c.t.Fatal(err)
	}
	if err := s.Commit(c.t.Context(), netconf.CommitOptions{}); err != nil {
		c.t.Fatal(err)
	}
}

// TestDriftRecordsWhoChangedTheDevice: the daemon's drift check names
// alice, who changed ams-acc-1 (IOS-XE: netconf-config-change replay) and
// ams-core-1 (IOS-XR: commit list) by hand, with the time the device
// gives, in status, the audit log and the dashboard; ams-dist-1 (NX-OS
// over NETCONF, no such record) is changed by "unknown".
func TestDriftRecordsWhoChangedTheDevice(t *testing.T) {
	c := newCampus(t)
	r := c.start(c.config("drift:\n  schedule: 30m\n  default_policy: report\n"))
	r.wait("reconcile")
	assertAllInSync(t, r.status())
	before := time.Now().Add(-time.Second).Truncate(time.Second)
	for _, dev := range []string{"ams-acc-1", "ams-core-1", "ams-dist-1"} {
		c.handEdit(dev, "alice-"+dev)
	}
	c.clock.Advance(30 * time.Minute)
	r.wait("drift")
	s := r.status()
	for dev, who := range map[string]string{"ams-acc-1": "alice", "ams-core-1": "alice", "ams-dist-1": ChangedByUnknown} {
		d := s.device(dev).Drift
		if d == nil || d.LastChangedBy != who {
			t.Errorf("%s: drift %+v, want changed by %s", dev, d, who)
			continue
		}
		if known := who != ChangedByUnknown; known != !d.LastChangedAt.IsZero() || (known && d.LastChangedAt.Before(before)) {
			t.Errorf("%s: changed at %v (after %v expected only when the device says)", dev, d.LastChangedAt, before)
		}
	}
	got := map[string]string{}
	for _, rec := range c.audit() {
		if rec.Result == "drift-detected" {
			got[rec.Device] = rec.ChangedBy
			if rec.ChangedBy == "alice" && (rec.ChangedAt.IsZero() || !strings.Contains(rec.ChangedDetail, "alice (")) {
				t.Errorf("%s: drift record %+v lacks the time or the device's account", rec.Device, rec)
			}
		}
	}
	if got["ams-acc-1"] != "alice" || got["ams-core-1"] != "alice" || got["ams-dist-1"] != ChangedByUnknown {
		t.Errorf("drift records changed by %v", got)
	}
	doc := r.signIn(viewerToken).page("/devices/ams-acc-1", http.StatusOK)
	if by := text(byID(doc, "drift-changed-by")); by != "alice" {
		t.Errorf("dashboard: drift changed by %q, want alice", by)
	}
	if detail := text(byID(doc, "drift-changed-detail")); !strings.Contains(detail, "netconf-config-change") {
		t.Errorf("dashboard: drift detail %q, want the device's record", detail)
	}
	if hist := text(byID(doc, "drift-history")); !strings.Contains(hist, "alice at ") {
		t.Errorf("dashboard drift history %q, want alice and the time", hist)
	}
}
