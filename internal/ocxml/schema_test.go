package ocxml_test

import (
	"encoding/xml"
	"errors"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/ocxml"
	"github.com/switchyard/switchyard/internal/xmltree"
	oc "github.com/switchyard/switchyard/models/openconfig"
)

var _ devicesim.Schema = (*ocxml.Schema)(nil)

func TestLeafListKeyMatchesDevicesim(t *testing.T) {
	if ocxml.LeafListKey != devicesim.LeafListKey {
		t.Errorf("LeafListKey = %q, devicesim.LeafListKey = %q", ocxml.LeafListKey, devicesim.LeafListKey)
	}
}

func TestListKeys(t *testing.T) {
	const (
		nsIf   = "http://openconfig.net/yang/interfaces"
		nsEth  = "http://openconfig.net/yang/interfaces/ethernet"
		nsLag  = "http://openconfig.net/yang/interfaces/aggregate"
		nsIP   = "http://openconfig.net/yang/interfaces/ip"
		nsVlan = "http://openconfig.net/yang/vlan"
		nsNI   = "http://openconfig.net/yang/network-instance"
		nsSys  = "http://openconfig.net/yang/system"
		nsACL  = "http://openconfig.net/yang/acl"
		nsSets = "http://openconfig.net/yang/defined-sets"
		nsLACP = "http://openconfig.net/yang/lacp"
	)
	p := func(ns string, locals ...string) []xml.Name {
		out := make([]xml.Name, len(locals))
		for i, l := range locals {
			out[i] = xml.Name{Space: ns, Local: l}
		}
		return out
	}
	cat := func(parts ...[]xml.Name) []xml.Name {
		var out []xml.Name
		for _, q := range parts {
			out = append(out, q...)
		}
		return out
	}
	iface := p(nsIf, "interfaces", "interface")
	netinst := p(nsNI, "network-instances", "network-instance")
	aaa := p(nsSys, "system", "aaa")
	aclSet := p(nsACL, "acl", "acl-sets", "acl-set")
	static := cat(netinst, p(nsNI, "protocols", "protocol", "static-routes", "static"))
	tests := []struct {
		name string
		path []xml.Name
		want []string
	}{
		{"interface", iface, []string{"name"}},
		{"subinterface", cat(iface, p(nsIf, "subinterfaces", "subinterface")), []string{"index"}},
		{"ipv4 address", cat(iface, p(nsIf, "subinterfaces", "subinterface"), p(nsIP, "ipv4", "addresses", "address")), []string{"ip"}},
		{"routed-vlan ipv4 address", cat(iface, p(nsVlan, "routed-vlan"), p(nsIP, "ipv4", "addresses", "address")), []string{"ip"}},
		{"ethernet trunk-vlans", cat(iface, p(nsEth, "ethernet"), p(nsVlan, "switched-vlan", "config", "trunk-vlans")), []string{ocxml.LeafListKey}},
		{"aggregate trunk-vlans", cat(iface, p(nsLag, "aggregation"), p(nsVlan, "switched-vlan", "config", "trunk-vlans")), []string{ocxml.LeafListKey}},
		{"network-instance", netinst, []string{"name"}},
		{"vlan", cat(netinst, p(nsNI, "vlans", "vlan")), []string{"vlan-id"}},
		{"protocol", cat(netinst, p(nsNI, "protocols", "protocol")), []string{"identifier", "name"}},
		{"static route", static, []string{"prefix"}},
		{"next-hop", cat(static, p(nsNI, "next-hops", "next-hop")), []string{"index"}},
		{"acl-set", aclSet, []string{"name", "type"}},
		{"acl-entry", cat(aclSet, p(nsACL, "acl-entries", "acl-entry")), []string{"sequence-id"}},
		{"acl interface", p(nsACL, "acl", "interfaces", "interface"), []string{"id"}},
		{"ingress-acl-set", p(nsACL, "acl", "interfaces", "interface", "ingress-acl-sets", "ingress-acl-set"), []string{"set-name", "type"}},
		{"user", cat(aaa, p(nsSys, "authentication", "users", "user")), []string{"username"}},
		{"server-group", cat(aaa, p(nsSys, "server-groups", "server-group")), []string{"name"}},
		{"server", cat(aaa, p(nsSys, "server-groups", "server-group", "servers", "server")), []string{"address"}},
		{"dns server (ordered by user)", p(nsSys, "system", "dns", "servers", "server"), []string{"address"}},
		{"dns search leaf-list", p(nsSys, "system", "dns", "config", "search"), []string{ocxml.LeafListKey}},
		{"port-set", p(nsSets, "defined-sets", "port-sets", "port-set"), []string{"name"}},
		{"lacp interface", p(nsLACP, "lacp", "interfaces", "interface"), []string{"name"}},
		{"top-level container", p(nsIf, "interfaces"), nil},
		{"config container", cat(iface, p(nsIf, "config")), nil},
		{"augment container", cat(iface, p(nsEth, "ethernet")), nil},
		{"leaf", cat(iface, p(nsIf, "config", "mtu")), nil},
		{"below a leaf", cat(iface, p(nsIf, "config", "mtu", "x")), nil},
		{"key leaf", cat(iface, p(nsIf, "name")), nil},
		{"wrong namespace", p(nsSys, "interfaces", "interface"), nil},
		{"augment in parent namespace", cat(iface, p(nsIf, "ethernet")), nil},
		{"unknown element", p(nsIf, "interfaces", "widget"), nil},
		{"empty path", nil, nil},
	}
	s := newSchema(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, s.ListKeys(tc.path)); diff != "" {
				t.Errorf("ListKeys (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSchemaValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(d *oc.Device)
		want   *ocxml.Error // nil: valid; Namespaces and XPath are not compared
	}{{
		name:   "rich device is valid",
		mutate: func(*oc.Device) {},
	}, {
		name: "access VLAN out of range",
		mutate: func(d *oc.Device) {
			d.GetInterface("Ethernet1").GetEthernet().GetSwitchedVlan().AccessVlan = ygot.Uint16(5000)
		},
		want: &ocxml.Error{Tag: ocxml.TagInvalidValue, Path: "/interfaces/interface[name=Ethernet1]/ethernet/switched-vlan/config/access-vlan"},
	}, {
		name: "VLAN id out of range is reported on the key",
		mutate: func(d *oc.Device) {
			d.GetNetworkInstance("DEFAULT").GetOrCreateVlan(4095)
		},
		want: &ocxml.Error{Tag: ocxml.TagInvalidValue, Path: "/network-instances/network-instance[name=DEFAULT]/vlans/vlan[vlan-id=4095]/vlan-id"},
	}, {
		name: "hostname pattern",
		mutate: func(d *oc.Device) {
			d.GetSystem().Hostname = ygot.String("bad host!")
		},
		want: &ocxml.Error{Tag: ocxml.TagInvalidValue, Path: "/system/config/hostname"},
	}, {
		name: "prefix length 33",
		mutate: func(d *oc.Device) {
			d.GetInterface("Vlan10").GetRoutedVlan().GetIpv4().GetAddress("198.51.100.1").PrefixLength = ygot.Uint8(33)
		},
		want: &ocxml.Error{Tag: ocxml.TagInvalidValue, Path: "/interfaces/interface[name=Vlan10]/routed-vlan/ipv4/addresses/address[ip=198.51.100.1]/config/prefix-length"},
	}, {
		name: "LAG member refers to a missing interface",
		mutate: func(d *oc.Device) {
			d.GetInterface("Ethernet2").GetEthernet().AggregateId = ygot.String("Port-Channel9")
		},
		want: &ocxml.Error{Tag: ocxml.TagInvalidValue, Path: "/interfaces/interface[name=Ethernet2]/ethernet/config/aggregate-id"},
	}, {
		name: "ACL entry refers to a missing prefix set",
		mutate: func(d *oc.Device) {
			d.GetAcl().GetAclSet("MGMT-IN", oc.OpenconfigAcl_ACL_TYPE_ACL_IPV4).GetAclEntry(20).GetIpv4().SourceAddressPrefixSet = ygot.String("NOPE")
		},
		want: &ocxml.Error{Tag: ocxml.TagInvalidValue, Path: "/acl/acl-sets/acl-set[name=MGMT-IN][type=oc-acl:ACL_IPV4]/acl-entries/acl-entry[sequence-id=20]/ipv4/config/source-address-prefix-set"},
	}}
	s := newSchema(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := richDevice(t)
			tc.mutate(d)
			root, err := xmltree.Parse(marshalDoc(t, d))
			if err != nil {
				t.Fatal(err)
			}
			err = s.Validate(root)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			var e *ocxml.Error
			if !errors.As(err, &e) {
				t.Fatalf("Validate = %v, want *ocxml.Error", err)
			}
			if e.Tag != tc.want.Tag || e.Path != tc.want.Path || e.Message == "" || e.XPath == "" {
				t.Errorf("Validate error = %+v, want tag %q at %q with a message and an XPath", e, tc.want.Tag, tc.want.Path)
			}
		})
	}
}

