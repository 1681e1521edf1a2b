package daemon

import (
	"fmt"
	"net"
	"net/url"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/switchyard/switchyard/internal/gitsource"
)

// config decodes the root mapping. The keys here are the file's schema,
// documented in docs/daemon.md.
func (l *loader) config(n *yaml.Node, c *Config) {
	l.mapping(n, "", fields{
		"repository":          func(n *yaml.Node) { l.repository(n, &c.Repository) },
		"devices":             func(n *yaml.Node) { l.devices(n, &c.Devices) },
		"drift":               func(n *yaml.Node) { l.drift(n, &c.Drift) },
		"groups":              l.list("groups", func(n *yaml.Node, p string) { c.Groups = append(c.Groups, l.group(n, p)) }),
		"rollout":             func(n *yaml.Node) { l.rollout(n, &c.Rollout) },
		"maintenance_windows": l.list("maintenance_windows", func(n *yaml.Node, p string) { c.Windows = append(c.Windows, l.window(n, p)) }),
		"health_checks":       l.list("health_checks", func(n *yaml.Node, p string) { c.Checks = append(c.Checks, l.check(n, p)) }),
		"reports": func(n *yaml.Node) {
			l.mapping(n, "reports", fields{
				"lead_time": l.duration(&c.Reports.LeadTime, "reports.lead_time"),
				"keep":      l.integer(&c.Reports.Keep, "reports.keep"),
			})
		},
		"state_dir":  l.str(&c.StateDir, "state_dir"),
		"listen":     l.str(&c.Listen, "listen"),
		"api_token":  l.secretRef(&c.APITokenRef, "api_token"),
		"api_tokens": l.list("api_tokens", func(n *yaml.Node, p string) { c.APITokens = append(c.APITokens, l.apiToken(n, p)) }),
		"tls_cert":   l.str(&c.TLSCert, "tls_cert"),
		"tls_key":    l.str(&c.TLSKey, "tls_key"),
		"allow_insecure_listen": func(n *yaml.Node) {
			var b *bool
			l.boolean(&b, "allow_insecure_listen")(n)
			c.AllowInsecureListen = b != nil && *b
		},
		"shutdown_grace": l.duration(&c.ShutdownGrace, "shutdown_grace"),
		"notifications": l.list("notifications", func(n *yaml.Node, p string) {
			c.Notifications = append(c.Notifications, l.notification(n, p))
		}),
	})
}

func (l *loader) repository(n *yaml.Node, r *RepositoryConfig) {
	const p = "repository"
	l.mapping(n, p, fields{
		"url":            l.str(&r.URL, p+".url"),
		"ref":            l.str(&r.Ref, p+".ref"),
		"subpath":        l.str(&r.SubPath, p+".subpath"),
		"poll_interval":  l.duration(&r.PollInterval, p+".poll_interval"),
		"cache_dir":      l.str(&r.CacheDir, p+".cache_dir"),
		"webhook_secret": l.secretRef(&r.WebhookSecret, p+".webhook_secret"),
		"auth": func(n *yaml.Node) {
			a := &r.Auth
			l.mapping(n, p+".auth", fields{
				"https_token":        l.secretRef(&a.HTTPSToken, p+".auth.https_token"),
				"https_username":     l.str(&a.HTTPSUsername, p+".auth.https_username"),
				"ca_bundle_file":     l.str(&a.CABundleFile, p+".auth.ca_bundle_file"),
				"ssh_key_file":       l.str(&a.SSHKeyFile, p+".auth.ssh_key_file"),
				"ssh_key_passphrase": l.secretRef(&a.SSHKeyPassphrase, p+".auth.ssh_key_passphrase"),
				"known_hosts_file":   l.str(&a.KnownHostsFile, p+".auth.known_hosts_file"),
			})
		},
		"signed_commits": func(n *yaml.Node) {
			s := &SignedCommits{}
			l.mapping(n, p+".signed_commits", fields{
				"ssh_allowed_signers_files": l.strList(&s.SSHAllowedSignersFiles, p+".signed_commits.ssh_allowed_signers_files"),
				"openpgp_key_files":         l.strList(&s.OpenPGPKeyFiles, p+".signed_commits.openpgp_key_files"),
			})
			r.SignedCommits = s
		},
	})
}

