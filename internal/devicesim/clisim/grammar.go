package clisim

import (
	"strconv"
	"strings"
)

// mode is one configuration mode: the first words it accepts and the
// commands that enter its sub-modes.
type mode struct {
	// tag is what the prompt shows in parentheses ("config-if").
	tag string
	// words are the first words of the mode's commands; "*" accepts any.
	words map[string]bool
	// ipWords are the words accepted after "ip"; nil accepts any.
	ipWords map[string]bool
	// numbers accepts commands that start with a digit (ACL sequence
	// numbers, object-group addresses, protocol numbers).
	numbers bool
	// enter returns the sub-mode a command enters and its configuration
	// line, or nil. f are the command's words.
	enter func(f []string) (*mode, string, error)
	// single are first words whose command replaces the mode's previous
	// line with the same first word (key, address, port, ...).
	single map[string]bool
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// common are accepted in every configuration mode.
var common = set("no default do exit end")

var (
	aclWords    = set("permit deny remark statistics evaluate dynamic")
	serverWords = set("address key port timeout single-connection retransmit automate-tester")
	sgWords     = set("server server-private ip timeout deadtime")
)

var modeIf = &mode{tag: "config-if",
	words: set("description switchport shutdown ip ipv6 channel-group spanning-tree speed duplex " +
		"power storm-control logging cdp lldp load-interval vrf negotiation keepalive bandwidth udld " +
		"authentication dot1x mab service-policy srr-queue priority-queue mls auto media-type " +
		"carrier-delay standby encapsulation snmp switchport-backup flowcontrol channel-protocol"),
	ipWords: set("address access-group helper-address ospf pim redirects unreachables proxy-arp " +
		"route-cache dhcp igmp verify arp mtu vrf policy nat directed-broadcast mroute-cache flow " +
		"device tcp"),
}
var modeVLAN = &mode{tag: "config-vlan", words: set("name state shutdown remote-span mtu")}
var modeExtACL = &mode{tag: "config-ext-nacl", words: aclWords, numbers: true}
var modeStdACL = &mode{tag: "config-std-nacl", words: aclWords, numbers: true}
var modeNetGroup = &mode{tag: "config-network-group", words: set("host group-object description range"), numbers: true}
var modeSvcGroup = &mode{tag: "config-service-group",
	words: set("tcp udp tcp-udp icmp ip group-object description esp ahp gre igmp pim ospf eigrp"), numbers: true}
var modeTacacs = &mode{tag: "config-server-tacacs", words: serverWords, single: set("address key port timeout")}
var modeRadius = &mode{tag: "config-radius-server", words: serverWords, single: set("address key timeout retransmit")}
var modeSGTacacs = &mode{tag: "config-sg-tacacs+", words: sgWords, ipWords: set("tacacs vrf")}
var modeSGRadius = &mode{tag: "config-sg-radius", words: sgWords, ipWords: set("radius vrf")}
var modeLine = &mode{tag: "config-line",
	words: set("login transport exec-timeout password logging length width privilege access-class " +
		"session-timeout stopbits speed history exec autocommand escape-character location " +
		"absolute-timeout ipv6 authorization accounting")}
var modePubkeyUser = &mode{tag: "conf-ssh-pubkey-user", words: set("key-hash key-string quit")}
var modePubkey = &mode{tag: "conf-ssh-pubkey", words: set("username quit"), enter: enterPubkeyUser}
var modeArchive = &mode{tag: "config-archive", words: set("path maximum write-memory time-period log rollback"),
	single: set("path maximum time-period"), enter: enterArchiveLog}
var modeVRF = &mode{tag: "config-vrf", words: set("rd description route-target"), single: set("rd description")}
var modeArchiveLog = &mode{tag: "config-archive-log-cfg", words: set("logging hidekeys notify record"),
	single: set("logging")}

func enterArchiveLog(f []string) (*mode, string, error) {
	if f[0] != "log" {
		return nil, "", nil
	}
	if len(f) != 2 || f[1] != "config" {
		return nil, "", incompleteOr(len(f) < 2, 2)
	}
	return modeArchiveLog, "log config", nil
}

var modeRouter = &mode{tag: "config-router", words: set("*")}
var modeControl = &mode{tag: "config-cp", words: set("service-policy")}
var modeRedund = &mode{tag: "config-red", words: set("mode main-cpu")}
var modeGlobal = &mode{tag: "config",
	words: set("aaa access-list alias archive banner boot boot-start-marker boot-end-marker cdp clock " +
		"crypto enable errdisable file hostname interface ip ipv6 lldp line logging mac monitor ntp " +
		"object-group port-channel power radius radius-server router service snmp-server spanning-tree " +
		"system tacacs tacacs-server udld username version vlan vtp license diagnostic redundancy " +
		"control-plane switch call-home mls"),
	ipWords: set("access-list domain-name domain name-server route ssh scp http default-gateway " +
		"routing tacacs radius forward-protocol classless dhcp igmp ftp tftp domain-lookup subnet-zero " +
		"cef vrf source-route arp device multicast-routing bootp finger"),
	enter: enterGlobal,
}

// enterGlobal recognises the global commands that enter a sub-mode.
func enterGlobal(f []string) (*mode, string, error) {
	switch f[0] {
	case "interface":
		if len(f) < 2 {
			return nil, "", errIncomplete
		}
		name, ok := ifName(strings.Join(f[1:], ""))
		if !ok {
			return nil, "", invalidAt(1)
		}
		return modeIf, "interface " + name, nil
	case "vlan":
		if len(f) > 2 && !isNumber(f[1]) {
			return nil, "", nil // vlan internal allocation policy ..., vlan dot1q tag native
		}
		if len(f) != 2 {
			return nil, "", incompleteOr(len(f) < 2, 2)
		}
		if n, err := strconv.Atoi(f[1]); err != nil || n < 1 || n > 4094 {
			return nil, "", invalidAt(1)
		}
		return modeVLAN, "vlan " + f[1], nil
	case "object-group":
		if len(f) < 3 {
			return nil, "", errIncomplete
		}
		switch f[1] {
		case "network":
			return modeNetGroup, strings.Join(f[:3], " "), nil
		case "service":
			return modeSvcGroup, strings.Join(f[:3], " "), nil
		}
		return nil, "", invalidAt(1)
	case "tacacs", "radius":
		if len(f) < 2 || f[1] != "server" {
			return nil, "", nil // tacacs-server style commands are leaves
		}
		if len(f) != 3 {
			return nil, "", incompleteOr(len(f) < 3, 3)
		}
		if f[0] == "tacacs" {
			return modeTacacs, strings.Join(f, " "), nil
		}
		return modeRadius, strings.Join(f, " "), nil
	case "aaa":
		if len(f) >= 3 && f[1] == "group" && f[2] == "server" {
			if len(f) != 5 {
				return nil, "", incompleteOr(len(f) < 5, 5)
			}
			switch f[3] {
			case "tacacs+":
				return modeSGTacacs, strings.Join(f, " "), nil
			case "radius":
				return modeSGRadius, strings.Join(f, " "), nil
			}
			return nil, "", invalidAt(3)
		}
	case "line":
		if len(f) < 3 {
			return nil, "", errIncomplete
		}
		return modeLine, strings.Join(f, " "), nil
	case "archive":
		if len(f) == 1 {
			return modeArchive, "archive", nil
		}
		return nil, "", invalidAt(1)
	case "router":
		if len(f) < 2 {
			return nil, "", errIncomplete
		}
		return modeRouter, strings.Join(f, " "), nil
	case "control-plane":
		return modeControl, "control-plane", nil
	case "redundancy":
		return modeRedund, "redundancy", nil
	case "ip":
		if len(f) >= 2 && f[1] == "access-list" {
			if len(f) != 4 {
				return nil, "", incompleteOr(len(f) < 4, 4)
			}
			switch f[2] {
			case "extended":
				return modeExtACL, strings.Join(f, " "), nil
			case "standard":
				return modeStdACL, strings.Join(f, " "), nil
			}
			return nil, "", invalidAt(2)
		}
		if len(f) == 3 && f[1] == "ssh" && f[2] == "pubkey-chain" {
			return modePubkey, "ip ssh pubkey-chain", nil
		}
		if len(f) == 3 && f[1] == "vrf" {
			return modeVRF, strings.Join(f, " "), nil
		}
	}
	return nil, "", nil
}

func enterPubkeyUser(f []string) (*mode, string, error) {
	if f[0] != "username" {
		return nil, "", nil
	}
	if len(f) != 2 {
		return nil, "", incompleteOr(len(f) < 2, 2)
	}
	return modePubkeyUser, "username " + f[1], nil
}

// ifTypes maps lower-case interface type prefixes to IOS names, longest
// spelling first within each type.
var ifTypes = []struct{ prefix, name string }{
	{"tengigabitethernet", "TenGigabitEthernet"}, {"te", "TenGigabitEthernet"},
	{"twogigabitethernet", "TwoGigabitEthernet"}, {"tw", "TwoGigabitEthernet"},
	{"gigabitethernet", "GigabitEthernet"}, {"gi", "GigabitEthernet"}, {"g", "GigabitEthernet"},
	{"fastethernet", "FastEthernet"}, {"fa", "FastEthernet"}, {"f", "FastEthernet"},
	{"port-channel", "Port-channel"}, {"po", "Port-channel"},
	{"loopback", "Loopback"}, {"lo", "Loopback"},
	{"vlan", "Vlan"}, {"vl", "Vlan"},
	{"tunnel", "Tunnel"}, {"tu", "Tunnel"},
	{"ethernet", "Ethernet"}, {"eth", "Ethernet"}, {"e", "Ethernet"},
}

// ifName expands an interface name ("gi1/0/1") to IOS's spelling.
func ifName(s string) (string, bool) {
	i := 0
	for i < len(s) && (s[i] < '0' || s[i] > '9') {
		i++
	}
	typ, num := strings.ToLower(s[:i]), s[i:]
	if num == "" || strings.Trim(num, "0123456789/.:") != "" {
		return "", false
	}
	for _, t := range ifTypes {
		if typ != "" && strings.HasPrefix(t.prefix, typ) {
			return t.name + num, true
		}
	}
	return "", false
}

// displayedNegations are the "no" forms IOS prints in show running-config;
// any other negation leaves no line behind.
var displayedNegations = setOf("switchport", "ip address", "service pad", "ip domain-lookup",
	"ip domain lookup", "ip http server", "ip http secure-server", "cdp run", "cdp enable",
	"ip routing", "ip source-route", "ip redirects", "ip unreachables", "ip proxy-arp",
	"ip gratuitous-arps", "ip bootp server", "mop enabled", "keepalive", "logging console",
	"ip route-cache", "negotiation auto", "service config", "ip igmp snooping", "auto-summary")

func setOf(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, s := range items {
		m[s] = true
	}
	return m
}
