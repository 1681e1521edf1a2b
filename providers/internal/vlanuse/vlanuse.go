// Package vlanuse is the one check, shared by every platform driver, that
// refuses to remove a VLAN that ports of the device still use: after the
// push the port would point at a VLAN that no longer exists. Drivers give
// the VLANs their changes delete and the ports that use each VLAN after
// the changes; OpenConfig drivers read them from trees, the CLI drivers
// (classic IOS, NX-OS over NX-API) from configuration text with CLI.
package vlanuse

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/providers"
)

// Check returns an error (providers.ErrVLANInUse) naming, for each VLAN in deleted that users
// (ports by VLAN, after the changes) still holds, the ports; nil when
// none. The message reads "DEVICE: removing VLAN 40 (ports Gi1/0/5,
// Gi1/0/6); VLAN 50 (ports ...): VLAN still in use; move the ports ...".
func Check(device string, deleted map[uint16]bool, users map[uint16][]string) error {
	var parts []string
	for _, v := range slices.Sorted(maps.Keys(deleted)) {
		if len(users[v]) == 0 {
			continue
		}
		ports := slices.Compact(slices.Sorted(slices.Values(users[v])))
		parts = append(parts, fmt.Sprintf("VLAN %d (ports %s)", v, strings.Join(ports, ", ")))
	}
	if len(parts) == 0 {
		return nil
	}
	return fmt.Errorf("%s: removing %s: %w; move the ports in the intent (or on the device) first",
		device, strings.Join(parts, "; "), providers.ErrVLANInUse)
}

// CheckCLI runs Check on CLI configurations: the VLANs running defines
// ("vlan N" sections, "vlan 1,10-20" lists) that intended (running with
// the changes applied) no longer defines, against the ports of intended
// whose switchport access, native or trunk allowed VLANs hold them.
func CheckCLI(device string, running, intended *cliconf.Config) error {
	have, keep := definedVLANs(running), definedVLANs(intended)
	deleted := map[uint16]bool{}
	for v := range have {
		if !keep[v] {
			deleted[v] = true
		}
	}
	if len(deleted) == 0 {
		return nil
	}
	return Check(device, deleted, cliUsers(intended, deleted))
}

// definedVLANs returns the VLANs the top-level "vlan" lines of c define.
func definedVLANs(c *cliconf.Config) map[uint16]bool {
	out := map[uint16]bool{}
	if c == nil || c.Root == nil {
		return out
	}
	for _, n := range c.Root.Children {
		if arg, ok := strings.CutPrefix(n.Line, "vlan "); ok {
			for _, v := range parseList(arg) {
				out[v] = true
			}
		}
	}
	return out
}

// switchportVLANs are the interface lines that name the VLANs a port
// uses, IOS and NX-OS alike.
var switchportVLANs = []string{"switchport access vlan ", "switchport trunk native vlan ", "switchport trunk allowed vlan "}

// cliUsers returns the interfaces of c that use a VLAN of wanted, by VLAN.
func cliUsers(c *cliconf.Config, wanted map[uint16]bool) map[uint16][]string {
	out := map[uint16][]string{}
	for _, n := range c.Root.Children {
		name, ok := strings.CutPrefix(n.Line, "interface ")
		if !ok {
			continue
		}
		for _, l := range n.Children {
			for _, p := range switchportVLANs {
				arg, ok := strings.CutPrefix(l.Line, p)
				if !ok {
					continue
				}
				arg = strings.TrimPrefix(arg, "add ")
				for _, v := range parseList(arg) {
					if wanted[v] {
						out[v] = append(out[v], name)
					}
				}
			}
		}
	}
	return out
}

// parseList parses a VLAN list ("10", "10,20-30"); words that are not
// VLAN numbers or ranges ("all", "none") give nothing.
func parseList(s string) []uint16 {
	var out []uint16
	for _, part := range strings.Split(strings.TrimSpace(s), ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.ParseUint(lo, 10, 16)
		if err != nil {
			continue
		}
		b := a
		if isRange {
			if b, err = strconv.ParseUint(hi, 10, 16); err != nil || b < a || b > 4094 {
				continue
			}
		}
		for v := a; v <= b; v++ {
			out = append(out, uint16(v))
		}
	}
	return out
}
