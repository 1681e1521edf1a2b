package fleet

import (
	"strings"
	"testing"
)

// The gate takes spanning tree and DHCP relay on NX-OS 10.6(3) over
// NETCONF (through the OpenConfig modules the profile keeps typed) and
// refuses, at its line, what the release's deviations refuse, naming the
// deviation: bridge priority 0 (NX-OS replaces bridge-priority's type with
// 1..61440). SNMP stays
// refused: NX-OS publishes no device model switchyard routes to.
func TestGateNXSpanningTreeRelay(t *testing.T) {
	dir := campusWith(t,
		[3]string{"devices/ams.yaml", "      hostname: ams-dist-1\n", "      hostname: ams-dist-1\n" +
			"      snmp: {location: ams}\n" +
			"      spanning_tree: {mode: rapid-pvst, priorities: [{vlan: 20, priority: 0}]}\n"},
		[3]string{"devices/ams.yaml", "          ipv4: [10.0.1.2/30]\n", "          ipv4: [10.0.1.2/30]\n" +
			"          helper_addresses: [10.10.0.67]\n"},
		[3]string{"devices/ams.yaml", "          description: downlink to ams-acc-1\n", "          description: downlink to ams-acc-1\n" +
			"          spanning_tree: {portfast: true, bpduguard: true}\n"},
	)
	inv, ds := Load(dir, registry(t))
	if inv != nil {
		t.Fatal("Load accepted intent the release cannot take")
	}
	got := ds.String()
	for _, want := range []string{
		"devices/ams.yaml:27:13: error: snmp: nxos 10.6(3) over netconf cannot take snmp: OpenConfig has no SNMP model, " +
			"and the release publishes no native YANG model switchyard could route it to",
		"devices/ams.yaml:28:75: error: spanning_tree.priorities[0].priority: nxos 10.6(3) cannot take " +
			"/stp/rapid-pvst/vlan[vlan-id=20]/config/bridge-priority: " +
			"0 is out of range 1..61440 for uint32 (nxos 10.6(3) replaces the type: deviate replace at " +
			"cisco-nx-openconfig-spanning-tree-deviations.yang:149): device ams-dist-1",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	for _, taken := range []string{"helper_addresses", "spanning_tree.mode", "interfaces[4]", "portfast"} {
		if strings.Contains(got, taken) {
			t.Errorf("diagnostics refuse %q, which NX-OS 10.6(3) takes:\n%s", taken, got)
		}
	}
	if n := strings.Count(got, "error:"); n != 2 {
		t.Errorf("%d errors, want 2:\n%s", n, got)
	}
}

// On NX-OS 10.6(3) a native.yang block may set the OpenConfig modules the
// profile keeps typed, and nothing else: the device model is not
// published.
func TestGateNXNativeYANG(t *testing.T) {
	block := func(member string) [3]string {
		return [3]string{"devices/ams.yaml", "      hostname: ams-dist-1\n", "      hostname: ams-dist-1\n" +
			"      native:\n        yang:\n          - " + member + "\n"}
	}
	if _, ds := Load(campusWith(t, block(`"openconfig-spanning-tree:stp": {global: {config: {loop-guard: true}}}`)), registry(t)); ds.HasErrors() {
		t.Errorf("a block of openconfig-spanning-tree refused:\n%s", ds)
	}
	inv, ds := Load(campusWith(t, block(`"Cisco-NX-OS-device:System": {name: x}`)), registry(t))
	if inv != nil || !strings.Contains(ds.String(), "Cisco-NX-OS-device:System") {
		t.Errorf("a block of the NX-OS device model is not refused at its member:\n%s", ds)
	}
}
