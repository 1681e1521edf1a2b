package clitext

import (
	"fmt"
	"net/netip"
)

// Mask returns the dotted-quad network mask of an IPv4 prefix length
// (24 gives "255.255.255.0"). It panics unless 0 <= bits <= 32.
func Mask(bits int) string {
	return dotted(maskBits(bits))
}

// Wildcard returns the dotted-quad wildcard (inverse) mask of an IPv4 prefix
// length, as access lists use it (24 gives "0.0.0.255").
func Wildcard(bits int) string {
	return dotted(^maskBits(bits))
}

func maskBits(bits int) uint32 {
	if bits < 0 || bits > 32 {
		panic(fmt.Sprintf("clitext: IPv4 prefix length %d out of range", bits))
	}
	if bits == 0 {
		return 0
	}
	return ^uint32(0) << (32 - bits)
}

func dotted(m uint32) string {
	return netip.AddrFrom4([4]byte{byte(m >> 24), byte(m >> 16), byte(m >> 8), byte(m)}).String()
}

// ParseIPv4Prefix parses "A.B.C.D/N" and returns the address as written and
// the prefix length. It rejects IPv6 and malformed input.
func ParseIPv4Prefix(s string) (netip.Prefix, error) {
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	if !p.Addr().Is4() {
		return netip.Prefix{}, fmt.Errorf("%q is not an IPv4 prefix", s)
	}
	return p, nil
}