func (l *loader) devices(n *yaml.Node, d *DevicesConfig) {
	l.mapping(n, "devices", fields{
		"limit":            l.strList(&d.Limit, "devices.limit"),
		"known_hosts_file": l.str(&d.KnownHostsFile, "devices.known_hosts_file"),
		"ca_file":          l.str(&d.CAFile, "devices.ca_file"),
		"timeout":          l.duration(&d.Timeout, "devices.timeout"),
	})
}

func (l *loader) drift(n *yaml.Node, d *DriftConfig) {
	var allow *bool
	l.mapping(n, "drift", fields{
		"schedule":                               l.str(&d.Schedule, "drift.schedule"),
		"default_policy":                         l.str(&d.DefaultPolicy, "drift.default_policy"),
		"allow_drift_remediation_outside_window": l.boolean(&allow, "drift.allow_drift_remediation_outside_window"),
	})
	d.AllowOutsideWindow = allow != nil && *allow
}

func (l *loader) group(n *yaml.Node, p string) GroupPolicy {
	g := GroupPolicy{Range: l.rng(n)}
	l.mapping(n, p, fields{
		"group":                                  l.str(&g.Group, p+".group"),
		"drift":                                  l.str(&g.Drift, p+".drift"),
		"allow_drift_remediation_outside_window": l.boolean(&g.AllowDriftRemediationOutsideWindow, p+".allow_drift_remediation_outside_window"),
	})
	return g
}

func (l *loader) rollout(n *yaml.Node, r *RolloutConfig) {
	l.mapping(n, "rollout", fields{
		"concurrency":     l.integer(&r.Concurrency, "rollout.concurrency"),
		"canary":          l.integer(&r.Canary, "rollout.canary"),
		"batch_size":      l.integer(&r.BatchSize, "rollout.batch_size"),
		"max_failures":    l.integer(&r.MaxFailures, "rollout.max_failures"),
		"confirm_timeout": l.duration(&r.ConfirmTimeout, "rollout.confirm_timeout"),
	})
}

func (l *loader) window(n *yaml.Node, p string) WindowConfig {
	w := WindowConfig{Range: l.rng(n)}
	l.mapping(n, p, fields{
		"name":     l.str(&w.Name, p+".name"),
		"schedule": l.str(&w.Schedule, p+".schedule"),
		"duration": l.duration(&w.Duration, p+".duration"),
		"groups":   l.strList(&w.Groups, p+".groups"),
	})
	return w
}

func (l *loader) check(n *yaml.Node, p string) CheckConfig {
	var c CheckConfig
	l.mapping(n, p, fields{
		"name":    l.str(&c.Name, p+".name"),
		"tcp":     l.str(&c.TCP, p+".tcp"),
		"http":    l.str(&c.HTTP, p+".http"),
		"timeout": l.duration(&c.Timeout, p+".timeout"),
		"groups":  l.strList(&c.Groups, p+".groups"),
	})
	return c
}

