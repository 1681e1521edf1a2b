package diff

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openconfig/ygot/ygot"
)

// TestTreeJSONMatchesRoundTrip checks the fast conversion of decoded
// against a plain encoding/json round trip.
func TestTreeJSONMatchesRoundTrip(t *testing.T) {
	d := campusSwitch([]uint16{1, 10, 20}, 5)
	got, err := treeJSON(d)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ygot.ConstructIETFJSON(d, &ygot.RFC7951JSONConfig{AppendModuleName: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]any
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("treeJSON (-round trip +got):\n%s", diff)
	}
}
