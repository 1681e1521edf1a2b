package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

const campus = "../../examples/campus"

// runCLI runs the command line in-process and returns exit code, stdout and
// stderr.
func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	if os.Getenv("SWITCHYARD_STATE_DIR") == "" {
		// Never the user's state directory.
		t.Setenv("SWITCHYARD_STATE_DIR", filepath.Join(t.TempDir(), "state"))
	}
	var out, errOut bytes.Buffer
	code := run(t.Context(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", name, diff)
	}
}

func TestValidateCampus(t *testing.T) {
	code, out, errOut := runCLI(t, "validate", "--repo", campus)
	if code != exitOK {
		t.Fatalf("validate exit = %d, stderr:\n%s", code, errOut)
	}
	if !strings.Contains(out, "valid (9 devices") {
		t.Errorf("validate stdout = %q, want a summary with 9 devices", out)
	}
}

func TestInventoryGolden(t *testing.T) {
	for _, format := range []string{"table", "json"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := runCLI(t, "inventory", "--repo", campus, "--format", format)
			if code != exitOK {
				t.Fatalf("exit = %d, stderr:\n%s", code, errOut)
			}
			golden(t, "inventory."+format, out)
		})
	}
}

func TestRenderGolden(t *testing.T) {
	tests := []struct{ device, format string }{
		{"ams-acc-1", "json"},
		{"ams-core-1", "json"},
		{"ams-dist-1", "json"},
		{"ams-closet-1", "cli"},
	}
	for _, tt := range tests {
		t.Run(tt.device, func(t *testing.T) {
			code, out, errOut := runCLI(t, "render", tt.device, "--repo", campus, "--format", tt.format)
			if code != exitOK {
				t.Fatalf("exit = %d, stderr:\n%s", code, errOut)
			}
			golden(t, "render-"+tt.device+"."+tt.format, out)
		})
	}
}

func TestInvalidRepositoryIsRefused(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "devices.yaml"), `devices:
  - name: sw1
    address: 127.0.0.1:830
    platfrom: iosxe
    credentials: nope
    config:
      vlans:
        - {id: 5000}
credentials:
  - name: c
    username: admin
    password: hunter2
`)
	for _, cmd := range [][]string{{"validate"}, {"inventory"}, {"render", "sw1"}} {
		code, out, errOut := runCLI(t, append(cmd, "--repo", dir)...)
		if code != exitFailure {
			t.Errorf("%s exit = %d, want %d", cmd[0], code, exitFailure)
		}
		if out != "" {
			t.Errorf("%s wrote to stdout on an invalid repository: %q", cmd[0], out)
		}
		for _, want := range []string{
			`devices.yaml:4:5: error: device: unknown key "platfrom"; did you mean "platform"?`,
			`devices.yaml:2:5: error: device "sw1": platform is required`,
			`devices.yaml:5:18: error: device "sw1": credentials "nope" are not declared`,
			`devices.yaml:8:16: error: vlans[0].id: VLAN id 5000 is out of range 1-4094`,
			`devices.yaml:12:15: error: credentials.password: inline secrets are not allowed`,
		} {
			if !strings.Contains(errOut, want) {
				t.Errorf("%s stderr lacks %q; got:\n%s", cmd[0], want, errOut)
			}
		}
		if strings.Contains(errOut, "hunter2") {
			t.Errorf("%s stderr shows the inline secret value", cmd[0])
		}
	}
}

func TestUnknownDeviceAndFormat(t *testing.T) {
	if code, _, errOut := runCLI(t, "render", "nope", "--repo", campus); code != exitFailure || !strings.Contains(errOut, `no device "nope"`) {
		t.Errorf("render nope: exit %d, stderr %q", code, errOut)
	}
	if code, _, errOut := runCLI(t, "inventory", "--repo", campus, "--format", "yaml"); code != exitFailure || !strings.Contains(errOut, "unknown --format") {
		t.Errorf("inventory --format yaml: exit %d, stderr %q", code, errOut)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
