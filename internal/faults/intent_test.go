package faults

import (
	"github.com/switchyard/switchyard/profiles"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/fleet"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/transport/nxapi"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/ios"
	"github.com/switchyard/switchyard/providers/iosxe"
	"github.com/switchyard/switchyard/providers/iosxr"
	"github.com/switchyard/switchyard/providers/nxos"
)

// Credentials every simulated device accepts.
const (
	simUser     = "admin"
	simPassword = "faults-sim-password"
	passwordEnv = "SWITCHYARD_FAULTS_PASSWORD"
)

// The transports of the matrix and the device of the intent that uses each.
const (
	tNETCONF = "netconf"
	// tXE is NETCONF to the IOS-XE 17.18.1 simulator: no confirmed
	// commit, cisco-ia's revert timer instead.
	tXE    = "netconf-xe"
	tGNMI  = "gnmi"
	tNXAPI = "nxapi"
	tCLI   = "cli"
)

var transports = []string{tNETCONF, tXE, tGNMI, tNXAPI, tCLI}

var deviceOf = map[string]string{tNETCONF: "nc-1", tXE: "xe-1", tGNMI: "gnmi-1", tNXAPI: "nxapi-1", tCLI: "cli-1"}

// intentYAML is a small intent repository: one device per transport, each
// with a hostname, interface descriptions and (where the platform has them)
// an access VLAN, so that a push has several changes that could be split.
// Addresses are placeholders; the harness points each device at its
// simulator.
const intentYAML = `credentials:
  - name: sim
    username: admin
    password: {env: SWITCHYARD_FAULTS_PASSWORD}
    enable_password: {env: SWITCHYARD_FAULTS_PASSWORD}
defaults:
  credentials: sim
  config:
    domain_name: faults.example.net
devices:
  - name: nc-1
    address: 127.0.0.1:1
    platform: iosxe
    config:
      hostname: nc-1
      interfaces:
        - {name: GigabitEthernet1/0/1, description: desk 1}
        - {name: GigabitEthernet1/0/2, description: desk 2}
      vlans:
        - {id: 20, members: [GigabitEthernet1/0/1, GigabitEthernet1/0/2]}
  - name: xe-1
    address: 127.0.0.1:5
    platform: iosxe
    os_version: "17.18.1"
    config:
      hostname: xe-1
      interfaces:
        - {name: GigabitEthernet1/0/1, description: desk 1}
        - {name: GigabitEthernet1/0/2, description: desk 2}
      vlans:
        - {id: 20, members: [GigabitEthernet1/0/1, GigabitEthernet1/0/2]}
  - name: gnmi-1
    address: 127.0.0.1:2
    platform: iosxr
    transport: gnmi
    config:
      hostname: gnmi-1
      interfaces:
        - {name: Loopback0, ipv4: [10.255.9.1/32]}
        - {name: GigabitEthernet0/0/0/0, description: uplink, ipv4: [10.9.1.1/30]}
  - name: nxapi-1
    address: 127.0.0.1:3
    platform: nxos
    transport: nxapi
    allow_without_device_timer: true   # NX-API has no device timer
    config:
      hostname: nxapi-1
      interfaces:
        - {name: loopback0, ipv4: [10.255.9.2/32]}
        - {name: Ethernet1/1, description: to gnmi-1, ipv4: [10.9.1.2/30]}
        - {name: Ethernet1/2, description: spare}
  - name: cli-1
    address: 127.0.0.1:4
    platform: ios
    config:
      hostname: cli-1
      interfaces:
        - {name: FastEthernet0/1, description: badge reader}
        - {name: FastEthernet0/2, description: camera}
      vlans:
        - {id: 30, members: [FastEthernet0/1, FastEthernet0/2]}
`

// secrets resolves the intent's credential references without touching
// the environment.
var secrets = credentials.Source{LookupEnv: func(k string) (string, bool) {
	if k == passwordEnv {
		return simPassword, true
	}
	return "", false
}}

// registry registers every platform; NX-API retries reads with short
// waits so that cases that drop reads stay fast.
func registry() (*providers.Registry, error) {
	r := providers.NewRegistry()
	fast := nxos.WithTransportConfig(func(c *nxapi.Config) { c.RetryWaitMin, c.RetryWaitMax = 5*time.Millisecond, 20*time.Millisecond })
	if err := r.Register(nxos.New(fast)); err != nil {
		return nil, err
	}
	for _, reg := range []func(*providers.Registry) error{iosxe.Register, iosxr.Register, ios.Register} {
		if err := reg(r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// loadIntent writes intentYAML to dir and loads it.
func loadIntent(dir string, reg *providers.Registry) (*inventory.Inventory, error) {
	if err := os.WriteFile(filepath.Join(dir, "devices.yaml"), []byte(intentYAML), 0o600); err != nil {
		return nil, err
	}
	// The fault matrix tests each protocol's own mechanism, so the
	// simulators are generic (no release profile) and so is the intent.
	inv, ds := inventory.LoadAndResolve(dir, inventory.ResolveOptions{CheckPlatform: reg.CheckTransport})
	if ds.HasErrors() {
		return nil, ds.Err()
	}
	return inv, nil
}

// where says how to reach one simulated device.
type where struct {
	Addr, KnownHosts, CAFile string
}

// unitFor builds the rollout unit of device name through fleet.Units, the
// path the CLI and the daemon use.
func unitFor(inv *inventory.Inventory, reg *providers.Registry, name string, w where) (rollout.Unit, error) {
	d := inv.Device(name)
	d.Address = w.Addr
	units, fails := fleet.Units(inv, []*inventory.Device{d}, reg, fleet.Options{KnownHostsFile: w.KnownHosts, CAFile: w.CAFile,
		Timeout: 20 * time.Second, Secrets: secrets})
	if len(fails) > 0 {
		return rollout.Unit{}, fails[0].Err
	}
	if name == deviceOf[tXE] {
		// The harness loads without profiles (its other simulators are
		// generic); the XE device gets its release as the gate gives it.
		p, err := xeRelease()
		if err != nil {
			return rollout.Unit{}, err
		}
		units[0].Target.Profile = p
		units[0].Confirm = providers.Mechanism(providers.Capabilities{}, "netconf", p)
	}
	return units[0], nil
}

// xeRelease is the shipped IOS-XE 17.18.1 profile.
func xeRelease() (*profiles.Profile, error) {
	set, err := profiles.Shipped()
	if err != nil {
		return nil, err
	}
	return set.Select("iosxe", "17.18.1")
}

// testUnit is unitFor for a test.
func testUnit(t *testing.T, tr string, w where) rollout.Unit {
	t.Helper()
	reg, err := registry()
	if err != nil {
		t.Fatal(err)
	}
	inv, err := loadIntent(t.TempDir(), reg)
	if err != nil {
		t.Fatal(err)
	}
	u, err := unitFor(inv, reg, deviceOf[tr], w)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
