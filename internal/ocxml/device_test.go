package ocxml_test

import (
	"fmt"
	"testing"

	"github.com/openconfig/ygot/ygot"

	oc "github.com/switchyard/switchyard/models/openconfig"
)

// richDevice builds a configuration that sets every kind of leaf switchyard
// manages. It is valid (Validate passes).
func richDevice(t testing.TB) *oc.Device {
	t.Helper()
	d := &oc.Device{}
	addSystem(t, d)
	addInterfaces(d)
	addNetworkInstances(d)
	addACLs(d)
	li := d.GetOrCreateLacp().GetOrCreateInterface("Port-Channel1")
	li.LacpMode = oc.OpenconfigLacp_LacpActivityType_ACTIVE
	li.Interval = oc.OpenconfigLacp_LacpPeriodType_FAST
	d.GetLacp().SystemPriority = ygot.Uint16(100)
	if err := d.Validate(); err != nil {
		t.Fatalf("richDevice is invalid: %v", err)
	}
	return d
}

func addSystem(t testing.TB, d *oc.Device) {
	t.Helper()
	sys := d.GetOrCreateSystem()
	sys.Hostname = ygot.String("leaf1")
	sys.DomainName = ygot.String("example.net")
	sys.LoginBanner = ygot.String("authorised access only <&> \"quoted\"")
	sys.MotdBanner = ygot.String("maintenance window: Sunday 02:00")
	sys.GetOrCreateClock().TimezoneName = ygot.String("Europe/London")
	sys.GetOrCreateSshServer().Enable = ygot.Bool(true)
	sys.GetSshServer().Timeout = ygot.Uint16(300)
	dns := sys.GetOrCreateDns()
	dns.Search = []string{"example.net", "corp.example.net"}
	for _, a := range []string{"192.0.2.53", "192.0.2.54", "192.0.2.1"} { // ordered by user
		if _, err := dns.AppendNewServer(a); err != nil {
			t.Fatalf("AppendNewServer: %v", err)
		}
	}
	ntp := sys.GetOrCreateNtp()
	ntp.Enabled = ygot.Bool(true)
	ns := ntp.GetOrCreateServer("192.0.2.123")
	ns.Iburst = ygot.Bool(true)
	ns.Prefer = ygot.Bool(false)
	ns.SourceAddress = ygot.String("192.0.2.10")
	rs := sys.GetOrCreateLogging().GetOrCreateRemoteServer("192.0.2.214")
	rs.RemotePort = ygot.Uint16(514)
	rs.GetOrCreateSelector(oc.OpenconfigSystemLogging_SYSLOG_FACILITY_ALL, oc.OpenconfigSystemLogging_SyslogSeverity_WARNING)
	rs.GetOrCreateSelector(oc.OpenconfigSystemLogging_SYSLOG_FACILITY_LOCAL7, oc.OpenconfigSystemLogging_SyslogSeverity_DEBUG)
	sys.GetLogging().GetOrCreateConsole().GetOrCreateSelector(oc.OpenconfigSystemLogging_SYSLOG_FACILITY_ALL, oc.OpenconfigSystemLogging_SyslogSeverity_CRITICAL)
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
	ro := authn.GetOrCreateUser("viewer")
	ro.Role = oc.UnionString("network-viewer")
	ro.PasswordHashed = ygot.String("$6$x$y")
	sg := aaa.GetOrCreateServerGroup("TACACS-SERVERS")
	sg.Type = oc.OpenconfigAaaTypes_AAA_SERVER_TYPE_TACACS
	srv := sg.GetOrCreateServer("192.0.2.49")
	srv.Name = ygot.String("tac1")
	srv.Timeout = ygot.Uint16(5)
	srv.GetOrCreateTacacs().SecretKeyHashed = ygot.String("0x1234")
	srv.GetTacacs().Port = ygot.Uint16(49)
}

