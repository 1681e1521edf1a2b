package gnmisession

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/transport/gnmi"
	"github.com/switchyard/switchyard/providers"
)

// op is one operation of a Set in a comparable form: the value as RFC 7951
// JSON (GoStructs encoded as the gnmi transport encodes them).
type op struct {
	Kind, Path, Value string
}

func ops(t *testing.T, req gnmi.SetRequest) []op {
	t.Helper()
	var out []op
	for _, p := range req.Deletes {
		out = append(out, op{"delete", p, ""})
	}
	for _, u := range req.Replaces {
		out = append(out, op{"replace", u.Path, encode(t, u.Value)})
	}
	for _, u := range req.Updates {
		out = append(out, op{"update", u.Path, encode(t, u.Value)})
	}
	return out
}

func encode(t *testing.T, v any) string {
	t.Helper()
	if gs, ok := v.(ygot.GoStruct); ok {
		m, err := ygot.ConstructIETFJSON(gs, &ygot.RFC7951JSONConfig{AppendModuleName: true})
		if err != nil {
			t.Fatalf("encode %T: %v", gs, err)
		}
		v = m
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const (
	gi1  = "/interfaces/interface[name=GigabitEthernet1/0/1]"
	vlan = "/network-instances/network-instance[name=default]/vlans/vlan[vlan-id=20]"
)

func TestBuildSet(t *testing.T) {
	tests := []struct {
		name    string
		changes []providers.Change
		want    []op
	}{{
		name: "leaves of one entry become one update with module-qualified names",
		changes: []providers.Change{
			{Op: diff.Create, Path: gi1 + "/config/description", After: "desk"},
			{Op: diff.Update, Path: gi1 + "/config/enabled", Before: true, After: false},
			{Op: diff.Create, Path: gi1 + "/ethernet/switched-vlan/config/access-vlan", After: 10.0},
		},
		want: []op{{"update", gi1, `{"openconfig-if-ethernet:ethernet":{"openconfig-vlan:switched-vlan":{"config":{"access-vlan":10}}},` +
			`"openconfig-interfaces:config":{"description":"desk","enabled":false,"name":"GigabitEthernet1/0/1"},` +
			`"openconfig-interfaces:name":"GigabitEthernet1/0/1"}`}},
	}, {
		name: "a leaf-list is replaced with exactly its new value",
		changes: []providers.Change{{Op: diff.Update, Path: gi1 + "/ethernet/switched-vlan/config/trunk-vlans",
			Before: []any{10.0, 20.0, "30..39"}, After: []any{10.0, "30..39"}}},
		want: []op{{"replace", gi1 + "/ethernet/switched-vlan/config/trunk-vlans", `[10,"30..39"]`}},
	}, {
		name: "deletes of a list entry, a leaf and a leaf-list go by path",
		changes: []providers.Change{
			{Op: diff.Delete, Path: "/system/aaa/authentication/users/user[username=cisco]",
				Before: map[string]any{"config/username": "cisco", "config/role": "openconfig-aaa-types:SYSTEM_ROLE_ADMIN"}},
			{Op: diff.Delete, Path: gi1 + "/config/description", Before: "old"},
			{Op: diff.Delete, Path: gi1 + "/ethernet/switched-vlan/config/trunk-vlans", Before: []any{10.0}},
		},
		want: []op{
			{"delete", "/system/aaa/authentication/users/user[username=cisco]", ""},
			{"delete", gi1 + "/config/description", ""},
			{"delete", gi1 + "/ethernet/switched-vlan/config/trunk-vlans", ""},
		},
	}, {
		name: "leaves outside lists group per top-level container; nested entries are their own",
		changes: []providers.Change{
			{Op: diff.Update, Path: "/system/config/hostname", Before: "Switch", After: "xe-1"},
			{Op: diff.Create, Path: "/network-instances/network-instance[name=default]/config/type",
				After: "openconfig-network-instance-types:DEFAULT_INSTANCE"},
			{Op: diff.Create, Path: vlan + "/config/name", After: "USERS"},
			{Op: diff.Create, Path: "/system/dns/config/search", After: []any{"example.net"}},
			{Op: diff.Create, Path: "/system/config/domain-name", After: "example.net"},
		},
		want: []op{
			{"replace", "/system/dns/config/search", `["example.net"]`},
			{"update", "/system", `{"openconfig-system:config":{"domain-name":"example.net","hostname":"xe-1"}}`},
			{"update", "/network-instances/network-instance[name=default]",
				`{"openconfig-network-instance:config":{"name":"default","type":"openconfig-network-instance-types:DEFAULT_INSTANCE"},"openconfig-network-instance:name":"default"}`},
			{"update", vlan, `{"openconfig-network-instance:config":{"name":"USERS","vlan-id":20},"openconfig-network-instance:vlan-id":20}`},
		},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, err := buildSet(tc.changes)
			if err != nil {
				t.Fatalf("buildSet: %v", err)
			}
			if req.Commit != nil {
				t.Error("buildSet set the commit")
			}
			if d := cmp.Diff(tc.want, ops(t, req)); d != "" {
				t.Errorf("Set (-want +got):\n%s", d)
			}
		})
	}
}

func TestBuildSetErrorsNamePath(t *testing.T) {
	tests := []struct {
		name   string
		change providers.Change
	}{
		{"unknown operation", providers.Change{Op: "merge", Path: gi1 + "/config/mtu", After: 1500.0}},
		{"no value", providers.Change{Op: diff.Create, Path: gi1 + "/config/mtu"}},
		{"unknown leaf", providers.Change{Op: diff.Create, Path: gi1 + "/config/speed", After: 1.0}},
		{"wrong type", providers.Change{Op: diff.Update, Path: gi1 + "/config/mtu", After: "big"}},
		{"unparsable path", providers.Change{Op: diff.Create, Path: "/interfaces/interface[name=x/config/mtu", After: 1.0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := buildSet([]providers.Change{tc.change})
			if err == nil {
				t.Fatal("buildSet succeeded")
			}
			if !strings.Contains(err.Error(), tc.change.Path) {
				t.Errorf("error %q does not name %s", err, tc.change.Path)
			}
		})
	}
}

func TestPathPrefix(t *testing.T) {
	tests := []struct {
		path string
		n    int
		want string
	}{
		{"/system/config/hostname", 1, "/system"},
		{gi1 + "/config/mtu", 2, gi1},
		{`/acl/acl-sets/acl-set[name=a\]/b][type=ACL_IPV4]/config/name`, 3, `/acl/acl-sets/acl-set[name=a\]/b][type=ACL_IPV4]`},
		{`/x/y[k=a\\]/z`, 2, `/x/y[k=a\\]`},
		{"/system", 1, "/system"},
	}
	for _, tc := range tests {
		got, err := pathPrefix(tc.path, tc.n)
		if err != nil || got != tc.want {
			t.Errorf("pathPrefix(%q, %d) = %q, %v; want %q", tc.path, tc.n, got, err, tc.want)
		}
	}
	if _, err := pathPrefix("/system", 2); err == nil {
		t.Error("pathPrefix beyond the path succeeded")
	}
}
