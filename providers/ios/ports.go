package ios

import (
	"strconv"
	"strings"
)

// tcpPorts and udpPorts are the port numbers that classic IOS prints by
// name in access lists and service object-groups (12.2 and 15.x keyword
// tables).
var (
	tcpPorts = map[int]string{
		7: "echo", 9: "discard", 13: "daytime", 19: "chargen", 20: "ftp-data", 21: "ftp",
		23: "telnet", 25: "smtp", 37: "time", 43: "whois", 49: "tacacs", 53: "domain",
		70: "gopher", 79: "finger", 80: "www", 101: "hostname", 109: "pop2", 110: "pop3",
		111: "sunrpc", 113: "ident", 119: "nntp", 135: "msrpc", 179: "bgp", 194: "irc",
		496: "pim-auto-rp", 512: "exec", 513: "login", 514: "cmd", 515: "lpd", 517: "talk",
		540: "uucp", 543: "klogin", 544: "kshell", 3949: "drip",
	}
	udpPorts = map[int]string{
		7: "echo", 9: "discard", 37: "time", 42: "nameserver", 49: "tacacs", 53: "domain",
		67: "bootps", 68: "bootpc", 69: "tftp", 111: "sunrpc", 123: "ntp", 137: "netbios-ns",
		138: "netbios-dgm", 139: "netbios-ss", 161: "snmp", 162: "snmptrap", 177: "xdmcp",
		195: "dnsix", 434: "mobile-ip", 496: "pim-auto-rp", 500: "isakmp", 512: "biff",
		513: "who", 514: "syslog", 517: "talk", 520: "rip", 4500: "non500-isakmp",
	}
)

// portName returns port as IOS prints it for protocol: its keyword when it
// has one, otherwise the number.
func portName(protocol string, port int) string {
	var names map[int]string
	switch protocol {
	case "tcp":
		names = tcpPorts
	case "udp":
		names = udpPorts
	}
	if n, ok := names[port]; ok {
		return n
	}
	return strconv.Itoa(port)
}

// portMatch turns "N" or "N-M" into "eq N" or "range N M", with IOS port
// names. A range of one port is "eq". ok is false for malformed input.
func portMatch(protocol, ports string) (match string, ok bool) {
	lo, hi, isRange := strings.Cut(ports, "-")
	l, err := strconv.Atoi(lo)
	if err != nil || l < 0 || l > 65535 {
		return "", false
	}
	h := l
	if isRange {
		if h, err = strconv.Atoi(hi); err != nil || h < l || h > 65535 {
			return "", false
		}
	}
	if h == l {
		return "eq " + portName(protocol, l), true
	}
	return "range " + portName(protocol, l) + " " + portName(protocol, h), true
}
