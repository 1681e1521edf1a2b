package profilegen

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Defaults gives an imported release the same native selection as the
// shipped one of its platform, and the yang library of the hello's
// hardware where the folder has it; a selection already made is kept.
func TestDefaults(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "capability-lab.xml"), []byte("<hello/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	xe := Defaults(Options{Platform: "iosxe", Dir: dir})
	if xe.Native == nil || !slices.Contains(xe.Native.Modules, "Cisco-IOS-XE-native") || xe.Native.YangSet != "" {
		t.Fatalf("iosxe without a yang library: %+v", xe.Native)
	}
	if err := os.WriteFile(filepath.Join(dir, "yang-set-lab.xml"), []byte("<data/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if xe := Defaults(Options{Platform: "iosxe", Dir: dir}); xe.Native.YangSet != "yang-set-lab.xml" {
		t.Errorf("iosxe yang library %q, want yang-set-lab.xml", xe.Native.YangSet)
	}
	xe.Native.Roots[0] = "changed"
	if Defaults(Options{Platform: "iosxe", Dir: dir}).Native.Roots[0] == "changed" {
		t.Error("Defaults shares its root list between profiles")
	}
	if xr := Defaults(Options{Platform: "iosxr", Dir: dir}); xr.Native == nil || !slices.Contains(xr.Native.Modules, "Cisco-IOS-XR-um-snmp-server-cfg") {
		t.Errorf("iosxr: %+v", xr.Native)
	}
	if nx := Defaults(Options{Platform: "nxos", Dir: dir}); !slices.Equal(nx.UnvendoredOpenConfig, []string{"openconfig-spanning-tree", "openconfig-relay-agent"}) || nx.Native != nil {
		t.Errorf("nxos: %+v", nx)
	}
	own := &NativeOptions{Modules: []string{"X"}}
	if o := Defaults(Options{Platform: "iosxe", Dir: dir, Native: own}); o.Native != own {
		t.Error("Defaults replaced a native selection given")
	}
}
