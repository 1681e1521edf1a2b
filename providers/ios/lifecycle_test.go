package ios_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/devicesim/clisim"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/ios"
)

const (
	simUser   = "admin"
	simPass   = "s3cret-Pa55"
	simEnable = "en-Pa55"
)

// factory is a plausible classic IOS access switch out of the box, with
// SSH, SCP and the archive set up.
const factory = `version 15.2
no service pad
service timestamps debug datetime msec
service timestamps log datetime msec
service password-encryption
!
hostname Switch
!
boot-start-marker
boot-end-marker
!
enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0
!
username admin privilege 15 secret 5 $1$abcd$0123456789abcdefghijkl
username olduser privilege 1 secret 5 $1$efgh$0123456789abcdefghijkl
no aaa new-model
system mtu routing 1500
!
ip domain-name factory.local
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
vlan internal allocation policy ascending
!
vlan 99
 name OLD
!
interface FastEthernet0
 no ip address
 shutdown
!
interface FastEthernet0/1
!
interface GigabitEthernet1/0/1
 switchport access vlan 99
 switchport mode access
 spanning-tree portfast
!
interface GigabitEthernet1/0/2
 shutdown
!
interface GigabitEthernet1/0/3
!
interface GigabitEthernet1/0/5
 switchport access vlan 20
 switchport mode access
!
interface Vlan1
 no ip address
 shutdown
!
ip http server
ip http secure-server
!
line con 0
line vty 0 4
 login local
 transport input ssh
line vty 5 15
 login local
 transport input ssh
!
end
`

// env is the fake environment the secrets are read from.
var env = map[string]string{
	"SWITCHYARD_PASSWORD": "campus-admin-pw",
	"LAB_NETOPS_PASSWORD": "n3tops-pw", "LAB_TACACS_KEY": "tac-key-1", "LAB_RADIUS_KEY": "rad-key-1",
	"SWITCHYARD_TACACS_KEY": "campus-tac",
	"LAB_SNMP_RO":           "ro-c0mmunity", "LAB_SNMP_RW": "rw-c0mmunity",
}

func secrets() credentials.Source {
	return credentials.Source{
		LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok },
		ReadFile: func(p string) ([]byte, error) {
			if p == "/run/secrets/noc" {
				return []byte("noc-pw\n"), nil
			}
			return nil, fmt.Errorf("open %s: no such file", p)
		},
	}
}

