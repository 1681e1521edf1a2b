package cliconf_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/internal/devicesim/clisim"
	"github.com/switchyard/switchyard/internal/transport/cli"
	"github.com/switchyard/switchyard/models"
)

// genConfig is a generated classic IOS access switch: the shape of what
// the property test edits. Every part is something the CLI simulator
// accepts and prints back as given.
type genConfig struct {
	hostname string
	domain   string
	vlans    map[int]string
	ifaces   []genIface
	svi      genSVI
	acl10    []string // access-list 10 entries, in order
	aclMgmt  []string // ip access-list extended MGMT entries, in order
	ntp      []string
}

type genIface struct {
	name, desc string
	vlan       int
	shut       bool
	portfast   bool // written in a second, re-entered block (as templates do)
}

type genSVI struct {
	addr      string
	redirects bool // false: "no ip redirects"
	filter    bool // ip access-group 10 in
}

func generate(r *rand.Rand) *genConfig {
	g := &genConfig{hostname: fmt.Sprintf("sw%d", r.IntN(100)), domain: "example.net", vlans: map[int]string{}}
	for i := range 3 + r.IntN(3) {
		g.vlans[10*(i+1)] = fmt.Sprintf("V%d", 10*(i+1))
	}
	for i := range 4 + r.IntN(4) {
		g.ifaces = append(g.ifaces, genIface{name: fmt.Sprintf("GigabitEthernet1/0/%d", i+1),
			desc: fmt.Sprintf("port %d", i+1), vlan: 10 * (1 + r.IntN(3)), shut: r.IntN(4) == 0})
	}
	g.svi = genSVI{addr: "10.0.10.2 255.255.255.0", redirects: r.IntN(2) == 0, filter: true}
	for i := range 2 + r.IntN(3) {
		g.acl10 = append(g.acl10, fmt.Sprintf("access-list 10 permit 10.%d.0.0 0.0.255.255", i+1))
	}
	g.acl10 = append(g.acl10, "access-list 10 deny   any")
	g.aclMgmt = []string{"permit tcp 10.0.0.0 0.255.255.255 any eq 22", "permit udp any any eq 161", "deny   ip any any"}
	g.ntp = []string{"10.0.0.1", "10.0.0.2"}
	return g
}

func (g *genConfig) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "hostname %s\nip domain name %s\nip scp server enable\n", g.hostname, g.domain)
	vs := make([]int, 0, len(g.vlans))
	for v := range g.vlans {
		vs = append(vs, v)
	}
	slices.Sort(vs)
	for _, v := range vs {
		fmt.Fprintf(&b, "vlan %d\n name %s\n", v, g.vlans[v])
	}
	for _, a := range g.acl10 {
		b.WriteString(a + "\n")
	}
	b.WriteString("ip access-list extended MGMT\n")

	for _, e := range g.aclMgmt {
		b.WriteString(" " + e + "\n")
	}
	for _, i := range g.ifaces {
		fmt.Fprintf(&b, "interface %s\n description %s\n switchport access vlan %d\n switchport mode access\n", i.name, i.desc, i.vlan)
		if i.name == "GigabitEthernet1/0/1" {
			b.WriteString(" ip access-group MGMT in\n")
		}
		if i.shut {
			b.WriteString(" shutdown\n")
		}
	}
	fmt.Fprintf(&b, "interface Vlan10\n ip address %s\n", g.svi.addr)
	if !g.svi.redirects {
		b.WriteString(" no ip redirects\n")
	}
	if g.svi.filter {
		b.WriteString(" ip access-group 10 in\n")
	}
	for _, n := range g.ntp {
		fmt.Fprintf(&b, "ntp server %s\n", n)
	}
	b.WriteString("line vty 0 4\n access-class 10 in\n transport input ssh\n")
	for _, i := range g.ifaces {
		if i.portfast {
			fmt.Fprintf(&b, "interface %s\n spanning-tree portfast\n", i.name)
		}
	}
	return b.String()
}

