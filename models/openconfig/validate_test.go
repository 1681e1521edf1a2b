package openconfig

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/openconfig/ygot/util"
	"github.com/openconfig/ygot/ygot"
	"github.com/openconfig/ygot/ytypes"
)

// referenceValidateStructure is the previous ValidateStructure: ytypes.Validate
// on each top-level subtree. ValidateStructure must fail exactly when it does.
func referenceValidateStructure(d *Device) error {
	if d == nil {
		return nil
	}
	v := reflect.ValueOf(d).Elem()
	var errs util.Errors
	for i := range v.NumField() {
		f := v.Field(i)
		if f.IsZero() {
			continue
		}
		t := f.Type()
		if t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		schema, ok := SchemaTree[t.Name()]
		if !ok {
			return fmt.Errorf("validate %s: no schema for %s", v.Type().Field(i).Name, t.Name())
		}
		errs = util.AppendErrs(errs, ytypes.Validate(schema, f.Interface()))
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// smallDevice is the tree of the original TestValidateStructure.
func smallDevice() *Device {
	d := &Device{}
	d.GetOrCreateSystem().Hostname = ygot.String("sw1")
	d.GetOrCreateInterface("GigabitEthernet1/0/1").GetOrCreateEthernet().GetOrCreateSwitchedVlan().AccessVlan = ygot.Uint16(20)
	d.GetOrCreateNetworkInstance("default").GetOrCreateVlan(20).Name = ygot.String("USERS")
	return d
}

func TestValidateStructureCases(t *testing.T) {
	tests := []struct {
		name    string
		device  func() *Device
		wantErr bool
	}{
		{"nil device", func() *Device { return nil }, false},
		{"empty device", func() *Device { return &Device{} }, false},
		{"small valid tree", smallDevice, false},
		{"access switch", func() *Device { return accessSwitch(48, 50) }, false},
		{"network-instance VLAN 5000", func() *Device {
			d := smallDevice()
			d.GetOrCreateNetworkInstance("default").GetOrCreateVlan(5000)
			return d
		}, true},
		{"access VLAN 5000", func() *Device {
			d := smallDevice()
			d.GetInterface("GigabitEthernet1/0/1").GetEthernet().GetSwitchedVlan().AccessVlan = ygot.Uint16(5000)
			return d
		}, true},
		{"trunk VLAN range out of bounds", func() *Device {
			d := smallDevice()
			sv := d.GetInterface("GigabitEthernet1/0/1").GetEthernet().GetSwitchedVlan()
			sv.TrunkVlans = []Interface_Ethernet_SwitchedVlan_TrunkVlans_Union{UnionUint16(10), UnionString("4000..4095")}
			return d
		}, true},
		{"trunk VLAN member 0", func() *Device {
			d := smallDevice()
			sv := d.GetInterface("GigabitEthernet1/0/1").GetEthernet().GetSwitchedVlan()
			sv.TrunkVlans = []Interface_Ethernet_SwitchedVlan_TrunkVlans_Union{UnionUint16(0)}
			return d
		}, true},
		{"hostname not a domain name", func() *Device {
			d := smallDevice()
			d.GetSystem().Hostname = ygot.String("bad host!")
			return d
		}, true},
		{"hostname longer than 253 characters", func() *Device {
			d := smallDevice()
			d.GetSystem().Hostname = ygot.String(strings.Repeat("a.", 127) + "a")
			return d
		}, true},
		{"hostname of 253 characters", func() *Device {
			d := smallDevice()
			d.GetSystem().Hostname = ygot.String(strings.Repeat("a.", 126) + "a")
			return d
		}, false},
		{"NTP server name longer than 253 characters", func() *Device {
			d := smallDevice()
			d.GetSystem().GetOrCreateNtp().GetOrCreateServer(strings.Repeat("a.", 127) + "a")
			return d
		}, true},
		{"prefix length 33", func() *Device {
			d := smallDevice()
			d.GetOrCreateInterface("Vlan20").GetOrCreateRoutedVlan().GetOrCreateIpv4().GetOrCreateAddress("198.51.100.1").PrefixLength = ygot.Uint8(33)
			return d
		}, true},
		{"bad IPv4 address as list key", func() *Device {
			d := smallDevice()
			d.GetOrCreateInterface("Vlan20").GetOrCreateRoutedVlan().GetOrCreateIpv4().GetOrCreateAddress("198.51.100.300").PrefixLength = ygot.Uint8(24)
			return d
		}, true},
		{"map key differs from entry key", func() *Device {
			d := smallDevice()
			d.Interface["GigabitEthernet1/0/2"] = &Interface{Name: ygot.String("GigabitEthernet1/0/3")}
			return d
		}, true},
		{"multi-key entry differs from map key", func() *Device {
			d := smallDevice()
			set := d.GetOrCreateAcl().GetOrCreateAclSet("IN", OpenconfigAcl_ACL_TYPE_ACL_IPV4)
			set.Type = OpenconfigAcl_ACL_TYPE_ACL_IPV6
			return d
		}, true},
		{"union leaf string matching no member pattern", func() *Device {
			d := smallDevice()
			e := d.GetOrCreateAcl().GetOrCreateAclSet("IN", OpenconfigAcl_ACL_TYPE_ACL_IPV4).GetOrCreateAclEntry(10)
			e.GetOrCreateTransport().DestinationPort = UnionString("http")
			return d
		}, true},
		{"union leaf uint16 out of the member range", func() *Device {
			d := smallDevice()
			d.GetInterface("GigabitEthernet1/0/1").GetOrCreateSubinterface(1).GetOrCreateVlan().VlanId = UnionUint16(4095)
			return d
		}, true},
		{"leafref to a missing interface passes", func() *Device {
			d := smallDevice()
			d.GetInterface("GigabitEthernet1/0/1").GetEthernet().AggregateId = ygot.String("Port-Channel9")
			return d
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := tc.device()
			want := referenceValidateStructure(d)
			if (want != nil) != tc.wantErr {
				t.Fatalf("reference: got %v, want error %t", want, tc.wantErr)
			}
			got := ValidateStructure(d)
			if (got != nil) != tc.wantErr {
				t.Errorf("ValidateStructure() = %v, want error %t", got, tc.wantErr)
			}
		})
	}
}

// TestValidateStructureAgreesWithYtypes checks that ValidateStructure fails
// exactly when ytypes.Validate on the top-level subtrees fails, on random
// trees (many invalid values at once) and on valid trees with one leaf or
// one list key changed at a time.
func TestValidateStructureAgreesWithYtypes(t *testing.T) {
	cands := unionCandidates()
	var pass, fail int
	check := func(d *Device, what string) {
		t.Helper()
		want, got := referenceValidateStructure(d), ValidateStructure(d)
		if (want == nil) != (got == nil) {
			t.Fatalf("%s: ValidateStructure() = %v, ytypes.Validate = %v", what, got, want)
		}
		if want == nil {
			pass++
		} else {
			fail++
		}
	}
	trees, mutations := 150, 150
	if testing.Short() {
		trees, mutations = 30, 50
	}
	for seed := range uint64(trees) {
		f := &filler{r: rand.New(rand.NewPCG(seed, 1))}
		d := &Device{}
		f.fillStruct(reflect.ValueOf(d).Elem(), SchemaTree["Device"], 8, cands)
		check(d, fmt.Sprintf("random tree %d", seed))
	}
	for seed := range uint64(trees / 3) {
		f := &filler{r: rand.New(rand.NewPCG(seed, 2)), validOnly: true}
		d := &Device{}
		f.fillStruct(reflect.ValueOf(d).Elem(), SchemaTree["Device"], 8, cands)
		if err := referenceValidateStructure(d); err != nil {
			t.Fatalf("valid tree %d: ytypes.Validate: %v", seed, err)
		}
		check(d, fmt.Sprintf("valid tree %d", seed))
		mut := &filler{r: f.r}
		for i := range mutations {
			var target reflect.Value
			if i%4 == 3 && len(f.entries) > 0 {
				target = f.entries[f.r.IntN(len(f.entries))].key
			} else if len(f.slots) > 0 {
				target = f.slots[f.r.IntN(len(f.slots))].v
			} else {
				break
			}
			old := reflect.New(target.Type()).Elem()
			old.Set(target)
			if nv := mut.leafValue(target.Type(), cands); nv.IsValid() {
				target.Set(nv)
			}
			check(d, fmt.Sprintf("valid tree %d, mutation %d (%v -> %v)", seed, i, old, target))
			target.Set(old)
		}
	}
	t.Logf("%d trees valid, %d invalid", pass, fail)
	if pass < 10*fail/100 || fail < 10*pass/100 {
		t.Errorf("unbalanced corpus: %d valid, %d invalid", pass, fail)
	}
}

// accessSwitch builds a realistic access switch: ports access ports in
// VLANs, two trunk uplinks, VLANs and SVIs, an ACL with aclEntries entries,
// users, NTP, DNS and logging.
func accessSwitch(ports, aclEntries int) *Device {
	d := &Device{}
	sys := d.GetOrCreateSystem()
	sys.Hostname = ygot.String("acc-sw-01")
	sys.DomainName = ygot.String("campus.example.net")
	sys.LoginBanner = ygot.String("authorised access only")
	sys.GetOrCreateClock().TimezoneName = ygot.String("Europe/London")
	dns := sys.GetOrCreateDns()
	dns.Search = []string{"campus.example.net", "example.net"}
	for _, a := range []string{"192.0.2.53", "192.0.2.54"} {
		if _, err := dns.AppendNewServer(a); err != nil {
			panic(err)
		}
	}
	ntp := sys.GetOrCreateNtp()
	ntp.Enabled = ygot.Bool(true)
	for _, a := range []string{"192.0.2.123", "192.0.2.124"} {
		s := ntp.GetOrCreateServer(a)
		s.Iburst = ygot.Bool(true)
		s.Prefer = ygot.Bool(a == "192.0.2.123")
	}
	for _, a := range []string{"192.0.2.514", "198.51.100.514"} {
		rs := sys.GetOrCreateLogging().GetOrCreateRemoteServer(a)
		rs.RemotePort = ygot.Uint16(514)
		rs.SourceAddress = ygot.String("192.0.2.10")
		rs.GetOrCreateSelector(OpenconfigSystemLogging_SYSLOG_FACILITY_ALL, OpenconfigSystemLogging_SyslogSeverity_INFORMATIONAL)
	}
	authn := sys.GetOrCreateAaa().GetOrCreateAuthentication()
	authn.AuthenticationMethod = []System_Aaa_Authentication_AuthenticationMethod_Union{
		UnionString("TACACS"), OpenconfigAaaTypes_AAA_METHOD_TYPE_LOCAL,
	}
	for _, name := range []string{"admin", "ops", "readonly"} {
		u := authn.GetOrCreateUser(name)
		u.Role = OpenconfigAaaTypes_SYSTEM_DEFINED_ROLES_SYSTEM_ROLE_ADMIN
		u.PasswordHashed = ygot.String("$6$salt$hash")
		u.SshKey = ygot.String("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDummy " + name)
	}

	def := d.GetOrCreateNetworkInstance("default")
	def.Type = OpenconfigNetworkInstanceTypes_NETWORK_INSTANCE_TYPE_DEFAULT_INSTANCE
	for id := uint16(10); id <= 40; id += 10 {
		v := def.GetOrCreateVlan(id)
		v.Name = ygot.String(fmt.Sprintf("VLAN%d", id))
		v.Status = OpenconfigVlan_Vlan_Status_ACTIVE
		svi := d.GetOrCreateInterface(fmt.Sprintf("Vlan%d", id))
		svi.Type = IETFInterfaces_InterfaceType_l3ipvlan
		svi.Enabled = ygot.Bool(true)
		rv := svi.GetOrCreateRoutedVlan()
		rv.Vlan = UnionUint16(id)
		rv.GetOrCreateIpv4().GetOrCreateAddress(fmt.Sprintf("10.%d.0.1", id)).PrefixLength = ygot.Uint8(24)
	}
	for i := 1; i <= ports; i++ {
		p := d.GetOrCreateInterface(fmt.Sprintf("GigabitEthernet1/0/%d", i))
		p.Type = IETFInterfaces_InterfaceType_ethernetCsmacd
		p.Description = ygot.String(fmt.Sprintf("user port %d", i))
		p.Enabled = ygot.Bool(true)
		p.Mtu = ygot.Uint16(1500)
		sv := p.GetOrCreateEthernet().GetOrCreateSwitchedVlan()
		sv.InterfaceMode = OpenconfigVlanTypes_VlanModeType_ACCESS
		sv.AccessVlan = ygot.Uint16(uint16(10 + 10*(i%4)))
	}
	for i := 1; i <= 2; i++ {
		p := d.GetOrCreateInterface(fmt.Sprintf("TenGigabitEthernet1/1/%d", i))
		p.Type = IETFInterfaces_InterfaceType_ethernetCsmacd
		p.Description = ygot.String("uplink")
		p.Mtu = ygot.Uint16(9214)
		sv := p.GetOrCreateEthernet().GetOrCreateSwitchedVlan()
		sv.InterfaceMode = OpenconfigVlanTypes_VlanModeType_TRUNK
		sv.NativeVlan = ygot.Uint16(1)
		sv.TrunkVlans = []Interface_Ethernet_SwitchedVlan_TrunkVlans_Union{UnionUint16(10), UnionString("20..40")}
	}

	set := d.GetOrCreateAcl().GetOrCreateAclSet("USERS-IN", OpenconfigAcl_ACL_TYPE_ACL_IPV4)
	set.Description = ygot.String("user ingress")
	for i := 1; i <= aclEntries; i++ {
		e := set.GetOrCreateAclEntry(uint32(10 * i))
		e.Description = ygot.String(fmt.Sprintf("rule %d", i))
		ip := e.GetOrCreateIpv4()
		ip.SourceAddress = ygot.String(fmt.Sprintf("10.%d.0.0/16", i%250))
		ip.DestinationAddress = ygot.String("192.0.2.0/24")
		ip.Protocol = OpenconfigPacketMatchTypes_IP_PROTOCOL_IP_TCP
		e.GetOrCreateTransport().DestinationPort = UnionUint16(uint16(1000 + i))
		e.GetOrCreateActions().ForwardingAction = OpenconfigAcl_FORWARDING_ACTION_ACCEPT
	}
	ai := d.GetOrCreateAcl().GetOrCreateInterface("Vlan10")
	ai.GetOrCreateInterfaceRef().Interface = ygot.String("Vlan10")
	ai.GetOrCreateIngressAclSet("USERS-IN", OpenconfigAcl_ACL_TYPE_ACL_IPV4)
	return d
}

func BenchmarkValidateStructure(b *testing.B) {
	d := accessSwitch(48, 50)
	for _, bc := range []struct {
		name string
		fn   func(*Device) error
	}{
		{"ytypes", referenceValidateStructure},
		{"plan", ValidateStructure},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := bc.fn(d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