// startSim starts a simulated switch seeded with running.
func startSim(t *testing.T, running string) (*clisim.Device, *devicesim.ManualClock) {
	t.Helper()
	clock := devicesim.NewManualClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	d, err := clisim.Start(t.Context(), clisim.Config{Name: "sw", Username: simUser, Password: simPass,
		EnablePassword: simEnable, Running: running, Clock: clock})
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

// unit builds the rollout unit of dev against d.
func unit(t *testing.T, d *clisim.Device, dev *models.Device, drv *ios.Driver) rollout.Unit {
	t.Helper()
	desired, err := drv.Render(dev)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	kh := filepath.Join(t.TempDir(), "known_hosts")
	if err := clisim.WriteKnownHosts(kh, d); err != nil {
		t.Fatal(err)
	}
	return rollout.Unit{Name: dev.Name, Desired: desired, Driver: drv, Target: providers.Target{
		Name: dev.Name, Platform: "ios", Transport: "cli", Address: d.Addr(), Username: simUser,
		Password: models.NewSecret(simPass), EnablePassword: models.NewSecret(simEnable),
		KnownHostsFile: kh, Timeout: 10 * time.Second}}
}

func apply(t *testing.T, u rollout.Unit) rollout.Result {
	t.Helper()
	return rollout.Apply(t.Context(), []rollout.Unit{u}, rollout.Config{ConfirmTimeout: 90 * time.Second})[0]
}

func observe(t *testing.T, u rollout.Unit) rollout.Result {
	t.Helper()
	return rollout.Observe(t.Context(), []rollout.Unit{u}, rollout.Config{})[0]
}

func TestApplyConfirmsAndIsIdempotent(t *testing.T) {
	d, _ := startSim(t, factory)
	u := unit(t, d, richDevice(), ios.New(ios.WithSecrets(secrets())))
	r := apply(t, u)
	if r.Status != rollout.Applied || r.Err != nil {
		t.Fatalf("first apply: status %s, err %v", r.Status, r.Err)
	}
	if len(r.Changes) < 50 {
		t.Errorf("first apply: %d changes, want the whole rich intent", len(r.Changes))
	}
	if _, pending := d.RollbackPending(); pending {
		t.Errorf("rollback still pending after the confirm")
	}
	run := d.Running()
	for _, want := range []string{
		"hostname lab-sw-1\n", "\n switchport access vlan 20\n switchport mode access\n description desk 1\n!\n",
		"ip access-list extended MGMT-IN\n remark management stations\n",
		" deny   ip any any log\n", "banner login #\nAuthorised access only.\n",
		// outside switchyard's scope, kept by configure replace
		"line vty 5 15\n", "ip scp server enable\n", "archive\n path flash:archive\n",
		"spanning-tree mode rapid-pvst\n", "enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n",
		"username netops privilege 15 secret 5 $1$",
	} {
		if !strings.Contains(run, want) {
			t.Errorf("running lacks %q", want)
		}
	}
	for _, secret := range []string{"n3tops-pw", "tac-key-1", "rad-key-1", "noc-pw"} {
		if strings.Contains(run, secret) {
			t.Errorf("running shows the secret %q in clear", secret)
		}
	}
	// users are authoritative: users the intent does not list go (on a
	// real switch, removing the login user is caught by the verification
	// session, which then fails and lets the timer revert);
	// vlans[20].members: Gi1/0/5 leaves VLAN 20; Gi1/0/1 is managed in
	// full, so its portfast goes.
	if strings.Contains(run, "username olduser") || strings.Contains(run, "username admin") {
		t.Errorf("authoritative users: olduser or admin still configured")
	}
	if strings.Contains(run, "portfast") {
		t.Errorf("a declared interface keeps a line the intent does not have")
	}
	if strings.Contains(run, "interface GigabitEthernet1/0/5\n switchport access vlan 20") {
		t.Errorf("authoritative vlans[20].members: Gi1/0/5 still in VLAN 20")
	}
	for _, f := range d.Files() {
		if strings.HasPrefix(f, ios.StagedPrefix) && f != ios.BackupFile {
			t.Errorf("staged file %s (secrets in clear) left on flash", f)
		}
	}
	if d.Startup() != run {
		t.Errorf("startup-config not saved after the confirm")
	}
	again := observe(t, u)
	if again.Status != rollout.InSync || again.Err != nil {
		t.Fatalf("second plan: status %s, err %v, changes %+v", again.Status, again.Err, again.Changes)
	}
	if r := apply(t, u); r.Status != rollout.InSync {
		t.Errorf("second apply: status %s, err %v", r.Status, r.Err)
	}
}

func TestApplyRejectedCommandChangesNothing(t *testing.T) {
	d, _ := startSim(t, factory)
	d.Knobs().RejectCommand("ntp server")
	u := unit(t, d, richDevice(), ios.New(ios.WithSecrets(secrets())))
	before := d.Running()
	r := apply(t, u)
	if r.Status != rollout.Failed || r.Err == nil {
		t.Fatalf("status %s, err %v; want failed", r.Status, r.Err)
	}
	msg := r.Err.Error()
	for _, want := range []string{"lab-sw-1", "ntp server 10.0.0.123 prefer", "Invalid input"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not name %q", msg, want)
		}
	}
	if got := d.Running(); got != before {
		t.Errorf("running changed after a refused replace")
	}
	if _, pending := d.RollbackPending(); pending {
		t.Errorf("rollback pending after a refused replace")
	}
}

func TestApplyVerificationFailureCancels(t *testing.T) {
	d, _ := startSim(t, factory)
	d.Knobs().IgnoreCommand("logging host 10.0.0.6")
	u := unit(t, d, richDevice(), ios.New(ios.WithSecrets(secrets())))
	before := d.Running()
	r := apply(t, u)
	if r.Status != rollout.RolledBack {
		t.Fatalf("status %s, err %v; want rolled-back", r.Status, r.Err)
	}
	if !strings.Contains(r.Err.Error(), "logging host 10.0.0.6") {
		t.Errorf("error %v does not name the path that still differs", r.Err)
	}
	if got := d.Running(); got != before {
		t.Errorf("running is not byte-identical to before after the cancel")
	}
	if _, pending := d.RollbackPending(); pending {
		t.Errorf("rollback still pending after the cancel")
	}
}

