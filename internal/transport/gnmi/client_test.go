package gnmi_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"github.com/openconfig/ygot/ygot"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/switchyard/switchyard/internal/transport/gnmi"
	oc "github.com/switchyard/switchyard/models/openconfig"
)

func TestCapabilities(t *testing.T) {
	e := startTarget(t)
	c := e.dial(t)
	caps, err := c.Capabilities(t.Context())
	if err != nil {
		t.Fatalf("Capabilities: %v", err)
	}
	if !slices.Contains(caps.GetSupportedEncodings(), gpb.Encoding_JSON_IETF) {
		t.Errorf("encodings = %v, want JSON_IETF", caps.GetSupportedEncodings())
	}
	var names []string
	for _, m := range caps.GetSupportedModels() {
		names = append(names, m.GetName())
	}
	for _, want := range []string{"openconfig-interfaces", "openconfig-vlan", "openconfig-system", "openconfig-acl"} {
		if !slices.Contains(names, want) {
			t.Errorf("models %v lack %s", names, want)
		}
	}
}

func TestGet(t *testing.T) {
	e := startTarget(t)
	c := e.dial(t)
	base := baseDevice(t)

	only := func(mutate func(d *oc.Device)) *oc.Device {
		d := &oc.Device{}
		mutate(d)
		return d
	}
	tests := []struct {
		name  string
		paths []string
		want  *oc.Device
	}{{
		name: "whole tree",
		want: base,
	}, {
		name:  "list entry",
		paths: []string{"/interfaces/interface[name=Ethernet1/1]"},
		want: only(func(d *oc.Device) {
			*d.GetOrCreateInterface("Ethernet1/1") = *base.GetInterface("Ethernet1/1")
		}),
	}, {
		name:  "leaf and a container removed by path compression",
		paths: []string{"/system/config/hostname", "/interfaces/interface[name=Ethernet1/2]/config"},
		want: only(func(d *oc.Device) {
			d.GetOrCreateSystem().Hostname = ygot.String("leaf1")
			e2 := d.GetOrCreateInterface("Ethernet1/2")
			e2.Type = oc.IETFInterfaces_InterfaceType_ethernetCsmacd
		}),
	}, {
		name:  "whole list with origin",
		paths: []string{"openconfig:/network-instances/network-instance"},
		want: only(func(d *oc.Device) {
			*d.GetOrCreateNetworkInstance("DEFAULT") = *base.GetNetworkInstance("DEFAULT")
		}),
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.Get(t.Context(), tc.paths...)
			if err != nil {
				t.Fatalf("Get(%v): %v", tc.paths, err)
			}
			assertSame(t, tc.want, got)
		})
	}
}

