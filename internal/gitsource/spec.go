package gitsource

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/switchyard/switchyard/models"
)

// Spec says where intent comes from. The zero value is not usable; build one
// with ParseSpec or by hand, then Open it (which validates).
type Spec struct {
	// URL is a local path, a file:// URL, an https:// (or credential-less
	// http://) URL, an ssh:// URL, or an scp-like git@host:path.
	URL string
	// Ref is a branch or tag: a short name ("main", "v1.2") or a full one
	// ("refs/heads/main", "refs/tags/v1.2"). Empty means the remote's HEAD
	// (for a local repository: its HEAD), and "main" when HEAD cannot be
	// learnt. A short name that is both a branch and a tag is an error.
	Ref string
	// SubPath is the folder inside the repository that holds the intent,
	// slash-separated and relative ("" or "." for the root). It must not
	// leave the repository.
	SubPath string
	// Auth holds the credentials for remote URLs.
	Auth Auth
	// CacheDir is where clones of remote URLs live, one bare repository per
	// URL. Empty means DefaultCacheDir(). Local sources do not use it.
	CacheDir string
}

// Auth holds resolved credentials for a remote. Secret values are already
// read from their reference (environment variable or file) by the caller;
// they are revealed only to the transport.
type Auth struct {
	// HTTPSToken is sent as the basic-auth password over https:// only; it
	// is refused for http://.
	HTTPSToken models.Secret
	// HTTPSUsername goes with HTTPSToken; empty means "git" (GitHub and
	// GitLab accept any non-empty user name with a token).
	HTTPSUsername string
	// CABundleFile is an optional PEM file of extra CA certificates for
	// https:// remotes (added to the system pool).
	CABundleFile string
	// SSHKeyFile is the private key for ssh:// and scp-like URLs (required
	// for those).
	SSHKeyFile string
	// SSHKeyPassphrase decrypts SSHKeyFile when it is encrypted.
	SSHKeyPassphrase models.Secret
	// KnownHostsFile lists the accepted SSH host keys. Empty means the
	// standard files ($SSH_KNOWN_HOSTS, else ~/.ssh/known_hosts). Host keys
	// are always verified.
	KnownHostsFile string
}

// kind is how a Spec's URL is reached.
type kind int

const (
	kindLocal kind = iota // a path on this machine (folder or repository)
	kindHTTP              // https:// or http://
	kindSSH               // ssh:// or scp-like
)

// scpLike matches git's scp-like syntax "[user@]host:path" (no scheme; a
// host without a user has at least two characters so that C:\ is not taken
// for one).
var scpLike = regexp.MustCompile(`^(?:[^@/\s]+@[^@/:\s]+|[^@/:\s]{2,}):(.+)$`)

// ParseSpec reads the --repo form of a source:
//
//	PATH                       a local folder or repository
//	URL                        a remote (or file://) URL, default ref
//	URL#REF                    a branch or tag
//	URL#REF:SUBPATH            a branch or tag and a folder inside it
//	URL#:SUBPATH               the default ref and a folder inside it
//
// PATH may take the #REF and :SUBPATH suffixes too. The string is split at
// the first '#', then at the first ':' after it (Git forbids ':' in ref
// names). Auth and CacheDir are left for the caller to fill in; the
// location, ref and sub-path are validated now, the credentials by Open.
func ParseSpec(s string) (Spec, error) {
	loc, frag, hasFrag := strings.Cut(strings.TrimSpace(s), "#")
	spec := Spec{URL: loc}
	if hasFrag {
		spec.Ref, spec.SubPath, _ = strings.Cut(frag, ":")
	}
	if _, err := spec.validateLocation(); err != nil {
		return Spec{}, err
	}
	return spec, nil
}

// Validate checks the Spec, credentials included, without touching the
// file system or network.
func (s Spec) Validate() error {
	k, err := s.validateLocation()
	if err != nil {
		return err
	}
	return s.Auth.validate(k, s.URL)
}