// edits are the random changes a desired configuration gets.
var edits = []func(r *rand.Rand, g *genConfig){
	func(r *rand.Rand, g *genConfig) { g.hostname = fmt.Sprintf("edge%d", r.IntN(1000)) },
	func(r *rand.Rand, g *genConfig) {
		i := &g.ifaces[r.IntN(len(g.ifaces))]
		i.desc = fmt.Sprintf("to rack %d", r.IntN(50))
	},
	func(r *rand.Rand, g *genConfig) { i := &g.ifaces[r.IntN(len(g.ifaces))]; i.shut = !i.shut },
	func(r *rand.Rand, g *genConfig) { i := &g.ifaces[r.IntN(len(g.ifaces))]; i.vlan = 10 * (1 + r.IntN(3)) },
	func(r *rand.Rand, g *genConfig) { g.svi.redirects = !g.svi.redirects },
	func(r *rand.Rand, g *genConfig) { g.vlans[100+r.IntN(50)] = "NEW" },
	func(r *rand.Rand, g *genConfig) { // drop a VLAN no port uses
		for v := range g.vlans {
			if !slices.ContainsFunc(g.ifaces, func(i genIface) bool { return i.vlan == v }) {
				delete(g.vlans, v)
				return
			}
		}
	},
	func(r *rand.Rand, g *genConfig) { // insert before the final deny
		at := r.IntN(len(g.acl10))
		g.acl10 = slices.Insert(g.acl10, at, fmt.Sprintf("access-list 10 permit host 192.0.2.%d", 1+r.IntN(200)))
	},
	func(r *rand.Rand, g *genConfig) { // remove an entry (not the last)
		if len(g.acl10) > 2 {
			g.acl10 = slices.Delete(g.acl10, 0, 1)
		}
	},
	func(r *rand.Rand, g *genConfig) { // swap two permits
		if len(g.acl10) > 2 {
			g.acl10[0], g.acl10[1] = g.acl10[1], g.acl10[0]
		}
	},
	func(r *rand.Rand, g *genConfig) {
		g.aclMgmt = slices.Insert(g.aclMgmt, r.IntN(len(g.aclMgmt)), fmt.Sprintf("permit tcp host 192.0.2.%d any eq 443", 1+r.IntN(200)))
	},
	func(r *rand.Rand, g *genConfig) { g.ntp = g.ntp[:1] },
	func(r *rand.Rand, g *genConfig) { i := &g.ifaces[r.IntN(len(g.ifaces))]; i.portfast = !i.portfast },
	func(r *rand.Rand, g *genConfig) { // drop the first MGMT entry
		if len(g.aclMgmt) > 1 {
			g.aclMgmt = g.aclMgmt[1:]
		}
	},
	func(r *rand.Rand, g *genConfig) { g.ntp = append(g.ntp, fmt.Sprintf("10.0.0.%d", 3+r.IntN(50))) },
	func(r *rand.Rand, g *genConfig) { g.domain = "corp.example.net" },
}

func (g *genConfig) clone() *genConfig {
	c := *g
	c.vlans = map[int]string{}
	for k, v := range g.vlans {
		c.vlans[k] = v
	}
	c.ifaces = slices.Clone(g.ifaces)
	c.acl10 = slices.Clone(g.acl10)
	c.aclMgmt = slices.Clone(g.aclMgmt)
	c.ntp = slices.Clone(g.ntp)
	return &c
}

// TestDiffConvergesOnTheSimulator is the property the differ must hold on
// a device: for random edits of a generated IOS configuration, the diff
// sent over SSH to the CLI simulator yields the desired configuration, and
// a second diff is empty. Both are checked on the simulator's own
// show running-config, read through the production CLI client, never on
// the model's idea of the result.
func TestDiffConvergesOnTheSimulator(t *testing.T) {
	const user, pass = "admin", "pw-property"
	dev, err := clisim.Start(t.Context(), clisim.Config{Name: "prop", Username: user, Password: pass})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = dev.Close() })
	kh := filepath.Join(t.TempDir(), "known_hosts")
	if err := clisim.WriteKnownHosts(kh, dev); err != nil {
		t.Fatal(err)
	}
	sess, err := cli.Dial(t.Context(), cli.Config{Address: dev.Addr(), Username: user, Password: models.NewSecret(pass),
		KnownHostsFile: kh, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sess.Close() })
	opts := cliconf.Options{Managed: cliconf.Authoritative("vlan", "access-list", "ntp server", "ip access-list")}
	show := func() *cliconf.Config {
		t.Helper()
		out, err := sess.SendCommand(t.Context(), "show running-config")
		if err != nil {
			t.Fatal(err)
		}
		c, err := cliconf.Parse(out)
		if err != nil {
			t.Fatalf("parse the simulator's running configuration: %v", err)
		}
		return c
	}
	for seed := uint64(1); seed <= 32; seed++ {
		r := rand.New(rand.NewPCG(seed, 14))
		base := generate(r)
		want := base.clone()
		n := 1 + r.IntN(4)
		for range n {
			edits[r.IntN(len(edits))](r, want)
		}
		if err := dev.SetRunning(base.String()); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		desired, err := cliconf.Parse(want.String())
		if err != nil {
			t.Fatal(err)
		}
		cmds := cliconf.Diff(show(), desired, opts)
		if err := sess.SendConfigs(t.Context(), cmds); err != nil {
			t.Fatalf("seed %d: push %q: %v", seed, cmds, err)
		}
		after := show()
		if again := cliconf.Diff(after, desired, opts); len(again) > 0 {
			t.Errorf("seed %d: second diff not empty:\n%s\nfirst diff:\n%s\nrunning:\n%s",
				seed, strings.Join(again, "\n"), strings.Join(cmds, "\n"), after)
			continue
		}
		// The desired configuration, read back: every desired line is on
		// the device in the same section, and numbered list 10 is in the
		// desired order.
		if got, wantACL := aclLines(after), want.acl10; !slices.Equal(got, wantACL) {
			t.Errorf("seed %d: access-list 10 on the device = %q, want %q", seed, got, wantACL)
		}
		for _, sec := range desired.Root.Children {
			for _, c := range sec.Children {
				if after.Find(sec.Line, c.Line) == nil && !strings.HasPrefix(c.Line, "no ") {
					t.Errorf("seed %d: %q > %q missing on the device", seed, sec.Line, c.Line)
				}
			}
		}
	}
}

func aclLines(c *cliconf.Config) []string {
	var out []string
	for _, n := range c.Root.Children {
		if strings.HasPrefix(n.Line, "access-list 10 ") {
			out = append(out, n.Line)
		}
	}
	return out
}
