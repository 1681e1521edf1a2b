package fleet

import (
	"testing"

	"github.com/switchyard/switchyard/internal/fleetgen"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/ios"
	"github.com/switchyard/switchyard/providers/iosxe"
	"github.com/switchyard/switchyard/providers/iosxr"
	"github.com/switchyard/switchyard/providers/nxos"
)

func registry(tb testing.TB) *providers.Registry {
	tb.Helper()
	r := providers.NewRegistry()
	for _, reg := range []func(*providers.Registry) error{iosxe.Register, iosxr.Register, nxos.Register, ios.Register} {
		if err := reg(r); err != nil {
			tb.Fatal(err)
		}
	}
	return r
}

// BenchmarkLoadResolveRender is the foundation's fleet number: load,
// resolve and render 5,000 devices in 200 groups.
func BenchmarkLoadResolveRender(b *testing.B) {
	files := fleetgen.Repo(5000, 200)
	reg := registry(b)
	b.ReportAllocs()
	for b.Loop() {
		repo, ds := inventory.LoadFiles(files)
		if ds.HasErrors() {
			b.Fatal(ds)
		}
		inv, ds := inventory.Resolve(repo, inventory.ResolveOptions{CheckPlatform: reg.CheckTransport})
		if ds.HasErrors() {
			b.Fatal(ds)
		}
		if err := RenderAll(b.Context(), inv, reg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGateCheck is what the load gate adds per fleet: every device of
// the 5,000-device fleet rendered for its release profile, its payload
// encoded and each leaf checked (CheckDevice), after load and resolve.
func BenchmarkGateCheck(b *testing.B) {
	files := fleetgen.Repo(5000, 200)
	reg := registry(b)
	set, err := profiles.Shipped()
	if err != nil {
		b.Fatal(err)
	}
	repo, ds := inventory.LoadFiles(files)
	if ds.HasErrors() {
		b.Fatal(ds)
	}
	inv, ds := inventory.Resolve(repo, inventory.ResolveOptions{CheckPlatform: reg.CheckTransport, Profiles: set})
	if ds.HasErrors() {
		b.Fatal(ds)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range inv.Devices {
			_ = CheckDevice(reg, d)
		}
	}
}
