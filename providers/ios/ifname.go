package ios

import (
	"fmt"
	"strings"
)

// ifType is an interface type of classic IOS switches, with the rank that
// orders it in show running-config.
type ifType struct {
	full     string
	rank     int
	physical bool // an Ethernet port: switchport, channel-group, "no switchport"
}

// ifTypes are the interface types classic IOS switches have, in the order
// show running-config lists them.
var ifTypes = []ifType{
	{full: "Loopback", rank: 0},
	{full: "Tunnel", rank: 1},
	{full: "Port-channel", rank: 2},
	{full: "Ethernet", rank: 3, physical: true},
	{full: "FastEthernet", rank: 4, physical: true},
	{full: "GigabitEthernet", rank: 5, physical: true},
	{full: "TenGigabitEthernet", rank: 6, physical: true},
	{full: "Vlan", rank: 7},
}

// ifAliases are accepted spellings that are not prefixes of the full name.
var ifAliases = map[string]string{
	"gige":        "GigabitEthernet",
	"tengige":     "TenGigabitEthernet",
	"portchannel": "Port-channel",
}

// ifName is a normalised interface name.
type ifName struct {
	typ  *ifType
	num  string // "1/0/1"
	nums []int  // 1, 0, 1 (subinterface number last, when present)
}

func (n ifName) String() string { return n.typ.full + n.num }

// less orders interfaces the way show running-config does: by type rank,
// then numerically by each component of the number.
func (n ifName) less(o ifName) bool {
	if n.typ.rank != o.typ.rank {
		return n.typ.rank < o.typ.rank
	}
	for i := 0; i < len(n.nums) && i < len(o.nums); i++ {
		if n.nums[i] != o.nums[i] {
			return n.nums[i] < o.nums[i]
		}
	}
	return len(n.nums) < len(o.nums)
}

// NormalizeInterface returns the full IOS name of an interface written in
// full or abbreviated, in any case, with optional space before the number:
// "Gi1/0/1", "gig 1/0/1" and "GigabitEthernet1/0/1" all give
// "GigabitEthernet1/0/1"; "Po10" gives "Port-channel10", "Vl20" "Vlan20".
// An abbreviation must match exactly one type ("T" matches Tunnel and
// TenGigabitEthernet and is rejected).
func NormalizeInterface(name string) (string, error) {
	n, err := parseInterface(name)
	if err != nil {
		return "", err
	}
	return n.String(), nil
}

func parseInterface(name string) (ifName, error) {
	s := strings.TrimSpace(name)
	i := strings.IndexAny(s, "0123456789")
	if i <= 0 {
		return ifName{}, fmt.Errorf("%q is not an interface name (type then number, like Gi1/0/1)", name)
	}
	typ, err := lookupType(strings.TrimSpace(s[:i]))
	if err != nil {
		return ifName{}, fmt.Errorf("interface %q: %w", name, err)
	}
	num := s[i:]
	nums, ok := parseNumber(num)
	if !ok {
		return ifName{}, fmt.Errorf("interface %q: %q is not an interface number (like 1/0/1)", name, num)
	}
	return ifName{typ: typ, num: num, nums: nums}, nil
}

// parseNumber splits "1/0/1" or "0/1.100" into its numbers: digits
// separated by "/", with at most one "." before the last number.
func parseNumber(num string) ([]int, bool) {
	nums := make([]int, 0, 4)
	cur, digits, dot := 0, 0, false
	for i := 0; i <= len(num); i++ {
		if i < len(num) && num[i] >= '0' && num[i] <= '9' {
			if cur = cur*10 + int(num[i]-'0'); cur > 1<<20 {
				return nil, false
			}
			digits++
			continue
		}
		if digits == 0 || dot && i < len(num) {
			return nil, false // empty component, or anything after ".N"
		}
		nums = append(nums, cur)
		cur, digits = 0, 0
		if i < len(num) {
			switch num[i] {
			case '/':
			case '.':
				dot = true
			default:
				return nil, false
			}
		}
	}
	return nums, true
}

func lookupType(word string) (*ifType, error) {
	var match *ifType
	var n int
	for i := range ifTypes {
		full := ifTypes[i].full
		if len(word) > len(full) || !strings.EqualFold(full[:len(word)], word) {
			continue
		}
		if len(word) == len(full) {
			return &ifTypes[i], nil
		}
		match = &ifTypes[i]
		n++
	}
	switch {
	case n == 1:
		return match, nil
	case n > 1:
		return nil, fmt.Errorf("interface type %q is ambiguous (%s)", word, strings.Join(prefixed(word), ", "))
	}
	if full, ok := ifAliases[strings.ToLower(word)]; ok {
		return lookupType(full)
	}
	return nil, fmt.Errorf("unknown interface type %q (classic IOS has %s)", word, typeNames())
}

// prefixed returns the type names that word abbreviates.
func prefixed(word string) []string {
	var names []string
	for _, t := range ifTypes {
		if len(word) <= len(t.full) && strings.EqualFold(t.full[:len(word)], word) {
			names = append(names, t.full)
		}
	}
	return names
}

func typeNames() string {
	names := make([]string, len(ifTypes))
	for i, t := range ifTypes {
		names[i] = t.full
	}
	return strings.Join(names, ", ")
}