func TestSchemaValidateDecodeErrorAndNil(t *testing.T) {
	s := newSchema(t)
	if err := s.Validate(nil); err != nil {
		t.Errorf("Validate(nil) = %v, want nil", err)
	}
	if err := s.Validate(xmltree.New(nsBase, "config")); err != nil {
		t.Errorf("Validate(empty) = %v, want nil", err)
	}
	root := xmltree.MustParse(`<config xmlns="` + nsBase + `"><system xmlns="http://openconfig.net/yang/system"><config><hostname>sw1</hostname><bogus/></config></system></config>`)
	var e *ocxml.Error
	if err := s.Validate(root); !errors.As(err, &e) || e.Tag != ocxml.TagUnknownElement || e.Path != "/system/config/bogus" {
		t.Errorf("Validate = %v, want unknown-element at /system/config/bogus", err)
	}
}

func TestSchemaConcurrentUse(t *testing.T) {
	s := newSchema(t)
	root, err := xmltree.Parse(marshalDoc(t, richDevice(t)))
	if err != nil {
		t.Fatal(err)
	}
	path := []xml.Name{{Space: "http://openconfig.net/yang/interfaces", Local: "interfaces"}, {Space: "http://openconfig.net/yang/interfaces", Local: "interface"}}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if err := s.Validate(root); err != nil {
				t.Errorf("Validate: %v", err)
			}
			if k := s.ListKeys(path); len(k) != 1 {
				t.Errorf("ListKeys = %v", k)
			}
		})
	}
	wg.Wait()
}
