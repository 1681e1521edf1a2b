package plan

import (
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/diff"
)

// A change on a native route says so in the text and Markdown plans, as
// does one through an OpenConfig module typed by the profile; a vendored
// OpenConfig one does not.
func TestChangeLinesShowTheNativeRoute(t *testing.T) {
	native := changeLines(diff.Change{Op: diff.Create, Path: "/Cisco-IOS-XE-native:native/logging/trap/severity", After: "informational"})
	if len(native) != 1 || native[0] != `+ /Cisco-IOS-XE-native:native/logging/trap/severity = "informational" [native route]` {
		t.Errorf("native change: %q", native)
	}
	stp := changeLines(diff.Change{Op: diff.Create, Path: "/openconfig-spanning-tree:stp/interfaces/interface[name=Ethernet1/2]/config/bpdu-guard", After: true})
	if len(stp) != 1 || !strings.HasSuffix(stp[0], "= true [openconfig, profile schema]") {
		t.Errorf("unvendored OpenConfig change: %q", stp)
	}
	oc := changeLines(diff.Change{Op: diff.Update, Path: "/system/config/hostname", Before: "a", After: "b"})
	if strings.Contains(oc[0], "route") {
		t.Errorf("OpenConfig change: %q", oc)
	}
}
