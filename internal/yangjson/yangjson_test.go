package yangjson

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/profiles"
)

func xe(t *testing.T) *profiles.Profile {
	t.Helper()
	return shipped(t, "iosxe", "17.18.1")
}

// shipped returns the shipped profile of platform and release.
func shipped(t *testing.T, platform, release string) *profiles.Profile {
	t.Helper()
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	p, err := set.Select(platform, release)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func tree(t *testing.T, js string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(js), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// Keys first, module namespaces, leaf values typed back by the schema.
func TestXMLRoundTrip(t *testing.T) {
	p := xe(t)
	in := tree(t, `{"Cisco-IOS-XE-native:native": {
		"interface": {"GigabitEthernet": [{"mtu": 1600, "name": "1/0/2", "description": "ap"}]},
		"logging": {"trap": {"severity": "informational"}, "buffered": {"size-value": 16384}}}}`)
	elems, err := ToXML(p, in)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range elems {
		b.Write(xmltree.Marshal(e))
	}
	want := `<native xmlns="http://cisco.com/ns/yang/Cisco-IOS-XE-native"><interface><GigabitEthernet><name>1/0/2</name>` +
		`<description>ap</description><mtu>1600</mtu></GigabitEthernet></interface><logging><buffered><size-value>16384</size-value>` +
		`</buffered><trap><severity>informational</severity></trap></logging></native>`
	if b.String() != want {
		t.Errorf("XML:\n got %s\nwant %s", b.String(), want)
	}
	if refused := p.CheckXML(elems); len(refused) != 0 {
		t.Errorf("the release refuses %v", refused[0])
	}
	back := FromXML(p, elems)
	if diff := cmp.Diff(in, back); diff != "" {
		t.Errorf("back from XML (-in +out):\n%s", diff)
	}
}

func TestSetBuildsEntriesWithTypedKeys(t *testing.T) {
	p := xe(t)
	m := map[string]any{}
	for _, c := range []struct {
		path string
		v    any
	}{
		{"/Cisco-IOS-XE-native:native/interface/GigabitEthernet[name=1/0/2]/mtu", float64(9000)},
		{"/Cisco-IOS-XE-native:native/interface/GigabitEthernet[name=1/0/2]/description", "x"},
		{"/Cisco-IOS-XE-native:native/ip/ssh/pubkey-chain/username[name=ops]/key-hash[key-hash-value=AB][key-type=ssh-rsa]", nil},
	} {
		if err := Set(p, m, c.path, c.v); err != nil {
			t.Fatal(err)
		}
	}
	want := tree(t, `{"Cisco-IOS-XE-native:native": {
		"interface": {"GigabitEthernet": [{"name": "1/0/2", "mtu": 9000, "description": "x"}]},
		"ip": {"ssh": {"pubkey-chain": {"username": [{"name": "ops", "key-hash": [{"key-type": "ssh-rsa", "key-hash-value": "AB"}]}]}}}}}`)
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if err := Set(p, m, "/Cisco-IOS-XE-native:native/interface/GigabitEthernet[name=1]/no-such", 1.0); err == nil {
		t.Error("a path outside the schema was set")
	}
}

// Later blocks win leaf by leaf; list entries merge by key; values take
// their RFC 7951 form (YAML gives "1600" or 1600 alike).
func TestMergeAndNormalize(t *testing.T) {
	p := xe(t)
	a := NormalizeTree(p, tree(t, `{"Cisco-IOS-XE-native:native": {"interface": {"GigabitEthernet": [{"name": "1/0/1", "mtu": "1600", "description": "a"}]}}}`))
	b := NormalizeTree(p, tree(t, `{"Cisco-IOS-XE-native:native": {"interface": {"GigabitEthernet": [{"name": "1/0/1", "mtu": 9000}, {"name": "1/0/2", "mtu": 1500}]}}}`))
	got := Merge(p, Merge(p, nil, a), b)
	want := tree(t, `{"Cisco-IOS-XE-native:native": {"interface": {"GigabitEthernet": [
		{"name": "1/0/1", "mtu": 9000, "description": "a"}, {"name": "1/0/2", "mtu": 1500}]}}}`)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
