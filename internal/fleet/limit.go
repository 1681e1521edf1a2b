package fleet

import (
	"fmt"
	"strings"

	"github.com/switchyard/switchyard/inventory"
)

// Select returns the devices that match any of the limit expressions, in
// inventory order; no expressions select every device. An expression is a
// device name, a group name (or "group:NAME"), or a label selector such as
// "site=ams,role in (access)". A name that matches nothing is an error, so a
// typo never silently selects nothing.
func Select(inv *inventory.Inventory, exprs []string) ([]*inventory.Device, error) {
	if len(exprs) == 0 {
		return inv.Devices, nil
	}
	chosen := map[string]bool{}
	for _, e := range exprs {
		names, err := match(inv, strings.TrimSpace(e))
		if err != nil {
			return nil, fmt.Errorf("--limit %q: %w", e, err)
		}
		for _, n := range names {
			chosen[n] = true
		}
	}
	var out []*inventory.Device
	for _, d := range inv.Devices {
		if chosen[d.Name] {
			out = append(out, d)
		}
	}
	return out, nil
}

func match(inv *inventory.Inventory, e string) ([]string, error) {
	if g, ok := strings.CutPrefix(e, "group:"); ok {
		return groupMembers(inv, g)
	}
	if strings.ContainsAny(e, "=!(") || strings.Contains(e, " in ") || strings.Contains(e, " notin ") {
		sel, err := inventory.ParseSelector(e)
		if err != nil {
			return nil, err
		}
		var names []string
		for _, d := range inv.Devices {
			if sel.Matches(d.Labels) {
				names = append(names, d.Name)
			}
		}
		return names, nil
	}
	if inv.Device(e) != nil {
		return []string{e}, nil
	}
	if names, err := groupMembers(inv, e); err == nil {
		return names, nil
	}
	return nil, fmt.Errorf("no device or group is called %q", e)
}

func groupMembers(inv *inventory.Inventory, name string) ([]string, error) {
	for _, g := range inv.Groups {
		if g.Name == name {
			names := make([]string, len(g.Members))
			for i, m := range g.Members {
				names[i] = m.Device
			}
			return names, nil
		}
	}
	return nil, fmt.Errorf("no group is called %q", name)
}