func addInterfaces(d *oc.Device) {
	e1 := d.GetOrCreateInterface("Ethernet1")
	e1.Type = oc.IETFInterfaces_InterfaceType_ethernetCsmacd
	e1.Description = ygot.String("user port")
	e1.Enabled = ygot.Bool(true)
	e1.Mtu = ygot.Uint16(9214)
	eth := e1.GetOrCreateEthernet()
	eth.AutoNegotiate = ygot.Bool(false)
	eth.PortSpeed = oc.OpenconfigIfEthernet_ETHERNET_SPEED_SPEED_1GB
	eth.DuplexMode = oc.OpenconfigIfEthernet_Ethernet_DuplexMode_FULL
	sv := eth.GetOrCreateSwitchedVlan()
	sv.InterfaceMode = oc.OpenconfigVlanTypes_VlanModeType_ACCESS
	sv.AccessVlan = ygot.Uint16(10)

	e3 := d.GetOrCreateInterface("Ethernet3")
	e3.Type = oc.IETFInterfaces_InterfaceType_ethernetCsmacd
	e3.Enabled = ygot.Bool(false)
	tr3 := e3.GetOrCreateEthernet().GetOrCreateSwitchedVlan()
	tr3.InterfaceMode = oc.OpenconfigVlanTypes_VlanModeType_TRUNK
	tr3.NativeVlan = ygot.Uint16(99)
	tr3.TrunkVlans = []oc.Interface_Ethernet_SwitchedVlan_TrunkVlans_Union{
		oc.UnionUint16(10), oc.UnionString("100..199"), oc.UnionUint16(4094)}

	e2 := d.GetOrCreateInterface("Ethernet2")
	e2.Type = oc.IETFInterfaces_InterfaceType_ethernetCsmacd
	e2.GetOrCreateEthernet().AggregateId = ygot.String("Port-Channel1")

	po := d.GetOrCreateInterface("Port-Channel1")
	po.Type = oc.IETFInterfaces_InterfaceType_ieee8023adLag
	agg := po.GetOrCreateAggregation()
	agg.LagType = oc.OpenconfigIfAggregate_AggregationType_LACP
	agg.MinLinks = ygot.Uint16(1)
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
	sub := mgmt.GetOrCreateSubinterface(0)
	sub.Description = ygot.String("oob")
	ip4 := sub.GetOrCreateIpv4()
	ip4.GetOrCreateAddress("192.0.2.10").PrefixLength = ygot.Uint8(24)
	ip4.GetOrCreateAddress("192.0.2.11").PrefixLength = ygot.Uint8(32)
	ip4.Mtu = ygot.Uint16(1500)
	sub100 := mgmt.GetOrCreateSubinterface(100)
	sub100.GetOrCreateIpv4().Enabled = ygot.Bool(true)
}

func addNetworkInstances(d *oc.Device) {
	def := d.GetOrCreateNetworkInstance("DEFAULT")
	def.Type = oc.OpenconfigNetworkInstanceTypes_NETWORK_INSTANCE_TYPE_DEFAULT_INSTANCE
	v10 := def.GetOrCreateVlan(10)
	v10.Name = ygot.String("users")
	v10.Status = oc.OpenconfigVlan_Vlan_Status_ACTIVE
	def.GetOrCreateVlan(99).Name = ygot.String("native")
	def.GetOrCreateVlan(2).Status = oc.OpenconfigVlan_Vlan_Status_SUSPENDED
	st := def.GetOrCreateProtocol(oc.OpenconfigPolicyTypes_INSTALL_PROTOCOL_TYPE_STATIC, "STATIC").GetOrCreateStatic("10.0.0.0/8")
	st.GetOrCreateNextHop("0").NextHop = oc.UnionString("198.51.100.254")

	vrf := d.GetOrCreateNetworkInstance("MGMT")
	vrf.Type = oc.OpenconfigNetworkInstanceTypes_NETWORK_INSTANCE_TYPE_L3VRF
	vrf.Description = ygot.String("management VRF")
	nii := vrf.GetOrCreateInterface("Management1.0")
	nii.Interface = ygot.String("Management1")
	nii.Subinterface = ygot.Uint32(0)
	st = vrf.GetOrCreateProtocol(oc.OpenconfigPolicyTypes_INSTALL_PROTOCOL_TYPE_STATIC, "STATIC").GetOrCreateStatic("0.0.0.0/0")
	nh := st.GetOrCreateNextHop("0")
	nh.NextHop = oc.UnionString("192.0.2.1")
	nh.Metric = ygot.Uint32(1)
	null := st.GetOrCreateNextHop("1")
	null.NextHop = oc.OpenconfigLocalRouting_LOCAL_DEFINED_NEXT_HOP_DROP
	null.Preference = ygot.Uint32(250)
}

