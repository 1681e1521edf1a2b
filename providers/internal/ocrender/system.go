package ocrender

import (
	"fmt"
	"net/netip"

	"github.com/openconfig/ygot/ygot"

	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
)

// severities maps intent syslog severities to OpenConfig.
var severities = map[string]oc.E_OpenconfigSystemLogging_SyslogSeverity{
	"emergency":     oc.OpenconfigSystemLogging_SyslogSeverity_EMERGENCY,
	"alert":         oc.OpenconfigSystemLogging_SyslogSeverity_ALERT,
	"critical":      oc.OpenconfigSystemLogging_SyslogSeverity_CRITICAL,
	"error":         oc.OpenconfigSystemLogging_SyslogSeverity_ERROR,
	"warning":       oc.OpenconfigSystemLogging_SyslogSeverity_WARNING,
	"notice":        oc.OpenconfigSystemLogging_SyslogSeverity_NOTICE,
	"informational": oc.OpenconfigSystemLogging_SyslogSeverity_INFORMATIONAL,
	"debug":         oc.OpenconfigSystemLogging_SyslogSeverity_DEBUG,
}

// system renders /system: names, banners, NTP, DNS and syslog.
func (s *render) system() {
	c := s.cfg
	if c.Hostname != "" && s.supports(providers.FeatureHostname, "hostname") {
		s.tree.GetOrCreateSystem().Hostname = ygot.String(c.Hostname)
	}
	if c.DomainName != "" && s.supports(providers.FeatureDomainName, "domain_name") {
		s.tree.GetOrCreateSystem().DomainName = ygot.String(c.DomainName)
	}
	if b := c.Banners; b != nil && (b.Login != "" || b.MOTD != "") && s.supports(providers.FeatureBanners, "banners") {
		sys := s.tree.GetOrCreateSystem()
		if b.Login != "" {
			sys.LoginBanner = ygot.String(b.Login)
		}
		if b.MOTD != "" {
			sys.MotdBanner = ygot.String(b.MOTD)
		}
	}
	s.ntp()
	s.dns()
	s.syslog()
}

func (s *render) ntp() {
	n := s.cfg.NTP
	if n == nil || (len(n.Servers) == 0 && n.SourceInterface == "") || !s.supports(providers.FeatureNTP, "ntp") {
		return
	}
	nativeSource := n.SourceInterface != "" && s.ntpSourceNative(n.SourceInterface)
	if len(n.Servers) == 0 {
		if !nativeSource {
			s.unsupported(providers.FeatureNTP, "ntp.source_interface",
				"OpenConfig keeps the NTP source address per server, and no servers are declared")
		}
		return
	}
	source := ""
	if n.SourceInterface != "" && !nativeSource {
		source = s.sourceAddress(n.SourceInterface)
	}
	ntp := s.tree.GetOrCreateSystem().GetOrCreateNtp()
	ntp.Enabled = ygot.Bool(true)
	for _, srv := range n.Servers {
		o := ntp.GetOrCreateServer(srv.Address)
		o.Prefer = ygot.Bool(srv.Prefer)
		if source != "" {
			o.SourceAddress = ygot.String(source)
		}
	}
}

// sourceAddress returns the IPv4 address (without prefix length) that the
// intent gives the NTP source interface, recording an UnsupportedError when
// there is none: this OpenConfig revision has only a per-server
// source-address, no source-interface.
func (s *render) sourceAddress(name string) string {
	canon, _ := s.names.normalise(name)
	ref := s.ifaces[canon]
	if ref == nil || len(ref.in.IPv4) == 0 {
		s.unsupported(providers.FeatureNTP, "ntp.source_interface",
			"OpenConfig has no NTP source-interface, only a per-server source-address, and interface %s has no ipv4 address in the intent to take it from", canon)
		return ""
	}
	p, err := netip.ParsePrefix(ref.in.IPv4[0])
	if err != nil {
		s.errs = append(s.errs, fmt.Errorf("%s.ipv4[0]: %w", ref.path, err))
		return ""
	}
	return p.Addr().String()
}

func (s *render) dns() {
	d := s.cfg.DNS
	if d == nil || len(d.Servers) == 0 || !s.supports(providers.FeatureDNS, "dns") {
		return
	}
	dns := s.tree.GetOrCreateSystem().GetOrCreateDns()
	for i, a := range d.Servers {
		if dns.GetServer(a) != nil {
			continue // a duplicate is the same server
		}
		if _, err := dns.AppendNewServer(a); err != nil {
			s.errs = append(s.errs, fmt.Errorf("dns.servers[%d]: %w", i, err))
		}
	}
}

func (s *render) syslog() {
	l := s.cfg.Syslog
	if l == nil || len(l.Hosts) == 0 || !s.supports(providers.FeatureSyslog, "syslog") {
		return
	}
	logging := s.tree.GetOrCreateSystem().GetOrCreateLogging()
	var trap, trapAt string
	for i, h := range l.Hosts {
		rs := logging.GetOrCreateRemoteServer(h.Address)
		if h.Severity == "" {
			continue // the device's own default: no selector is managed
		}
		at := fmt.Sprintf("syslog.hosts[%d].severity", i)
		sev, ok := severities[h.Severity]
		if !ok {
			s.unsupported(providers.FeatureSyslog, at, "unknown severity %q", h.Severity)
			continue
		}
		if s.syslogSeverityNative(h.Address) {
			if trap != "" && trap != h.Severity {
				s.unsupported(providers.FeatureSyslog, at, "%s sets one severity for every syslog host (logging trap, its native route): %s is %s, %s is %s",
					s.prof.ID(), trapAt, trap, at, h.Severity)
				continue
			}
			if trap == "" {
				trap, trapAt = h.Severity, at
				s.native("/Cisco-IOS-XE-native:native/logging/trap/severity", xeSeverity[h.Severity], at)
			}
			continue
		}
		rs.GetOrCreateSelector(oc.OpenconfigSystemLogging_SYSLOG_FACILITY_ALL, sev)
	}
}
