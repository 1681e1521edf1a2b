package openconfig_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/openconfig/ygot/ygot"

	oc "github.com/switchyard/switchyard/models/openconfig"
)

// newDevice builds a small but complete configuration touching every model
// switchyard manages.
func newDevice(t *testing.T) *oc.Device {
	t.Helper()
	d := &oc.Device{}

	// System.
	sys := d.GetOrCreateSystem()
	sys.Hostname = ygot.String("leaf1")
	sys.DomainName = ygot.String("example.net")
	sys.LoginBanner = ygot.String("authorised access only")
	sys.GetOrCreateClock().TimezoneName = ygot.String("Europe/London")
	dns := sys.GetOrCreateDns()
	dns.Search = []string{"example.net"}
	if _, err := dns.AppendNewServer("192.0.2.53"); err != nil {
		t.Fatalf("AppendNewServer: %v", err)
	}
	ntp := sys.GetOrCreateNtp()
	ntp.Enabled = ygot.Bool(true)
	ns := ntp.GetOrCreateServer("192.0.2.123")
	ns.Iburst = ygot.Bool(true)
	ns.SourceAddress = ygot.String("192.0.2.10")
	rs := sys.GetOrCreateLogging().GetOrCreateRemoteServer("192.0.2.514")
	rs.RemotePort = ygot.Uint16(514)
	rs.GetOrCreateSelector(oc.OpenconfigSystemLogging_SYSLOG_FACILITY_ALL, oc.OpenconfigSystemLogging_SyslogSeverity_WARNING)
	aaa := sys.GetOrCreateAaa()
	authn := aaa.GetOrCreateAuthentication()
	authn.AuthenticationMethod = []oc.System_Aaa_Authentication_AuthenticationMethod_Union{
		oc.UnionString("TACACS-SERVERS"),
		oc.OpenconfigAaaTypes_AAA_METHOD_TYPE_LOCAL,
	}
	u := authn.GetOrCreateUser("ops")
	u.Role = oc.OpenconfigAaaTypes_SYSTEM_DEFINED_ROLES_SYSTEM_ROLE_ADMIN
	u.PasswordHashed = ygot.String("$6$salt$hash")
	u.SshKey = ygot.String("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDummy ops@example")
	sg := aaa.GetOrCreateServerGroup("TACACS-SERVERS")
	sg.Type = oc.OpenconfigAaaTypes_AAA_SERVER_TYPE_TACACS
	srv := sg.GetOrCreateServer("192.0.2.49")
	srv.Name = ygot.String("tac1")
	srv.GetOrCreateTacacs().SecretKeyHashed = ygot.String("0x1234")

	// Interfaces: an access port, a LAG member, a LAG trunk, an SVI.
	e1 := d.GetOrCreateInterface("Ethernet1")
	e1.Type = oc.IETFInterfaces_InterfaceType_ethernetCsmacd
	e1.Description = ygot.String("user port")
	e1.Enabled = ygot.Bool(true)
	e1.Mtu = ygot.Uint16(9214)
	sv := e1.GetOrCreateEthernet().GetOrCreateSwitchedVlan()
	sv.InterfaceMode = oc.OpenconfigVlanTypes_VlanModeType_ACCESS
	sv.AccessVlan = ygot.Uint16(10)

	e2 := d.GetOrCreateInterface("Ethernet2")
	e2.Type = oc.IETFInterfaces_InterfaceType_ethernetCsmacd
	e2.GetOrCreateEthernet().AggregateId = ygot.String("Port-Channel1")

	po := d.GetOrCreateInterface("Port-Channel1")
	po.Type = oc.IETFInterfaces_InterfaceType_ieee8023adLag
	agg := po.GetOrCreateAggregation()
	agg.LagType = oc.OpenconfigIfAggregate_AggregationType_LACP
	tr := agg.GetOrCreateSwitchedVlan()
	tr.InterfaceMode = oc.OpenconfigVlanTypes_VlanModeType_TRUNK
	tr.NativeVlan = ygot.Uint16(1)
	tr.TrunkVlans = []oc.Interface_Aggregation_SwitchedVlan_TrunkVlans_Union{oc.UnionUint16(10), oc.UnionString("20..30")}

	svi := d.GetOrCreateInterface("Vlan10")
	svi.Type = oc.IETFInterfaces_InterfaceType_l3ipvlan
	rv := svi.GetOrCreateRoutedVlan()
	rv.Vlan = oc.UnionUint16(10)
	rv.GetOrCreateIpv4().GetOrCreateAddress("198.51.100.1").PrefixLength = ygot.Uint8(24)

	mgmt := d.GetOrCreateInterface("Management1")
	mgmt.Type = oc.IETFInterfaces_InterfaceType_ethernetCsmacd
	mgmt.GetOrCreateSubinterface(0).GetOrCreateIpv4().GetOrCreateAddress("192.0.2.10").PrefixLength = ygot.Uint8(24)

	// LACP.
	li := d.GetOrCreateLacp().GetOrCreateInterface("Port-Channel1")
	li.LacpMode = oc.OpenconfigLacp_LacpActivityType_ACTIVE
	li.Interval = oc.OpenconfigLacp_LacpPeriodType_FAST

	// Network instances: VLAN in the default instance, static route in a VRF.
	def := d.GetOrCreateNetworkInstance("DEFAULT")
	def.Type = oc.OpenconfigNetworkInstanceTypes_NETWORK_INSTANCE_TYPE_DEFAULT_INSTANCE
	v10 := def.GetOrCreateVlan(10)
	v10.Name = ygot.String("users")
	v10.Status = oc.OpenconfigVlan_Vlan_Status_ACTIVE

	vrf := d.GetOrCreateNetworkInstance("MGMT")
	vrf.Type = oc.OpenconfigNetworkInstanceTypes_NETWORK_INSTANCE_TYPE_L3VRF
	nii := vrf.GetOrCreateInterface("Management1.0")
	nii.Interface = ygot.String("Management1")
	nii.Subinterface = ygot.Uint32(0)
	st := vrf.GetOrCreateProtocol(oc.OpenconfigPolicyTypes_INSTALL_PROTOCOL_TYPE_STATIC, "STATIC").GetOrCreateStatic("0.0.0.0/0")
	nh := st.GetOrCreateNextHop("0")
	nh.NextHop = oc.UnionString("192.0.2.1")
	nh.Metric = ygot.Uint32(1)
	null := st.GetOrCreateNextHop("1")
	null.NextHop = oc.OpenconfigLocalRouting_LOCAL_DEFINED_NEXT_HOP_DROP
	null.Preference = ygot.Uint32(250)

	// Defined sets (object groups) and an IPv4 ACL using them.
	ds := d.GetOrCreateDefinedSets()
	ps := ds.GetOrCreateIpv4PrefixSet("MGMT-NETS")
	ps.Prefix = []string{"10.0.0.0/8", "192.0.2.0/24"}
	ports := ds.GetOrCreatePortSet("SSH-HTTPS")
	ports.Port = []oc.DefinedSets_PortSet_Port_Union{oc.UnionUint16(22), oc.UnionUint16(443)}

	acl := d.GetOrCreateAcl()
	set := acl.GetOrCreateAclSet("MGMT-IN", oc.OpenconfigAcl_ACL_TYPE_ACL_IPV4)
	set.Description = ygot.String("management plane")
	e10 := set.GetOrCreateAclEntry(10)
	ip := e10.GetOrCreateIpv4()
	ip.SourceAddress = ygot.String("10.0.0.0/8")
	ip.Protocol = oc.OpenconfigPacketMatchTypes_IP_PROTOCOL_IP_TCP
	e10.GetOrCreateTransport().DestinationPort = oc.UnionUint16(22)
	e10.GetOrCreateActions().ForwardingAction = oc.OpenconfigAcl_FORWARDING_ACTION_ACCEPT
	e20 := set.GetOrCreateAclEntry(20)
	e20.GetOrCreateIpv4().SourceAddressPrefixSet = ygot.String("MGMT-NETS")
	e20.GetOrCreateIpv4().Protocol = oc.OpenconfigPacketMatchTypes_IP_PROTOCOL_IP_TCP
	e20.GetOrCreateTransport().DestinationPortSet = ygot.String("SSH-HTTPS")
	e20.GetOrCreateActions().ForwardingAction = oc.OpenconfigAcl_FORWARDING_ACTION_ACCEPT
	e30 := set.GetOrCreateAclEntry(30)
	e30.GetOrCreateIpv4().Protocol = oc.UnionUint8(89) // OSPF, by number
	e30.GetOrCreateActions().ForwardingAction = oc.OpenconfigAcl_FORWARDING_ACTION_DROP
	ai := acl.GetOrCreateInterface("Management1")
	ai.GetOrCreateInterfaceRef().Interface = ygot.String("Management1")
	ai.GetOrCreateInterfaceRef().Subinterface = ygot.Uint32(0)
	ai.GetOrCreateIngressAclSet("MGMT-IN", oc.OpenconfigAcl_ACL_TYPE_ACL_IPV4)

	return d
}

