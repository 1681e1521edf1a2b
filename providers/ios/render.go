package ios

import (
	"fmt"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/clitext"
)

// renderer renders one device; it lives for one Render call.
type renderer struct {
	cfg     *models.Config
	w       clitext.Writer
	secrets []providers.SecretBinding
	ifaces  []*ifPlan // sorted as show running-config lists them
	ifByKey map[string]*ifPlan
	// managed are the settings declared whole (Desired.CLIManaged).
	managed []string
}

func unsupported(feature, path, format string, args ...any) error {
	return &providers.UnsupportedError{Feature: feature, Platform: Platform, Path: path, Reason: fmt.Sprintf(format, args...)}
}

// render writes every section in show running-config order.
func (r *renderer) render() error {
	// Interfaces are planned first: other sections refer to them by name
	// and every interface error should surface before any text is written.
	if err := r.planInterfaces(); err != nil {
		return err
	}
	r.w.Grow(4096 + 256*len(r.ifaces))
	steps := []func() error{
		r.hostname, r.localLogging, r.users, r.aaaGroups, r.aaaLogin, r.domain, r.vrfs, r.sshKeys,
		r.objectGroups, r.spanningTree, r.vlans, r.interfaces, r.routes, r.acls, r.logging, r.snmp,
		r.aaaServers, r.banners, r.lines, r.ntp,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	native, err := clitext.Native(r.cfg, r.w.String())
	if err != nil {
		return err
	}
	if native != "" {
		r.w.Bang()
		r.w.Linef(strings.TrimSuffix(native, "\n"))
	}
	r.w.Line("end") // IOS prints no "!" between the last global line and "end"
	return nil
}

func (r *renderer) hostname() error {
	if r.cfg.Hostname != "" {
		r.w.Bang()
		r.w.Linef("hostname ", r.cfg.Hostname)
	}
	return nil
}

func (r *renderer) domain() error {
	c := r.cfg
	hasDNS := c.DNS != nil && len(c.DNS.Servers) > 0
	if c.DomainName == "" && !hasDNS {
		return nil
	}
	r.w.Bang()
	if c.DomainName != "" {
		r.w.Linef("ip domain-name ", c.DomainName)
	}
	if hasDNS {
		r.w.Linef("ip name-server ", strings.Join(c.DNS.Servers, " "))
	}
	return nil
}

// iosSeverity maps models.Severities to the keywords of "logging trap".
var iosSeverity = map[string]string{
	"emergency": "emergencies", "alert": "alerts", "critical": "critical", "error": "errors",
	"warning": "warnings", "notice": "notifications", "informational": "informational", "debug": "debugging",
}

func (r *renderer) logging() error {
	s := r.cfg.Syslog
	var src string
	if l := r.cfg.Logging; l != nil && l.SourceInterface != "" {
		name, err := r.ifRef(l.SourceInterface, providers.FeatureLogging, "logging.source_interface")
		if err != nil {
			return err
		}
		src = name
	}
	if src != "" {
		r.w.Bang()
		r.w.Linef("logging source-interface ", src)
	}
	if s == nil || len(s.Hosts) == 0 {
		return nil
	}
	// One trap level for every host: the most verbose one asked for.
	level := -1
	for i, h := range s.Hosts {
		sev := h.Severity
		if sev == "" {
			sev = "informational"
		}
		l := slices.Index(models.Severities, sev)
		if l < 0 {
			return unsupported(providers.FeatureSyslog, fmt.Sprintf("syslog.hosts[%d].severity", i), "unknown severity %q", h.Severity)
		}
		level = max(level, l)
	}
	if src == "" {
		r.w.Bang()
	}
	if sev := models.Severities[level]; sev != "informational" {
		r.w.Linef("logging trap ", iosSeverity[sev])
	}
	for _, h := range s.Hosts {
		r.w.Linef("logging host ", h.Address)
	}
	return nil
}

func (r *renderer) banners() error {
	b := r.cfg.Banners
	if b == nil {
		return nil
	}
	first := true
	for _, ban := range [...]struct{ kind, text string }{{"login", b.Login}, {"motd", b.MOTD}} {
		if ban.text == "" {
			continue
		}
		text := clitext.BannerText(ban.text)
		delim, err := clitext.BannerDelimiter(text)
		if err != nil {
			return unsupported(providers.FeatureBanners, "banners."+ban.kind, "%v", err)
		}
		if first {
			r.w.Bang()
			first = false
		}
		r.w.Linef("banner ", ban.kind, " ", delim)
		for line := range strings.SplitSeq(text, "\n") {
			r.w.Line(line)
		}
		r.w.Line(delim)
	}
	return nil
}

func (r *renderer) ntp() error {
	n := r.cfg.NTP
	if n == nil || (n.SourceInterface == "" && len(n.Servers) == 0) {
		return nil
	}
	r.w.Bang()
	if n.SourceInterface != "" {
		name, err := r.ifRef(n.SourceInterface, providers.FeatureNTP, "ntp.source_interface")
		if err != nil {
			return err
		}
		r.w.Linef("ntp source ", name)
	}
	for _, s := range n.Servers {
		if s.Prefer {
			r.w.Linef("ntp server ", s.Address, " prefer")
		} else {
			r.w.Linef("ntp server ", s.Address)
		}
	}
	return nil
}
