// Command genshipped regenerates the profiles switchyard ships (profiles/shipped)
// from Cisco's published YANG in ../shared/cisco-yang (beside the repository).
// It is run by `go generate ./profiles` (make generate); the build and the
// tests never need the published files.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/switchyard/switchyard/profiles/profilegen"
)

// releases are the shipped profiles: the folder of each release under the
// cisco-yang root and the hello of the hardware the campus runs on.
var releases = []profilegen.Options{
	{Platform: "iosxe", Release: "17.18.1", Dir: "xe/17181", Hello: "capability-cat9k.xml", Native: xeNative},
	{Platform: "iosxr", Release: "26.2.1", Dir: "xr/2621", Hello: "capabilities-asr9k-x64.xml",
		// IOS-XR's published hellos list modules only (see the folder's
		// README); these are the protocol capabilities IOS-XR sends.
		ExtraCapabilities: []string{
			"urn:ietf:params:netconf:base:1.0", "urn:ietf:params:netconf:base:1.1",
			"urn:ietf:params:netconf:capability:candidate:1.0",
			"urn:ietf:params:netconf:capability:rollback-on-error:1.0",
			"urn:ietf:params:netconf:capability:validate:1.1",
			"urn:ietf:params:netconf:capability:confirmed-commit:1.1",
			"urn:ietf:params:netconf:capability:notification:1.0",
			"urn:ietf:params:netconf:capability:interleave:1.0",
		},
		Native: xrNative},
	// NX-OS publishes no device model switchyard routes to; the OpenConfig
	// modules it advertises that switchyard has no generated structs for
	// are kept in the native schema, typed by the profile.
	{Platform: "nxos", Release: "10.6(3)", Dir: "nx/10.6-3", Hello: "netconf-capabilities.xml",
		UnvendoredOpenConfig: []string{"openconfig-spanning-tree", "openconfig-relay-agent"}},
}

// xeNative is the part of Cisco-IOS-XE-native the profile keeps: what
// switchyard routes natively and what native.yang blocks may set. The
// published cat9k hello lists no Cisco-IOS-XE-* module; the yang library
// of the same hardware does.
var xeNative = &profilegen.NativeOptions{
	Modules: []string{"Cisco-IOS-XE-native", "Cisco-IOS-XE-aaa", "Cisco-IOS-XE-ntp", "Cisco-IOS-XE-snmp",
		"Cisco-IOS-XE-spanning-tree", "Cisco-IOS-XE-switch", "Cisco-IOS-XE-vlan", "Cisco-IOS-XE-ethernet"},
	Roots: append([]string{"/native/hostname", "/native/banner", "/native/username", "/native/aaa",
		"/native/ntp", "/native/logging", "/native/snmp-server", "/native/spanning-tree", "/native/vrf",
		"/native/line", "/native/ip/ssh", "/native/ip/domain", "/native/ip/name-server", "/native/ip/route",
		"/native/vlan"}, xeInterfaces("GigabitEthernet", "TenGigabitEthernet", "TwoGigabitEthernet",
		"FiveGigabitEthernet", "TwentyFiveGigE", "FortyGigabitEthernet", "HundredGigE", "AppGigabitEthernet",
		"Port-channel", "Loopback", "Vlan")...),
	YangSet: "yang-set-cat9k.xml",
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
var xrNative = &profilegen.NativeOptions{
	Modules: []string{"Cisco-IOS-XR-um-hostname-cfg", "Cisco-IOS-XR-um-ntp-cfg", "Cisco-IOS-XR-um-ssh-cfg",
		"Cisco-IOS-XR-um-logging-cfg", "Cisco-IOS-XR-um-snmp-server-cfg", "Cisco-IOS-XR-um-line-cfg",
		"Cisco-IOS-XR-um-line-general-cfg", "Cisco-IOS-XR-um-line-exec-timeout-cfg", "Cisco-IOS-XR-um-vrf-cfg",
		"Cisco-IOS-XR-um-spanning-tree-cfg", "Cisco-IOS-XR-um-dhcp-ipv4-cfg",
		"Cisco-IOS-XR-um-interface-cfg", "Cisco-IOS-XR-um-if-ip-address-cfg", "Cisco-IOS-XR-um-if-vrf-cfg",
		"Cisco-IOS-XR-um-aaa-cfg", "Cisco-IOS-XR-um-aaa-task-user-cfg"},
}

func main() {
	root := flag.String("yang", "../../shared/cisco-yang", "the cisco-yang folder (YangModels vendor/cisco layout)")
	out := flag.String("out", "shipped", "where to write the profiles")
	flag.Parse()
	for _, o := range releases {
		o.Source = "YangModels vendor/cisco/" + o.Dir
		o.Dir = filepath.Join(*root, o.Dir)
		p, err := profilegen.Generate(o)
		if err != nil {
			fmt.Fprintln(os.Stderr, "genshipped:", err)
			os.Exit(1)
		}
		data, err := p.Marshal()
		if err != nil {
			fmt.Fprintln(os.Stderr, "genshipped:", err)
			os.Exit(1)
		}
		name := filepath.Join(*out, profilegen.FileName(p))
		if err := os.WriteFile(name, append(data, '\n'), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "genshipped:", err)
			os.Exit(1)
		}
		fmt.Printf("%s: %d modules, %d unsupported paths, %d bytes\n", name, len(p.Modules), len(p.Unsupported), len(data))
		if p.Native != nil {
			nb, _ := json.Marshal(p.Native)
			fmt.Printf("  native schema: %d bytes\n", len(nb))
		}
	}
}