func addACLs(d *oc.Device) {
	ds := d.GetOrCreateDefinedSets()
	ps := ds.GetOrCreateIpv4PrefixSet("MGMT-NETS")
	ps.Prefix = []string{"10.0.0.0/8", "192.0.2.0/24"}
	ps.Description = ygot.String("management networks")
	ports := ds.GetOrCreatePortSet("SSH-HTTPS")
	ports.Port = []oc.DefinedSets_PortSet_Port_Union{oc.UnionUint16(22), oc.UnionUint16(443), oc.UnionString("8000..8080")}

	acl := d.GetOrCreateAcl()
	set := acl.GetOrCreateAclSet("MGMT-IN", oc.OpenconfigAcl_ACL_TYPE_ACL_IPV4)
	set.Description = ygot.String("management plane")
	e10 := set.GetOrCreateAclEntry(10)
	e10.Description = ygot.String("ssh from mgmt")
	ip := e10.GetOrCreateIpv4()
	ip.SourceAddress = ygot.String("10.0.0.0/8")
	ip.DestinationAddress = ygot.String("192.0.2.10/32")
	ip.Protocol = oc.OpenconfigPacketMatchTypes_IP_PROTOCOL_IP_TCP
	tp := e10.GetOrCreateTransport()
	tp.DestinationPort = oc.UnionUint16(22)
	tp.SourcePort = oc.UnionString("1024..65535")
	e10.GetOrCreateActions().ForwardingAction = oc.OpenconfigAcl_FORWARDING_ACTION_ACCEPT
	e10.GetActions().LogAction = oc.OpenconfigAcl_LOG_ACTION_LOG_SYSLOG
	e20 := set.GetOrCreateAclEntry(20)
	e20.GetOrCreateIpv4().SourceAddressPrefixSet = ygot.String("MGMT-NETS")
	e20.GetOrCreateIpv4().Protocol = oc.OpenconfigPacketMatchTypes_IP_PROTOCOL_IP_TCP
	e20.GetOrCreateTransport().DestinationPortSet = ygot.String("SSH-HTTPS")
	e20.GetOrCreateActions().ForwardingAction = oc.OpenconfigAcl_FORWARDING_ACTION_ACCEPT
	e30 := set.GetOrCreateAclEntry(30)
	e30.GetOrCreateIpv4().Protocol = oc.UnionUint8(89) // OSPF, by number
	e30.GetOrCreateTransport().DestinationPort = oc.OpenconfigPacketMatchTypes_PortNumRange_Enum_ANY
	e30.GetOrCreateActions().ForwardingAction = oc.OpenconfigAcl_FORWARDING_ACTION_DROP
	out := acl.GetOrCreateAclSet("MGMT-OUT", oc.OpenconfigAcl_ACL_TYPE_ACL_IPV4)
	out.GetOrCreateAclEntry(10).GetOrCreateActions().ForwardingAction = oc.OpenconfigAcl_FORWARDING_ACTION_ACCEPT

	ai := acl.GetOrCreateInterface("Management1")
	ai.GetOrCreateInterfaceRef().Interface = ygot.String("Management1")
	ai.GetOrCreateInterfaceRef().Subinterface = ygot.Uint32(0)
	ai.GetOrCreateIngressAclSet("MGMT-IN", oc.OpenconfigAcl_ACL_TYPE_ACL_IPV4)
	ai.GetOrCreateEgressAclSet("MGMT-OUT", oc.OpenconfigAcl_ACL_TYPE_ACL_IPV4)
}

// switch48 builds a 48-port access switch: 48 access or trunk ports, two
// uplinks in a LAG, 64 VLANs with SVIs for some, and a management ACL.
func switch48(t testing.TB) *oc.Device {
	t.Helper()
	d := richDevice(t)
	def := d.GetOrCreateNetworkInstance("DEFAULT")
	for v := uint16(100); v < 164; v++ {
		def.GetOrCreateVlan(v).Name = ygot.String(fmt.Sprintf("vlan%d", v))
	}
	for p := 1; p <= 48; p++ {
		i := d.GetOrCreateInterface(fmt.Sprintf("GigabitEthernet1/0/%d", p))
		i.Type = oc.IETFInterfaces_InterfaceType_ethernetCsmacd
		i.Description = ygot.String(fmt.Sprintf("desk %d", p))
		i.Enabled = ygot.Bool(true)
		sv := i.GetOrCreateEthernet().GetOrCreateSwitchedVlan()
		if p%8 == 0 {
			sv.InterfaceMode = oc.OpenconfigVlanTypes_VlanModeType_TRUNK
			sv.TrunkVlans = []oc.Interface_Ethernet_SwitchedVlan_TrunkVlans_Union{oc.UnionString("100..163")}
			continue
		}
		sv.InterfaceMode = oc.OpenconfigVlanTypes_VlanModeType_ACCESS
		sv.AccessVlan = ygot.Uint16(uint16(100 + p))
	}
	for v := uint16(100); v < 116; v++ {
		svi := d.GetOrCreateInterface(fmt.Sprintf("Vlan%d", v))
		svi.Type = oc.IETFInterfaces_InterfaceType_l3ipvlan
		svi.GetOrCreateRoutedVlan().GetOrCreateIpv4().GetOrCreateAddress(fmt.Sprintf("10.%d.0.1", v)).PrefixLength = ygot.Uint8(24)
	}
	return d
}
