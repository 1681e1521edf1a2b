package ocxml_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/internal/ocxml"
	"github.com/switchyard/switchyard/internal/xmltree"
	oc "github.com/switchyard/switchyard/models/openconfig"
)

// TestUnmarshalDeviceStyle decodes XML written by hand the way a Cisco
// device sends it.
func TestUnmarshalDeviceStyle(t *testing.T) {
	want := &oc.Device{}
	g1 := want.GetOrCreateInterface("GigabitEthernet1/0/1")
	g1.Type = oc.IETFInterfaces_InterfaceType_ethernetCsmacd
	g1.Description = ygot.String("desk 1")
	g1.Enabled = ygot.Bool(true)
	g1.GetOrCreateEthernet().AutoNegotiate = ygot.Bool(true)
	sv := g1.GetEthernet().GetOrCreateSwitchedVlan()
	sv.InterfaceMode = oc.OpenconfigVlanTypes_VlanModeType_ACCESS
	sv.AccessVlan = ygot.Uint16(10)
	g2 := want.GetOrCreateInterface("GigabitEthernet1/0/2")
	g2.Type = oc.IETFInterfaces_InterfaceType_ethernetCsmacd
	g2.GetOrCreateEthernet().AggregateId = ygot.String("Port-channel1")
	po := want.GetOrCreateInterface("Port-channel1")
	po.Type = oc.IETFInterfaces_InterfaceType_ieee8023adLag
	po.Mtu = ygot.Uint16(9000)
	po.GetOrCreateAggregation().LagType = oc.OpenconfigIfAggregate_AggregationType_LACP
	tr := po.GetAggregation().GetOrCreateSwitchedVlan()
	tr.InterfaceMode = oc.OpenconfigVlanTypes_VlanModeType_TRUNK
	tr.NativeVlan = ygot.Uint16(1)
	tr.TrunkVlans = []oc.Interface_Aggregation_SwitchedVlan_TrunkVlans_Union{oc.UnionUint16(10), oc.UnionString("20..30")}
	svi := want.GetOrCreateInterface("Vlan10")
	svi.Type = oc.IETFInterfaces_InterfaceType_l3ipvlan
	svi.GetOrCreateRoutedVlan().Vlan = oc.UnionUint16(10)
	svi.GetRoutedVlan().GetOrCreateIpv4().GetOrCreateAddress("10.10.0.1").PrefixLength = ygot.Uint8(24)
	ni := want.GetOrCreateNetworkInstance("default")
	ni.Type = oc.OpenconfigNetworkInstanceTypes_NETWORK_INSTANCE_TYPE_DEFAULT_INSTANCE
	v := ni.GetOrCreateVlan(10)
	v.Name, v.Status = ygot.String("users"), oc.OpenconfigVlan_Vlan_Status_ACTIVE
	st := ni.GetOrCreateProtocol(oc.OpenconfigPolicyTypes_INSTALL_PROTOCOL_TYPE_STATIC, "DEFAULT").GetOrCreateStatic("0.0.0.0/0")
	st.GetOrCreateNextHop("1").NextHop = oc.UnionString("10.10.0.254")
	drop := st.GetOrCreateNextHop("2")
	drop.NextHop, drop.Preference = oc.OpenconfigLocalRouting_LOCAL_DEFINED_NEXT_HOP_DROP, ygot.Uint32(250)
	sys := want.GetOrCreateSystem()
	sys.Hostname, sys.DomainName = ygot.String("access1"), ygot.String("example.net")
	sys.GetOrCreateAaa().GetOrCreateAuthentication().GetOrCreateUser("ops").Role = oc.OpenconfigAaaTypes_SYSTEM_DEFINED_ROLES_SYSTEM_ROLE_ADMIN
	want.GetOrCreateLacp().GetOrCreateInterface("Port-channel1").LacpMode = oc.OpenconfigLacp_LacpActivityType_ACTIVE

	for name, parse := range map[string]func([]byte) (*xmltree.Element, error){
		"xmltree.Parse":                 xmltree.Parse,
		"parser keeping xmlns prefixes": parseKeepingPrefixes,
	} {
		t.Run(name, func(t *testing.T) {
			root, err := parse(mustRead(t, "testdata/valid/iosxe-get-config.xml"))
			if err != nil {
				t.Fatal(err)
			}
			got, err := ocxml.Unmarshal(root.Children)
			if err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			if diff := diffDevices(t, want, got); diff != "" {
				t.Errorf("decoded device differs (ygot.Diff):\n%s", diff)
			}
			if err := got.Validate(); err != nil {
				t.Errorf("decoded device is invalid: %v", err)
			}
		})
	}
}

