package gitsource

import (
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	gitssh "github.com/go-git/go-git/v5/plumbing/transport/ssh"
)

// validate checks that the credentials fit the kind of location.
func (a Auth) validate(k kind, rawURL string) error {
	where := SanitizeURL(rawURL)
	hasHTTP := !a.HTTPSToken.IsZero() || a.HTTPSUsername != "" || a.CABundleFile != ""
	hasSSH := a.SSHKeyFile != "" || a.KnownHostsFile != "" || !a.SSHKeyPassphrase.IsZero()
	switch k {
	case kindLocal:
		if hasHTTP || hasSSH {
			return fmt.Errorf("%w: %s: credentials given for a local source", ErrInvalidSpec, where)
		}
	case kindHTTP:
		if hasSSH {
			return fmt.Errorf("%w: %s: SSH key settings given for an HTTP(S) URL", ErrInvalidSpec, where)
		}
		if u, err := url.Parse(rawURL); err == nil && u.Scheme == "http" && !a.HTTPSToken.IsZero() {
			return fmt.Errorf("%w: %s: refusing to send a token over plain http", ErrInvalidSpec, where)
		}
	case kindSSH:
		if hasHTTP {
			return fmt.Errorf("%w: %s: HTTPS token settings given for an SSH URL", ErrInvalidSpec, where)
		}
		if a.SSHKeyFile == "" {
			return fmt.Errorf("%w: %s: an SSH URL needs an SSH key file", ErrInvalidSpec, where)
		}
	}
	return nil
}

// transportAuth is what go-git needs to reach a remote.
type transportAuth struct {
	method   transport.AuthMethod // nil: anonymous
	caBundle []byte
}

// selectAuth builds the go-git authentication for spec. Local sources get
// the zero value. Files are read here, at connect time.
func selectAuth(spec Spec, k kind) (transportAuth, error) {
	where := SanitizeURL(spec.URL)
	a := spec.Auth
	switch k {
	case kindHTTP:
		var out transportAuth
		if a.CABundleFile != "" {
			b, err := os.ReadFile(a.CABundleFile)
			if err != nil {
				return transportAuth{}, fmt.Errorf("%s: read CA bundle: %w", where, err)
			}
			out.caBundle = b
		}
		if !a.HTTPSToken.IsZero() {
			user := a.HTTPSUsername
			if user == "" {
				user = "git"
			}
			out.method = &githttp.BasicAuth{Username: user, Password: a.HTTPSToken.Reveal()}
		}
		return out, nil
	case kindSSH:
		keys, err := gitssh.NewPublicKeysFromFile(sshUser(spec.URL), a.SSHKeyFile, a.SSHKeyPassphrase.Reveal())
		if err != nil {
			return transportAuth{}, fmt.Errorf("%s: load SSH key %s: %w", where, a.SSHKeyFile, redact(err, a.SSHKeyPassphrase.Reveal()))
		}
		var files []string
		if a.KnownHostsFile != "" {
			files = append(files, a.KnownHostsFile)
		}
		cb, err := gitssh.NewKnownHostsCallback(files...)
		if err != nil {
			return transportAuth{}, fmt.Errorf("%s: load known_hosts: %w", where, err)
		}
		keys.HostKeyCallback = cb
		return transportAuth{method: keys}, nil
	}
	return transportAuth{}, nil
}

// sshUser is the user of an SSH location, "git" when none is given.
func sshUser(raw string) string {
	if isSCPLike(raw) {
		hostPart, _, _ := strings.Cut(raw, ":")
		if user, _, found := strings.Cut(hostPart, "@"); found && user != "" {
			return user
		}
		return "git"
	}
	if u, err := url.Parse(raw); err == nil && u.User != nil && u.User.Username() != "" {
		return u.User.Username()
	}
	return "git"
}
