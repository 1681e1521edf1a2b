package fleet

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

// TestRemovingAVLANInUseIsRefusedPerPlatform: switchyard created VLAN 40;
// someone then put a port in it by hand; a revision that drops VLAN 40 is
// refused for that device with an error naming the port, on OpenConfig
// (NETCONF), classic IOS (SSH CLI) and NX-OS (NX-API) alike, and apply
// pushes nothing to it.
func TestRemovingAVLANInUseIsRefusedPerPlatform(t *testing.T) {
	h := startOwnership(t)
	for transport, tc := range map[string]struct{ name, port string }{
		"netconf": {"ams-acc-1", "GigabitEthernet1/0/5"},
		"cli":     {"ams-closet-1", "FastEthernet0/20"},
		"nxapi":   {"fra-dist-1", "Ethernet1/20"},
	} {
		t.Run(transport, func(t *testing.T) {
			h.t = t
			withVLAN := func(c *models.Config) {
				c.VLANs = append(append([]models.VLAN(nil), c.VLANs...), models.VLAN{ID: 40, Name: "GUESTS"})
			}
			a, b := h.device(tc.name, withVLAN), h.device(tc.name, nil)
			h.apply("rev-a", a)
			// By hand (outside switchyard: not recorded), a port joins VLAN 40.
			hand := h.device(tc.name, func(c *models.Config) {
				withVLAN(c)
				c.Interfaces = append(c.Interfaces, models.Interface{Name: tc.port, Switchport: &models.Switchport{Mode: "access", AccessVLAN: 40}})
			})
			u, err := h.unit(hand)
			if err != nil {
				t.Fatal(err)
			}
			if r := rollout.Apply(t.Context(), []rollout.Unit{u}, rollout.Config{ConfirmTimeout: time.Minute})[0]; r.Status != rollout.Applied {
				t.Fatalf("hand change: %s %v", r.Status, r.Err)
			}
			before := h.running(tc.name)

			p := h.plan(b)
			want := "removing VLAN 40 (ports " + tc.port + ")"
			if p.Status != rollout.Failed || !errors.Is(p.Err, providers.ErrVLANInUse) || !strings.Contains(p.Err.Error(), want) {
				t.Fatalf("plan without VLAN 40: %s %v, want an error with %q", p.Status, p.Err, want)
			}
			ub, err := h.unit(b)
			if err != nil {
				t.Fatal(err)
			}
			r := rollout.Apply(t.Context(), []rollout.Unit{ub}, rollout.Config{ConfirmTimeout: time.Minute})[0]
			if r.Status != rollout.Failed || !errors.Is(r.Err, providers.ErrVLANInUse) {
				t.Errorf("apply without VLAN 40: %s %v, want refused", r.Status, r.Err)
			}
			if h.running(tc.name) != before {
				t.Error("the refused apply changed the device")
			}
		})
	}
}
