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
// release and transport, where neither the release's OpenConfig nor its
// native model has a route for them (or the native schema refuses the
// value), and taken where it can: IOS-XE's SNMP location and console
// severity go native; over NX-API the same NX-OS intent renders to CLI.
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
		[3]string{"devices/fra.yaml", "          ipv4: [10.1.1.1/30]\n", "          ipv4: [10.1.1.1/30]\n          helper_addresses: [10.10.0.67]\n"},
	)
	inv, ds := Load(dir, registry(t))
	if inv != nil {
		t.Fatalf("Load accepted intent the releases cannot take")
	}
	got := ds.String()
	for _, want := range []string{
		"devices/ams.yaml:29:18: error: lines.console: nxos 10.6(3) over netconf cannot take lines: OpenConfig has no console line settings, " +
			"and the release publishes no native YANG model switchyard could route it to",
		// IOS-XR's native log buffer is 2 MB at least: the intent's value
		// is refused at its line, naming the native leaf and its range.
		"devices/fra.yaml:13:26: error: logging.buffered.size: iosxr 26.2.1 cannot take /logging/buffered/log-buffer-size: " +
			"8192 is out of range 2097152..125000000 for uint32: device fra-core-1",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, got)
		}
	}
	// What the releases take: SNMP location, console logging (native),
	// speed/duplex and VRFs on IOS-XE 17.18.1; console logging, the syslog
	// source (as each server's source address), VRFs, spanning tree mst
	// and DHCP relay (native) on IOS-XR 26.2.1; the vty idle timeout (the
	// SSH server's) on NX-OS 10.6(3).
	for _, taken := range []string{"snmp", ".speed", ".duplex", "vrfs", "logging.console_severity", "lines.vty",
		"logging.source_interface", "spanning_tree", "helper_addresses"} {
		if strings.Contains(got, taken) {
			t.Errorf("diagnostics refuse %q, which the release takes:\n%s", taken, got)
		}
	}
	if n := strings.Count(got, "error:"); n != 2 {
		t.Errorf("%d errors, want 2:\n%s", n, got)
	}
}

// The campus as shipped uses the areas on its CLI routes (classic IOS and
// NX-OS over NX-API) and passes the gate.
func TestGateCampusAreasValid(t *testing.T) {
	if _, ds := Load(campusWith(t), registry(t)); ds.HasErrors() {
		t.Fatalf("campus refused:\n%s", ds)
	}
}
