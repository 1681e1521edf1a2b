package diff

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openconfig/ygot/ygot"
	"google.golang.org/protobuf/testing/protocmp"
)

func TestPathRoundTrip(t *testing.T) {
	for _, s := range []string{
		"/",
		"/system/config/hostname",
		"/interfaces/interface[name=GigabitEthernet1/0/1]/config/description",
		"/acl/acl-sets/acl-set[name=A][type=ACL_IPV4]/acl-entries/acl-entry[sequence-id=10]",
		`/a/b[k=x\]y\\z=w]/c`,
	} {
		t.Run(s, func(t *testing.T) {
			p, err := parsePath(s)
			if err != nil && s != "/" {
				t.Fatalf("parsePath: %v", err)
			}
			if got := p.String(); got != s {
				t.Errorf("String() = %q, want %q", got, s)
			}
		})
	}
}

func TestPathAgreesWithYgot(t *testing.T) {
	for _, s := range []string{
		"/interfaces/interface[name=GigabitEthernet1/0/1]/config/description",
		"/acl/acl-sets/acl-set[type=ACL_IPV4][name=A]/acl-entries/acl-entry[sequence-id=10]",
	} {
		p, err := parsePath(s)
		if err != nil {
			t.Fatalf("parsePath(%q): %v", s, err)
		}
		want, err := ygot.StringToStructuredPath(s)
		if err != nil {
			t.Fatalf("ygot.StringToStructuredPath(%q): %v", s, err)
		}
		if diff := cmp.Diff(want, p.gnmiPath(), protocmp.Transform()); diff != "" {
			t.Errorf("gnmiPath(%q) (-ygot +ours):\n%s", s, diff)
		}
	}
}

func TestParsePathErrors(t *testing.T) {
	for _, s := range []string{
		"", "system", "/system/", "//a", "/a[", "/a[k]", "/a[=v]", "/a[k=v", `/a[k=v\`, "/a[k=v]x", "/a[k=1][k=2]",
	} {
		if p, err := parsePath(s); err == nil {
			t.Errorf("parsePath(%q) = %q, want an error", s, p)
		}
	}
}

func TestNaturalCompare(t *testing.T) {
	ordered := []string{"", "01", "1", "2", "10", "100", "Gi1/0/2", "Gi1/0/10", "Gi1/1/1", "a", "a01", "a1", "b"}
	for i, a := range ordered {
		for j, b := range ordered {
			got := naturalCompare(a, b)
			switch {
			case i < j && got >= 0, i > j && got <= 0, i == j && got != 0:
				t.Errorf("naturalCompare(%q, %q) = %d, want the sign of %d", a, b, got, i-j)
			}
		}
	}
}

func TestGroup(t *testing.T) {
	const u = "/system/aaa/authentication/users/user"
	cs := []Change{
		{Op: Create, Path: "/acl/acl-sets/acl-set[name=A][type=ACL_IPV4]/acl-entries/acl-entry[sequence-id=20]/config/sequence-id", After: 20.0},
		{Op: Update, Path: "/acl/acl-sets/acl-set[name=A][type=ACL_IPV4]/config/description", Before: "a", After: "b"},
		{Op: Delete, Path: "/interfaces/interface[name=Gi1/0/1]/ethernet/switched-vlan/config/access-vlan", Before: 20.0},
		{Op: Update, Path: "/system/config/hostname", Before: "a", After: "b"},
		{Op: Create, Path: u + "[username=alice]/config/role", After: "x"},
		{Op: Create, Path: u + "[username=alice]/config/username", After: "alice"},
		{Op: Delete, Path: u + "[username=bob]"},
		{Op: Delete, Path: "not a path"},
	}
	var got []string
	for _, g := range Group(cs) {
		got = append(got, string(g.Op)+" "+g.Path+" "+string(rune('0'+len(g.Changes))))
	}
	want := []string{
		"update /acl/acl-sets/acl-set[name=A][type=ACL_IPV4] 1",
		"create /acl/acl-sets/acl-set[name=A][type=ACL_IPV4]/acl-entries/acl-entry[sequence-id=20] 1",
		"update /interfaces/interface[name=Gi1/0/1] 1",
		"update /system 1",
		"create " + u + "[username=alice] 2",
		"delete " + u + "[username=bob] 1",
		"delete not a path 1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Group (-want +got):\n%s", diff)
	}
}

func FuzzParsePath(f *testing.F) {
	for _, s := range []string{
		"/system/config/hostname",
		"/interfaces/interface[name=GigabitEthernet1/0/1]/config/description",
		`/a/b[k=x\]y][j=1]/c`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := parsePath(s)
		if err != nil {
			return
		}
		q, err := parsePath(p.String())
		if err != nil {
			t.Fatalf("parsePath(%q) of formatted %q: %v", p.String(), s, err)
		}
		if comparePaths(p, q) != 0 || p.String() != q.String() {
			t.Fatalf("round trip of %q: %q != %q", s, p, q)
		}
	})
}
