package providertest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers"
)

// Golden compares got with the file testdata/golden/NAME, or rewrites the
// file when the test binary runs with -update. The calling test package
// defines the flag:
//
//	var update = flag.Bool("update", false, "rewrite testdata/golden")
func Golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// GoldenJSON renders d with p and compares its RFC 7951 JSON (see
// providers.JSON) with testdata/golden/NAME.
func GoldenJSON(t *testing.T, p providers.Provider, d *models.Device, name string) {
	t.Helper()
	got, err := p.Render(d)
	if err != nil {
		t.Fatalf("Render %s: %v", d.Name, err)
	}
	js, err := providers.JSON(got)
	if err != nil {
		t.Fatal(err)
	}
	Golden(t, name, js+"\n")
}

// Campus loads the example campus intent repository (examples/campus at
// the module root) and returns the resolved intent of its devices of
// platform, sorted by name.
func Campus(t testing.TB, platform string) []*models.Device {
	t.Helper()
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	// With the releases the campus declares, as the gate renders it: parts
	// a release's OpenConfig cannot take go to its native model.
	inv, ds := inventory.LoadAndResolve(filepath.Join(root, "examples", "campus"), inventory.ResolveOptions{Profiles: set})
	if ds.HasErrors() {
		t.Fatalf("load examples/campus: %v", ds.Err())
	}
	var out []*models.Device
	for _, d := range inv.Devices {
		if d.Platform == platform {
			out = append(out, d.Intent)
		}
	}
	slices.SortFunc(out, func(a, b *models.Device) int { return strings.Compare(a.Name, b.Name) })
	if len(out) == 0 {
		t.Fatalf("examples/campus has no %s device", platform)
	}
	return out
}

func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.Contains(string(b), "module github.com/switchyard/switchyard") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no switchyard go.mod above the working directory")
		}
		dir = parent
	}
}
