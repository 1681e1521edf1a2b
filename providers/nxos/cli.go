package nxos

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/clitext"
	"github.com/switchyard/switchyard/providers/internal/ocrender"
)

// Placeholder returns the token the CLI rendering writes where the value of
// ref belongs: "{{secret env:NAME}}" or "{{secret file:PATH}}" (the form
// the ios provider uses). The NX-API session replaces each token with the
// secret value on the way to the device only.
func Placeholder(ref models.SecretRef) string {
	return "{{secret " + ref.String() + "}}"
}

// cliIndent is the indentation of one mode level, as NX-OS prints it.
const cliIndent = "  "

// cliRenderer renders one device to NX-OS CLI text; it lives for one call.
// It runs after the OpenConfig rendering accepted the intent, so it
// assumes valid, supported intent and only re-checks what the CLI adds.
type cliRenderer struct {
	r       *ocrender.Renderer
	cfg     *models.Config
	b       strings.Builder
	secrets []providers.SecretBinding
	ifaces  []*cliIface
	byName  map[string]*cliIface
}

// cliIface is one interface to render with the VLAN membership folded in.
type cliIface struct {
	name   string
	kind   string // Vlan, port-channel, Ethernet, mgmt, loopback
	in     *models.Interface
	path   string
	access int
	trunk  []int // allowed VLANs; empty allows every VLAN
	l2     bool
}

// renderCLI returns the show running-config form of d's intent and the
// secret bindings of its placeholders.
func renderCLI(r *ocrender.Renderer, d *models.Device) (string, []providers.SecretBinding, []string, error) {
	c := &cliRenderer{r: r, cfg: &d.Config}
	if err := c.planInterfaces(); err != nil {
		return "", nil, nil, fmt.Errorf("render %s for %s (CLI): %w", d.Name, Platform, err)
	}
	steps := []func() error{
		c.hostname, c.features, c.localLogging, c.users, c.domain, c.aaa, c.aaaLogin, c.banner,
		c.objectGroups, c.acls, c.snmp, c.vlans, c.spanningTree, c.routes, c.interfaces, c.lines,
		c.logging, c.ntp,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return "", nil, nil, fmt.Errorf("render %s for %s (CLI): %w", d.Name, Platform, err)
		}
	}
	native, err := clitext.Native(&d.Config, c.b.String())
	if err != nil {
		return "", nil, nil, err
	}
	c.b.WriteString(native)
	return c.b.String(), c.secrets, declaredCLI(&d.Config, c.byName, r), nil
}

func (c *cliRenderer) line(parts ...string) {
	for _, p := range parts {
		c.b.WriteString(p)
	}
	c.b.WriteByte('\n')
}

// sub writes one line of the current section.
func (c *cliRenderer) sub(parts ...string) {
	c.b.WriteString(cliIndent)
	c.line(parts...)
}

func unsupported(feature, path, format string, args ...any) error {
	return &providers.UnsupportedError{Feature: feature, Platform: Platform, Path: path, Reason: fmt.Sprintf(format, args...)}
}

// secret records that the value at path is ref and returns its placeholder.
func (c *cliRenderer) secret(feature, intentPath, path string, ref models.SecretRef) (string, error) {
	if (ref.Env == "") == (ref.File == "") || strings.ContainsAny(ref.String(), " \t\r\n{}\"") {
		return "", unsupported(feature, intentPath, "secret reference %q must name exactly one env variable or file, without spaces, quotes or braces", ref.String())
	}
	c.secrets = append(c.secrets, providers.SecretBinding{Path: path, Ref: ref})
	return Placeholder(ref), nil
}

func (c *cliRenderer) hostname() error {
	if c.cfg.Hostname != "" {
		c.line("hostname ", c.cfg.Hostname)
	}
	return nil
}

