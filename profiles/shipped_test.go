package profiles

import (
	"slices"
	"strings"
	"testing"
)

// The facts below are what the shipped profiles must keep from Cisco's
// published files (../shared/cisco-yang): regenerating them must not lose
// any, and each names its source line.
func TestShippedProfileFacts(t *testing.T) {
	set, err := Shipped()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range set.List() {
		ids = append(ids, p.ID()+" "+p.Origin)
	}
	if want := []string{"iosxe 17.18.1 shipped", "iosxr 26.2.1 shipped", "nxos 10.6(3) shipped"}; !slices.Equal(ids, want) {
		t.Fatalf("shipped = %q, want %q", ids, want)
	}
	xe, _ := set.Select("iosxe", "")
	xr, _ := set.Select("iosxr", "26.2.1")
	nx, _ := set.Select("nxos", "10.6(3)")
	tests := []struct {
		name string
		ok   bool
	}{
		{"XE has a candidate but no confirmed commit", xe.HasCapability("urn:ietf:params:netconf:capability:candidate:1.0") &&
			!xe.HasCapability("urn:ietf:params:netconf:capability:confirmed-commit:1.1") &&
			!xe.HasCapability("urn:ietf:params:netconf:capability:confirmed-commit:1.0")},
		{"XE offers the cisco-ia revert timer", xe.Rollback.NETCONF == RollbackCiscoIA && strings.Contains(xe.Rollback.Detail, "cisco-ia.yang:563")},
		{"XE ships no openconfig-defined-sets", xe.Module("openconfig-defined-sets") == nil},
		{"XE deviates user ssh-key", hasUnsupported(xe, "/openconfig-system:system/aaa/authentication/users/user/config/ssh-key", "cisco-xe-switching-cat9k-openconfig-system-deviation.yang:98")},
		{"XE deviates logging selectors", hasUnsupported(xe, "/openconfig-system:system/logging/remote-servers/remote-server/selectors", "cisco-xe-switching-cat9k-openconfig-system-deviation.yang:118")},
		{"XR deviates user ssh-key", hasUnsupported(xr, "/openconfig-system:system/aaa/authentication/users/user/config/ssh-key", "cisco-xr-openconfig-system-deviations.yang:200")},
		{"XR deviates NTP server source-address", hasUnsupported(xr, "/openconfig-system:system/ntp/servers/server/config/source-address", "cisco-xr-openconfig-system-deviations.yang:132")},
		{"XR has confirmed commit", xr.Rollback.NETCONF == RollbackConfirmedCommit},
		{"XR keeps presence containers (snmp-server group v3 priv)", nativeNode(xr, "Cisco-IOS-XR-um-snmp-server-cfg:snmp-server", "groups", "group", "v3", "priv").Presence &&
			nativeNode(xr, "Cisco-IOS-XR-um-snmp-server-cfg:snmp-server", "users", "user", "v3").Presence},
		{"NX has confirmed commit 1.1", nx.HasCapability("urn:ietf:params:netconf:capability:confirmed-commit:1.1")},
		{"NX deviates NTP servers", hasUnsupported(nx, "/openconfig-system:system/ntp/servers/server", "cisco-nx-openconfig-system-deviations.yang:671")},
		{"NX deviates DNS servers", hasUnsupported(nx, "/openconfig-system:system/dns/servers/server", "cisco-nx-openconfig-system-deviations.yang:489")},
		{"NX deviates syslog remote servers", hasUnsupported(nx, "/openconfig-system:system/logging/remote-servers/remote-server", "cisco-nx-openconfig-system-deviations.yang:524")},
	}
	for _, tt := range tests {
		if !tt.ok {
			t.Errorf("%s: not so in the shipped profile", tt.name)
		}
	}
	if n := len(xe.Hello()); n != len(xe.Capabilities)+len(xe.Modules) {
		t.Errorf("XE hello has %d URIs", n)
	}
}

func hasUnsupported(p *Profile, path, source string) bool {
	for _, u := range p.Unsupported {
		if u.Path == path && u.Source == source {
			return true
		}
	}
	return false
}

func TestSelect(t *testing.T) {
	set, err := Shipped()
	if err != nil {
		t.Fatal(err)
	}
	if p, err := set.Select("ios", ""); p != nil || err != nil {
		t.Errorf("ios without os_version: %v, %v", p, err)
	}
	_, err = set.Select("iosxe", "16.12.4")
	if err == nil || !strings.Contains(err.Error(), "known iosxe releases: 17.18.1") {
		t.Errorf("unknown release: %v", err)
	}
	_, err = set.Select("ios", "15.2(7)E")
	if err == nil || !strings.Contains(err.Error(), "switchyard knows no ios release") {
		t.Errorf("ios release: %v", err)
	}
}

func TestCompareReleases(t *testing.T) {
	in := []string{"17.18.1", "10.6(10)", "17.9.4a", "10.6(3)", "17.9.4", "26.2.1"}
	slices.SortFunc(in, CompareReleases)
	want := []string{"10.6(3)", "10.6(10)", "17.9.4", "17.9.4a", "17.18.1", "26.2.1"}
	if !slices.Equal(in, want) {
		t.Errorf("sorted = %q, want %q", in, want)
	}
}

// nativeNode returns the node of p's native schema at the local names
// path (its first a top-level node), or an empty node.
func nativeNode(p *Profile, path ...string) *Node {
	n := p.NativeTop(path[0])
	for _, e := range path[1:] {
		if n == nil {
			break
		}
		n = n.Children[e]
	}
	if n == nil {
		return &Node{}
	}
	return n
}
