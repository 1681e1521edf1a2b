package inventory

import (
	"testing"

	"github.com/switchyard/switchyard/internal/fleetgen"
)

func TestGeneratedFleetResolvesCleanly(t *testing.T) {
	inv, ds := check(fleetgen.Repo(300, 24), ResolveOptions{})
	if len(ds) > 0 || inv == nil {
		t.Fatalf("got diagnostics:\n%s", ds)
	}
	if got := len(inv.Devices); got != 300 {
		t.Errorf("got %d devices, want 300", got)
	}
}

// BenchmarkLoadResolve loads and resolves a fleet of 5,000 devices in 200
// groups.
func BenchmarkLoadResolve(b *testing.B) {
	files := fleetgen.Repo(5000, 200)
	b.ReportAllocs()
	for b.Loop() {
		inv, ds := check(files, ResolveOptions{})
		if len(ds) > 0 || inv == nil {
			b.Fatalf("got diagnostics:\n%s", ds)
		}
	}
}
