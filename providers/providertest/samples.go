package providertest

import (
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

// AllFeatures are every intent feature, in the order of providers.Feature*.
var AllFeatures = []string{
	providers.FeatureHostname, providers.FeatureDomainName, providers.FeatureBanners,
	providers.FeatureNTP, providers.FeatureDNS, providers.FeatureSyslog,
	providers.FeatureUsers, providers.FeatureAAA, providers.FeatureVLANs,
	providers.FeatureInterfaces, providers.FeatureSwitchport, providers.FeaturePortChannels,
	providers.FeatureStaticRoutes, providers.FeatureACLs, providers.FeatureObjectGroups,
}

// Names are interface names of one platform that samples use.
type Names struct {
	// Ethernet are four Ethernet interfaces.
	Ethernet [4]string
	// Loopback is a loopback interface.
	Loopback string
}

// PlatformNames are the sample interface names of the known platforms.
var PlatformNames = map[string]Names{
	"iosxe": {Ethernet: [4]string{"GigabitEthernet1/0/1", "GigabitEthernet1/0/2", "GigabitEthernet1/0/3", "GigabitEthernet1/0/4"}, Loopback: "Loopback0"},
	"iosxr": {Ethernet: [4]string{"GigabitEthernet0/0/0/0", "GigabitEthernet0/0/0/1", "GigabitEthernet0/0/0/2", "GigabitEthernet0/0/0/3"}, Loopback: "Loopback0"},
	"nxos":  {Ethernet: [4]string{"Ethernet1/1", "Ethernet1/2", "Ethernet1/3", "Ethernet1/4"}, Loopback: "loopback0"},
	"ios":   {Ethernet: [4]string{"FastEthernet0/1", "FastEthernet0/2", "FastEthernet0/3", "FastEthernet0/4"}, Loopback: "Loopback0"},
}

// CanaryEnv is the environment variable the conformance suite's secret
// references point at; the suite sets it to a canary value that must never
// appear in a Desired.
const CanaryEnv = "SWITCHYARD_PROVIDERTEST_CANARY"

// canaryRef is the secret reference samples use.
var canaryRef = models.SecretRef{Env: CanaryEnv}

// Sample adds to c a small, valid use of feature, with interface names
// from n. Each feature uses its own interfaces, so samples combine.
func Sample(c *models.Config, feature string, n Names) {
	switch feature {
	case providers.FeatureHostname:
		c.Hostname = "conformance-1"
	case providers.FeatureDomainName:
		c.DomainName = "example.net"
	case providers.FeatureBanners:
		c.Banners = &models.Banners{MOTD: "managed by switchyard"}
	case providers.FeatureNTP:
		c.NTP = &models.NTP{Servers: []models.NTPServer{{Address: "192.0.2.123", Prefer: true}}}
	case providers.FeatureDNS:
		c.DNS = &models.DNS{Servers: []string{"192.0.2.53"}}
	case providers.FeatureSyslog:
		c.Syslog = &models.Syslog{Hosts: []models.SyslogHost{{Address: "192.0.2.5", Severity: "warning"}}}
	case providers.FeatureUsers:
		ref := canaryRef
		c.Users = append(c.Users, models.User{Name: "ops", Role: "network-admin", Privilege: 15, Password: &ref})
	case providers.FeatureAAA:
		ref := canaryRef
		c.AAA = &models.AAA{ServerGroups: []models.ServerGroup{{
			Name: "TACACS", Type: "tacacs",
			Servers: []models.AAAServer{{Address: "192.0.2.49", Port: 49, Key: &ref}},
		}}}
	case providers.FeatureVLANs:
		c.VLANs = append(c.VLANs, models.VLAN{ID: 10, Name: "USERS"})
	case providers.FeatureInterfaces:
		c.Interfaces = append(c.Interfaces,
			models.Interface{Name: n.Ethernet[0], Description: "conformance"},
			models.Interface{Name: n.Loopback, IPv4: []string{"192.0.2.255/32"}})
	case providers.FeatureSwitchport:
		c.Interfaces = append(c.Interfaces, models.Interface{Name: n.Ethernet[1], Switchport: &models.Switchport{Mode: "access", AccessVLAN: 10}})
	case providers.FeaturePortChannels:
		cg := models.ChannelGroup{ID: 1, Mode: "active"}
		c.Interfaces = append(c.Interfaces,
			models.Interface{Name: n.Ethernet[2], PortChannel: &cg},
			models.Interface{Name: n.Ethernet[3], PortChannel: &cg})
	case providers.FeatureStaticRoutes:
		c.StaticRoutes = append(c.StaticRoutes, models.StaticRoute{Prefix: "0.0.0.0/0", NextHops: []models.NextHop{{Address: "192.0.2.1"}}})
	case providers.FeatureACLs:
		c.ACLs = append(c.ACLs, models.ACL{Name: "CONFORMANCE", Entries: []models.ACLEntry{
			{Seq: 10, Action: "permit", Protocol: "tcp", Source: "192.0.2.0/24", Destination: "any", DestinationPort: "22"},
			{Seq: 20, Action: "deny", Protocol: "ip", Source: "any", Destination: "any", Log: true},
		}})
	case providers.FeatureObjectGroups:
		c.ObjectGroups = append(c.ObjectGroups, models.ObjectGroup{Name: "CONFORMANCE-NETS", Type: "network", Hosts: []string{"192.0.2.10"}, Prefixes: []string{"198.51.100.0/24"}})
	}
}
