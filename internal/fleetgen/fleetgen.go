package fleetgen

import (
	"fmt"
	"strings"
)

// Roles are the device roles Repo assigns, in the proportions a campus has:
// mostly access switches.
var roles = []string{"access", "access", "access", "access", "access", "access", "access", "distribution", "distribution", "core"}

var platforms = map[string][]string{
	"access":       {"iosxe", "iosxe", "iosxe", "ios"},
	"distribution": {"nxos"},
	"core":         {"iosxr"},
}

// Sites returns the number of sites Repo spreads devices over.
func Sites(devices int) int { return max(1, devices/100) }

// DeviceName returns the name of device i (0-based) in a generated repo.
func DeviceName(i int) string { return fmt.Sprintf("dev-%05d", i) }

// Repo returns an intent repository (file name to content) with the given
// number of devices and groups, ready for inventory.LoadFiles. It is
// deterministic, and it resolves without diagnostics.
//
// Devices are spread over Sites(devices) sites with labels site, role and
// floor; access switches have 24 access ports and a trunk uplink, with
// VLAN members. Groups cycle through four kinds: site groups (equality
// selector, VLANs, authoritative vlans.members), regional groups (set-based
// selector with !=), listed groups (ten devices, local users) and nested
// groups (two earlier groups, NTP servers). Defaults set credentials, DNS
// and the domain name.
func Repo(devices, groups int) map[string][]byte {
	files := map[string][]byte{"defaults.yaml": []byte(defaults)}
	sites := Sites(devices)
	bySite := make([]strings.Builder, sites)
	for i := range devices {
		writeDevice(&bySite[i%sites], i, i%sites)
	}
	for s := range bySite {
		files[fmt.Sprintf("sites/site-%03d/devices.yaml", s)] = []byte("devices:\n" + bySite[s].String())
	}
	const perFile = 20
	for first := 0; first < groups; first += perFile {
		var b strings.Builder
		b.WriteString("groups:\n")
		for g := first; g < min(first+perFile, groups); g++ {
			writeGroup(&b, g, devices, sites)
		}
		files[fmt.Sprintf("groups/groups-%03d.yaml", first/perFile)] = []byte(b.String())
	}
	return files
}

const defaults = `credentials:
  - name: fleet-admin
    username: admin
    password: {env: SWITCHYARD_PASSWORD}
defaults:
  credentials: fleet-admin
  config:
    domain_name: fleet.example.net
    dns:
      servers: [10.0.0.53, 10.0.1.53]
    banners:
      motd: "Authorised access only."
`

func writeDevice(b *strings.Builder, i, site int) {
	role := roles[i%len(roles)]
	plats := platforms[role]
	fmt.Fprintf(b, "  - name: %s\n    address: 10.%d.%d.%d\n    platform: %s\n",
		DeviceName(i), 100+site/250, site%250, 1+i%250, plats[i%len(plats)])
	fmt.Fprintf(b, "    labels: {site: s%03d, role: %s, floor: \"%d\"}\n", site, role, i%5)
	fmt.Fprintf(b, "    config:\n      hostname: %s\n      interfaces:\n", DeviceName(i))
	if role != "access" {
		fmt.Fprintf(b, "        - {name: Loopback0, ipv4: [10.255.%d.%d/32]}\n", i/250%250, i%250)
		link := "Ethernet1/%d" // NX-OS distribution
		if role == "core" {
			link = "GigabitEthernet0/0/0/%d" // IOS-XR core
		}
		for p := 1; p <= 4; p++ {
			fmt.Fprintf(b, "        - {name: "+link+", description: link %d, ipv4: [10.%d.%d.%d/31]}\n", p, p, 200+p, i/128%250, i%128*2)
		}
		return
	}
	for p := 1; p <= 24; p++ {
		fmt.Fprintf(b, "        - {name: GigabitEthernet1/0/%d, description: desk %d.%02d}\n", p, i, p)
	}
	b.WriteString("        - name: GigabitEthernet1/0/48\n          description: uplink\n")
	b.WriteString("          switchport: {mode: trunk, allowed_vlans: [\"10-30\"], native_vlan: 999}\n")
	b.WriteString("      vlans:\n")
	fmt.Fprintf(b, "        - {id: 10, members: [%s]}\n", ports(1, 4))
	fmt.Fprintf(b, "        - {id: 20, members: [%s]}\n", ports(5, 20))
	fmt.Fprintf(b, "        - {id: 30, members: [%s]}\n", ports(21, 24))
}

func ports(from, to int) string {
	names := make([]string, 0, to-from+1)
	for p := from; p <= to; p++ {
		names = append(names, fmt.Sprintf("GigabitEthernet1/0/%d", p))
	}
	return strings.Join(names, ", ")
}

func writeGroup(b *strings.Builder, g, devices, sites int) {
	fmt.Fprintf(b, "  - name: g%03d\n", g)
	switch g % 4 {
	case 0:
		fmt.Fprintf(b, "    priority: 50\n    members: {selector: \"site = s%03d, role = access\"}\n", g/4%sites)
		b.WriteString("    authoritative: [vlans.members]\n    config:\n      vlans:\n")
		b.WriteString("        - {id: 10, name: VOICE}\n        - {id: 20, name: USERS}\n        - {id: 30, name: PRINTERS}\n")
	case 1:
		fmt.Fprintf(b, "    priority: 40\n    members: {selector: \"site in (s%03d, s%03d), role != core\"}\n", g%sites, (g+1)%sites)
		b.WriteString("    config:\n      syslog:\n        hosts:\n          - {address: 10.0.0.5, severity: warning}\n")
	case 2:
		b.WriteString("    priority: 60\n    members:\n      devices: [")
		for k := range 10 {
			if k > 0 {
				b.WriteString(", ")
			}
			b.WriteString(DeviceName((g*37 + k*101) % max(devices, 1)))
		}
		b.WriteString("]\n    authoritative: [users]\n    config:\n      users:\n")
		b.WriteString("        - {name: netops, role: network-admin, privilege: 15}\n        - {name: auditor, role: read-only, privilege: 1}\n")
	default:
		fmt.Fprintf(b, "    priority: 30\n    members: {groups: [g%03d, g%03d]}\n", g-3, g-2)
		b.WriteString("    authoritative: [ntp.servers]\n    config:\n      ntp:\n        servers:\n")
		b.WriteString("          - {address: 10.0.0.123, prefer: true}\n          - {address: 10.0.1.123}\n")
	}
}
