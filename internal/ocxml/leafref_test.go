package ocxml

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openconfig/ygot/util"
	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/models/openconfig"
)

func errorStrings(err error) []string {
	if err == nil {
		return nil
	}
	var out []string
	if errs, ok := err.(util.Errors); ok {
		for _, e := range errs {
			out = append(out, e.Error())
		}
	} else {
		out = append(out, err.Error())
	}
	slices.Sort(out)
	return out
}

// refDevice has a leafref of every shape the model uses, all satisfied:
// absolute, absolute with a current() predicate, relative out of a list,
// relative with a predicate, and list keys referring to their config leaf.
func refDevice() *openconfig.Device {
	d := &openconfig.Device{}
	d.GetOrCreateInterface("Port-Channel1").Type = openconfig.IETFInterfaces_InterfaceType_ieee8023adLag
	e1 := d.GetOrCreateInterface("Ethernet1")
	e1.GetOrCreateEthernet().AggregateId = ygot.String("Port-Channel1")
	e1.GetOrCreateSubinterface(0)
	acl := d.GetOrCreateAcl()
	set := acl.GetOrCreateAclSet("MGMT", openconfig.OpenconfigAcl_ACL_TYPE_ACL_IPV4)
	ent := set.GetOrCreateAclEntry(10)
	ent.GetOrCreateIpv4().SourceAddressPrefixSet = ygot.String("NETS")
	ref := ent.GetOrCreateInputInterface().GetOrCreateInterfaceRef()
	ref.Interface, ref.Subinterface = ygot.String("Ethernet1"), ygot.Uint32(0)
	d.GetOrCreateDefinedSets().GetOrCreateIpv4PrefixSet("NETS")
	ai := acl.GetOrCreateInterface("Ethernet1")
	ai.GetOrCreateIngressAclSet("MGMT", openconfig.OpenconfigAcl_ACL_TYPE_ACL_IPV4)
	ntp := d.GetOrCreateSystem().GetOrCreateNtp()
	ntp.GetOrCreateNtpKey(7)
	ntp.GetOrCreateServer("192.0.2.1").KeyId = ygot.Uint16(7)
	d.GetOrCreateNetworkInstance("default").GetOrCreateInterface("Ethernet1").Interface = ygot.String("Ethernet1")
	return d
}

// TestValidateDeviceAgreesWithYgot checks that ValidateDevice returns
// exactly the errors of ygot's Device.Validate: on a device with every
// leafref shape satisfied, with each of them broken, and on random devices
// over the whole schema (whose references mostly dangle).
func TestValidateDeviceAgreesWithYgot(t *testing.T) {
	if leafrefPlans() == nil {
		t.Fatal("leafref plans are not supported for the model: ValidateDevice falls back to ygot's walk")
	}
	breaks := map[string]func(d *openconfig.Device){
		"valid": func(*openconfig.Device) {},
		"aggregate-id": func(d *openconfig.Device) {
			d.GetInterface("Ethernet1").GetEthernet().AggregateId = ygot.String("Port-Channel9")
		},
		"prefix set":   func(d *openconfig.Device) { delete(d.GetDefinedSets().Ipv4PrefixSet, "NETS") },
		"subinterface": func(d *openconfig.Device) { delete(d.GetInterface("Ethernet1").Subinterface, 0) },
		"ingress acl set": func(d *openconfig.Device) {
			d.GetAcl().GetInterface("Ethernet1").GetOrCreateIngressAclSet("NOPE", openconfig.OpenconfigAcl_ACL_TYPE_ACL_IPV6)
		},
		"ntp key":               func(d *openconfig.Device) { delete(d.GetSystem().GetNtp().NtpKey, 7) },
		"network instance intf": func(d *openconfig.Device) { delete(d.Interface, "Ethernet1") },
		"structural and ref": func(d *openconfig.Device) {
			d.GetOrCreateSystem().Hostname = ygot.String("bad host!")
			d.GetInterface("Ethernet1").GetEthernet().AggregateId = ygot.String("Port-Channel9")
		},
	}
	for name, brk := range breaks {
		t.Run(name, func(t *testing.T) {
			d := refDevice()
			brk(d)
			want, got := errorStrings(d.Validate()), errorStrings(ValidateDevice(d))
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ValidateDevice errors (-ygot +fast):\n%s", diff)
			}
			if (name == "valid") != (got == nil) {
				t.Errorf("errors = %v", got)
			}
		})
	}
	m, err := compiled()
	if err != nil {
		t.Fatal(err)
	}
	for seed := range uint64(30) {
		g := &filler{m: m, r: rand.New(rand.NewPCG(seed, 0x1f))}
		d := &openconfig.Device{}
		g.fillStruct(m.root, reflect.ValueOf(d).Elem())
		want, got := errorStrings(d.Validate()), errorStrings(ValidateDevice(d))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("seed %d: ValidateDevice errors (-ygot +fast):\n%s", seed, diff)
		}
	}
}

func BenchmarkValidateDevice(b *testing.B) {
	d := refDevice()
	for i := range 48 {
		d.GetOrCreateInterface("Ethernet1/" + string(rune('0'+i%10)) + string(rune('a'+i/10))).GetOrCreateSubinterface(0)
	}
	b.Run("ygot", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = d.Validate()
		}
	})
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = ValidateDevice(d)
		}
	})
}
