package gnmisession_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/devicesim/gnmisim"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/iosxe"
)

const (
	testUser     = "admin"
	testPassword = "gnmi-Pa55word-canary"
	deviceName   = "xe-gnmi-1"
)

func boolp(b bool) *bool { return &b }

// intent is an IOS-XE device using every feature that needs no secret:
// leaves, leaf-lists (trunk VLANs, DNS servers), list entries to create and,
// with authoritative users and VLAN members, to delete.
func intent() *models.Device {
	return &models.Device{
		Name: deviceName, Platform: iosxe.Platform,
		Authoritative: []string{"users", "vlans.members"},
		Config: models.Config{
			Hostname: deviceName, DomainName: "campus.example.net",
			Banners: &models.Banners{MOTD: "managed by switchyard"},
			NTP:     &models.NTP{Servers: []models.NTPServer{{Address: "10.10.0.123", Prefer: true}}},
			DNS:     &models.DNS{Servers: []string{"10.10.0.53", "10.20.0.53"}},
			Syslog:  &models.Syslog{Hosts: []models.SyslogHost{{Address: "10.10.0.6", Severity: "warning"}}},
			Users:   []models.User{{Name: "auditor", Role: "read-only", Privilege: 1}},
			VLANs: []models.VLAN{
				{ID: 10, Name: "VOICE", Members: []string{"Gi1/0/3"}},
				{ID: 20, Name: "USERS", Members: []string{"GigabitEthernet1/0/1"}},
			},
			Interfaces: []models.Interface{
				{Name: "Loopback0", IPv4: []string{"10.255.0.11/32"}},
				{Name: "GigabitEthernet1/0/1", Description: "desk 1.01", Enabled: boolp(true)},
				{Name: "GigabitEthernet1/0/2", Description: "desk 1.02", Enabled: boolp(false), ACLIn: "MGMT-IN"},
				{Name: "Gi1/0/3", Description: "phone", Switchport: &models.Switchport{Mode: "access", AccessVLAN: 10}},
				{Name: "GigabitEthernet1/0/48", Description: "uplink", MTU: 9198,
					Switchport: &models.Switchport{Mode: "trunk", NativeVLAN: 999, AllowedVLANs: []models.VLANRange{{Low: 10, High: 10}, {Low: 30, High: 39}}}},
				{Name: "Te1/1/2", PortChannel: &models.ChannelGroup{ID: 10, Mode: "active"}},
				{Name: "Te1/1/3", PortChannel: &models.ChannelGroup{ID: 10, Mode: "active"}},
				{Name: "Port-channel10", Description: "to dist"},
			},
			StaticRoutes: []models.StaticRoute{{Prefix: "0.0.0.0/0", NextHops: []models.NextHop{{Address: "10.20.0.254"}}}},
			ObjectGroups: []models.ObjectGroup{{Name: "MGMT-HOSTS", Type: "network", Hosts: []string{"10.10.0.10"}, Prefixes: []string{"10.99.0.0/24"}}},
			ACLs: []models.ACL{{Name: "MGMT-IN", Entries: []models.ACLEntry{
				{Seq: 10, Action: "permit", Protocol: "tcp", SourceGroup: "MGMT-HOSTS", Destination: "any", DestinationPort: "22"},
				{Seq: 20, Action: "deny", Protocol: "ip", Source: "any", Destination: "any", Log: true},
			}}},
		},
	}
}

// env is a simulated gNMI device, started from the factory configuration
// for the intent's interfaces, and what is needed to manage it.
type env struct {
	sim     *gnmisim.Target
	clock   *devicesim.ManualClock
	caFile  string
	driver  *iosxe.Driver
	desired *providers.Desired
	factory *oc.Device
}

// start renders intent() and starts a simulator running its factory
// configuration on a ManualClock, closed at cleanup.
func start(t *testing.T) *env {
	t.Helper()
	e := &env{driver: iosxe.New(), clock: devicesim.NewManualClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))}
	var err error
	if e.desired, err = e.driver.Render(intent()); err != nil {
		t.Fatalf("Render: %v", err)
	}
	e.factory = simfleet.Factory(e.desired.Tree, iosxe.Platform)
	e.sim, err = gnmisim.Start(t.Context(), gnmisim.Config{
		Name: deviceName, Username: testUser, Password: testPassword, Running: e.factory, Clock: e.clock,
	})
	if err != nil {
		t.Fatalf("gnmisim.Start: %v", err)
	}
	t.Cleanup(func() { _ = e.sim.Close() })
	e.caFile = writeCA(t, e.sim)
	return e
}

// writeCA writes the simulator's CA certificate to a temporary file.
func writeCA(t *testing.T, sim *gnmisim.Target) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(f, sim.CAPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

// target is how switchyard reaches the simulator over gNMI.
func (e *env) target() providers.Target {
	return providers.Target{
		Name: deviceName, Platform: iosxe.Platform, Transport: "gnmi", Address: e.sim.Addr(),
		Username: testUser, Password: models.NewSecret(testPassword), CAFile: e.caFile, Timeout: 10 * time.Second,
	}
}

// unit is the rollout unit of the device.
func (e *env) unit() rollout.Unit {
	return rollout.Unit{Name: deviceName, Target: e.target(), Desired: e.desired, Driver: e.driver}
}

// connect opens a session through the driver, closed at cleanup.
func (e *env) connect(t *testing.T) providers.Session {
	t.Helper()
	s, err := e.driver.Connect(t.Context(), e.target())
	if err != nil {
		t.Fatalf("Connect: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// changes observes the device over s and returns what still differs from
// the intent.
func (e *env) changes(t *testing.T, s providers.Session) (*providers.Running, []providers.Change) {
	t.Helper()
	running, err := s.Observe(t.Context())
	if err != nil {
		t.Fatalf("Observe: %v", err)
	}
	cs, err := e.driver.Diff(e.desired, running)
	if err != nil {
		t.Fatalf("Diff: %v", err)
	}
	return running, cs
}

// assertSame fails when the two trees differ.
func assertSame(t *testing.T, want, got *oc.Device) {
	t.Helper()
	n, err := ygot.Diff(want, got)
	if err != nil {
		t.Fatalf("ygot.Diff: %v", err)
	}
	if len(n.GetUpdate()) != 0 || len(n.GetDelete()) != 0 {
		t.Errorf("trees differ (-want +got):\n%s", cmp.Diff(emit(t, want), emit(t, got)))
	}
}

func emit(t *testing.T, d *oc.Device) string {
	t.Helper()
	js, err := ygot.EmitJSON(d, &ygot.EmitJSONConfig{Format: ygot.RFC7951, Indent: " ", SkipValidation: true})
	if err != nil {
		t.Fatalf("EmitJSON: %v", err)
	}
	return js
}