func TestValidate(t *testing.T) {
	d := newDevice(t)
	if err := d.Validate(); err != nil {
		t.Fatalf("Validate() on a valid device: %v", err)
	}
}

func TestValidateRejectsInvalidValues(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(d *oc.Device)
	}{{
		name: "access VLAN 5000",
		mutate: func(d *oc.Device) {
			d.GetInterface("Ethernet1").GetEthernet().GetSwitchedVlan().AccessVlan = ygot.Uint16(5000)
		},
	}, {
		name: "network-instance VLAN 5000",
		mutate: func(d *oc.Device) {
			d.GetNetworkInstance("DEFAULT").GetOrCreateVlan(5000)
		},
	}, {
		name: "trunk VLAN range out of bounds",
		mutate: func(d *oc.Device) {
			sv := d.GetInterface("Port-Channel1").GetAggregation().GetSwitchedVlan()
			sv.TrunkVlans = append(sv.TrunkVlans, oc.UnionString("4000..4095"))
		},
	}, {
		name: "hostname not a domain name",
		mutate: func(d *oc.Device) {
			d.GetSystem().Hostname = ygot.String("bad host!")
		},
	}, {
		name: "prefix length 33",
		mutate: func(d *oc.Device) {
			d.GetInterface("Vlan10").GetRoutedVlan().GetIpv4().GetAddress("198.51.100.1").PrefixLength = ygot.Uint8(33)
		},
	}, {
		name: "LAG member refers to a missing interface",
		mutate: func(d *oc.Device) {
			d.GetInterface("Ethernet2").GetEthernet().AggregateId = ygot.String("Port-Channel9")
		},
	}, {
		name: "ACL entry refers to a missing prefix set",
		mutate: func(d *oc.Device) {
			d.GetAcl().GetAclSet("MGMT-IN", oc.OpenconfigAcl_ACL_TYPE_ACL_IPV4).GetAclEntry(20).GetIpv4().SourceAddressPrefixSet = ygot.String("NOPE")
		},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := newDevice(t)
			tc.mutate(d)
			if err := d.Validate(); err == nil {
				t.Fatal("Validate() succeeded, want an error")
			}
		})
	}
}

