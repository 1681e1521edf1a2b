package inventory

import (
	"encoding/json"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/internal/fleetgen"
)

// conflictingGroups make every access switch of a generated fleet report a
// priority conflict, and every distribution switch a validation error, so
// that many devices share (and dedup) one diagnostic each.
const conflictingGroups = `groups:
  - name: zz-a
    priority: 70
    members: {selector: "role = access"}
    config: {domain_name: a.example.net}
  - name: zz-b
    priority: 70
    members: {selector: "role = access"}
    config: {domain_name: b.example.net}
  - name: zz-c
    members: {selector: "role = distribution"}
    config:
      vlans: [{id: 40, members: [Ethernet9/9]}]
`

// loadResolveWith loads and resolves files as check does, on workers
// goroutines, and returns the inventory as JSON (as `switchyard inventory
// --format json` writes it) and every diagnostic.
func loadResolveWith(t *testing.T, files map[string][]byte, workers int) (string, diag.Diagnostics) {
	t.Helper()
	names := slices.Sorted(maps.Keys(files))
	contents := make([][]byte, len(names))
	for i, n := range names {
		contents[i] = files[n]
	}
	repo, ds := loadFiles(names, contents, workers)
	if repo == nil {
		return "", ds
	}
	inv, more := resolve(repo, ResolveOptions{}, workers)
	ds = append(ds, more...).Sort()
	if inv == nil {
		return "", ds
	}
	out, err := json.MarshalIndent(inv, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out), ds
}

func TestParallelLoadAndResolveMatchSequential(t *testing.T) {
	cases := map[string]map[string][]byte{
		"fleetgen":                      fleetgen.Repo(500, 40),
		"fleetgen with shared problems": fleetgen.Repo(500, 40),
		"examples/campus":               readRepo(t, "../examples/campus"),
	}
	cases["fleetgen with shared problems"]["groups/zz.yaml"] = []byte(conflictingGroups)
	for _, dir := range []string{"testdata/valid", "testdata/invalid"} {
		for name, files := range corpus(t, dir) {
			cases[filepath.Join(dir, name)] = files
		}
	}
	for name, files := range cases {
		t.Run(name, func(t *testing.T) {
			wantJSON, wantDS := loadResolveWith(t, files, 1)
			for _, workers := range []int{2, 8} {
				gotJSON, gotDS := loadResolveWith(t, files, workers)
				if diff := cmp.Diff(wantJSON, gotJSON); diff != "" {
					t.Errorf("%d workers: inventory JSON differs from sequential (-want +got):\n%s", workers, diff)
				}
				if diff := cmp.Diff(wantDS, gotDS); diff != "" {
					t.Errorf("%d workers: diagnostics differ from sequential (-want +got):\n%s", workers, diff)
				}
			}
			if strings.HasPrefix(name, "fleetgen with") && len(wantDS) < 2 {
				t.Errorf("got diagnostics %q, want the shared conflict and validation error", wantDS)
			}
		})
	}
}
