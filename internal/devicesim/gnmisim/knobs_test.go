package gnmisim_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/openconfig/ygot/ygot"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/switchyard/switchyard/internal/devicesim/gnmisim"
	"github.com/switchyard/switchyard/internal/transport/gnmi"
	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
)

func start(t *testing.T) (*gnmisim.Target, *gnmi.Client) {
	t.Helper()
	d := &oc.Device{}
	d.GetOrCreateSystem().Hostname = ygot.String("r1")
	d.GetOrCreateInterface("Ethernet1").Mtu = ygot.Uint16(1500)
	tg, err := gnmisim.Start(t.Context(), gnmisim.Config{Name: "r1", Username: "u", Password: "p", Running: d})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { _ = tg.Close() })
	c, err := gnmi.Dial(t.Context(), gnmi.Config{Address: tg.Addr(), Username: "u",
		Password: models.NewSecret("p"), CAPEM: tg.CAPEM(), Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return tg, c
}

func hostname(t *testing.T, tg *gnmisim.Target) string {
	t.Helper()
	return tg.Running().GetSystem().GetHostname()
}

func TestRejectPath(t *testing.T) {
	tests := []struct {
		name   string
		req    gnmi.SetRequest
		reject bool
	}{
		{"leaf itself", gnmi.SetRequest{Updates: []gnmi.Update{{Path: "/interfaces/interface[name=Ethernet1]/config/mtu", Value: 9000}}}, true},
		{"ancestor update reaching it", gnmi.SetRequest{Updates: []gnmi.Update{{Path: "/interfaces",
			Value: map[string]any{"interface": []any{map[string]any{"name": "Ethernet1", "config": map[string]any{"mtu": 9000}}}}}}}, true},
		{"ancestor update not reaching it", gnmi.SetRequest{Updates: []gnmi.Update{{Path: "/interfaces/interface[name=Ethernet1]/config/description", Value: "x"}}}, false},
		{"other entry", gnmi.SetRequest{Updates: []gnmi.Update{{Path: "/interfaces/interface[name=Ethernet2]/config/mtu", Value: 9000}}}, false},
		{"delete of an ancestor", gnmi.SetRequest{Deletes: []string{"/interfaces/interface[name=Ethernet1]"}}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tg, c := start(t)
			if err := tg.Knobs().RejectPath("/interfaces/interface[name=Ethernet1]/config/mtu", "mtu is fixed"); err != nil {
				t.Fatal(err)
			}
			tc.req.Updates = append(tc.req.Updates, gnmi.Update{Path: "/system/config/hostname", Value: "r2"})
			err := c.Set(t.Context(), tc.req)
			if !tc.reject {
				if err != nil {
					t.Fatalf("Set: %v", err)
				}
				return
			}
			if status.Code(err) != codes.InvalidArgument || !strings.Contains(err.Error(), "mtu is fixed") {
				t.Fatalf("Set: %v, want InvalidArgument with the knob's message", err)
			}
			if got := hostname(t, tg); got != "r1" {
				t.Errorf("hostname = %q after a refused Set, want r1", got)
			}
		})
	}
}

func TestFailNextSet(t *testing.T) {
	tg, c := start(t)
	tg.Knobs().FailNextSet("commit failed in hardware")
	req := gnmi.SetRequest{Updates: []gnmi.Update{{Path: "/system/config/hostname", Value: "r2"}}}
	if err := c.Set(t.Context(), req); status.Code(err) != codes.Internal || !strings.Contains(err.Error(), "hardware") {
		t.Fatalf("first Set: %v, want Internal", err)
	}
	if got := hostname(t, tg); got != "r1" {
		t.Errorf("hostname = %q after a failed Set", got)
	}
	if err := c.Set(t.Context(), req); err != nil {
		t.Fatalf("second Set: %v", err)
	}
	if got := hostname(t, tg); got != "r2" {
		t.Errorf("hostname = %q, want r2", got)
	}
}

func TestDropConnectionAfter(t *testing.T) {
	tg, c := start(t)
	tg.Knobs().DropConnectionAfter(1)
	if _, err := c.Get(t.Context(), "/system"); err != nil {
		t.Fatalf("first Get: %v", err)
	}
	req := gnmi.SetRequest{Updates: []gnmi.Update{{Path: "/system/config/hostname", Value: "r2"}}}
	if err := c.Set(t.Context(), req); status.Code(err) != codes.Unavailable {
		t.Fatalf("Set on a dropped connection: %v, want Unavailable", err)
	}
	if got := hostname(t, tg); got != "r1" {
		t.Errorf("the dropped Set was applied: hostname %q", got)
	}
}

func TestLatency(t *testing.T) {
	tg, c := start(t)
	tg.Knobs().SetLatency(time.Hour)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	if _, err := c.Get(ctx, "/system"); status.Code(err) != codes.DeadlineExceeded {
		t.Fatalf("Get under latency: %v, want DeadlineExceeded", err)
	}
	tg.Knobs().Reset()
	if _, err := c.Get(t.Context(), "/system"); err != nil {
		t.Fatalf("Get after Reset: %v", err)
	}
}

func TestSetRunningOutOfBand(t *testing.T) {
	tg, c := start(t)
	d := tg.Running()
	d.GetSystem().Hostname = ygot.String("changed-by-cli")
	if err := tg.SetRunning(d); err != nil {
		t.Fatal(err)
	}
	d.GetSystem().Hostname = ygot.String("not-shared") // the target keeps a copy
	got, err := c.Get(t.Context(), "/system/config/hostname")
	if err != nil {
		t.Fatal(err)
	}
	if h := got.GetSystem().GetHostname(); h != "changed-by-cli" {
		t.Errorf("hostname = %q, want changed-by-cli", h)
	}
}

func TestConfigValidate(t *testing.T) {
	for name, cfg := range map[string]gnmisim.Config{
		"no name":        {Username: "u", Password: "p"},
		"no password":    {Name: "x", Username: "u"},
		"not loopback":   {Name: "x", Username: "u", Password: "p", Addr: "0.0.0.0:0"},
		"malformed addr": {Name: "x", Username: "u", Password: "p", Addr: "127.0.0.1"},
	} {
		t.Run(name, func(t *testing.T) {
			if err := cfg.Validate(); err == nil {
				t.Error("Validate() = nil, want an error")
			}
		})
	}
}