// TestValidCorpus checks that every file in testdata/valid decodes,
// validates, and survives a Marshal/Unmarshal round trip.
func TestValidCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/valid/*.xml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	s := newSchema(t)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			root, err := xmltree.Parse(mustRead(t, f))
			if err != nil {
				t.Fatal(err)
			}
			d, err := ocxml.Unmarshal(root.Children)
			if err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			if err := s.Validate(root); err != nil {
				t.Errorf("Schema.Validate: %v", err)
			}
			again, err := unmarshalDoc(t, marshalDoc(t, d))
			if err != nil {
				t.Fatalf("Unmarshal after Marshal: %v", err)
			}
			if diff := diffDevices(t, d, again); diff != "" {
				t.Errorf("round trip differs:\n%s", diff)
			}
		})
	}
}

// TestUnmarshalIdentityPrefixes checks identity prefixes against the
// namespace declarations in scope, which xmltree.Parse drops but other
// producers of elements (Marshal, parseKeepingPrefixes) keep.
func TestUnmarshalIdentityPrefixes(t *testing.T) {
	const head = `<interfaces xmlns="http://openconfig.net/yang/interfaces"><interface><name>Gi1</name><config>`
	const tail = `</config></interface></interfaces>`
	tests := []struct {
		name    string
		leaf    string
		want    oc.E_IETFInterfaces_InterfaceType
		wantErr bool
	}{
		{"module prefix", `<type xmlns:ianaift="urn:ietf:params:xml:ns:yang:iana-if-type">ianaift:ethernetCsmacd</type>`, oc.IETFInterfaces_InterfaceType_ethernetCsmacd, false},
		{"other prefix bound to the module", `<type xmlns:x="urn:ietf:params:xml:ns:yang:iana-if-type">x:softwareLoopback</type>`, oc.IETFInterfaces_InterfaceType_softwareLoopback, false},
		{"module name as prefix", `<type>iana-if-type:l3ipvlan</type>`, oc.IETFInterfaces_InterfaceType_l3ipvlan, false},
		{"no prefix", `<type>ieee8023adLag</type>`, oc.IETFInterfaces_InterfaceType_ieee8023adLag, false},
		{"undeclared unknown prefix", `<type>zz:ethernetCsmacd</type>`, oc.IETFInterfaces_InterfaceType_ethernetCsmacd, false},
		{"prefix bound to another module", `<type xmlns:ianaift="http://openconfig.net/yang/vlan-types">ianaift:ethernetCsmacd</type>`, 0, true},
		{"prefix bound to an unknown namespace", `<type xmlns:x="urn:example">x:ethernetCsmacd</type>`, 0, true},
		{"known prefix of another module", `<type>oc-vlan-types:ethernetCsmacd</type>`, 0, true},
		{"unknown identity", `<type xmlns:ianaift="urn:ietf:params:xml:ns:yang:iana-if-type">ianaift:warpDrive</type>`, 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, err := parseKeepingPrefixes([]byte(head + tc.leaf + tail))
			if err != nil {
				t.Fatal(err)
			}
			d, err := ocxml.Unmarshal([]*xmltree.Element{root})
			if tc.wantErr {
				var e *ocxml.Error
				if !errors.As(err, &e) || e.Tag != ocxml.TagInvalidValue || e.Path != "/interfaces/interface[name=Gi1]/config/type" {
					t.Fatalf("Unmarshal error = %#v, want invalid-value at /interfaces/interface[name=Gi1]/config/type", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			if got := d.GetInterface("Gi1").GetType(); got != tc.want {
				t.Errorf("type = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestUnmarshalErrors(t *testing.T) {
	const (
		ifs = `<interfaces xmlns="http://openconfig.net/yang/interfaces">`
		ni  = `<network-instances xmlns="http://openconfig.net/yang/network-instance">`
	)
	tests := []struct {
		name, xml, tag, path, msg string
	}{
		{"wrong namespace on top-level node", `<interfaces xmlns="http://openconfig.net/yang/interface"/>`,
			ocxml.TagUnknownNamespace, "/interfaces", `element <interfaces> is in namespace "http://openconfig.net/yang/interface", want "http://openconfig.net/yang/interfaces"`},
		{"augment in the parent's namespace", ifs + `<interface><name>Gi1</name><ethernet/></interface></interfaces>`,
			ocxml.TagUnknownNamespace, "/interfaces/interface[name=Gi1]/ethernet", ""},
		{"unknown top-level node", `<bgp xmlns="http://openconfig.net/yang/bgp"/>`,
			ocxml.TagUnknownElement, "/bgp", `unknown element <bgp> in namespace "http://openconfig.net/yang/bgp"`},
		{"unknown leaf", `<system xmlns="http://openconfig.net/yang/system"><config><hostnam>x</hostnam></config></system>`,
			ocxml.TagUnknownElement, "/system/config/hostnam", ""},
		{"pruned subtree", ni + `<network-instance><name>default</name><protocols><protocol><identifier>BGP</identifier><name>bgp</name><bgp/></protocol></protocols></network-instance></network-instances>`,
			ocxml.TagUnknownElement, "/network-instances/network-instance[name=default]/protocols/protocol[identifier=BGP][name=bgp]/bgp", ""},
		{"not a uint16", ifs + `<interface><name>Gi1</name><config><mtu>abc</mtu></config></interface></interfaces>`,
			ocxml.TagInvalidValue, "/interfaces/interface[name=Gi1]/config/mtu", `"abc" is not a uint16`},
		{"uint16 overflow", ifs + `<interface><name>Gi1</name><config><mtu>65536</mtu></config></interface></interfaces>`,
			ocxml.TagInvalidValue, "/interfaces/interface[name=Gi1]/config/mtu", `"65536" is not a uint16`},
		{"not a boolean", ifs + `<interface><name>Gi1</name><config><enabled>yes</enabled></config></interface></interfaces>`,
			ocxml.TagInvalidValue, "/interfaces/interface[name=Gi1]/config/enabled", `"yes" is not a boolean`},
		{"bad enumeration", ifs + `<interface><name>Gi1</name><ethernet xmlns="http://openconfig.net/yang/interfaces/ethernet"><switched-vlan xmlns="http://openconfig.net/yang/vlan"><config><interface-mode>HYBRID</interface-mode></config></switched-vlan></ethernet></interface></interfaces>`,
			ocxml.TagInvalidValue, "/interfaces/interface[name=Gi1]/ethernet/switched-vlan/config/interface-mode", `"HYBRID" is not one of ACCESS, TRUNK`},
		{"bad identity", ifs + `<interface><name>Gi1</name><config><type>ianaift:notAType</type></config></interface></interfaces>`,
			ocxml.TagInvalidValue, "/interfaces/interface[name=Gi1]/config/type", ""},
		{"union value matching no member", ifs + `<interface><name>Gi1</name><ethernet xmlns="http://openconfig.net/yang/interfaces/ethernet"><switched-vlan xmlns="http://openconfig.net/yang/vlan"><config><trunk-vlans>5000</trunk-vlans></config></switched-vlan></ethernet></interface></interfaces>`,
			ocxml.TagInvalidValue, "/interfaces/interface[name=Gi1]/ethernet/switched-vlan/config/trunk-vlans", `"5000" is not a valid value of any union member (vlan-id, vlan-range)`},
		{"missing list key", ifs + `<interface><config><mtu>1500</mtu></config></interface></interfaces>`,
			ocxml.TagMissingElement, "/interfaces/interface", "list entry <interface> has no key <name>"},
		{"missing second key", `<acl xmlns="http://openconfig.net/yang/acl"><acl-sets><acl-set><name>A</name></acl-set></acl-sets></acl>`,
			ocxml.TagMissingElement, "/acl/acl-sets/acl-set[name=A]", "list entry <acl-set> has no key <type>"},
		{"bad key value", ni + `<network-instance><name>default</name><vlans><vlan><vlan-id>ten</vlan-id></vlan></vlans></network-instance></network-instances>`,
			ocxml.TagInvalidValue, "/network-instances/network-instance[name=default]/vlans/vlan[vlan-id=ten]/vlan-id", `"ten" is not a uint16`},
		{"config key differs from list key", ifs + `<interface><name>Gi1</name><config><name>Gi2</name></config></interface></interfaces>`,
			ocxml.TagInvalidValue, "/interfaces/interface[name=Gi1]/config/name", `"Gi2" does not match the list key`},
		{"leaf with children", ifs + `<interface><name>Gi1</name><config><mtu><value>1</value></mtu></config></interface></interfaces>`,
			ocxml.TagBadElement, "/interfaces/interface[name=Gi1]/config/mtu", "leaf <mtu> has child elements"},
		{"container with text", `<system xmlns="http://openconfig.net/yang/system"><config>hostname</config></system>`,
			ocxml.TagBadElement, "/system/config", `container <config> has text "hostname"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, err := xmltree.Parse([]byte(tc.xml))
			if err != nil {
				t.Fatal(err)
			}
			d, err := ocxml.Unmarshal([]*xmltree.Element{root})
			var e *ocxml.Error
			if !errors.As(err, &e) {
				t.Fatalf("Unmarshal = %v, %v; want an *ocxml.Error", d, err)
			}
			if e.Tag != tc.tag || e.Path != tc.path || (tc.msg != "" && e.Message != tc.msg) {
				t.Errorf("error = {Tag: %q, Path: %q, Message: %q}, want {%q, %q, %q}", e.Tag, e.Path, e.Message, tc.tag, tc.path, tc.msg)
			}
		})
	}
}

func TestErrorXPath(t *testing.T) {
	root := xmltree.MustParse(`<interfaces xmlns="http://openconfig.net/yang/interfaces"><interface><name>it's "x"</name>` +
		`<ethernet xmlns="http://openconfig.net/yang/interfaces/ethernet"><config><mtu>1</mtu></config></ethernet></interface></interfaces>`)
	_, err := ocxml.Unmarshal([]*xmltree.Element{root})
	var e *ocxml.Error
	if !errors.As(err, &e) {
		t.Fatalf("Unmarshal error = %v, want *ocxml.Error", err)
	}
	want := &ocxml.Error{
		Tag:     ocxml.TagUnknownElement,
		Path:    `/interfaces/interface[name=it's "x"]/ethernet/config/mtu`,
		XPath:   `/oc-if:interfaces/oc-if:interface[oc-if:name=concat('it', "'", 's "x"')]/oc-eth:ethernet/oc-eth:config/oc-eth:mtu`,
		Message: `unknown element <mtu> in namespace "http://openconfig.net/yang/interfaces/ethernet"`,
		Namespaces: map[string]string{
			"oc-if":  "http://openconfig.net/yang/interfaces",
			"oc-eth": "http://openconfig.net/yang/interfaces/ethernet",
		},
	}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("error (-want +got):\n%s", diff)
	}
	if got, want := err.Error(), `ocxml: /interfaces/interface[name=it's "x"]/ethernet/config/mtu: `+want.Message; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestUnmarshalInto(t *testing.T) {
	d := richDevice(t)
	root := xmltree.MustParse(`<interfaces xmlns="http://openconfig.net/yang/interfaces"><interface><name>Ethernet1</name>` +
		`<config><mtu>1500</mtu></config></interface><interface><name>Ethernet9</name></interface></interfaces>`)
	if err := ocxml.UnmarshalInto(d, []*xmltree.Element{root}); err != nil {
		t.Fatalf("UnmarshalInto: %v", err)
	}
	want := richDevice(t)
	want.GetInterface("Ethernet1").Mtu = ygot.Uint16(1500)
	want.GetOrCreateInterface("Ethernet9")
	if diff := diffDevices(t, want, d); diff != "" {
		t.Errorf("merged device differs:\n%s", diff)
	}
	if err := ocxml.UnmarshalInto(nil, nil); err == nil {
		t.Error("UnmarshalInto(nil) succeeded, want an error")
	}
}

// parseKeepingPrefixes is xmltree.Parse, except that it keeps prefixed
// namespace declarations as {xmlns}prefix attributes, as Marshal writes them.
func parseKeepingPrefixes(b []byte) (*xmltree.Element, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	var stack []*xmltree.Element
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil, io.ErrUnexpectedEOF
		}
		if err != nil {
			return nil, err
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			e := &xmltree.Element{Name: tk.Name}
			for _, a := range tk.Attr {
				if a.Name.Space != "" || a.Name.Local != "xmlns" {
					e.Attrs = append(e.Attrs, a)
				}
			}
			if n := len(stack); n > 0 {
				stack[n-1].Children = append(stack[n-1].Children, e)
			}
			stack = append(stack, e)
		case xml.CharData:
			if n := len(stack); n > 0 && len(stack[n-1].Children) == 0 {
				stack[n-1].Text += string(bytes.TrimSpace(tk))
			}
		case xml.EndElement:
			e := stack[len(stack)-1]
			if stack = stack[:len(stack)-1]; len(stack) == 0 {
				return e, nil
			}
		}
	}
}

func newSchema(t testing.TB) *ocxml.Schema {
	t.Helper()
	s, err := ocxml.NewSchema()
	if err != nil {
		t.Fatalf("NewSchema: %v", err)
	}
	return s
}
