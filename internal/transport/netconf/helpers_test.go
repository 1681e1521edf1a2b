package netconf

import (
	"context"
	"encoding/pem"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/models"
)

const (
	testUser = "admin"
	testPass = "s3cret-Pa55"
	nsIf     = "http://openconfig.net/yang/interfaces"
	nsNI     = "http://openconfig.net/yang/network-instance"
)

// initialRunning is the running configuration simulated devices start with.
const initialRunning = `<data>
<interfaces xmlns="http://openconfig.net/yang/interfaces">
 <interface><name>Gi1</name><config><name>Gi1</name><mtu>1500</mtu><description>uplink</description></config></interface>
 <interface><name>Gi2</name><config><name>Gi2</name><mtu>1500</mtu></config></interface>
</interfaces>
<network-instances xmlns="http://openconfig.net/yang/network-instance">
 <network-instance><name>default</name>
  <vlans><vlan><vlan-id>10</vlan-id><config><vlan-id>10</vlan-id><name>users</name></config></vlan></vlans>
 </network-instance>
</network-instances>
</data>`

// startDevice starts a simulated device on 127.0.0.1 with a ManualClock
// and devicesim's DefaultSchema; mod adjusts its config. It is closed on
// cleanup.
func startDevice(t *testing.T, mod func(*devicesim.Config)) (*devicesim.Device, *devicesim.ManualClock) {
	t.Helper()
	clock := devicesim.NewManualClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	cfg := devicesim.Config{
		Name: "r1", Platform: "iosxe", Username: testUser, Password: testPass,
		Running: xmltree.MustParse(initialRunning), Schema: devicesim.DefaultSchema(), Clock: clock,
		Capabilities: []string{nsIf + "?module=openconfig-interfaces&revision=2024-12-05"},
	}
	if mod != nil {
		mod(&cfg)
	}
	d, err := devicesim.Start(t.Context(), cfg)
	if err != nil {
		t.Fatalf("start device: %v", err)
	}
	t.Cleanup(func() {
		if err := d.Close(); err != nil {
			t.Errorf("close device: %v", err)
		}
	})
	return d, clock
}

// knownHosts writes a known_hosts file listing the devices.
func knownHosts(t *testing.T, devices ...*devicesim.Device) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "known_hosts")
	if err := devicesim.WriteKnownHosts(path, devices...); err != nil {
		t.Fatal(err)
	}
	return path
}

// deviceConfig returns a Config for d with a known_hosts file holding d's key.
func deviceConfig(t *testing.T, d *devicesim.Device) Config {
	t.Helper()
	return Config{
		Address: d.Addr(), Username: testUser, Password: models.NewSecret(testPass),
		KnownHostsFile: knownHosts(t, d), Timeout: 10 * time.Second,
	}
}

// dial opens a session to d, closed on cleanup.
func dial(t *testing.T, d *devicesim.Device) *Session {
	t.Helper()
	return dialConfig(t, deviceConfig(t, d))
}

// dialConfig opens a session with cfg, closed on cleanup.
func dialConfig(t *testing.T, cfg Config) *Session {
	t.Helper()
	s, err := Dial(t.Context(), cfg)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close session: %v", err)
		}
	})
	return s
}

// parse parses an XML literal.
func parse(t *testing.T, s string) *xmltree.Element {
	t.Helper()
	e, err := xmltree.Parse([]byte(s))
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return e
}

// marshalAll returns the canonical XML of elements, one after the other.
func marshalAll(elements []*xmltree.Element) string {
	var s string
	for _, e := range elements {
		s += e.String()
	}
	return s
}

// runningOf returns d's running configuration as canonical XML.
func runningOf(d *devicesim.Device) string { return string(d.Running()) }

func pemEncode(b *pem.Block) []byte { return pem.EncodeToMemory(b) }

func contextWithCancel(t *testing.T) (context.Context, context.CancelFunc) {
	t.Helper()
	return context.WithCancel(t.Context())
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// waitFor retries f for a few seconds until it succeeds (the device ends a
// session asynchronously after the client closes it).
func waitFor(t *testing.T, f func() error) error {
	t.Helper()
	var err error
	for range 100 {
		if err = f(); err == nil {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return err
}
