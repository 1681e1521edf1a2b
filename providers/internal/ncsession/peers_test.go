//go:build peers

package ncsession_test

import (
	"context"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/peertest"
	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/ncsession"
	"github.com/switchyard/switchyard/providers/iosxe"
)

// The peer tests run the NETCONF driver (this package, through the iosxe
// provider and internal/rollout) against Debian's netconfd, an
// independent NETCONF server, started by internal/peertest with the
// OpenConfig interface, VLAN, LAG and ACL modules. They fail, never skip,
// when the server is not installed (peertest.InstallHint).
//
// netconfd answers <ok/> to a commit that follows a <validate> of the
// candidate but drops the changes (shared/PEERS.md beside the repository). The
// driver validates before it commits, so against netconfd a normal apply
// is dropped; the tests use that as a device that lies about a commit
// (verification must cancel it), and ncsession.WithoutValidate for the
// applies that must succeed.

// peerDriver is the iosxe provider with a Connect that dials netconfd with
// opts and waits out netconfd's hello bug (peertest.SettleSession).
type peerDriver struct {
	*iosxe.Driver
	opts []ncsession.Option
}

func (d peerDriver) Connect(ctx context.Context, t providers.Target) (providers.Session, error) {
	s, err := ncsession.Dial(ctx, t, d.opts...)
	if err != nil {
		return nil, err
	}
	if err := peertest.SettleSession(ctx, func(ctx context.Context) error {
		_, err := s.Observe(ctx)
		return err
	}); err != nil {
		_ = s.Close()
		return nil, err
	}
	return s, nil
}

// peerIntent is what netconfd can hold: interfaces, switched-vlan
// membership of ports, a static port-channel and an ACL. It has no
// hostname, VLAN database, routes or LACP mode, which live in modules
// netconfd cannot load, and binds the ACL to no interface: netconfd stores
// /acl/interfaces/interface/interface-ref/config/interface but leaves it
// out of get-config replies (internal error "typ.c:1831 NULL pointer" in
// its log), so a binding never verifies and every apply is rolled back.
// description names the version.
func peerIntent(description string) *models.Device {
	on, off := true, false
	return &models.Device{Name: "netconfd", Platform: iosxe.Platform, Config: models.Config{
		Interfaces: []models.Interface{
			{Name: "GigabitEthernet1", Description: description, MTU: 9000, Enabled: &on,
				Switchport: &models.Switchport{Mode: "trunk", NativeVLAN: 10,
					AllowedVLANs: []models.VLANRange{{Low: 10, High: 10}, {Low: 20, High: 30}}}},
			{Name: "GigabitEthernet2", Description: "users", Enabled: &off,
				Switchport: &models.Switchport{Mode: "access", AccessVLAN: 10}},
			{Name: "GigabitEthernet3", Description: "lag member", PortChannel: &models.ChannelGroup{ID: 1, Mode: "on"}},
			{Name: "GigabitEthernet4", Description: "lag member", PortChannel: &models.ChannelGroup{ID: 1, Mode: "on"}},
			{Name: "Port-channel1", Description: "to distribution", MTU: 9000,
				Switchport: &models.Switchport{Mode: "trunk", AllowedVLANs: []models.VLANRange{{Low: 10, High: 20}}}},
		},
		ACLs: []models.ACL{{Name: "EDGE-IN", Entries: []models.ACLEntry{
			{Seq: 10, Remark: "web to the servers"},
			{Seq: 20, Action: "permit", Protocol: "tcp", Source: "any", Destination: "10.0.0.0/8", DestinationPort: "443"},
			{Seq: 30, Action: "permit", Protocol: "udp", Source: "192.0.2.1", DestinationPort: "53"},
			{Seq: 40, Action: "deny", Protocol: "ip", Log: true},
		}}},
	}}
}

// peerUnit renders intent with the iosxe provider into a rollout unit for
// the peer p, connecting with opts.
func peerUnit(t *testing.T, p *peertest.Netconfd, intent *models.Device, opts ...ncsession.Option) rollout.Unit {
	t.Helper()
	drv := peerDriver{Driver: iosxe.New(), opts: opts}
	desired, err := drv.Render(intent)
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	if tr := desired.Tree; tr.System != nil || tr.NetworkInstance != nil || tr.Lacp != nil || tr.DefinedSets != nil {
		t.Fatal("the intent renders system, network-instance, LACP or defined-sets configuration, which netconfd does not serve")
	}
	return rollout.Unit{Name: intent.Name, Desired: desired, Driver: drv, Target: providers.Target{
		Name: intent.Name, Platform: iosxe.Platform, Transport: "netconf", Address: p.Addr, Username: p.User,
		PrivateKeyFile: p.KeyFile, KnownHostsFile: p.KnownHostsFile, Timeout: 20 * time.Second,
	}}
}

// observe reads running and diffs it against u's desired configuration
// over a new session.
func observe(t *testing.T, u rollout.Unit) (*providers.Running, []providers.Change) {
	t.Helper()
	s := connect(t, u)
	running, err := s.Observe(t.Context())
	if err != nil {
		t.Fatalf("observe: %v", err)
	}
	changes, err := u.Driver.Diff(u.Desired, running)
	if err != nil {
		t.Fatalf("diff: %v", err)
	}
	return running, changes
}

