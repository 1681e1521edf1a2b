package fleet

import (
	"strings"
	"testing"
)

// nativeAreaEdits give the IOS-XE access switch ams-acc-2 and the IOS-XR
// core ams-core-1 (both over NETCONF) the daily-work areas their
// OpenConfig cannot take, which go through their native models.
var nativeAreaEdits = [][3]string{
	{"devices/ams.yaml", "      hostname: ams-acc-2\n", "      hostname: ams-acc-2\n" +
		"      snmp: {location: AMS floor 2, contact: netops@campus.example.net}\n" +
		"      spanning_tree: {mode: rapid-pvst, priorities: [{vlan: 20, priority: 24576}]}\n" +
		"      logging: {buffered: {severity: informational}, console_severity: warning}\n" +
		"      acls:\n        - name: VTY-IN\n          entries:\n" +
		"            - {seq: 10, action: permit, protocol: tcp, source: 10.10.0.0/24, destination: any, destination_port: \"22\"}\n" +
		"      lines:\n        vty: {access_class: VTY-IN, login: VTY}\n        console: {exec_timeout: 5, login: local}\n" +
		"      aaa:\n        login: [{name: VTY, methods: [CAMPUS-TACACS, local]}]\n"},
	{"devices/ams.yaml", "          description: desk 2.01\n", "          description: desk 2.01\n" +
		"          switchport: {mode: access, voice_vlan: 10}\n" +
		"          spanning_tree: {portfast: true, bpduguard: true}\n" +
		"        - name: Vlan20\n          ipv4: [10.20.2.1/24]\n          helper_addresses: [10.10.0.67]\n"},
	{"devices/ams.yaml", "      hostname: ams-core-1\n", "      hostname: ams-core-1\n" +
		"      snmp: {location: AMS core, contact: noc@campus.example.net}\n" +
		"      logging: {buffered: {size: 4194304, severity: warning}}\n" +
		"      lines:\n        vty: {access_class: MGMT-IN, transport_input: [ssh, telnet], exec_timeout: 20}\n        console: {exec_timeout: 5}\n"},
}

// The gate takes the native areas (no error), still refuses what has no
// route (SNMPv3 users on IOS-XE: not in its configuration model; NX-OS
// over NETCONF: no native model) and a value the native schema
// refuses, each at its YAML line.
func TestGateNativeAreas(t *testing.T) {
	dir := campusWith(t, nativeAreaEdits...)
	if _, ds := Load(dir, registry(t)); ds.HasErrors() {
		t.Fatalf("gate refused the native areas:\n%s", ds)
	}
	edits := append(nativeAreaEdits[:3:3],
		[3]string{"devices/ams.yaml", "      snmp: {location: AMS floor 2, contact: netops@campus.example.net}\n",
			"      snmp:\n        location: AMS floor 2\n        users: [{name: monitoring, auth: {env: SNMP_AUTH}}]\n"},
		[3]string{"devices/ams.yaml", "{size: 4194304, severity: warning}", "{size: 8192, severity: warning}"},
		[3]string{"devices/ams.yaml", "      hostname: ams-dist-1\n", "      hostname: ams-dist-1\n      lines: {console: {exec_timeout: 5}}\n"},
	)
	inv, ds := Load(campusWith(t, edits...), registry(t))
	if inv != nil {
		t.Fatal("Load accepted intent the releases cannot take")
	}
	got := ds.String()
	for _, want := range []string{
		"devices/ams.yaml:79:17: error: snmp.users[0]: iosxe 17.18.1 over netconf cannot take snmp: IOS-XE keeps no SNMPv3 user in its configuration model",
		"devices/ams.yaml:12:34: error: logging.buffered.size: iosxr 26.2.1 cannot take /logging/buffered/log-buffer-size: 8192 is out of range 2097152..125000000 for uint32: device ams-core-1",
		"error: lines.console: nxos 10.6(3) over netconf cannot take lines: OpenConfig has no console line settings, and the release publishes no native YANG model switchyard could route it to: device ams-dist-1",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "error:"); n != 3 {
		t.Errorf("%d errors, want 3:\n%s", n, got)
	}
	if strings.Contains(got, "SNMP_RO") && strings.Contains(got, "monitoring-secret") {
		t.Errorf("diagnostics show a secret:\n%s", got)
	}
}

// The native areas are planned on the native route, applied over NETCONF
// to the IOS-XE and IOS-XR release simulators (which take native subtrees
// only as the release's schema allows), and the next plan is empty.
func TestNativeAreasApplyThenPlanEmpty(t *testing.T) {
	units, _ := simUnits(t, campusWith(t, nativeAreaEdits...), "ams-acc-2", "ams-core-1")
	want := map[string]map[string]any{
		"ams-acc-2": {
			"/Cisco-IOS-XE-native:native/snmp-server/location":                                                        "AMS floor 2",
			"/Cisco-IOS-XE-native:native/spanning-tree/mode":                                                          "rapid-pvst",
			"/Cisco-IOS-XE-native:native/spanning-tree/vlan[id=20]/priority":                                          float64(24576),
			"/Cisco-IOS-XE-native:native/logging/buffered/severity-level":                                             "informational",
			"/Cisco-IOS-XE-native:native/interface/GigabitEthernet[name=1/0/1]/spanning-tree/portfast-v2/edge/access": []any{nil},
			"/Cisco-IOS-XE-native:native/interface/GigabitEthernet[name=1/0/1]/spanning-tree/bpduguard/enable":        []any{nil},
			"/Cisco-IOS-XE-native:native/logging/console/severity":                                                    "warnings",
			"/Cisco-IOS-XE-native:native/line/vty[first=0]/access-class/acccess-list[direction=in]/access-list":       "VTY-IN",
			"/Cisco-IOS-XE-native:native/line/vty[first=5]/login/authentication":                                      "VTY",
			"/Cisco-IOS-XE-native:native/line/console[first=0]/exec-timeout/minutes":                                  float64(5),
			"/Cisco-IOS-XE-native:native/aaa/authentication/login[name=VTY]/a1/group":                                 "CAMPUS-TACACS",
			"/Cisco-IOS-XE-native:native/interface/GigabitEthernet[name=1/0/1]/switchport/voice/vlan/vlan":            float64(10),
			"/Cisco-IOS-XE-native:native/interface/Vlan[name=20]/ip/helper-address[address=10.10.0.67]/address":       "10.10.0.67",
		},
		"ams-core-1": {
			"/Cisco-IOS-XR-um-snmp-server-cfg:snmp-server/location":                  "AMS core",
			"/Cisco-IOS-XR-um-logging-cfg:logging/buffered/log-buffer-size":          float64(4194304),
			"/Cisco-IOS-XR-um-logging-cfg:logging/buffered/buffered-level":           "warnings",
			"/Cisco-IOS-XR-um-line-cfg:line/default/access-class/ingress":            "MGMT-IN",
			"/Cisco-IOS-XR-um-line-cfg:line/console/exec-timeout/timeout-in-minutes": float64(5),
			"/Cisco-IOS-XR-um-line-cfg:line/default/transport/input/ssh/telnet":      map[string]any{},
			"/Cisco-IOS-XR-um-line-cfg:line/default/exec-timeout/timeout-in-minutes": float64(20),
		},
	}
	planApplyConverge(t, units, want, nil)
}
