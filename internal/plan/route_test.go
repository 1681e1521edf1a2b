package plan

import (
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/diff"
)

// A change on a native route says so in the text and Markdown plans; an
// OpenConfig one does not.
func TestChangeLinesShowTheNativeRoute(t *testing.T) {
	native := changeLines(diff.Change{Op: diff.Create, Path: "/Cisco-IOS-XE-native:native/logging/trap/severity", After: "informational"})
	if len(native) != 1 || native[0] != `+ /Cisco-IOS-XE-native:native/logging/trap/severity = "informational" [native route]` {
		t.Errorf("native change: %q", native)
	}
	oc := changeLines(diff.Change{Op: diff.Update, Path: "/system/config/hostname", Before: "a", After: "b"})
	if strings.Contains(oc[0], "route") {
		t.Errorf("OpenConfig change: %q", oc)
	}
}
