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

// synthKind is one kind of synthetic device: a platform over a transport,
// with the interface prefix the platform uses and its role label.
type synthKind struct {
	platform, transport, ifPrefix, role string
}

// synthMixes are the platform values Synthetic accepts beyond a single
// platform name: the kinds of device it cycles through.
var synthMixes = map[string][]synthKind{
	// NETCONF only, one of each NETCONF platform.
	"mixed": {kindOf["iosxe"], kindOf["iosxr"], kindOf["nxos"]},
	// Every platform and every transport the simulators speak.
	"all": {
		kindOf["iosxe"],
		{platform: "iosxr", transport: "gnmi", ifPrefix: "GigabitEthernet0/0/0/", role: "core"},
		{platform: "nxos", transport: "nxapi", ifPrefix: "Ethernet1/", role: "distribution"},
		kindOf["nxos"],
		{platform: "ios", transport: "cli", ifPrefix: "GigabitEthernet0/", role: "closet"},
	},
}

// kindOf are the single-platform fleets (NETCONF).
var kindOf = map[string]synthKind{
	"iosxe": {platform: "iosxe", transport: "netconf", ifPrefix: "GigabitEthernet1/0/", role: "access"},
	"iosxr": {platform: "iosxr", transport: "netconf", ifPrefix: "GigabitEthernet0/0/0/", role: "core"},
	"nxos":  {platform: "nxos", transport: "netconf", ifPrefix: "Ethernet1/", role: "distribution"},
}

// SyntheticName is the name Synthetic gives its i-th device (from 0).
func SyntheticName(i int) string { return fmt.Sprintf("sim-%04d", i+1) }

// Synthetic returns an intent repository (one YAML file) for n simulated
// devices, each at a free 127.0.0.1 port from SyntheticBasePort up (see
// SyntheticAt). The ports are free when chosen; a caller that cannot
// tolerate another program taking one before the simulators listen should
// start the simulators on any port and use SyntheticAt.
func Synthetic(n int, platform string) ([]byte, error) {
	port := SyntheticBasePort
	return SyntheticAt(n, platform, func(string) (SyntheticPlace, error) {
		p, err := freePort(port)
		if err != nil {
			return SyntheticPlace{}, err
		}
		port = p + 1
		return SyntheticPlace{Addr: fmt.Sprintf("127.0.0.1:%d", p)}, nil
	})
}

// SyntheticPlace is where SyntheticAt puts one device: its address, and
// optionally the CA file that verifies its TLS certificate (gNMI, NX-API;
// empty: the --ca-file bundle).
type SyntheticPlace struct {
	Addr, CAFile string
}

// CAPEM returns the CA certificate (PEM) that signed the TLS certificate of
// the simulated device called name, or nil when it is not a TLS device.
func (f *Fleet) CAPEM(name string) []byte {
	for _, o := range f.others {
		if t, ok := o.sim.(interface{ CAPEM() []byte }); ok && o.name == name {
			return t.CAPEM()
		}
	}
	return nil
}

// SyntheticAt returns an intent repository (one YAML file) for n simulated
// devices named by SyntheticName, each where place says, in one group with shared services and per-device interfaces.
// platform is "iosxe", "iosxr" or "nxos" (all over NETCONF), "mixed" (those
// three in turn) or "all" (iosxe/netconf, iosxr/gnmi, nxos/nxapi,
// nxos/netconf and ios/cli in turn). Credentials come from the
// SWITCHYARD_PASSWORD environment variable, which is also the enable
// password of CLI devices; TLS devices (gNMI, NX-API) need the fleet's CA
// bundle (Fleet.WriteCABundle, switchyard --ca-file).
func SyntheticAt(n int, platform string, place func(name string) (SyntheticPlace, error)) ([]byte, error) {
	kinds, ok := synthMixes[platform]
	if k, single := kindOf[platform]; single {
		kinds, ok = []synthKind{k}, true
	}
	if !ok {
		return nil, fmt.Errorf("platform %q cannot be simulated (known: iosxe, iosxr, nxos, mixed, all)", platform)
	}
	var b strings.Builder
	b.WriteString(syntheticHeader)
	for i := range n {
		name := SyntheticName(i)
		pl, err := place(name)
		if err != nil {
			return nil, fmt.Errorf("address of %s: %w", name, err)
		}
		writeSyntheticDevice(&b, name, pl, kinds[i%len(kinds)])
	}
	return []byte(b.String()), nil
}

func writeSyntheticDevice(b *strings.Builder, name string, pl SyntheticPlace, k synthKind) {
	fmt.Fprintf(b, "  - name: %s\n    address: %s\n    platform: %s\n    transport: %s\n", name, pl.Addr, k.platform, k.transport)
	if pl.CAFile != "" && (k.transport == "gnmi" || k.transport == "nxapi") {
		fmt.Fprintf(b, "    ca_file: %q\n", pl.CAFile)
	}
	if k.transport == "cli" {
		b.WriteString("    credentials: sim-cli\n")
	}
	// NX-OS 10.6(3) deviates the OpenConfig NTP and DNS servers away: its
	// NETCONF devices are left out of the services group.
	services := "yes"
	if k.platform == "nxos" && k.transport == "netconf" {
		services = "no"
	}
	fmt.Fprintf(b, "    labels: {role: %s, transport: %s, services: %q}\n", k.role, k.transport, services)
	fmt.Fprintf(b, "    config:\n      hostname: %s\n      interfaces:\n", name)
	for ifn := 1; ifn <= 4; ifn++ {
		fmt.Fprintf(b, "        - {name: %s%d, description: \"link %d\"}\n", k.ifPrefix, ifn, ifn)
	}
}

const syntheticHeader = `# Written by switchyard sim: a synthetic fleet of simulated devices.
credentials:
  - name: sim
    username: admin
    password: {env: SWITCHYARD_PASSWORD}
  - name: sim-cli
    username: admin
    password: {env: SWITCHYARD_PASSWORD}
    enable_password: {env: SWITCHYARD_PASSWORD}
defaults:
  credentials: sim
groups:
  - name: all
    description: every simulated device
    members: {selector: role}
    authoritative: [users]
    config:
      domain_name: sim.example.net
      users:
        - {name: admin, role: network-admin, privilege: 15, password: {env: SWITCHYARD_PASSWORD}}
        - {name: netops, role: network-admin, privilege: 15}
  - name: services
    description: name and time servers, where the release takes them
    members: {selector: services = yes}
    authoritative: [ntp.servers]
    config:
      dns: {servers: [10.0.0.53]}
      ntp: {servers: [{address: 10.0.0.123}]}
devices:
`

// freePort returns the first port from p up that is free on 127.0.0.1.
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