// features enables what the other sections need: TACACS+, LACP and SVIs
// are off by default on NX-OS and their commands do not exist until then.
func (c *cliRenderer) features() error {
	var fs []string
	for _, f := range []struct {
		name string
		on   bool
	}{
		{"interface-vlan", slices.ContainsFunc(c.ifaces, func(i *cliIface) bool { return i.kind == "Vlan" })},
		{"lacp", slices.ContainsFunc(c.ifaces, func(i *cliIface) bool {
			return i.in != nil && i.in.PortChannel != nil && i.in.PortChannel.Mode != "on"
		})},
		{"tacacs+", c.cfg.AAA != nil && slices.ContainsFunc(c.cfg.AAA.ServerGroups, func(g models.ServerGroup) bool { return g.Type == "tacacs" })},
		{"telnet", c.cfg.Lines != nil && c.cfg.Lines.VTY != nil && slices.Contains(c.cfg.Lines.VTY.TransportInput, "telnet")},
		{"dhcp", slices.ContainsFunc(c.ifaces, func(i *cliIface) bool { return i.in != nil && len(i.in.HelperAddresses) > 0 })},
	} {
		if f.on {
			fs = append(fs, f.name)
		}
	}
	for _, f := range fs {
		c.line("feature ", f)
	}
	return nil
}

// roles maps intent roles to NX-OS roles.
var roles = map[string]string{"network-admin": "network-admin", "network-operator": "network-operator", "read-only": "network-operator"}

func (c *cliRenderer) users() error {
	for i, u := range c.cfg.Users {
		p := fmt.Sprintf("users[%d]", i)
		l := "username " + u.Name
		if u.Password != nil {
			ph, err := c.secret(providers.FeatureUsers, p+".password", "cli:username["+u.Name+"]/password", *u.Password)
			if err != nil {
				return err
			}
			l += " password " + ph
		}
		if u.Role != "" {
			role, ok := roles[u.Role]
			if !ok {
				return unsupported(providers.FeatureUsers, p+".role", "NX-OS has no role matching %q", u.Role)
			}
			l += " role " + role
		}
		c.line(l)
		for _, k := range u.SSHKeys {
			c.line("username ", u.Name, " sshkey ", k)
		}
	}
	return nil
}

func (c *cliRenderer) domain() error {
	if c.cfg.DomainName != "" {
		c.line("ip domain-name ", c.cfg.DomainName)
	}
	if d := c.cfg.DNS; d != nil && len(d.Servers) > 0 {
		var seen []string
		for _, s := range d.Servers {
			if !slices.Contains(seen, s) {
				seen = append(seen, s)
			}
		}
		c.line("ip name-server ", strings.Join(seen, " "))
	}
	return nil
}

// aaa writes the server definitions, then the groups.
func (c *cliRenderer) aaa() error {
	a := c.cfg.AAA
	if a == nil {
		return nil
	}
	var defined []string
	for i, g := range a.ServerGroups {
		kind := map[string]string{"tacacs": "tacacs-server", "radius": "radius-server"}[g.Type]
		for j, s := range g.Servers {
			if slices.Contains(defined, kind+" "+s.Address) {
				continue
			}
			defined = append(defined, kind+" "+s.Address)
			l := kind + " host " + s.Address
			if s.Key != nil {
				ph, err := c.secret(providers.FeatureAAA, fmt.Sprintf("aaa.server_groups[%d].servers[%d].key", i, j),
					"cli:"+kind+"["+s.Address+"]/key", *s.Key)
				if err != nil {
					return err
				}
				l += " key " + ph
			}
			switch {
			case s.Port == 0:
			case g.Type == "tacacs" && s.Port != 49:
				l += " port " + strconv.Itoa(s.Port)
			case g.Type == "radius" && s.Port != 1812:
				l += " auth-port " + strconv.Itoa(s.Port)
			}
			c.line(l)
		}
	}
	for _, g := range a.ServerGroups {
		proto := map[string]string{"tacacs": "tacacs+", "radius": "radius"}[g.Type]
		c.line("aaa group server ", proto, " ", g.Name)
		for _, s := range g.Servers {
			c.sub("server ", s.Address)
		}
	}
	return nil
}

