package fleet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// campusWith copies examples/campus to a temporary directory and applies
// edits (file, old text, new text) to it.
func campusWith(t *testing.T, edits ...[3]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "examples", "campus"))); err != nil {
		t.Fatal(err)
	}
	for _, e := range edits {
		p := filepath.Join(dir, e[0])
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), e[1]) {
			t.Fatalf("%s has no %q", e[0], e[1])
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), e[1], e[2], 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The daily-work areas are refused at their YAML line, naming platform,
// release and transport, where the release's OpenConfig has no route for
// them (and the deviation where the release removes the path), and taken
// where it can: over NX-API the same NX-OS intent renders to CLI.
func TestGateAreasPerPlatformAndRelease(t *testing.T) {
	dir := campusWith(t,
		[3]string{"devices/ams.yaml", "      hostname: ams-acc-2\n",
			"      hostname: ams-acc-2\n      snmp: {location: floor 2}\n      logging: {console_severity: warning}\n" +
				"      vrfs: [{name: GUEST, rd: \"65000:1\"}]\n"},
		[3]string{"devices/ams.yaml", "          description: desk 2.01\n",
			"          description: desk 2.01\n          speed: \"1000\"\n          duplex: full\n"},
		[3]string{"devices/ams.yaml", "      hostname: ams-dist-1\n",
			"      hostname: ams-dist-1\n      lines:\n        vty: {exec_timeout: 15}\n        console: {exec_timeout: 5}\n"},
		[3]string{"devices/fra.yaml", "      hostname: fra-core-1\n",
			"      hostname: fra-core-1\n      logging:\n        console_severity: warning\n        buffered: {size: 8192}\n" +
				"        source_interface: Loopback0\n" +
				"      spanning_tree: {mode: mst}\n      vrfs: [{name: GUEST, rd: \"65000:1\", description: guests}]\n"},
	)
	inv, ds := Load(dir, registry(t))
	if inv != nil {
		t.Fatalf("Load accepted intent the releases cannot take")
	}
	got := ds.String()
	for _, want := range []string{
		"devices/ams.yaml:74:13: error: snmp: iosxe 17.18.1 over netconf cannot take snmp: OpenConfig has no SNMP model: device ams-acc-2",
		"devices/ams.yaml:75:35: error: logging.console_severity: iosxe 17.18.1 cannot take /system/logging/console: " +
			"not supported by iosxe 17.18.1 (deviate not-supported at cisco-xe-switching-cat9k-openconfig-system-deviation.yang:244)",
		"devices/ams.yaml:29:18: error: lines.console: nxos 10.6(3) over netconf cannot take lines: OpenConfig has no console line settings",
		"error: logging.buffered: iosxr 26.2.1 over gnmi cannot take logging: OpenConfig has no local log buffer: device fra-core-1",
		"error: spanning_tree: iosxr 26.2.1 over gnmi cannot take spanning_tree",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	// What the releases take: speed/duplex and VRFs on IOS-XE 17.18.1,
	// console logging, the syslog source (as each server's source address)
	// and VRFs on IOS-XR 26.2.1, the vty idle timeout (the SSH server's) on
	// NX-OS 10.6(3).
	for _, taken := range []string{".speed", ".duplex", "vrfs", "logging.console_severity: iosxr", "lines.vty",
		"logging.source_interface"} {
		if strings.Contains(got, taken) {
			t.Errorf("diagnostics refuse %q, which the release takes:\n%s", taken, got)
		}
	}
	if n := strings.Count(got, "error:"); n != 5 {
		t.Errorf("%d errors, want 5:\n%s", n, got)
	}
}

// The campus as shipped uses the areas on its CLI routes (classic IOS and
// NX-OS over NX-API) and passes the gate.
func TestGateCampusAreasValid(t *testing.T) {
	if _, ds := Load(campusWith(t), registry(t)); ds.HasErrors() {
		t.Fatalf("campus refused:\n%s", ds)
	}
}