func emit(t *testing.T, d *oc.Device) string {
	t.Helper()
	js, err := ygot.EmitJSON(d, &ygot.EmitJSONConfig{
		Format:        ygot.RFC7951,
		Indent:        "  ",
		RFC7951Config: &ygot.RFC7951JSONConfig{AppendModuleName: true},
	})
	if err != nil {
		t.Fatalf("EmitJSON: %v", err)
	}
	return js
}

func TestEmitJSONRFC7951(t *testing.T) {
	js := emit(t, newDevice(t))

	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(js), &top); err != nil {
		t.Fatalf("emitted JSON does not parse: %v", err)
	}
	for _, k := range []string{
		"openconfig-acl:acl",
		"openconfig-defined-sets:defined-sets",
		"openconfig-interfaces:interfaces",
		"openconfig-lacp:lacp",
		"openconfig-network-instance:network-instances",
		"openconfig-system:system",
	} {
		if _, ok := top[k]; !ok {
			t.Errorf("top-level key %q missing; have %v", k, keys(top))
		}
	}
	if len(top) != 6 {
		t.Errorf("got %d top-level keys, want 6: %v", len(top), keys(top))
	}

	// Augmented containers carry their own module name, and identityref
	// values are module-qualified.
	for _, want := range []string{
		`"openconfig-if-ethernet:ethernet"`,
		`"openconfig-vlan:switched-vlan"`,
		`"openconfig-if-aggregate:aggregate-id": "Port-Channel1"`,
		`"openconfig-if-aggregate:aggregation"`,
		`"openconfig-vlan:routed-vlan"`,
		`"openconfig-if-ip:ipv4"`,
		`"interface-mode": "ACCESS"`,
		`"access-vlan": 10`,
		`"type": "iana-if-type:ethernetCsmacd"`,
		`"type": "openconfig-network-instance-types:DEFAULT_INSTANCE"`,
		`"identifier": "openconfig-policy-types:STATIC"`,
		`"next-hop": "openconfig-local-routing:DROP"`,
		`"type": "openconfig-acl:ACL_IPV4"`,
		`"protocol": "openconfig-packet-match-types:IP_TCP"`,
		`"forwarding-action": "openconfig-acl:ACCEPT"`,
		`"role": "openconfig-aaa-types:SYSTEM_ROLE_ADMIN"`,
		`"type": "openconfig-aaa:TACACS"`,
		`"severity": "WARNING"`,
		`"hostname": "leaf1"`,
	} {
		if !strings.Contains(js, want) {
			t.Errorf("emitted JSON does not contain %s", want)
		}
	}
}