// bannerDelimiters are tried in order; NX-OS takes any character.
const bannerDelimiters = "#%&$@~|+^"

func (c *cliRenderer) banner() error {
	b := c.cfg.Banners
	if b == nil || b.MOTD == "" {
		return nil
	}
	text := strings.Trim(strings.ReplaceAll(b.MOTD, "\r\n", "\n"), "\n")
	i := strings.IndexFunc(bannerDelimiters, func(r rune) bool { return !strings.ContainsRune(text, r) })
	if i < 0 {
		return unsupported(providers.FeatureBanners, "banners.motd", "every banner delimiter candidate (%s) occurs in the text", bannerDelimiters)
	}
	d := bannerDelimiters[i : i+1]
	if !strings.Contains(text, "\n") {
		c.line("banner motd ", d, text, d)
		return nil
	}
	c.line("banner motd ", d)
	c.line(text)
	c.line(d)
	return nil
}

func (c *cliRenderer) vlans() error {
	for _, v := range c.cfg.VLANs {
		c.line("vlan ", strconv.Itoa(v.ID))
		if v.Name != "" {
			c.sub("name ", v.Name)
		}
	}
	return nil
}

// routes writes default-VRF routes at the top level and the others under
// vrf context NAME, with the VRF's description and route distinguisher.
func (c *cliRenderer) routes() error {
	var vrfs []string
	byVRF := map[string][]string{}
	defs := map[string]models.VRF{}
	for _, v := range c.cfg.VRFs {
		vrfs = append(vrfs, v.Name)
		byVRF[v.Name] = nil
		defs[v.Name] = v
	}
	for _, sr := range c.cfg.StaticRoutes {
		vrf := sr.VRF
		if vrf == "default" {
			vrf = ""
		}
		if _, ok := byVRF[vrf]; !ok {
			vrfs = append(vrfs, vrf)
		}
		for _, nh := range sr.NextHops {
			l := "ip route " + sr.Prefix + " " + nh.Address
			if nh.Distance != 0 {
				l += " " + strconv.Itoa(nh.Distance)
			}
			byVRF[vrf] = append(byVRF[vrf], l)
		}
	}
	slices.Sort(vrfs)
	for _, vrf := range vrfs {
		if vrf == "" {
			for _, l := range byVRF[vrf] {
				c.line(l)
			}
			continue
		}
		c.line("vrf context ", vrf)
		if d := defs[vrf]; d.Description != "" {
			c.sub("description ", d.Description)
		}
		if d := defs[vrf]; d.RD != "" {
			c.sub("rd ", d.RD)
		}
		for _, l := range byVRF[vrf] {
			c.sub(l)
		}
	}
	return nil
}

// severityLevels are the NX-OS logging levels of models.Severities.
var severityLevels = map[string]int{
	"emergency": 0, "alert": 1, "critical": 2, "error": 3, "warning": 4, "notice": 5, "informational": 6, "": 6, "debug": 7,
}

func (c *cliRenderer) logging() error {
	if s := c.cfg.Syslog; s != nil {
		for _, h := range s.Hosts {
			c.line("logging server ", h.Address, " ", strconv.Itoa(severityLevels[h.Severity]))
		}
	}
	return nil
}

func (c *cliRenderer) ntp() error {
	n := c.cfg.NTP
	if n == nil {
		return nil
	}
	for _, s := range n.Servers {
		if s.Prefer {
			c.line("ntp server ", s.Address, " prefer")
		} else {
			c.line("ntp server ", s.Address)
		}
	}
	if n.SourceInterface != "" {
		name, _ := c.r.Normalise(n.SourceInterface)
		c.line("ntp source-interface ", name)
	}
	return nil
}
