package netconf

import (
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/models"
)

const (
	nsNotifs  = "urn:ietf:params:xml:ns:yang:ietf-netconf-notifications"
	capNotifs = nsNotifs + "?module=ietf-netconf-notifications&revision=2012-02-06"
)

// withNotifications makes the device advertise RFC 5277 notifications and
// RFC 6470's module, with alice as a second account.
func withNotifications(c *devicesim.Config) {
	c.Capabilities = append(c.Capabilities, CapNotification, capNotifs)
	c.Users = map[string]string{"alice": "alice-pw"}
}

// commitMTU sets Gi2's MTU as user over a session of its own.
func commitMTU(t *testing.T, d *devicesim.Device, user, pass, mtu string) {
	t.Helper()
	cfg := deviceConfig(t, d)
	cfg.Username, cfg.Password = user, models.NewSecret(pass)
	s := dialConfig(t, cfg)
	edit := parse(t, `<interfaces xmlns="`+nsIf+`"><interface><name>Gi2</name><config><mtu>`+mtu+`</mtu></config></interface></interfaces>`)
	if err := s.EditConfig(t.Context(), Candidate, []*xmltree.Element{edit}, EditOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(t.Context(), CommitOptions{}); err != nil {
		t.Fatal(err)
	}
}

// changedBy returns username, session-id, source-host and the edit target
// and operation of a netconf-config-change.
func changedBy(t *testing.T, n Notification) []string {
	t.Helper()
	if n.Event.Name.Space != nsNotifs || n.Event.Name.Local != "netconf-config-change" {
		t.Fatalf("event <%s xmlns=%q>, want netconf-config-change", n.Event.Name.Local, n.Event.Name.Space)
	}
	by := n.Event.Child(nsNotifs, "changed-by")
	edit := n.Event.Child(nsNotifs, "edit")
	if by == nil || edit == nil || n.Event.Child(nsNotifs, "datastore").Text != "running" {
		t.Fatalf("incomplete netconf-config-change: %s", n.Event)
	}
	return []string{by.Child(nsNotifs, "username").Text, by.Child(nsNotifs, "session-id").Text,
		by.Child(nsNotifs, "source-host").Text, edit.Child(nsNotifs, "target").Text, edit.Child(nsNotifs, "operation").Text}
}

func TestReplayReturnsWhoChangedRunning(t *testing.T) {
	d, clock := startDevice(t, withNotifications)
	t0 := clock.Now()
	clock.Advance(time.Minute)
	commitMTU(t, d, "alice", "alice-pw", "9000")
	t1 := clock.Now()
	clock.Advance(time.Minute)
	commitMTU(t, d, testUser, testPass, "1500")
	t2 := clock.Now()

	ns, err := Replay(t.Context(), deviceConfig(t, d), t0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ns) != 2 {
		t.Fatalf("replay from before both commits: %d notifications, want 2", len(ns))
	}
	for i, want := range []struct {
		user string
		at   time.Time
	}{{"alice", t1}, {testUser, t2}} {
		got := changedBy(t, ns[i])
		if got[0] != want.user || got[1] == "" || got[2] != "127.0.0.1" || !ns[i].EventTime.Equal(want.at) {
			t.Errorf("notification %d: changed by %v at %v, want %s from 127.0.0.1 at %v", i, got, ns[i].EventTime, want.user, want.at)
		}
		if !strings.Contains(got[3], ":interface[") || !strings.HasSuffix(got[3], ":mtu") || got[4] != "replace" {
			t.Errorf("notification %d: edit %q %q, want the replaced mtu of Gi2", i, got[3], got[4])
		}
	}
	later, err := Replay(t.Context(), deviceConfig(t, d), t1.Add(time.Second))
	if err != nil || len(later) != 1 || changedBy(t, later[0])[0] != testUser {
		t.Errorf("replay from after alice's commit: %d notifications, err %v; want admin's only", len(later), err)
	}
}

func TestReplayRefused(t *testing.T) {
	for name, mod := range map[string]func(*devicesim.Config){
		"no replay support":   func(c *devicesim.Config) { withNotifications(c); c.NoReplay = true },
		"no notification cap": nil,
	} {
		t.Run(name, func(t *testing.T) {
			d, clock := startDevice(t, mod)
			_, err := Replay(t.Context(), deviceConfig(t, d), clock.Now().Add(-time.Hour))
			if err == nil || len(RPCErrors(err)) == 0 {
				t.Errorf("replay: err %v, want the device's rpc-error", err)
			}
		})
	}
}

func TestReplayWithoutConfigChangeNotifications(t *testing.T) {
	d, clock := startDevice(t, func(c *devicesim.Config) {
		c.Capabilities = append(c.Capabilities, CapNotification) // NX-OS 10.6(3): no ietf-netconf-notifications
	})
	start := clock.Now()
	commitMTU(t, d, testUser, testPass, "9000")
	ns, err := Replay(t.Context(), deviceConfig(t, d), start)
	if err != nil || len(ns) != 0 {
		t.Errorf("replay: %d notifications, err %v; want none", len(ns), err)
	}
}
