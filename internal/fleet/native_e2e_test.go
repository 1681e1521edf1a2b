package fleet

import (
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/internal/xmltree"
)

// The campus routes to the native models what the releases' OpenConfig
// deviates (IOS-XE ssh key, logging trap severity, interface mtu; IOS-XR
// NTP source) and carries native.yang blocks; plan shows them on the native
// route, apply pushes them with the OpenConfig part over NETCONF to the
// release simulators, which keep them, and the plan after is empty.
func TestNativeRoutesPlanApplyConverge(t *testing.T) {
	sim, units := releaseSim(t, simfleet.Options{})
	u := pick(t, units, "ams-acc-2", "ams-core-1")
	want := map[string]map[string]any{
		"ams-acc-2": {
			"/Cisco-IOS-XE-native:native/interface/GigabitEthernet[name=1/0/2]/mtu": float64(1600),
			"/Cisco-IOS-XE-native:native/logging/trap/severity":                     "informational",
			"/Cisco-IOS-XE-native:native/logging/buffered/size-value":               float64(16384),
			"/Cisco-IOS-XE-native:native/ip/ssh/pubkey-chain/username[name=netops]/key-hash[key-hash-value=15719ECA652794CBEB77C99826E22535][key-type=ssh-rsa]/key-type": "ssh-rsa",
			"/interfaces/interface[name=GigabitEthernet1/0/2]/config/description":                                                                                        "access point 2",
		},
		"ams-core-1": {
			"/Cisco-IOS-XR-um-ntp-cfg:ntp/source/interface-name": "Loopback0",
			"/Cisco-IOS-XR-um-ssh-cfg:ssh/server/rate-limit":     float64(60),
		},
	}
	deviated := map[string][]string{
		"ams-acc-2":  {"/config/mtu", "/config/ssh-key", "/selectors/"},
		"ams-core-1": {"/config/ssh-key", "/ntp/servers/server[address=10.10.0.123]/config/source-address"},
	}
	for _, r := range rollout.Observe(t.Context(), u, rollout.Config{}) {
		if r.Err != nil {
			t.Fatalf("%s: plan: %v", r.Device, r.Err)
		}
		got := map[string]any{}
		for _, c := range r.Changes {
			got[c.Path] = c.After
		}
		for p, v := range want[r.Device] {
			if got[p] != v {
				t.Errorf("%s: plan sets %s to %v, want %v", r.Device, p, got[p], v)
			}
			if wantRoute := diff.RouteNative; strings.Contains(p, ":") != (diff.Route(p) == wantRoute) {
				t.Errorf("%s: route of %s is %s", r.Device, p, diff.Route(p))
			}
		}
		for p := range got {
			for _, dev := range deviated[r.Device] {
				if strings.Contains(p, dev) {
					t.Errorf("%s: the release deviates %s, yet the plan sends it over OpenConfig", r.Device, p)
				}
			}
		}
	}
	for _, r := range rollout.Apply(t.Context(), u, rollout.Config{}) {
		if r.Status != rollout.Applied {
			t.Fatalf("%s: apply: %s: %v", r.Device, r.Status, r.Err)
		}
	}
	for dev, frags := range map[string][]string{
		"ams-acc-2":  {`<native xmlns="http://cisco.com/ns/yang/Cisco-IOS-XE-native">`, "<name>1/0/2</name><mtu>1600</mtu>", "<severity>informational</severity>", "<key-hash-value>15719ECA652794CBEB77C99826E22535</key-hash-value>"},
		"ams-core-1": {`<ntp xmlns="http://cisco.com/ns/yang/Cisco-IOS-XR-um-ntp-cfg">`, "<interface-name>Loopback0</interface-name>", "<rate-limit>60</rate-limit>"},
	} {
		running, err := sim.Running(dev)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range frags {
			if !strings.Contains(running, f) {
				t.Errorf("%s: running configuration lacks %s", dev, f)
			}
		}
	}
	assertConverged(t, sim, u)

	// Drift on the native route: someone sets the mtu by hand; the next
	// plan puts it back, and apply converges again.
	sd := sim.Device("ams-acc-2")
	root := sd.RunningTree()
	const nsXE = "http://cisco.com/ns/yang/Cisco-IOS-XE-native"
	var mtu *xmltree.Element
	if gi := root.Child(nsXE, "native").Child(nsXE, "interface").Child(nsXE, "GigabitEthernet"); gi != nil {
		mtu = gi.Child(nsXE, "mtu")
	}
	if mtu == nil {
		t.Fatal("no native mtu in running")
	}
	mtu.Text = "9000"
	sd.SetRunning(root)
	drift := rollout.Observe(t.Context(), u[:1], rollout.Config{})[0]
	const mtuPath = "/Cisco-IOS-XE-native:native/interface/GigabitEthernet[name=1/0/2]/mtu"
	if len(drift.Changes) != 1 || drift.Changes[0].Path != mtuPath || drift.Changes[0].Before != float64(9000) || drift.Changes[0].After != float64(1600) {
		t.Fatalf("drift of the native mtu: %+v", drift.Changes)
	}
	if r := rollout.Apply(t.Context(), u[:1], rollout.Config{})[0]; r.Status != rollout.Applied {
		t.Fatalf("remediate: %s: %v", r.Status, r.Err)
	}
	assertConverged(t, sim, u)
}
