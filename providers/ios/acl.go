package ios

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/clitext"
)

func (r *renderer) routes() error {
	type route struct {
		vrf  string
		pfx  netip.Prefix
		line string
	}
	var rs []route
	for i, sr := range r.cfg.StaticRoutes {
		path := fmt.Sprintf("static_routes[%d]", i)
		pfx, err := clitext.ParseIPv4Prefix(sr.Prefix)
		if err != nil {
			return unsupported(providers.FeatureStaticRoutes, path+".prefix", "%v", err)
		}
		vrf := sr.VRF
		if vrf == "default" {
			vrf = ""
		}
		head := "ip route "
		if vrf != "" {
			head += "vrf " + vrf + " "
		}
		head += pfx.Addr().String() + " " + clitext.Mask(pfx.Bits()) + " "
		hops := slices.Clone(sr.NextHops)
		slices.SortStableFunc(hops, func(a, b models.NextHop) int { return compareAddr(a.Address, b.Address) })
		for _, nh := range hops {
			line := head + nh.Address
			if nh.Distance != 0 {
				line += " " + strconv.Itoa(nh.Distance)
			}
			rs = append(rs, route{vrf: vrf, pfx: pfx, line: line})
		}
	}
	if len(rs) == 0 {
		return nil
	}
	// Global routes first, then per VRF; by prefix within each.
	slices.SortStableFunc(rs, func(a, b route) int {
		if c := strings.Compare(a.vrf, b.vrf); c != 0 {
			return c
		}
		if c := a.pfx.Addr().Compare(b.pfx.Addr()); c != 0 {
			return c
		}
		return a.pfx.Bits() - b.pfx.Bits()
	})
	r.w.Bang()
	for _, rt := range rs {
		r.w.Line(rt.line)
	}
	return nil
}

func compareAddr(a, b string) int {
	x, errX := netip.ParseAddr(a)
	y, errY := netip.ParseAddr(b)
	if errX != nil || errY != nil {
		return strings.Compare(a, b)
	}
	return x.Compare(y)
}

func (r *renderer) acls() error {
	for i := range r.cfg.ACLs {
		a := &r.cfg.ACLs[i]
		path := fmt.Sprintf("acls[%d]", i)
		if _, err := strconv.Atoi(a.Name); err == nil {
			return unsupported(providers.FeatureACLs, path+".name",
				"numbered access lists print as \"access-list N\"; give ACL %q a name", a.Name)
		}
		entries := slices.Clone(a.Entries)
		slices.SortStableFunc(entries, func(x, y models.ACLEntry) int { return x.Seq - y.Seq })
		var lines []string
		for _, e := range entries {
			j := slices.IndexFunc(a.Entries, func(x models.ACLEntry) bool { return x.Seq == e.Seq })
			if e.Remark != "" {
				lines = append(lines, "remark "+e.Remark)
			}
			if e.Action == "" {
				continue
			}
			line, err := aclEntry(&e)
			if err != nil {
				return unsupported(providers.FeatureACLs, fmt.Sprintf("%s.entries[%d]", path, j), "%v", err)
			}
			lines = append(lines, line)
		}
		r.w.Bang()
		r.w.Block("ip access-list extended "+a.Name, lines...)
	}
	return nil
}

// aclEntry renders one permit or deny line. IOS pads "deny" to the width
// of "permit" in show running-config.
func aclEntry(e *models.ACLEntry) (string, error) {
	var b strings.Builder
	switch e.Action {
	case "permit":
		b.WriteString("permit ")
	case "deny":
		b.WriteString("deny   ")
	default:
		return "", fmt.Errorf("unknown action %q", e.Action)
	}
	proto := e.Protocol
	if proto == "" {
		proto = "ip"
	}
	b.WriteString(proto)
	for _, side := range [...]struct{ addr, group, ports string }{
		{e.Source, e.SourceGroup, e.SourcePort},
		{e.Destination, e.DestinationGroup, e.DestinationPort},
	} {
		m, err := addressMatch(side.addr, side.group)
		if err != nil {
			return "", err
		}
		b.WriteString(" " + m)
		if side.ports == "" {
			continue
		}
		pm, ok := portMatch(proto, side.ports)
		if !ok || (proto != "tcp" && proto != "udp") {
			return "", fmt.Errorf("ports %q need protocol tcp or udp and N or N-M", side.ports)
		}
		b.WriteString(" " + pm)
	}
	if e.Log {
		b.WriteString(" log")
	}
	return b.String(), nil
}

// addressMatch renders "any", "host A", "A W" or "object-group N".
func addressMatch(addr, group string) (string, error) {
	switch {
	case group != "":
		return "object-group " + group, nil
	case addr == "" || addr == "any":
		return "any", nil
	}
	if a, err := netip.ParseAddr(addr); err == nil && a.Is4() {
		return "host " + a.String(), nil
	}
	pfx, err := clitext.ParseIPv4Prefix(addr)
	if err != nil {
		return "", fmt.Errorf("%q is not any, an IPv4 address or prefix", addr)
	}
	switch pfx.Bits() {
	case 0:
		return "any", nil
	case 32:
		return "host " + pfx.Addr().String(), nil
	}
	return pfx.Masked().Addr().String() + " " + clitext.Wildcard(pfx.Bits()), nil
}
