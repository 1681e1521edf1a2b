package cli

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/devicesim/clisim"
	"github.com/switchyard/switchyard/models"
)

const (
	testUser   = "admin"
	testPass   = "s3cret-Pa55"
	testEnable = "en-Pa55"
)

// factory is a plausible classic IOS switch configuration.
const factory = `version 15.2
no service pad
service timestamps debug datetime msec
service password-encryption
hostname sw1
!
boot-start-marker
boot-end-marker
!
username admin privilege 15 secret 5 $1$abcd$0123456789abcdefghijkl
no aaa new-model
!
ip domain-name example.net
ip ssh version 2
ip scp server enable
!
archive
 path flash:archive
 maximum 14
!
spanning-tree mode rapid-pvst
spanning-tree extend system-id
!
vlan 10
 name MGMT
!
interface GigabitEthernet1/0/1
 switchport access vlan 10
 switchport mode access
!
interface GigabitEthernet1/0/2
!
interface Vlan1
 no ip address
 shutdown
!
line con 0
line vty 0 4
 login local
 transport input ssh
!
end
`

func startSim(t *testing.T, mod func(*clisim.Config)) (*clisim.Device, *devicesim.ManualClock) {
	t.Helper()
	clock := devicesim.NewManualClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	cfg := clisim.Config{Name: "sw1", Username: testUser, Password: testPass, EnablePassword: testEnable,
		Running: factory, Clock: clock}
	if mod != nil {
		mod(&cfg)
	}
	d, err := clisim.Start(t.Context(), cfg)
	if err != nil {
		t.Fatalf("start simulator: %v", err)
	}
	t.Cleanup(func() {
		if err := d.Close(); err != nil {
			t.Errorf("close simulator: %v", err)
		}
	})
	return d, clock
}

func simConfig(t *testing.T, d *clisim.Device) Config {
	t.Helper()
	kh := filepath.Join(t.TempDir(), "known_hosts")
	if err := clisim.WriteKnownHosts(kh, d); err != nil {
		t.Fatal(err)
	}
	return Config{Address: d.Addr(), Username: testUser, Password: models.NewSecret(testPass),
		EnablePassword: models.NewSecret(testEnable), KnownHostsFile: kh, Timeout: 10 * time.Second}
}

func dial(t *testing.T, cfg Config) *Session {
	t.Helper()
	s, err := Dial(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}
