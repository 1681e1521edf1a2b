//go:build peers

package devicesim

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestNcclientPeer runs testdata/ncclient_check.py, which drives the device
// with python3-ncclient. It fails (does not skip) when ncclient is missing.
func TestNcclientPeer(t *testing.T) {
	d, _ := testDevice(t, nil)
	kh := filepath.Join(t.TempDir(), "known_hosts")
	if err := WriteKnownHosts(kh, d); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), "/usr/bin/python3", filepath.Join("testdata", "ncclient_check.py"),
		"127.0.0.1", strconv.Itoa(d.Port()), testUser, testPass, kh)
	out, err := cmd.CombinedOutput()
	t.Logf("ncclient output:\n%s", out)
	if err != nil {
		t.Fatalf("ncclient check failed (is python3-ncclient installed?): %v", err)
	}
	if !strings.Contains(string(d.Running()), "<mtu>9200</mtu>") {
		t.Errorf("ncclient's confirmed change is not in running:\n%s", d.Running())
	}
	if d.ConfirmedCommitPending() {
		t.Error("confirmed commit still pending after ncclient confirmed it")
	}
}
