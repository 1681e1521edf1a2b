package nxos

import (
	"regexp"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/providers"
)

var _ providers.SecretFormer = (*Driver)(nil)

// Stored secrets in NX-OS running text: "username NAME password 5 $5$..."
// and "tacacs-server host ADDR key 7 \"...\"" (radius-server alike).
var (
	userPassword = regexp.MustCompile(`^username (\S+) password ((?:[0-9] )?\S+)`)
	serverKey    = regexp.MustCompile(`^(tacacs-server|radius-server) host (\S+) .*\bkey ((?:[0-9] )?(?:"[^"]*"|\S+))`)
)

// SecretForms returns the stored forms running shows for desired's
// secrets: over NX-API the CLI lines ("5 $5$..." for
// "cli:username[NAME]/password", "7 \"...\"" for
// "cli:tacacs-server[ADDR]/key"), over NETCONF and gNMI the OpenConfig
// -hashed leaves (ocdriver.Base).
func (d *Driver) SecretForms(desired *providers.Desired, running *providers.Running) map[string]string {
	if desired == nil || running == nil || len(desired.Secrets) == 0 {
		return nil
	}
	if running.CLI == "" {
		return d.Base.SecretForms(desired, running)
	}
	run, err := cliconf.Parse(running.CLI)
	if err != nil {
		return nil // Diff reports it
	}
	all := map[string]string{}
	for _, n := range run.Root.Children {
		if m := userPassword.FindStringSubmatch(n.Line); m != nil {
			all["cli:username["+m[1]+"]/password"] = m[2]
		}
		if m := serverKey.FindStringSubmatch(n.Line); m != nil {
			all["cli:"+m[1]+"["+m[2]+"]/key"] = m[3]
		}
	}
	out := map[string]string{}
	for _, b := range desired.Secrets {
		if v, ok := all[b.Path]; ok {
			out[b.Path] = v
		}
	}
	return out
}
