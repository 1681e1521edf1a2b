package simfleet

import (
	"fmt"
	"net"
	"strings"
)

// Synthetic returns an intent repository (one YAML file) for n simulated
// devices of platform ("iosxe", "iosxr", "nxos", or "mixed" to cycle
// through them), each at a free 127.0.0.1 port, in one group with shared
// services and per-device interfaces. Credentials come from the
// SWITCHYARD_PASSWORD environment variable.
func Synthetic(n int, platform string) ([]byte, error) {
	plats := []string{platform}
	if platform == "mixed" {
		plats = []string{"iosxe", "iosxr", "nxos"}
	}
	for _, p := range plats {
		if ifName[p] == "" {
			return nil, fmt.Errorf("platform %q cannot be simulated over NETCONF (known: iosxe, iosxr, nxos, mixed)", p)
		}
	}
	var b strings.Builder
	b.WriteString(syntheticHeader)
	for i := range n {
		port, err := freePort()
		if err != nil {
			return nil, err
		}
		p := plats[i%len(plats)]
		fmt.Fprintf(&b, "  - name: sim-%04d\n    address: 127.0.0.1:%d\n    platform: %s\n    labels: {role: %s}\n", i+1, port, p, roleOf[p])
		fmt.Fprintf(&b, "    config:\n      hostname: sim-%04d\n      interfaces:\n", i+1)
		for port := 1; port <= 4; port++ {
			fmt.Fprintf(&b, "        - {name: %s%d, description: \"link %d\"}\n", ifName[p], port, port)
		}
	}
	return []byte(b.String()), nil
}

var ifName = map[string]string{"iosxe": "GigabitEthernet1/0/", "iosxr": "GigabitEthernet0/0/0/", "nxos": "Ethernet1/"}

var roleOf = map[string]string{"iosxe": "access", "iosxr": "core", "nxos": "distribution"}

const syntheticHeader = `# Written by switchyard sim: a synthetic fleet of simulated devices.
credentials:
  - name: sim
    username: admin
    password: {env: SWITCHYARD_PASSWORD}
defaults:
  credentials: sim
groups:
  - name: all
    description: every simulated device
    members: {selector: role}
    authoritative: [users, ntp.servers]
    config:
      domain_name: sim.example.net
      dns: {servers: [10.0.0.53]}
      ntp: {servers: [{address: 10.0.0.123}]}
      users:
        - {name: netops, role: network-admin, privilege: 15}
devices:
`

// freePort asks the kernel for a free port on 127.0.0.1.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
