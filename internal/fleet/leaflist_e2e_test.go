package fleet

import (
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/models"
)

// addTrunkVLAN40 adds VLAN 40 to the allowed VLANs of the last trunk of c.
func addTrunkVLAN40(c *models.Config) {
	for i := len(c.Interfaces) - 1; i >= 0; i-- {
		if sp := c.Interfaces[i].Switchport; sp != nil && sp.Mode == "trunk" {
			s := *sp
			s.AllowedVLANs = append(append([]models.VLANRange(nil), sp.AllowedVLANs...), models.VLANRange{Low: 40, High: 40})
			c.Interfaces[i].Switchport = &s
			return
		}
	}
	panic("no trunk in the intent")
}

// addDNSServer adds a third name server.
func addDNSServer(c *models.Config) {
	d := *c.DNS
	d.Servers = append(append([]string(nil), c.DNS.Servers...), "10.30.0.53")
	c.DNS = &d
}

// TestLeafListValueReleased: a value added to a multi-valued setting (an
// OpenConfig leaf-list such as trunk-vlans, a CLI line holding several
// values such as ip name-server) in one revision and dropped in the next
// is removed from the device: the plan says so, apply removes it, the
// device is back to what it was, and a plan again has nothing to change.
func TestLeafListValueReleased(t *testing.T) {
	h := startOwnership(t)
	cases := []struct {
		transport, name, value string
		add                    func(*models.Config)
	}{
		{"netconf trunk-vlans", "ams-acc-1", "40", addTrunkVLAN40},
		{"gnmi dns servers", "fra-core-1", "10.30.0.53", addDNSServer},
		{"nxapi ip name-server", "fra-dist-1", "10.30.0.53", addDNSServer},
		{"cli ip name-server", "ams-closet-1", "10.30.0.53", addDNSServer},
	}
	for _, tc := range cases {
		t.Run(tc.transport, func(t *testing.T) {
			h.t = t
			a, b := h.device(tc.name, nil), h.device(tc.name, tc.add)
			h.apply("rev-a", a)
			afterA := h.running(tc.name)
			h.apply("rev-b", b)
			if got := h.running(tc.name); got == afterA {
				t.Fatalf("B did not add %s", tc.value)
			}
			p := h.plan(a)
			if len(p.Changes) == 0 {
				t.Fatalf("plan of the revert has no change (err %v)", p.Err)
			}
			for _, c := range p.Changes {
				t.Logf("%s %s %v -> %v (%s)", c.Op, c.Path, c.Before, c.After, c.Reason)
				if c.Op == diff.Create || strings.Contains(toString(c.After), tc.value) || !strings.Contains(c.Reason, "rev-b") {
					t.Errorf("plan of the revert does not remove %s: %+v", tc.value, c)
				}
			}
			h.apply("rev-a2", a)
			got := h.running(tc.name)
			if tc.name == "fra-dist-1" { // the NX-API simulator prints a re-set line last
				got, afterA = sortedLines(got), sortedLines(afterA)
			}
			if got != afterA {
				t.Errorf("after the revert the device differs from after A:\n--- after A\n%s\n--- now\n%s", afterA, got)
			}
			if p := h.plan(a); len(p.Changes) != 0 {
				t.Errorf("plan after the revert: %+v", p.Changes)
			}
		})
	}
}
