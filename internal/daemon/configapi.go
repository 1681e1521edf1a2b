package daemon

import (
	"fmt"
	"net"

	"go.yaml.in/yaml/v3"
)

// apiToken decodes one api_tokens entry.
func (l *loader) apiToken(n *yaml.Node, p string) APIToken {
	t := APIToken{Range: l.rng(n)}
	l.mapping(n, p, fields{
		"name":  l.str(&t.Name, p+".name"),
		"role":  l.str(&t.Role, p+".role"),
		"token": l.secretRef(&t.Token, p+".token"),
	})
	return t
}

// validateAPI checks the listen address, TLS and the API tokens. A listen
// address other than loopback without TLS is refused unless
// allow_insecure_listen says so: tokens and status would cross the network
// in clear.
func (l *loader) validateAPI(c *Config) {
	host, _, err := net.SplitHostPort(c.Listen)
	if err != nil {
		l.ds.Errorf(l.at("listen"), "listen: %q is not host:port", c.Listen)
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		l.ds.Errorf(l.at("tls_cert"), "give both tls_cert and tls_key, or neither")
	}
	if err == nil && c.TLSCert == "" && !isLoopback(host) && !c.AllowInsecureListen {
		l.ds.Errorf(l.at("listen"), "listen: %q is reachable from other hosts but the API has no TLS: set tls_cert and tls_key, listen on 127.0.0.1, or set allow_insecure_listen: true (tokens would cross the network in clear)", c.Listen)
	}
	names := map[string]bool{}
	for i, t := range c.APITokens {
		p := fmt.Sprintf("api_tokens[%d]", i)
		switch {
		case t.Name == "" || names[t.Name] || t.Name == "api_token":
			l.ds.Errorf(t.Range, "%s: every token needs a unique name (other than api_token)", p)
		case t.Role != RoleViewer && t.Role != RoleOperator:
			l.ds.Errorf(l.at(p+".role"), "%s.role: %q is not %s or %s", p, t.Role, RoleViewer, RoleOperator)
		case t.Token == nil:
			l.ds.Errorf(t.Range, "%s: token is required, as {env: NAME} or {file: PATH}", p)
		}
		names[t.Name] = true
	}
}

// isLoopback reports whether a listen host only accepts local
// connections; "" and unspecified addresses listen everywhere.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
