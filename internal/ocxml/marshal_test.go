package ocxml_test

import (
	"bytes"
	"encoding/xml"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/internal/ocxml"
	"github.com/switchyard/switchyard/internal/xmltree"
	oc "github.com/switchyard/switchyard/models/openconfig"
)

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name   string
		device func(testing.TB) *oc.Device
	}{
		{"empty device", func(testing.TB) *oc.Device { return &oc.Device{} }},
		{"hostname only", func(testing.TB) *oc.Device {
			d := &oc.Device{}
			d.GetOrCreateSystem().Hostname = ygot.String("sw1")
			return d
		}},
		{"every managed leaf", richDevice},
		{"48-port access switch", switch48},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.device(t)
			b := marshalDoc(t, want)
			got, err := unmarshalDoc(t, b)
			if err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			if diff := diffDevices(t, want, got); diff != "" {
				t.Errorf("round trip differs (ygot.Diff):\n%s", diff)
			}
			if again := marshalDoc(t, got); !bytes.Equal(again, b) {
				t.Errorf("second Marshal differs (-first +second):\n%s", cmp.Diff(string(b), string(again)))
			}
		})
	}
}

func TestGolden(t *testing.T) {
	d := richDevice(t)
	els, err := ocxml.Marshal(d)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	golden(t, "device.xml", pretty(xmltree.New(nsBase, "config", els...)))

	// The golden file, indentation and all, decodes to the same device.
	b := mustRead(t, "testdata/golden/device.xml")
	got, err := unmarshalDoc(t, b)
	if err != nil {
		t.Fatalf("Unmarshal(golden): %v", err)
	}
	if diff := diffDevices(t, d, got); diff != "" {
		t.Errorf("golden file decodes to a different device:\n%s", diff)
	}
}

func TestMarshalDeterministic(t *testing.T) {
	first := marshalDoc(t, switch48(t))
	for range 5 {
		if got := marshalDoc(t, switch48(t)); !bytes.Equal(got, first) {
			t.Fatalf("Marshal output differs between equal devices (-first +got):\n%s", cmp.Diff(string(first), string(got)))
		}
	}
}

