package inventory

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/switchyard/switchyard/internal/diag"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

// check loads files and resolves them the way LoadAndResolve does.
func check(files map[string][]byte, opts ResolveOptions) (*Inventory, diag.Diagnostics) {
	repo, ds := LoadFiles(files)
	return resolveLoaded(repo, ds, opts)
}

// corpus returns the cases below dir: a file is a repository of one file
// (named by its base name), a folder a repository of every file in it (named
// by their paths inside the folder).
func corpus(t *testing.T, dir string) map[string]map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]map[string][]byte{}
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), filepath.Ext(e.Name()))
		cases[name] = readRepo(t, filepath.Join(dir, e.Name()))
	}
	return cases
}

// readRepo reads one file, or every regular file below a folder.
func readRepo(t *testing.T, path string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(path, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(path, p)
		if rel == "." {
			rel = filepath.Base(p)
		}
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestInvalidRepositoriesReportEveryProblemAtItsLine(t *testing.T) {
	for name, files := range corpus(t, "testdata/invalid") {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			inv, ds := check(files, ResolveOptions{})
			if elapsed := time.Since(start); elapsed > 5*time.Second {
				t.Errorf("took %v; hostile input must be rejected fast", elapsed)
			}
			if inv != nil || !ds.HasErrors() {
				t.Fatalf("got inventory %v and diagnostics %q, want errors and no inventory", inv != nil, ds)
			}
			for _, d := range ds {
				if d.Range.File == "" {
					t.Errorf("diagnostic without a file: %s", d)
				}
			}
			got := ds.String() + "\n"
			golden := filepath.Join("testdata", "golden", name+".txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./inventory -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("diagnostics differ from %s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

func TestValidRepositoriesResolveWithoutDiagnostics(t *testing.T) {
	cases := corpus(t, "testdata/valid")
	cases["examples/campus"] = readRepo(t, "../examples/campus")
	for name, files := range cases {
		t.Run(name, func(t *testing.T) {
			inv, ds := check(files, ResolveOptions{})
			if len(ds) > 0 || inv == nil {
				t.Fatalf("got diagnostics:\n%s", ds)
			}
		})
	}
}

func TestLoadAndResolveExampleCampusFromDisk(t *testing.T) {
	inv, ds := LoadAndResolve("../examples/campus", ResolveOptions{})
	if len(ds) > 0 {
		t.Fatalf("got diagnostics:\n%s", ds)
	}
	if got, want := len(inv.Devices), 9; got != want {
		t.Errorf("got %d devices, want %d", got, want)
	}
	if d := inv.Device("ams-acc-1"); d == nil || !d.Intent.IsAuthoritative("vlans[20].members") {
		t.Errorf("ams-acc-1 should own the members of VLAN 20 through group access; got %+v", d)
	}
}

func TestLoadReportsFolderProblems(t *testing.T) {
	tests := []struct {
		name string
		dir  func(t *testing.T) string
		want string
	}{
		{"missing folder", func(t *testing.T) string { return filepath.Join(t.TempDir(), "nope") }, "open intent repository"},
		{"folder without yaml", func(t *testing.T) string { return t.TempDir() }, "no .yaml or .yml files found"},
		{"hidden folders are skipped", func(t *testing.T) string {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, ".git"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, ".git", "x.yaml"), []byte("devices: [1]"), 0o644); err != nil {
				t.Fatal(err)
			}
			return dir
		}, "no .yaml or .yml files found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv, ds := LoadAndResolve(tt.dir(t), ResolveOptions{})
			if inv != nil || len(ds) != 1 || !strings.Contains(ds[0].Summary, tt.want) {
				t.Errorf("got %q, want one error containing %q", ds, tt.want)
			}
		})
	}
}
