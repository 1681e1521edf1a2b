package gnmisession_test

import (
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/switchyard/switchyard/internal/devicesim/gnmisim"
	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/simfleet"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/iosxr"
)

// IOS-XR over gNMI: what the release's OpenConfig deviates (the NTP source)
// and a native.yang block go as module-qualified paths in the same Set with
// the commit-confirmed extension as the OpenConfig part; the release target
// keeps them, Observe reads them back, the second diff is empty, and a
// native leaf the release lacks is refused.
func TestNativeOverGNMI(t *testing.T) {
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	xr, _ := set.Select("iosxr", "26.2.1")
	drv := iosxr.New()
	dev := &models.Device{Name: "r1", Platform: iosxr.Platform, Profile: xr, Config: models.Config{
		Hostname:   "r1",
		NTP:        &models.NTP{Servers: []models.NTPServer{{Address: "10.10.0.123"}}, SourceInterface: "Loopback0"},
		Interfaces: []models.Interface{{Name: "Loopback0", IPv4: []string{"10.255.0.1/32"}}},
		Native: &models.Native{YANG: []map[string]any{
			{"Cisco-IOS-XR-um-ssh-cfg:ssh": map[string]any{"server": map[string]any{"rate-limit": float64(60)}}},
		}},
	}}
	desired, err := drv.Render(dev)
	if err != nil {
		t.Fatal(err)
	}
	sim, err := gnmisim.Start(t.Context(), gnmisim.Config{Name: "r1", Username: testUser, Password: testPassword,
		Release: xr, Running: simfleet.Factory(desired.Tree, iosxr.Platform)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	tg := providers.Target{Name: "r1", Platform: iosxr.Platform, Transport: "gnmi", Address: sim.Addr(), Username: testUser,
		Password: models.NewSecret(testPassword), CAFile: writeCA(t, sim), Timeout: 10 * time.Second, Profile: xr}
	s, err := drv.Connect(t.Context(), tg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	diffOf := func() []providers.Change {
		running, err := s.Observe(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		cs, err := drv.Diff(desired, running)
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	cs := diffOf()
	var native []string
	for _, c := range cs {
		if diff.Route(c.Path) == diff.RouteNative {
			native = append(native, c.Path)
		}
	}
	want := []string{"/Cisco-IOS-XR-um-ntp-cfg:ntp/source/interface-name", "/Cisco-IOS-XR-um-ssh-cfg:ssh/server/rate-limit"}
	if strings.Join(native, " ") != strings.Join(want, " ") {
		t.Fatalf("native changes %q, want %q", native, want)
	}
	txn, err := s.Begin(t.Context(), desired, cs, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Confirm(t.Context(), txn); err != nil {
		t.Fatal(err)
	}
	got := sim.RunningNative()
	if src, _ := got["Cisco-IOS-XR-um-ntp-cfg:ntp"].(map[string]any)["source"].(map[string]any); src["interface-name"] != "Loopback0" {
		t.Errorf("target's native subtrees: %v", got)
	}
	if again := diffOf(); len(again) != 0 {
		t.Errorf("changes after apply: %v", again)
	}
	for _, tt := range []struct {
		c    providers.Change
		code codes.Code
		msg  string
	}{
		{providers.Change{Op: diff.Create, Path: "/Cisco-IOS-XR-um-ssh-cfg:ssh/server/no-such-leaf", After: "x"}, codes.NotFound, `unknown element "no-such-leaf"`},
		{providers.Change{Op: diff.Update, Path: "/Cisco-IOS-XR-um-ssh-cfg:ssh/server/rate-limit", After: float64(9999)}, codes.InvalidArgument, "9999 is out of range 1..600 for uint32"},
	} {
		_, err = s.Begin(t.Context(), desired, []providers.Change{tt.c}, time.Minute)
		if status.Code(err) != tt.code || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: %v, want %s with %q", tt.c.Path, err, tt.code, tt.msg)
		}
	}
	if again := diffOf(); len(again) != 0 {
		t.Errorf("a refused Set changed the target: %v", again)
	}
}