// validateLocation checks the URL, ref and sub-path.
func (s Spec) validateLocation() (kind, error) {
	if s.URL == "" {
		return 0, fmt.Errorf("%w: empty location", ErrInvalidSpec)
	}
	k, err := s.kind()
	if err != nil {
		return 0, err
	}
	if s.Ref != "" {
		if err := validateRef(s.Ref); err != nil {
			return 0, fmt.Errorf("%w: %s: ref %q: %v", ErrInvalidSpec, SanitizeURL(s.URL), s.Ref, err)
		}
	}
	if _, err := cleanSubPath(s.SubPath); err != nil {
		return 0, fmt.Errorf("%w: %s: %v", ErrInvalidSpec, SanitizeURL(s.URL), err)
	}
	return k, nil
}

// String describes the spec with a sanitised URL.
func (s Spec) String() string {
	out := SanitizeURL(s.URL)
	if s.Ref != "" || s.SubPath != "" {
		out += "#" + s.Ref
	}
	if s.SubPath != "" {
		out += ":" + s.SubPath
	}
	return out
}

func (s Spec) kind() (kind, error) {
	if u, err := url.Parse(s.URL); err == nil && u.Scheme != "" && strings.Contains(s.URL, "://") {
		if u.User != nil {
			if _, hasPassword := u.User.Password(); hasPassword {
				return 0, fmt.Errorf("%w: %s: the URL carries a password; give the token in Auth.HTTPSToken", ErrInvalidSpec, SanitizeURL(s.URL))
			}
		}
		switch u.Scheme {
		case "file":
			return kindLocal, nil
		case "https", "http":
			return kindHTTP, nil
		case "ssh", "git+ssh", "ssh+git":
			return kindSSH, nil
		default:
			return 0, fmt.Errorf("%w: %s: unsupported scheme %q (use https, ssh, file or a path)", ErrInvalidSpec, SanitizeURL(s.URL), u.Scheme)
		}
	}
	if isSCPLike(s.URL) {
		return kindSSH, nil
	}
	return kindLocal, nil
}

func isSCPLike(s string) bool {
	return !strings.Contains(s, "://") && !filepath.IsAbs(s) && !strings.HasPrefix(s, ".") && scpLike.MatchString(s)
}

// localPath returns the file system path of a local spec.
func (s Spec) localPath() (string, error) {
	if !strings.HasPrefix(s.URL, "file://") {
		return s.URL, nil
	}
	u, err := url.Parse(s.URL)
	if err != nil {
		return "", fmt.Errorf("%w: %s: %v", ErrInvalidSpec, SanitizeURL(s.URL), err)
	}
	if u.Host != "" && u.Host != "localhost" {
		return "", fmt.Errorf("%w: %s: file URL with a host", ErrInvalidSpec, SanitizeURL(s.URL))
	}
	return filepath.FromSlash(u.Path), nil
}

// validateRef accepts short and full branch or tag names.
func validateRef(ref string) error {
	name := plumbing.ReferenceName(ref)
	if !strings.HasPrefix(ref, "refs/") {
		name = plumbing.NewBranchReferenceName(ref)
	}
	if !name.IsBranch() && !name.IsTag() {
		return fmt.Errorf("only branches (refs/heads/) and tags (refs/tags/) can be followed")
	}
	return name.Validate()
}

// cleanSubPath returns the sub-path in clean slash form, "" for the root.
func cleanSubPath(p string) (string, error) {
	if p == "" {
		return "", nil
	}
	if strings.Contains(p, "\\") || path.IsAbs(p) {
		return "", fmt.Errorf("sub-path %q must be relative and slash-separated", p)
	}
	c := path.Clean(p)
	if !filepath.IsLocal(filepath.FromSlash(c)) {
		return "", fmt.Errorf("sub-path %q leaves the repository", p)
	}
	if c == "." {
		return "", nil
	}
	return c, nil
}

// SanitizeURL returns raw fit to print: userinfo (user names, passwords,
// tokens), query and fragment are removed from URLs, and the user from
// scp-like locations. Local paths are returned as they are. Something that
// does not parse is replaced by a placeholder rather than echoed.
func SanitizeURL(raw string) string {
	if isSCPLike(raw) {
		_, after, found := strings.Cut(raw, "@")
		if found {
			return after
		}
		return raw
	}
	if !strings.Contains(raw, "://") {
		return raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "[unparsable URL]"
	}
	u.User = nil
	u.RawQuery = ""
	u.ForceQuery = false
	u.Fragment = ""
	u.RawFragment = ""
	return u.String()
}
