package daemon

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"strings"

	"github.com/switchyard/switchyard/internal/credentials"
)

// bearerToken is a resolved bearer token: only its SHA-256 is kept, so
// comparisons take the same time whatever the lengths.
type bearerToken struct {
	name string
	role string
	sum  [sha256.Size]byte
}

// resolveTokens reads every token reference of cfg (api_tokens, and the
// legacy api_token as an operator token). An unreadable or empty token is
// an error naming the entry, never the value.
func resolveTokens(cfg *Config, secrets credentials.Source) ([]bearerToken, error) {
	list := cfg.APITokens
	if cfg.APITokenRef != nil {
		list = append(list[:len(list):len(list)], APIToken{Name: "api_token", Role: RoleOperator, Token: cfg.APITokenRef})
	}
	out := make([]bearerToken, 0, len(list))
	for _, t := range list {
		if t.Token == nil {
			return nil, fmt.Errorf("api token %q: no token reference", t.Name)
		}
		v, err := secrets.Value(*t.Token)
		if err != nil {
			return nil, fmt.Errorf("api token %q: %w", t.Name, err)
		}
		s := strings.TrimSpace(v.Reveal())
		if s == "" {
			return nil, fmt.Errorf("api token %q: the token is empty", t.Name)
		}
		out = append(out, bearerToken{name: t.Name, role: t.Role, sum: sha256.Sum256([]byte(s))})
	}
	return out, nil
}

// authorize returns the token a request's "Authorization: Bearer" header
// holds. Every configured token is compared, in constant time, whether or
// not an earlier one matched.
func (d *Daemon) authorize(r *http.Request) (bearerToken, bool) {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return bearerToken{}, false
	}
	return d.matchToken(got)
}

// matchToken returns the configured token equal to raw (surrounding space
// ignored). Every configured token is compared, in constant time, whether
// or not an earlier one matched; an operator token wins over a viewer
// token of the same value.
func (d *Daemon) matchToken(raw string) (bearerToken, bool) {
	sum := sha256.Sum256([]byte(strings.TrimSpace(raw)))
	var match bearerToken
	found := 0
	for _, t := range d.tokens {
		eq := subtle.ConstantTimeCompare(sum[:], t.sum[:])
		if eq == 1 && (found == 0 || t.role == RoleOperator) {
			match = t
		}
		found |= eq
	}
	return match, found == 1
}

// allows reports whether a token of role may use an endpoint that needs
// need.
func allows(role, need string) bool {
	return role == RoleOperator || role == need
}

// require wraps h so that it runs only for a token of role need (or
// operator): 401 without a valid token, 403 with a token of too small a
// role.
func (d *Daemon) require(need string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t, ok := d.authorize(r)
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="switchyard"`)
			http.Error(w, "unauthorized: send Authorization: Bearer TOKEN", http.StatusUnauthorized)
			return
		}
		if !allows(t.role, need) {
			http.Error(w, "forbidden: this needs an "+need+" token", http.StatusForbidden)
			return
		}
		h.ServeHTTP(w, r.WithContext(withCaller(r.Context(), t.name)))
	})
}

// loadTLS reads the API's certificate and key, when configured.
func loadTLS(cfg *Config) (*tls.Config, error) {
	if cfg.TLSCert == "" {
		return nil, nil
	}
	cert, err := tls.LoadX509KeyPair(cfg.TLSCert, cfg.TLSKey)
	if err != nil {
		return nil, fmt.Errorf("tls_cert/tls_key: %w", err)
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, nil
}

// listen opens the API listener (TLS when configured) and warns about
// what an operator should know: running as root, no token configured, or
// a network-reachable listener without TLS.
func (d *Daemon) listen() (net.Listener, error) {
	if d.euid != nil && d.euid() == 0 {
		d.log.Warn("running as root: the daemon needs no privilege; run it as a dedicated user (see deploy/switchyard.service)")
	}
	if len(d.tokens) == 0 {
		d.log.Warn("no api tokens configured: every API endpoint but /healthz and /readyz refuses all requests")
	}
	ln, err := net.Listen("tcp", d.cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", d.cfg.Listen, err)
	}
	if d.tls != nil {
		return tls.NewListener(ln, d.tls), nil
	}
	if host, _, _ := net.SplitHostPort(d.cfg.Listen); !isLoopback(host) {
		d.log.Warn("API listening without TLS on a non-loopback address (allow_insecure_listen)", "listen", d.cfg.Listen)
	}
	return ln, nil
}

// callerKey carries the name of the token a request came with.
type callerKey struct{}

func withCaller(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, callerKey{}, name)
}

// callerOf is the name of the token of an authorized request, for logs.
func callerOf(r *http.Request) string {
	name, _ := r.Context().Value(callerKey{}).(string)
	return name
}
