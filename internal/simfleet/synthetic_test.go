package simfleet

import (
	"github.com/switchyard/switchyard/internal/fleet"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/ios"
	"github.com/switchyard/switchyard/providers/iosxe"
	"github.com/switchyard/switchyard/providers/iosxr"
	"github.com/switchyard/switchyard/providers/nxos"
)

func TestSyntheticAllMixesPlatformsAndTransports(t *testing.T) {
	data, err := SyntheticAt(5, "all", func(name string) (SyntheticPlace, error) {
		return SyntheticPlace{Addr: "127.0.0.1:1", CAFile: "/ca/" + name + ".pem"}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	if err := os.WriteFile(filepath.Join(repo, "fleet.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	r := providers.NewRegistry()
	for _, reg := range []func(*providers.Registry) error{iosxe.Register, iosxr.Register, nxos.Register, ios.Register} {
		if err := reg(r); err != nil {
			t.Fatal(err)
		}
	}
	inv, ds := fleet.Load(repo, r)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var got []string
	for _, d := range inv.Devices {
		got = append(got, strings.Join([]string{d.Name, d.Platform, d.Transport, d.Credentials, d.CAFile}, " "))
	}
	want := []string{
		"sim-0001 iosxe netconf sim ",
		"sim-0002 iosxr gnmi sim /ca/sim-0002.pem",
		"sim-0003 nxos nxapi sim /ca/sim-0003.pem",
		"sim-0004 nxos netconf sim ",
		"sim-0005 ios cli sim-cli ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("devices (-want +got):\n%s", diff)
	}
	if spec := inv.Credential("sim-cli"); spec == nil || spec.EnablePassword == nil {
		t.Errorf("sim-cli credentials have no enable password: %+v", spec)
	}
}

func TestSyntheticUnknownPlatform(t *testing.T) {
	if _, err := Synthetic(1, "junos"); err == nil || !strings.Contains(err.Error(), "known: iosxe, iosxr, nxos, mixed, all") {
		t.Errorf("Synthetic(junos) error = %v, want the known platforms listed", err)
	}
}