func TestGetMissingPathIsNotFound(t *testing.T) {
	e := startTarget(t)
	c := e.dial(t)
	_, err := c.Get(t.Context(), "/interfaces/interface[name=Ethernet9/9]")
	if got := status.Code(err); got != codes.NotFound {
		t.Fatalf("Get of a missing entry: code %v (%v), want NotFound", got, err)
	}
	for _, want := range []string{e.target.Addr(), "Ethernet9/9"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}

func TestSet(t *testing.T) {
	tests := []struct {
		name   string
		req    gnmi.SetRequest
		mutate func(d *oc.Device)
	}{{
		name: "update a leaf",
		req:  gnmi.SetRequest{Updates: []gnmi.Update{{Path: "/interfaces/interface[name=Ethernet1/1]/config/mtu", Value: 9216}}},
		mutate: func(d *oc.Device) {
			d.GetInterface("Ethernet1/1").Mtu = ygot.Uint16(9216)
		},
	}, {
		name: "update a new list entry from a GoStruct",
		req: gnmi.SetRequest{Updates: []gnmi.Update{{
			Path: "/network-instances/network-instance[name=DEFAULT]/vlans/vlan[vlan-id=20]",
			Value: &oc.NetworkInstance_Vlan{VlanId: ygot.Uint16(20), Name: ygot.String("servers"),
				Status: oc.OpenconfigVlan_Vlan_Status_ACTIVE},
		}}},
		mutate: func(d *oc.Device) {
			v := d.GetNetworkInstance("DEFAULT").GetOrCreateVlan(20)
			v.Name, v.Status = ygot.String("servers"), oc.OpenconfigVlan_Vlan_Status_ACTIVE
		},
	}, {
		name: "update merges into a compressed config container",
		req: gnmi.SetRequest{Updates: []gnmi.Update{{
			Path: "/interfaces/interface[name=Ethernet1/1]/config", Value: map[string]any{"description": "core"},
		}}},
		mutate: func(d *oc.Device) {
			d.GetInterface("Ethernet1/1").Description = ygot.String("core")
		},
	}, {
		name: "replace a list entry drops what the value lacks",
		req: gnmi.SetRequest{Replaces: []gnmi.Update{{
			Path:  "/interfaces/interface[name=Ethernet1/1]",
			Value: json.RawMessage(`{"name":"Ethernet1/1","config":{"name":"Ethernet1/1","type":"iana-if-type:ethernetCsmacd","enabled":false}}`),
		}}},
		mutate: func(d *oc.Device) {
			i := d.GetInterface("Ethernet1/1")
			i.Description, i.Mtu, i.Enabled = nil, nil, ygot.Bool(false)
		},
	}, {
		name: "delete a leaf and a list entry in one set",
		req: gnmi.SetRequest{Deletes: []string{
			"/interfaces/interface[name=Ethernet1/1]/config/description",
			"/network-instances/network-instance[name=DEFAULT]/vlans/vlan[vlan-id=10]",
		}, Updates: []gnmi.Update{{
			Path: "/interfaces/interface[name=Ethernet1/2]/ethernet/switched-vlan/config/interface-mode", Value: "TRUNK",
		}}},
		mutate: func(d *oc.Device) {
			d.GetInterface("Ethernet1/1").Description = nil
			d.GetNetworkInstance("DEFAULT").Vlan = nil
			sv := d.GetInterface("Ethernet1/2").GetEthernet().GetSwitchedVlan()
			sv.InterfaceMode = oc.OpenconfigVlanTypes_VlanModeType_TRUNK
		},
	}, {
		name: "delete of a missing node is accepted",
		req:  gnmi.SetRequest{Deletes: []string{"/acl"}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := startTarget(t)
			c := e.dial(t)
			if err := c.Set(t.Context(), tc.req); err != nil {
				t.Fatalf("Set: %v", err)
			}
			want := baseDevice(t)
			if tc.mutate != nil {
				tc.mutate(want)
			}
			assertSame(t, want, e.target.Running())
			got, err := c.Get(t.Context())
			if err != nil {
				t.Fatalf("Get after Set: %v", err)
			}
			assertSame(t, want, got)
		})
	}
}

func TestSetRefusedAtomically(t *testing.T) {
	tests := []struct {
		name     string
		req      gnmi.SetRequest
		wantPath string
	}{{
		name: "value out of range after a valid update",
		req: gnmi.SetRequest{Updates: []gnmi.Update{
			{Path: "/system/config/hostname", Value: "leaf9"},
			{Path: "/interfaces/interface[name=Ethernet1/2]/ethernet/switched-vlan/config/access-vlan", Value: 5000},
		}},
		wantPath: "access-vlan",
	}, {
		name: "unknown element",
		req: gnmi.SetRequest{Deletes: []string{"/system/config/hostname"},
			Updates: []gnmi.Update{{Path: "/interfaces/interface[name=Ethernet1/1]/config/speed", Value: 1}}},
		wantPath: "/interfaces/interface[name=Ethernet1/1]/config/speed",
	}, {
		name:     "dangling leafref",
		req:      gnmi.SetRequest{Updates: []gnmi.Update{{Path: "/interfaces/interface[name=Ethernet1/1]/ethernet/config/aggregate-id", Value: "Port-Channel9"}}},
		wantPath: "aggregate-id",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := startTarget(t)
			c := e.dial(t)
			err := c.Set(t.Context(), tc.req)
			if got := status.Code(err); got != codes.InvalidArgument {
				t.Fatalf("Set: code %v (%v), want InvalidArgument", got, err)
			}
			if !strings.Contains(err.Error(), tc.wantPath) {
				t.Errorf("error %q does not name %s", err, tc.wantPath)
			}
			assertSame(t, baseDevice(t), e.target.Running())
		})
	}
}

func TestSetEncodingErrorsBeforeSending(t *testing.T) {
	e := startTarget(t)
	c := e.dial(t)
	for name, req := range map[string]gnmi.SetRequest{
		"empty":             {},
		"commit without id": {Updates: []gnmi.Update{{Path: "/system/config/hostname", Value: "x"}}, Commit: &gnmi.CommitOptions{}},
		"invalid raw JSON":  {Updates: []gnmi.Update{{Path: "/system/config/hostname", Value: json.RawMessage(`{`)}}},
		"nil value":         {Updates: []gnmi.Update{{Path: "/system/config/hostname"}}},
	} {
		t.Run(name, func(t *testing.T) {
			if err := c.Set(t.Context(), req); !errors.Is(err, gnmi.ErrInvalidArgument) {
				t.Errorf("Set: %v, want ErrInvalidArgument", err)
			}
		})
	}
}
