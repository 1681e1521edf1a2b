package profilegen

import (
	"path/filepath"
	"slices"
	"strings"
)

// Defaults returns o with the parts of a release switchyard routes to
// beyond its vendored OpenConfig, by platform, unless o sets them: the
// IOS-XE native subtrees (with the yang library of the hello's hardware,
// yang-set-HW.xml, where the folder has one), the IOS-XR unified models,
// and the NX-OS OpenConfig modules switchyard has no generated structs for
// (kept in the native schema, typed by the profile). The shipped profiles
// and `switchyard profiles import` derive the same facts this way.
func Defaults(o Options) Options {
	switch o.Platform {
	case "iosxe":
		if o.Native == nil {
			n := xeNative
			n.Roots = slices.Clone(xeNative.Roots)
			n.YangSet = yangSetOf(o)
			o.Native = &n
		}
	case "iosxr":
		if o.Native == nil {
			n := xrNative
			o.Native = &n
		}
	case "nxos":
		if o.UnvendoredOpenConfig == nil {
			o.UnvendoredOpenConfig = []string{"openconfig-spanning-tree", "openconfig-relay-agent"}
		}
	}
	return o
}

// yangSetOf names the yang library file of the hardware of o's hello
// (capability-cat9k.xml: yang-set-cat9k.xml), "" when there is none.
func yangSetOf(o Options) string {
	hello, err := findHello(o.Dir, o.Hello)
	if err != nil {
		return ""
	}
	hw, ok := strings.CutPrefix(filepath.Base(hello), "capability-")
	if !ok {
		return ""
	}
	if matches, _ := filepath.Glob(filepath.Join(o.Dir, "yang-set-"+hw)); len(matches) == 0 {
		return ""
	}
	return "yang-set-" + hw
}

// xeNative is the part of Cisco-IOS-XE-native the profile keeps: what
// switchyard routes natively and what native.yang blocks may set. The
// published cat9k hello lists no Cisco-IOS-XE-* module; the yang library
// of the same hardware does (yang-set-HW.xml beside capability-HW.xml).
var xeNative = NativeOptions{
	Modules: []string{"Cisco-IOS-XE-native", "Cisco-IOS-XE-aaa", "Cisco-IOS-XE-ntp", "Cisco-IOS-XE-snmp",
		"Cisco-IOS-XE-spanning-tree", "Cisco-IOS-XE-switch", "Cisco-IOS-XE-vlan", "Cisco-IOS-XE-ethernet"},
	Roots: append([]string{"/native/hostname", "/native/banner", "/native/username", "/native/aaa",
		"/native/ntp", "/native/logging", "/native/snmp-server", "/native/spanning-tree", "/native/vrf",
		"/native/line", "/native/ip/ssh", "/native/ip/domain", "/native/ip/name-server", "/native/ip/route",
		"/native/vlan"}, xeInterfaces("GigabitEthernet", "TenGigabitEthernet", "TwoGigabitEthernet",
		"FiveGigabitEthernet", "TwentyFiveGigE", "FortyGigabitEthernet", "HundredGigE", "AppGigabitEthernet",
		"Port-channel", "Loopback", "Vlan")...),
}

// xeInterfaceParts are the parts of an IOS-XE interface the profile keeps.
var xeInterfaceParts = []string{"name", "description", "mtu", "shutdown", "switchport", "switchport-conf",
	"ip", "ipv6", "speed", "duplex", "negotiation", "vrf", "spanning-tree", "channel-group", "bandwidth",
	"load-interval", "power"}

func xeInterfaces(kinds ...string) []string {
	var out []string
	for _, k := range kinds {
		for _, part := range xeInterfaceParts {
			out = append(out, "/native/interface/"+k+"/"+part)
		}
	}
	return out
}

// xrNative are the IOS-XR unified models the profile keeps, whole.
var xrNative = NativeOptions{
	Modules: []string{"Cisco-IOS-XR-um-hostname-cfg", "Cisco-IOS-XR-um-ntp-cfg", "Cisco-IOS-XR-um-ssh-cfg",
		"Cisco-IOS-XR-um-logging-cfg", "Cisco-IOS-XR-um-snmp-server-cfg", "Cisco-IOS-XR-um-line-cfg",
		"Cisco-IOS-XR-um-line-general-cfg", "Cisco-IOS-XR-um-line-exec-timeout-cfg", "Cisco-IOS-XR-um-vrf-cfg",
		"Cisco-IOS-XR-um-spanning-tree-cfg", "Cisco-IOS-XR-um-dhcp-ipv4-cfg",
		"Cisco-IOS-XR-um-interface-cfg", "Cisco-IOS-XR-um-if-ip-address-cfg", "Cisco-IOS-XR-um-if-vrf-cfg",
		"Cisco-IOS-XR-um-aaa-cfg", "Cisco-IOS-XR-um-aaa-task-user-cfg"},
}
