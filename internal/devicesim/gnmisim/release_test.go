package gnmisim_test

import (
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
	"github.com/switchyard/switchyard/profiles"
)

func TestReleaseRefusesDeviatedPaths(t *testing.T) {
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	xr, err := set.Select("iosxr", "26.2.1")
	if err != nil {
		t.Fatal(err)
	}
	d := &oc.Device{}
	d.GetOrCreateSystem().Hostname = ygot.String("r1")
	tg, err := gnmisim.Start(t.Context(), gnmisim.Config{Name: "r1", Username: "u", Password: "p", Running: d, Release: xr})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tg.Close() })
	c, err := gnmi.Dial(t.Context(), gnmi.Config{Address: tg.Addr(), Username: "u",
		Password: models.NewSecret("p"), CAPEM: tg.CAPEM(), Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })

	err = c.Set(t.Context(), gnmi.SetRequest{Updates: []gnmi.Update{
		{Path: "/system/config/hostname", Value: "r2"},
		{Path: "/system/aaa/authentication/users/user[username=ops]", Value: map[string]any{
			"username": "ops", "config": map[string]any{"username": "ops", "ssh-key": "ssh-ed25519 AAAA ops"}}},
	}})
	if status.Code(err) != codes.Unimplemented || !strings.Contains(err.Error(), "cisco-xr-openconfig-system-deviations.yang:200") {
		t.Fatalf("Set with a deviated leaf: %v, want Unimplemented naming the deviation", err)
	}
	if got := tg.Running().GetSystem().GetHostname(); got != "r1" {
		t.Errorf("hostname = %q after a refused Set: the Set was not atomic", got)
	}
	if err := c.Set(t.Context(), gnmi.SetRequest{Updates: []gnmi.Update{{Path: "/system/config/hostname", Value: "r2"}}}); err != nil {
		t.Fatalf("Set the release takes: %v", err)
	}
}
