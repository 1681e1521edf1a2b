package forge

import (
	"cmp"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"

	"github.com/switchyard/switchyard/models"
)

// Provider names, as given to --provider.
const (
	GitHub = "github"
	GitLab = "gitlab"
	Gitea  = "gitea"
)

// DescriptionLimit is the longest commit status description sent, in
// characters (GitHub and Gitea refuse longer ones); longer descriptions
// are cut with an ellipsis.
const DescriptionLimit = 140

// State is a commit status state, in provider-neutral terms.
type State string

// States.
const (
	StatePending State = "pending"
	StateSuccess State = "success"
	StateFailure State = "failure"
)

// Status is a commit status to set on a commit.
type Status struct {
	State State
	// Context names the check ("switchyard/plan"); statuses with the same
	// context replace each other.
	Context string
	// Description is a one-line summary, cut to DescriptionLimit.
	Description string
	// TargetURL links to details (a CI job); optional.
	TargetURL string
}

// Config says which forge and repository a Client talks to.
type Config struct {
	// Provider is GitHub, GitLab or Gitea.
	Provider string
	// APIURL is the API root ("https://api.github.com",
	// "https://gitlab.example.net/api/v4", "https://gitea.example.net/api/v1").
	// Empty means the public service for GitHub and GitLab; Gitea has no
	// default.
	APIURL string
	// Repository is OWNER/NAME (GitLab: the project path, groups included).
	Repository string
	// Token authenticates every request.
	Token models.Secret
	// RetryMax is how many times an idempotent call is retried (default 4).
	RetryMax int
	// RetryWaitMin and RetryWaitMax bound the exponential backoff used when
	// the server gives no Retry-After (defaults 500ms and 10s).
	RetryWaitMin, RetryWaitMax time.Duration
	// MaxRetryAfter is the longest Retry-After honoured; a longer one fails
	// the call (default 2m).
	MaxRetryAfter time.Duration
	// HTTPClient is the underlying client (default: cleanhttp's pooled one).
	HTTPClient *http.Client
	// OnWait, when set, is called with each wait before a retry (tests,
	// progress display).
	OnWait func(d time.Duration)
	// Logger receives debug detail; nil discards.
	Logger *slog.Logger
}

// Client is a forge API client for one repository. It is safe for
// concurrent use.
type Client struct {
	cfg     Config
	base    *url.URL
	dialect dialect
	http    *retryablehttp.Client
	log     *slog.Logger
}

// ErrConfig is returned (wrapped) by New for an unusable configuration.
var ErrConfig = errors.New("invalid forge configuration")

// New validates cfg, applies defaults and returns a Client.
func New(cfg Config) (*Client, error) {
	d, err := dialectFor(cfg.Provider)
	if err != nil {
		return nil, err
	}
	if !validRepository(cfg.Repository) {
		return nil, fmt.Errorf("%w: repository %q is not OWNER/NAME", ErrConfig, cfg.Repository)
	}
	if cfg.Token.IsZero() {
		return nil, fmt.Errorf("%w: no token", ErrConfig)
	}
	cfg.APIURL = cmp.Or(cfg.APIURL, d.defaultURL())
	if cfg.APIURL == "" {
		return nil, fmt.Errorf("%w: %s needs --api-url (for example https://gitea.example.net/api/v1)", ErrConfig, cfg.Provider)
	}
	base, err := parseBase(cfg.APIURL)
	if err != nil {
		return nil, err
	}
	applyDefaults(&cfg)
	c := &Client{cfg: cfg, base: base, dialect: d, log: cfg.Logger.With("component", "forge", "provider", cfg.Provider)}
	c.http = &retryablehttp.Client{
		HTTPClient:   cfg.HTTPClient,
		RetryWaitMin: cfg.RetryWaitMin,
		RetryWaitMax: cfg.RetryWaitMax,
		RetryMax:     cfg.RetryMax,
		CheckRetry:   c.checkRetry,
		Backoff:      c.backoff,
		ErrorHandler: passthrough,
	}
	return c, nil
}

// applyDefaults fills every default of Config in one place.
func applyDefaults(cfg *Config) {
	if cfg.RetryMax == 0 {
		cfg.RetryMax = 4
	}
	cfg.RetryWaitMin = cmp.Or(cfg.RetryWaitMin, 500*time.Millisecond)
	cfg.RetryWaitMax = cmp.Or(cfg.RetryWaitMax, 10*time.Second)
	cfg.MaxRetryAfter = cmp.Or(cfg.MaxRetryAfter, 2*time.Minute)
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = cleanhttp.DefaultPooledClient()
		cfg.HTTPClient.Timeout = 30 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
}

func validRepository(r string) bool {
	parts := strings.Split(r, "/")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || p == "." || p == ".." || strings.ContainsAny(p, "?#%\\ \t\n") {
			return false
		}
	}
	return true
}

// parseBase checks the API URL: https, or http to a loopback host only,
// no user info, query or fragment.
func parseBase(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("%w: --api-url %q is not an absolute URL", ErrConfig, raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%w: --api-url must have no user info, query or fragment", ErrConfig)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return nil, fmt.Errorf("%w: --api-url %s: plain http would send the token in clear; use https", ErrConfig, u.Redacted())
		}
	default:
		return nil, fmt.Errorf("%w: --api-url scheme %q (want https)", ErrConfig, u.Scheme)
	}
	return u, nil
}

// Description cuts s to DescriptionLimit characters, ending with "…" when
// cut, and flattens it to one line.
func Description(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= DescriptionLimit {
		return s
	}
	return string(r[:DescriptionLimit-1]) + "…"
}