func TestUnmarshalRoundTrip(t *testing.T) {
	want := newDevice(t)
	js := emit(t, want)

	got := &oc.Device{}
	if err := oc.Unmarshal([]byte(js), got); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if err := got.Validate(); err != nil {
		t.Fatalf("Validate() after round trip: %v", err)
	}
	n, err := ygot.Diff(want, got)
	if err != nil {
		t.Fatalf("Diff: %v", err)
	}
	if len(n.GetUpdate()) != 0 || len(n.GetDelete()) != 0 {
		t.Errorf("round trip differs: %v", n)
	}
	// Ordered-by-user list keeps its order.
	if k := got.GetSystem().GetDns().GetOrCreateServerMap().Keys(); len(k) != 1 || k[0] != "192.0.2.53" {
		t.Errorf("DNS servers after round trip = %v", k)
	}
}

func TestPrunedSubtrees(t *testing.T) {
	for _, name := range []string{
		"Device", "Interface", "Interface_Ethernet_SwitchedVlan",
		"Interface_Aggregation_SwitchedVlan", "NetworkInstance_Vlan",
		"NetworkInstance_Protocol_Static_NextHop", "Acl_AclSet_AclEntry_Ipv4",
		"DefinedSets_PortSet", "Lacp_Interface", "System_Aaa_ServerGroup_Server_Tacacs",
		"System_Logging_RemoteServer_Selector",
	} {
		if _, ok := oc.SchemaTree[name]; !ok {
			t.Errorf("SchemaTree has no %q entry, want one", name)
		}
	}
	for _, name := range []string{
		"NetworkInstance_Protocol_Bgp", "NetworkInstance_Protocol_Isis",
		"NetworkInstance_Protocol_Ospfv2", "NetworkInstance_Mpls",
		"NetworkInstance_Afts", "NetworkInstance_Fdb", "NetworkInstance_Evpn",
		"NetworkInstance_PolicyForwarding", "NetworkInstance_SegmentRouting",
		"NetworkInstance_TableConnection", "NetworkInstance_InterInstancePolicies",
		"Qos", "Component", "RoutingPolicy", "Keychain", "Bfd",
		"System_Alarm", "System_Process", "System_Messages", "System_License",
		"System_Cpu", "System_Memory",
	} {
		if _, ok := oc.SchemaTree[name]; ok {
			t.Errorf("SchemaTree has a %q entry; it should be pruned by switchyard-deviations.yang", name)
		}
	}
	for _, name := range []string{"bgp", "ospfv2", "isis", "pim", "igmp"} {
		if e := oc.SchemaTree["NetworkInstance_Protocol"].Dir[name]; e != nil {
			t.Errorf("NetworkInstance_Protocol schema has child %q", name)
		}
	}

	// Pruned paths are rejected when unmarshalling.
	in := `{"openconfig-network-instance:network-instances": {"network-instance": [{"name": "DEFAULT",
	  "config": {"name": "DEFAULT"},
	  "protocols": {"protocol": [{"identifier": "openconfig-policy-types:BGP", "name": "BGP",
	    "config": {"identifier": "openconfig-policy-types:BGP", "name": "BGP"},
	    "bgp": {"global": {"config": {"as": 65000}}}}]}}]}}`
	if err := oc.Unmarshal([]byte(in), &oc.Device{}); err == nil {
		t.Error("Unmarshal of a BGP subtree succeeded, want an error")
	}
}

