package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/internal/state"
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
	t.Setenv("SWITCHYARD_STATE_DIR", filepath.Join(t.TempDir(), "state")) // no proofs recorded
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

// inventory shows each device's rollback mechanism and the proof recorded
// in the state directory, with its date.
func TestInventoryShowsProofs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	t.Setenv("SWITCHYARD_STATE_DIR", dir)
	st, err := state.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	for _, p := range []state.Proof{
		{Device: "ams-acc-1", Mechanism: "cisco-ia-revert-timer", Release: "iosxe 17.18.1", OK: true, At: at},
		{Device: "ams-acc-2", Mechanism: "cisco-ia-revert-timer", Release: "iosxe 17.18.1", OK: false, At: at},
		{Device: "fra-acc-1", Mechanism: "cisco-ia-revert-timer", Release: "iosxe 17.9.1", OK: true, At: at},
	} {
		if err := st.SetProof(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "inventory", "--repo", campus)
	if code != exitOK {
		t.Fatalf("exit = %d, stderr:\n%s", code, errOut)
	}
	for dev, want := range map[string]string{
		"ams-acc-1":    "cisco-ia-revert-timer (proven 2025-06-01)",
		"ams-acc-2":    "cisco-ia-revert-timer (proof FAILED 2025-06-01)",
		"fra-acc-1":    "cisco-ia-revert-timer (not proven)", // proven on another release
		"fra-dist-1":   "nxos-checkpoint (no device timer; allowed)",
		"ams-closet-1": "configure-replace-timer (no proof for this driver)",
	} {
		line := ""
		for l := range strings.SplitSeq(out, "\n") {
			if strings.HasPrefix(l, dev+" ") {
				line = l
			}
		}
		if !strings.Contains(line, want) {
			t.Errorf("%s: inventory line %q does not show %q", dev, line, want)
		}
	}
}
