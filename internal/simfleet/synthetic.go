package simfleet

import (
	"fmt"
	"net"
	"strings"
)

// SyntheticBasePort is where Synthetic starts looking for free ports: below
// Linux's ephemeral range (32768-60999), so that the outgoing connections of
// other programs do not take a port between the choice and the listen.
const SyntheticBasePort = 21000

// Synthetic returns an intent repository (one YAML file) for n simulated
// devices of platform ("iosxe", "iosxr", "nxos", or "mixed" to cycle
// through them), each at a free 127.0.0.1 port from SyntheticBasePort up,
// in one group with shared services and per-device interfaces. Credentials
// come from the SWITCHYARD_PASSWORD environment variable.
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
	port := SyntheticBasePort
	for i := range n {
		var err error
		if port, err = freePort(port); err != nil {
			return nil, err
		}
		p := plats[i%len(plats)]
		fmt.Fprintf(&b, "  - name: sim-%04d\n    address: 127.0.0.1:%d\n    platform: %s\n    labels: {role: %s}\n", i+1, port, p, roleOf[p])
		port++
		fmt.Fprintf(&b, "    config:\n      hostname: sim-%04d\n      interfaces:\n", i+1)
		for ifn := 1; ifn <= 4; ifn++ {
			fmt.Fprintf(&b, "        - {name: %s%d, description: \"link %d\"}\n", ifName[p], ifn, ifn)
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

// freePort returns the first port from p up that is free on 127.0.0.1,
// or p itself the next time round (the caller adds one).
func freePort(p int) (int, error) {
	for ; p < 32768; p++ {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
		if err == nil {
			ln.Close()
			return p, nil
		}
	}
	return 0, fmt.Errorf("no free port on 127.0.0.1 between %d and 32767", SyntheticBasePort)
}