// TestYANGModulesComplete checks that namespaces.go knows every module that
// the generated code refers to, so XML encoders can always find a namespace.
func TestYANGModulesComplete(t *testing.T) {
	used := map[string]bool{}
	seen := map[reflect.Type]bool{}
	var walk func(reflect.Type)
	walk = func(rt reflect.Type) {
		for rt.Kind() == reflect.Ptr || rt.Kind() == reflect.Map || rt.Kind() == reflect.Slice {
			rt = rt.Elem()
		}
		if rt.Kind() != reflect.Struct || seen[rt] {
			return
		}
		seen[rt] = true
		for i := 0; i < rt.NumField(); i++ {
			f := rt.Field(i)
			for _, alt := range strings.Split(f.Tag.Get("module"), "|") {
				for _, m := range strings.Split(alt, "/") {
					if m != "" {
						used[m] = true
					}
				}
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeOf(oc.Device{}))
	for _, defs := range oc.ΛEnum {
		for _, d := range defs {
			// Plain enumerations have no DefiningModule: their values
			// are not module-qualified.
			if d.DefiningModule != "" {
				used[d.DefiningModule] = true
			}
		}
	}
	if len(seen) < 50 {
		t.Fatalf("walked only %d struct types; the walker is broken", len(seen))
	}
	for m := range used {
		if _, ok := oc.YANGModules[m]; !ok {
			t.Errorf("module %q is used by the generated code but missing from YANGModules", m)
		}
	}
	for m, info := range oc.YANGModules {
		if !used[m] {
			t.Errorf("YANGModules has %q, which the generated code does not use", m)
		}
		if info.Namespace == "" || info.Prefix == "" {
			t.Errorf("YANGModules[%q] = %+v, want namespace and prefix", m, info)
		}
	}
	if got, want := oc.YANGModules["openconfig-vlan"].Namespace, "http://openconfig.net/yang/vlan"; got != want {
		t.Errorf("openconfig-vlan namespace = %q, want %q", got, want)
	}
}

func TestLeafGettersReturnDefaults(t *testing.T) {
	i := &oc.Interface{Name: ygot.String("Ethernet9")}
	if !i.GetEnabled() {
		t.Error("Interface.GetEnabled() on unset leaf = false, want YANG default true")
	}
	if got := (&oc.Lacp_Interface{}).GetInterval(); got != oc.OpenconfigLacp_LacpPeriodType_SLOW {
		t.Errorf("Lacp_Interface.GetInterval() on unset leaf = %v, want SLOW", got)
	}
}

func keys(m map[string]json.RawMessage) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func TestValidateStructure(t *testing.T) {
	d := &oc.Device{}
	d.GetOrCreateSystem().Hostname = ygot.String("sw1")
	d.GetOrCreateInterface("GigabitEthernet1/0/1").GetOrCreateEthernet().GetOrCreateSwitchedVlan().AccessVlan = ygot.Uint16(20)
	d.GetOrCreateNetworkInstance("default").GetOrCreateVlan(20).Name = ygot.String("USERS")
	if err := oc.ValidateStructure(d); err != nil {
		t.Fatalf("valid tree: %v", err)
	}
	d.GetOrCreateNetworkInstance("default").GetOrCreateVlan(5000)
	if err := oc.ValidateStructure(d); err == nil {
		t.Error("VLAN 5000 passed ValidateStructure")
	}
	if err := oc.ValidateStructure(nil); err != nil {
		t.Errorf("nil device: %v", err)
	}
}