// connect opens a session for u, closed on cleanup.
func connect(t *testing.T, u rollout.Unit) providers.Session {
	t.Helper()
	s, err := u.Driver.Connect(t.Context(), u.Target)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// applyOne runs the rollout on u alone.
func applyOne(t *testing.T, u rollout.Unit) rollout.Result {
	t.Helper()
	rs := rollout.Apply(t.Context(), []rollout.Unit{u}, rollout.Config{ConfirmTimeout: time.Minute})
	if len(rs) != 1 {
		t.Fatalf("apply returned %d results", len(rs))
	}
	return rs[0]
}

// assertNothingPending fails t when txn can still be cancelled, that is
// when its confirmed commit is still pending on the device.
func assertNothingPending(t *testing.T, u rollout.Unit, txn *providers.Txn) {
	t.Helper()
	if txn == nil {
		t.Fatal("no transaction to check")
	}
	if err := connect(t, u).Cancel(t.Context(), txn); err == nil {
		t.Errorf("cancel-commit of %s succeeded: the confirmed commit was still pending", txn.ID)
	}
}

// TestPeerDriverNetconfd runs the driver's lifecycle against netconfd. The
// subtests build on each other's device state and run in order.
func TestPeerDriverNetconfd(t *testing.T) {
	p := peertest.StartNetconfd(t)
	v1 := peerUnit(t, p, peerIntent("uplink v1"), ncsession.WithoutValidate())
	v2 := peerUnit(t, p, peerIntent("uplink v2"), ncsession.WithoutValidate())
	v2Validating := peerUnit(t, p, peerIntent("uplink v2"))
	var applied *providers.Running

	t.Run("observe and diff plan the intent", func(t *testing.T) {
		running, changes := observe(t, v1)
		if len(running.Warnings) != 0 {
			t.Errorf("warnings for a device with candidate and confirmed-commit: %v", running.Warnings)
		}
		if len(changes) == 0 {
			t.Fatal("no changes planned for an empty device")
		}
		plan := rollout.Observe(t.Context(), []rollout.Unit{v1}, rollout.Config{})
		if plan[0].Status != rollout.Changes || len(plan[0].Changes) != len(changes) {
			t.Errorf("rollout plan: status %s with %d changes (err %v), want %s with %d",
				plan[0].Status, len(plan[0].Changes), plan[0].Err, rollout.Changes, len(changes))
		}
	})

	t.Run("apply confirms from a new session", func(t *testing.T) {
		r := applyOne(t, v1)
		if r.Status != rollout.Applied {
			t.Fatalf("apply: status %s: %v", r.Status, r.Err)
		}
		assertNothingPending(t, v1, r.Txn)
	})

	t.Run("second plan is empty", func(t *testing.T) {
		running, changes := observe(t, v1)
		if len(changes) != 0 {
			t.Fatalf("%d changes left after apply, first %s %s", len(changes), changes[0].Op, changes[0].Path)
		}
		applied = running
		if r := rollout.Observe(t.Context(), []rollout.Unit{v1}, rollout.Config{}); r[0].Status != rollout.InSync {
			t.Errorf("rollout plan after apply: status %s (err %v)", r[0].Status, r[0].Err)
		}
	})

	t.Run("begin then cancel from a new session restores running", func(t *testing.T) {
		if applied == nil {
			t.Fatal("needs the applied state of the earlier subtests")
		}
		s := connect(t, v2)
		running, err := s.Observe(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		changes, err := v2.Driver.Diff(v2.Desired, running)
		if err != nil || len(changes) == 0 {
			t.Fatalf("diff to v2: %d changes, err %v", len(changes), err)
		}
		txn, err := s.Begin(t.Context(), v2.Desired, changes, time.Minute)
		if err != nil {
			t.Fatalf("begin: %v", err)
		}
		_ = s.Close()
		if _, left := observe(t, v2); len(left) != 0 {
			t.Fatalf("running is not v2 while the confirmed commit is pending: %d changes left, first %s %s",
				len(left), left[0].Op, left[0].Path)
		}
		if err := connect(t, v2).Cancel(t.Context(), txn); err != nil {
			t.Fatalf("cancel from a new session: %v", err)
		}
		if after, _ := observe(t, v1); after.Digest != applied.Digest {
			t.Errorf("running after cancel differs from before the change (digest %s, want %s)", after.Digest, applied.Digest)
		}
		assertNothingPending(t, v2, txn)
	})

	t.Run("verification rolls back a commit the device acked but dropped", func(t *testing.T) {
		if applied == nil {
			t.Fatal("needs the applied state of the earlier subtests")
		}
		// With validate, netconfd acks the commit and drops the change.
		r := applyOne(t, v2Validating)
		if r.Status != rollout.RolledBack {
			t.Fatalf("apply with validate against netconfd: status %s (err %v), want %s", r.Status, r.Err, rollout.RolledBack)
		}
		if r.Txn == nil || len(r.Changes) == 0 {
			t.Errorf("rolled back without a pushed change: txn %v, %d changes", r.Txn, len(r.Changes))
		}
		t.Logf("rolled back as expected: %v", r.Err)
		if after, _ := observe(t, v1); after.Digest != applied.Digest {
			t.Errorf("running after the rollback differs from before (digest %s, want %s)", after.Digest, applied.Digest)
		}
		assertNothingPending(t, v2, r.Txn)
	})

	t.Run("apply without validate after a rollback", func(t *testing.T) {
		if r := applyOne(t, v2); r.Status != rollout.Applied {
			t.Fatalf("apply v2: status %s: %v", r.Status, r.Err)
		}
		if _, left := observe(t, v2); len(left) != 0 {
			t.Errorf("%d changes left after applying v2, first %s %s", len(left), left[0].Op, left[0].Path)
		}
	})
}
