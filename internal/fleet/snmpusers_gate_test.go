package fleet

import (
	"strings"
	"testing"
)

// xrUserEdit gives the IOS-XR core ams-core-1 an SNMPv3 user.
func xrUserEdit(user string) [3]string {
	return [3]string{"devices/ams.yaml", "      hostname: ams-core-1\n", "      hostname: ams-core-1\n" +
		"      snmp:\n        location: AMS core\n        users:\n          - " + user + "\n"}
}

// The gate takes an SNMPv3 user on IOS-XR 26.2.1 (the unified SNMP
// model) and refuses, at its YAML line, one without a group (XR's
// group-name is mandatory), one without an authentication key, and any
// user on IOS-XE (which keeps none in its configuration model).
func TestGateSNMPUsers(t *testing.T) {
	ok := xrUserEdit("{name: monitor, group: NOC, auth: {env: SNMP_AUTH}, priv: {env: SNMP_PRIV}}")
	if _, ds := Load(campusWith(t, ok), registry(t)); ds.HasErrors() {
		t.Fatalf("gate refused an IOS-XR SNMPv3 user:\n%s", ds)
	}
	for _, tc := range []struct {
		name string
		edit [3]string
		want string
	}{
		{"no group", xrUserEdit("{name: monitor, auth: {env: SNMP_AUTH}}"),
			"devices/ams.yaml:14:13: error: snmp.users[0].group: iosxr 26.2.1 over netconf cannot take snmp: IOS-XR needs the SNMP group of a user (group-name is mandatory in its model)"},
		{"no auth", xrUserEdit("{name: monitor, group: NOC}"),
			"devices/ams.yaml:14:13: error: snmp.users[0].auth: auth (a reference to the authentication key) is required"},
		{"IOS-XE", [3]string{"devices/ams.yaml", "      hostname: ams-acc-2\n", "      hostname: ams-acc-2\n" +
			"      snmp:\n        users: [{name: monitor, group: NOC, auth: {env: SNMP_AUTH}}]\n"},
			"error: snmp.users[0]: iosxe 17.18.1 over netconf cannot take snmp: IOS-XE keeps no SNMPv3 user in its configuration model"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inv, ds := Load(campusWith(t, tc.edit), registry(t))
			if inv != nil {
				t.Fatal("Load accepted the user")
			}
			if got := ds.String(); !strings.Contains(got, tc.want) || strings.Count(got, "error:") != 1 {
				t.Errorf("diagnostics lack %q (or have more errors):\n%s", tc.want, got)
			}
		})
	}
}