func TestUnconfirmedChangeRevertsOnTimer(t *testing.T) {
	d, clock := startSim(t, factory)
	u := unit(t, d, richDevice(), ios.New(ios.WithSecrets(secrets())))
	before := d.Running()
	s, err := u.Driver.Connect(t.Context(), u.Target)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	running, err := s.Observe(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	changes, err := u.Driver.Diff(u.Desired, running)
	if err != nil {
		t.Fatal(err)
	}
	txn, err := s.Begin(t.Context(), u.Desired, changes, 90*time.Second)
	if err != nil {
		t.Fatalf("Begin: %v", err)
	}
	if txn.Kind != providers.ConfirmReplaceTimer || !strings.HasPrefix(txn.ID, ios.StagedPrefix) || txn.Deadline.IsZero() {
		t.Errorf("txn = %+v", txn)
	}
	deadline, pending := d.RollbackPending()
	if !pending || !deadline.Equal(clock.Now().Add(2*time.Minute)) {
		t.Fatalf("rollback pending %v until %s, want 2 minutes (90 s rounded up)", pending, deadline)
	}
	if !strings.Contains(d.Running(), "hostname lab-sw-1") {
		t.Fatalf("replace not applied")
	}
	// switchyard dies here: nobody confirms.
	clock.Advance(2 * time.Minute)
	if got := d.Running(); got != before {
		t.Errorf("running did not revert exactly to the pre-replace configuration")
	}
	if !strings.Contains(strings.Join(d.Log(), "\n"), "%ARCHIVE_DIFF-5-ROLLBK_CNFMD_TIMER_EXP") {
		t.Errorf("no timer-expiry log message: %q", d.Log())
	}
	err = s.Confirm(t.Context(), txn)
	if !errors.Is(err, ios.ErrNotPending) {
		t.Errorf("Confirm after expiry = %v, want ErrNotPending", err)
	}
}

func TestArchiveMissing(t *testing.T) {
	d, _ := startSim(t, strings.Replace(factory, "archive\n path flash:archive\n maximum 14\n", "", 1))
	u := unit(t, d, richDevice(), ios.New(ios.WithSecrets(secrets())))
	before := d.Running()
	r := apply(t, u)
	if !errors.Is(r.Err, ios.ErrArchiveNotConfigured) {
		t.Fatalf("err = %v, want ErrArchiveNotConfigured", r.Err)
	}
	if !strings.Contains(r.Err.Error(), "path flash:") || !strings.Contains(r.Err.Error(), "lab-sw-1") {
		t.Errorf("error %q does not say how to fix it on which device", r.Err)
	}
	if d.Running() != before {
		t.Errorf("running changed")
	}
}

func TestMergeMode(t *testing.T) {
	d, _ := startSim(t, strings.Replace(factory, "archive\n path flash:archive\n maximum 14\n", "", 1))
	u := unit(t, d, richDevice(), ios.New(ios.WithMerge(), ios.WithSecrets(secrets())))
	r := apply(t, u)
	if r.Status != rollout.Applied || r.Err != nil {
		t.Fatalf("merge apply: status %s, err %v", r.Status, r.Err)
	}
	if again := observe(t, u); again.Status != rollout.InSync {
		t.Fatalf("after merge: status %s, err %v, changes %+v", again.Status, again.Err, again.Changes)
	}
	if _, ok := d.File(ios.BackupFile); !ok {
		t.Errorf("no backup %s on flash", ios.BackupFile)
	}
}

func TestMergeModeRestoresOnError(t *testing.T) {
	d, _ := startSim(t, factory)
	d.Knobs().RejectCommand("logging host 10.0.0.6")
	u := unit(t, d, richDevice(), ios.New(ios.WithMerge(), ios.WithSecrets(secrets())))
	before := d.Running()
	r := apply(t, u)
	if r.Status != rollout.Failed || r.Err == nil || !strings.Contains(r.Err.Error(), "logging host 10.0.0.6") {
		t.Fatalf("status %s, err %v; want failed naming the command", r.Status, r.Err)
	}
	if strings.Contains(r.Err.Error(), "n3tops-pw") {
		t.Errorf("error shows a secret: %v", r.Err)
	}
	if got := d.Running(); got != before {
		t.Errorf("running not restored byte-identically after a refused merge")
	}
}

var _ = context.Background