// validate is the pass over the decoded, defaulted configuration.
func (l *loader) validate(c *Config) {
	l.validateRepository(c)
	if _, err := ParseSchedule(c.Drift.Schedule); err != nil {
		l.ds.Errorf(l.at("drift.schedule"), "drift.schedule: %v", err)
	}
	if !validPolicy(c.Drift.DefaultPolicy) {
		l.ds.Errorf(l.at("drift.default_policy"), "drift.default_policy: %q is not report or remediate", c.Drift.DefaultPolicy)
	}
	seen := map[string]bool{}
	for i, g := range c.Groups {
		p := fmt.Sprintf("groups[%d]", i)
		switch {
		case g.Group == "":
			l.ds.Errorf(g.Range, "%s: group is required", p)
		case seen[g.Group]:
			l.ds.Errorf(l.at(p+".group"), "%s: group %q has a policy already", p, g.Group)
		}
		seen[g.Group] = true
		if g.Drift != "" && !validPolicy(g.Drift) {
			l.ds.Errorf(l.at(p+".drift"), "%s.drift: %q is not report or remediate", p, g.Drift)
		}
	}
	names := map[string]bool{}
	for i, w := range c.Windows {
		p := fmt.Sprintf("maintenance_windows[%d]", i)
		if w.Name == "" || names[w.Name] {
			l.ds.Errorf(w.Range, "%s: every window needs a unique name", p)
		}
		names[w.Name] = true
		if _, err := ParseCron(w.Schedule); err != nil {
			l.ds.Errorf(l.at(p+".schedule"), "%s.schedule: %v", p, err)
		}
		if w.Duration == 0 {
			l.ds.Errorf(w.Range, "%s: duration is required", p)
		}
	}
	for i, ch := range c.Checks {
		l.validateCheck(fmt.Sprintf("health_checks[%d]", i), ch)
	}
	l.validateAPI(c)
	l.validateNotifications(c)
	if c.Rollout.Canary > 0 && c.Rollout.BatchSize > 0 && c.Rollout.Canary > c.Rollout.BatchSize {
		l.ds.Errorf(l.at("rollout.canary"), "rollout.canary (%d) is larger than rollout.batch_size (%d)", c.Rollout.Canary, c.Rollout.BatchSize)
	}
	if c.Devices.KnownHostsFile == "" {
		l.ds.Errorf(l.at("devices"), "devices.known_hosts_file is required: device SSH host keys are always verified")
	}
}

func (l *loader) validateRepository(c *Config) {
	r := c.Repository
	if r.URL == "" {
		l.ds.Errorf(l.at("repository"), "repository.url is required")
		return
	}
	spec := gitsource.Spec{URL: r.URL, Ref: r.Ref, SubPath: r.SubPath}
	if _, err := gitsource.ParseSpec(spec.URL); err != nil {
		l.ds.Errorf(l.at("repository.url"), "repository.url: %v", err)
	}
	if s := r.SignedCommits; s != nil && len(s.SSHAllowedSignersFiles)+len(s.OpenPGPKeyFiles) == 0 {
		l.ds.Errorf(l.at("repository.signed_commits"), "repository.signed_commits: list at least one key file")
	}
}

func (l *loader) validateCheck(p string, ch CheckConfig) {
	at := l.at(p)
	switch {
	case ch.Name == "":
		l.ds.Errorf(at, "%s: name is required", p)
	case (ch.TCP == "") == (ch.HTTP == ""):
		l.ds.Errorf(at, "%s: give exactly one of tcp or http", p)
	case ch.TCP != "":
		if _, _, err := net.SplitHostPort(expand(ch.TCP, "dev", "127.0.0.1:830")); err != nil {
			l.ds.Errorf(l.at(p+".tcp"), "%s.tcp: %q is not host:port", p, ch.TCP)
		}
	default:
		u, err := url.Parse(expand(ch.HTTP, "dev", "127.0.0.1:830"))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			l.ds.Errorf(l.at(p+".http"), "%s.http: %q is not an http:// or https:// URL", p, ch.HTTP)
		}
	}
}

func validPolicy(p string) bool { return p == PolicyReport || p == PolicyRemediate }

// expand fills the {device}, {host} and {address} (host:port of the
// management protocol) placeholders of a check target.
func expand(s, device, address string) string {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		host = address
	}
	return strings.NewReplacer("{device}", device, "{host}", host, "{address}", address).Replace(s)
}
