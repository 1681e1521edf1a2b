package ios

import (
	"fmt"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/clitext"
)

// objectGroups writes "object-group network" and "object-group service"
// blocks, each nested group before the groups that include it (IOS refuses
// a group-object that does not exist yet), otherwise in intent order.
func (r *renderer) objectGroups() error {
	gs := r.cfg.ObjectGroups
	index := make(map[string]int, len(gs))
	for i := range gs {
		index[gs[i].Name] = i
	}
	state := make([]byte, len(gs)) // 0 new, 1 in progress, 2 written
	var visit func(i int) error
	visit = func(i int) error {
		switch state[i] {
		case 1:
			return unsupported(providers.FeatureObjectGroups, fmt.Sprintf("object_groups[%d].groups", i),
				"object-group %q is nested in itself", gs[i].Name)
		case 2:
			return nil
		}
		state[i] = 1
		for j, n := range gs[i].Groups {
			k, ok := index[n]
			if !ok {
				return unsupported(providers.FeatureObjectGroups, fmt.Sprintf("object_groups[%d].groups[%d]", i, j),
					"object-group %q is not declared", n)
			}
			if err := visit(k); err != nil {
				return err
			}
		}
		state[i] = 2
		return r.objectGroup(i, &gs[i])
	}
	for i := range gs {
		if err := visit(i); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) objectGroup(i int, g *models.ObjectGroup) error {
	path := fmt.Sprintf("object_groups[%d]", i)
	var lines []string
	switch g.Type {
	case "network":
		for _, h := range g.Hosts {
			lines = append(lines, "host "+h)
		}
		for j, p := range g.Prefixes {
			pfx, err := clitext.ParseIPv4Prefix(p)
			if err != nil {
				return unsupported(providers.FeatureObjectGroups, fmt.Sprintf("%s.prefixes[%d]", path, j), "%v", err)
			}
			if pfx.Bits() == 32 {
				lines = append(lines, "host "+pfx.Addr().String()) // IOS prints a /32 as a host
			} else {
				lines = append(lines, pfx.Masked().Addr().String()+" "+clitext.Mask(pfx.Bits()))
			}
		}
		for _, n := range g.Groups {
			lines = append(lines, "group-object "+n)
		}
	case "service":
		for j, s := range g.Services {
			line := s.Protocol
			if s.Ports != "" {
				m, ok := portMatch(s.Protocol, s.Ports)
				if !ok || (s.Protocol != "tcp" && s.Protocol != "udp") {
					return unsupported(providers.FeatureObjectGroups, fmt.Sprintf("%s.services[%d].ports", path, j),
						"ports %q need protocol tcp or udp and N or N-M", s.Ports)
				}
				line += " " + m
			}
			lines = append(lines, line)
		}
		for _, n := range g.Groups {
			lines = append(lines, "group-object "+n)
		}
	default:
		return unsupported(providers.FeatureObjectGroups, path+".type", "unknown object-group type %q", g.Type)
	}
	r.w.Bang()
	r.w.Block("object-group "+g.Type+" "+g.Name, lines...)
	return nil
}
