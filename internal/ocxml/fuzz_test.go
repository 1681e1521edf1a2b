package ocxml_test

import (
	"path/filepath"
	"testing"

	"github.com/switchyard/switchyard/internal/ocxml"
	"github.com/switchyard/switchyard/internal/xmltree"
)

// FuzzUnmarshal feeds arbitrary XML to Unmarshal and Schema.Validate. They
// must not panic, and whatever Unmarshal accepts must survive a
// Marshal/Unmarshal round trip unchanged.
func FuzzUnmarshal(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/valid/*.xml")
	seeds = append(seeds, "testdata/golden/device.xml")
	for _, s := range seeds {
		f.Add(mustRead(f, s))
	}
	f.Add([]byte(`<config><interfaces xmlns="http://openconfig.net/yang/interfaces"><interface><name>a</name><config><mtu>x</mtu></config></interface></interfaces></config>`))
	f.Add([]byte(`<config><acl xmlns="http://openconfig.net/yang/acl"><acl-sets><acl-set><name>A</name><type>ACL_IPV4</type></acl-set></acl-sets></acl></config>`))
	s := newSchema(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		root, err := xmltree.Parse(b)
		if err != nil {
			return
		}
		_ = s.Validate(root)
		d, err := ocxml.Unmarshal(root.Children)
		if err != nil {
			return
		}
		again, err := unmarshalDoc(t, marshalDoc(t, d))
		if err != nil {
			t.Fatalf("Unmarshal of Marshal output: %v", err)
		}
		if diff := diffDevices(t, d, again); diff != "" {
			t.Errorf("round trip differs:\n%s", diff)
		}
	})
}
