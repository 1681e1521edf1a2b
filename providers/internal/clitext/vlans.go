package clitext

import (
	"slices"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/models"
)

// CompactVLANs returns ids as a Cisco VLAN list: sorted, duplicates
// removed, runs of three or more consecutive ids written "N-M" and runs of
// two written "N,M", the way IOS prints "switchport trunk allowed vlan"
// (10, 11, 20, 21, 22 gives "10,11,20-22"). ids is not modified; nil or
// empty gives "".
func CompactVLANs(ids []int) string {
	s := slices.Clone(ids)
	slices.Sort(s)
	s = slices.Compact(s)
	var b strings.Builder
	for i := 0; i < len(s); {
		j := i
		for j+1 < len(s) && s[j+1] == s[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(s[i]))
		switch {
		case j-i >= 2:
			b.WriteByte('-')
			b.WriteString(strconv.Itoa(s[j]))
		case j == i+1:
			b.WriteByte(',')
			b.WriteString(strconv.Itoa(s[j]))
		}
		i = j + 1
	}
	return b.String()
}

// STPPriorities returns the "spanning-tree vlan LIST priority N" lines of
// per-VLAN priorities as IOS and NX-OS print them: the VLANs of one
// priority on one line, lines by priority. A VLAN listed twice takes its
// last priority.
func STPPriorities(priorities []models.STPPriority) []string {
	vlanPriority := map[int]int{}
	for _, p := range priorities {
		vlanPriority[p.VLAN] = p.Priority
	}
	byPrio := map[int][]int{}
	for vlan, p := range vlanPriority {
		byPrio[p] = append(byPrio[p], vlan)
	}
	prios := make([]int, 0, len(byPrio))
	for p := range byPrio {
		prios = append(prios, p)
	}
	slices.Sort(prios)
	out := make([]string, 0, len(prios))
	for _, p := range prios {
		out = append(out, "spanning-tree vlan "+CompactVLANs(byPrio[p])+" priority "+strconv.Itoa(p))
	}
	return out
}