// TestMarshalNamespaces checks the namespace of nodes that an augmenting
// module defines, and of identity values.
func TestMarshalNamespaces(t *testing.T) {
	const (
		nsIf   = "http://openconfig.net/yang/interfaces"
		nsEth  = "http://openconfig.net/yang/interfaces/ethernet"
		nsLag  = "http://openconfig.net/yang/interfaces/aggregate"
		nsIP   = "http://openconfig.net/yang/interfaces/ip"
		nsVlan = "http://openconfig.net/yang/vlan"
		nsNI   = "http://openconfig.net/yang/network-instance"
		nsSys  = "http://openconfig.net/yang/system"
	)
	els, err := ocxml.Marshal(richDevice(t))
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	root := xmltree.New(nsBase, "config", els...)
	tests := []struct {
		name string
		path []string // local names; list entries are the first match
		want string
	}{
		{"interfaces", []string{"interfaces"}, nsIf},
		{"ethernet augment", []string{"interfaces", "interface", "ethernet"}, nsEth},
		{"ethernet config", []string{"interfaces", "interface", "ethernet", "config"}, nsEth},
		{"switched-vlan augment", []string{"interfaces", "interface", "ethernet", "switched-vlan"}, nsVlan},
		{"access-vlan", []string{"interfaces", "interface", "ethernet", "switched-vlan", "config", "access-vlan"}, nsVlan},
		{"network-instances", []string{"network-instances", "network-instance", "vlans", "vlan", "config", "vlan-id"}, nsNI},
		{"system hostname", []string{"system", "config", "hostname"}, nsSys},
		{"logging in system namespace", []string{"system", "logging", "remote-servers"}, nsSys},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := walk(root, tc.path)
			if e == nil {
				t.Fatalf("no element at %v", tc.path)
			}
			if e.Name.Space != tc.want {
				t.Errorf("namespace = %q, want %q", e.Name.Space, tc.want)
			}
		})
	}

	// Elements found under a specific list entry.
	lag := findEntry(t, root, "interfaces", "name", "Port-Channel1")
	if got := lag.Child("", "aggregation"); got == nil || got.Name.Space != nsLag {
		t.Errorf("aggregation = %v, want namespace %s", got, nsLag)
	}
	member := findEntry(t, root, "interfaces", "name", "Ethernet2")
	if got := walk(member, []string{"ethernet", "config", "aggregate-id"}); got == nil || got.Name.Space != nsLag {
		t.Errorf("aggregate-id = %v, want namespace %s", got, nsLag)
	}
	mgmt := findEntry(t, root, "interfaces", "name", "Management1")
	if got := walk(mgmt, []string{"subinterfaces", "subinterface", "ipv4"}); got == nil || got.Name.Space != nsIP {
		t.Errorf("subinterface ipv4 = %v, want namespace %s", got, nsIP)
	}
	svi := findEntry(t, root, "interfaces", "name", "Vlan10")
	if got := walk(svi, []string{"routed-vlan", "ipv4"}); got == nil || got.Name.Space != nsIP {
		t.Errorf("routed-vlan ipv4 = %v, want namespace %s", got, nsIP)
	}
	typ := walk(mgmt, []string{"config", "type"})
	wantType := &xmltree.Element{
		Name:  xml.Name{Space: nsIf, Local: "type"},
		Attrs: []xml.Attr{{Name: xml.Name{Space: "xmlns", Local: "ianaift"}, Value: "urn:ietf:params:xml:ns:yang:iana-if-type"}},
		Text:  "ianaift:ethernetCsmacd",
	}
	if diff := cmp.Diff(wantType, typ); diff != "" {
		t.Errorf("identity leaf (-want +got):\n%s", diff)
	}
}

func TestMarshalListKeysFirst(t *testing.T) {
	els, err := ocxml.Marshal(richDevice(t))
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	root := xmltree.New(nsBase, "config", els...)
	set := walk(root, []string{"acl", "acl-sets", "acl-set"})
	var got []string
	for _, c := range set.Children[:3] {
		got = append(got, c.Name.Local)
	}
	if diff := cmp.Diff([]string{"name", "type", "acl-entries"}, got); diff != "" {
		t.Errorf("acl-set children (-want +got):\n%s", diff)
	}
	proto := walk(root, []string{"network-instances", "network-instance", "protocols", "protocol"})
	if proto.Children[0].Name.Local != "identifier" || proto.Children[1].Name.Local != "name" {
		t.Errorf("protocol keys = %v, %v; want identifier, name", proto.Children[0], proto.Children[1])
	}
}

func TestMarshalNil(t *testing.T) {
	els, err := ocxml.Marshal(nil)
	if err != nil || els != nil {
		t.Errorf("Marshal(nil) = %v, %v; want nil, nil", els, err)
	}
}

func TestMarshalErrors(t *testing.T) {
	tests := []struct {
		name   string
		device func() *oc.Device
		want   string
	}{{
		name: "enumeration value out of range",
		device: func() *oc.Device {
			d := &oc.Device{}
			d.GetOrCreateLacp().GetOrCreateInterface("Po1").LacpMode = 99
			return d
		},
		want: "/lacp/interfaces/interface/config/lacp-mode",
	}, {
		name: "list entry without its key leaf",
		device: func() *oc.Device {
			d := &oc.Device{}
			d.Interface = map[string]*oc.Interface{"Gi1": {Mtu: ygot.Uint16(1500)}}
			return d
		},
		want: "/interfaces/interface",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ocxml.Marshal(tc.device())
			var e *ocxml.Error
			if !asError(err, &e) {
				t.Fatalf("Marshal error = %v, want *ocxml.Error", err)
			}
			if e.Path != tc.want {
				t.Errorf("error path = %q, want %q (error %v)", e.Path, tc.want, err)
			}
		})
	}
}
