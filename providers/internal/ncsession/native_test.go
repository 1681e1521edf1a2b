package ncsession

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers"
)

var update = flag.Bool("update", false, "rewrite testdata")

// One edit carries the OpenConfig and the native changes: the native part
// in its modules' namespaces, list keys first, removals marked.
func TestEditPayloadSpansRoutes(t *testing.T) {
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := set.Select("iosxe", "17.18.1")
	const x = "/Cisco-IOS-XE-native:native"
	changes := []providers.Change{
		{Op: diff.Update, Path: "/interfaces/interface[name=GigabitEthernet1/0/2]/config/description", Before: "a", After: "b"},
		{Op: diff.Create, Path: x + "/interface/GigabitEthernet[name=1/0/2]/mtu", After: float64(1600)},
		{Op: diff.Create, Path: x + "/ip/ssh/pubkey-chain/username[name=ops]/key-hash[key-hash-value=AB][key-type=ssh-rsa]/key-type", After: "ssh-rsa"},
		{Op: diff.Delete, Path: x + "/ip/ssh/pubkey-chain/username[name=old]", Before: map[string]any{"name": "old"}},
		{Op: diff.Delete, Path: x + "/logging/trap/severity", Before: "debugging"},
	}
	elems, err := editPayload(changes, p)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range elems {
		b.Write(xmltree.Marshal(e))
		b.WriteByte('\n')
	}
	golden := filepath.Join("testdata", "native-edit.xml")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("edit payload:\n%s\nwant (%s):\n%s", b.String(), golden, want)
	}
	if refused := p.CheckXML(elems); len(refused) != 0 {
		t.Errorf("the release refuses %v", refused[0])
	}
	if _, err := editPayload(changes[1:2], nil); err == nil {
		t.Error("native changes without a profile were encoded")
	}
}
