package ios

import (
	"regexp"
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/providers"
)

var _ providers.SecretFormer = (*Driver)(nil)

// userSecret finds the stored secret of a "username" line: "username
// NAME ... secret 5 $1$...", or "password 7 ..." where the user has a
// password rather than a secret.
var userSecret = regexp.MustCompile(`^username (\S+) .*\b(?:secret|password) ((?:[0-9] )?\S+)$`)

// SecretForms returns the stored forms running (show running-config)
// shows for desired's secrets: "5 $1$..." for "username[NAME]/secret",
// "7 0822..." for "tacacs-server[NAME]/key" and "radius-server[NAME]/key".
func (*Driver) SecretForms(desired *providers.Desired, running *providers.Running) map[string]string {
	if desired == nil || running == nil || len(desired.Secrets) == 0 {
		return nil
	}
	run, err := cliconf.Parse(running.CLI)
	if err != nil {
		return nil // Diff reports it
	}
	all := map[string]string{}
	for _, n := range run.Root.Children {
		if m := userSecret.FindStringSubmatch(n.Line); m != nil {
			all["username["+m[1]+"]/secret"] = m[2]
			continue
		}
		f := strings.Fields(n.Line)
		if len(f) != 3 || (f[0] != "tacacs" && f[0] != "radius") || f[1] != "server" {
			continue
		}
		for _, c := range n.Children {
			if k, ok := strings.CutPrefix(c.Line, "key "); ok {
				all[f[0]+"-server["+f[2]+"]/key"] = k
			}
		}
	}
	return pick(all, desired.Secrets)
}

// pick returns the entries of all that bindings name.
func pick(all map[string]string, bindings []providers.SecretBinding) map[string]string {
	out := map[string]string{}
	for _, b := range bindings {
		if v, ok := all[b.Path]; ok {
			out[b.Path] = v
		}
	}
	return out
}
