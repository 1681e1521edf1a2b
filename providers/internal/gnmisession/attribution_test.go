package gnmisession_test

import (
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/devicesim/gnmisim"
	"github.com/switchyard/switchyard/internal/transport/gnmi"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/gnmisession"
)

// An IOS-XR target over gNMI keeps its commit list (cfg-hist-gl): the
// session names alice, who changed it after switchyard, with the commit
// id, her source address and the time; switchyard's own commit and
// commits before since are not the answer; a release without the module
// says nothing.
func TestLastChangeReadsTheXRCommitList(t *testing.T) {
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	xr, _ := set.Select("iosxr", "26.2.1")
	xe, _ := set.Select("iosxe", "17.18.1")
	clock := devicesim.NewManualClock(time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC))
	start := func(p *profiles.Profile) (*gnmisim.Target, providers.Target) {
		sim, err := gnmisim.Start(t.Context(), gnmisim.Config{Name: "r1", Username: testUser, Password: testPassword,
			Release: p, Clock: clock, Users: map[string]string{"alice": "alice-pw"}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = sim.Close() })
		return sim, providers.Target{Name: "r1", Platform: "iosxr", Transport: "gnmi", Address: sim.Addr(), Username: testUser,
			Password: models.NewSecret(testPassword), CAFile: writeCA(t, sim), Timeout: 10 * time.Second}
	}
	setHostname := func(tg providers.Target, user, pass, name string) {
		c, err := gnmi.Dial(t.Context(), gnmi.Config{Address: tg.Address, Username: user, Password: models.NewSecret(pass),
			CAFile: tg.CAFile, Timeout: 10 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if err := c.Set(t.Context(), gnmi.SetRequest{Updates: []gnmi.Update{{Path: "/system/config/hostname", Value: name}}}); err != nil {
			t.Fatal(err)
		}
	}
	_, tg := start(xr)
	pushed := clock.Now()
	setHostname(tg, testUser, testPassword, "r1")
	clock.Advance(2 * time.Minute)
	setHostname(tg, "alice", "alice-pw", "alices-router")
	s, err := gnmisession.Dial(t.Context(), tg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, err := s.LastChange(t.Context(), pushed)
	if err != nil || a == nil {
		t.Fatalf("LastChange: %+v, %v", a, err)
	}
	if a.User != "alice" || a.Commit != "1000000002" || a.Host != "127.0.0.1" || !a.At.Equal(pushed.Add(2*time.Minute)) || a.Source != "commit list" {
		t.Errorf("changed by %+v, want alice's commit 1000000002 from 127.0.0.1 at %v", a, pushed.Add(2*time.Minute))
	}
	if a, err := s.LastChange(t.Context(), clock.Now().Add(time.Minute)); err != nil || a != nil {
		t.Errorf("nothing after since: %+v, %v", a, err)
	}

	_, tgXE := start(xe)
	setHostname(tgXE, "alice", "alice-pw", "alices-switch")
	sx, err := gnmisession.Dial(t.Context(), tgXE)
	if err != nil {
		t.Fatal(err)
	}
	defer sx.Close()
	if a, err := sx.LastChange(t.Context(), time.Time{}); err != nil || a != nil {
		t.Errorf("a release without the commit list: %+v, %v; want nothing", a, err)
	}
}
