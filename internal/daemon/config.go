package daemon

import (
	"time"

	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/models"
)

// Drift remediation policies.
const (
	// PolicyReport records and reports drift but never pushes to undo it.
	PolicyReport = "report"
	// PolicyRemediate pushes the intent back onto a drifted device.
	PolicyRemediate = "remediate"
)

// Config is the daemon's configuration file (switchyard.yaml), decoded and
// with defaults applied. Build it with LoadConfig or ParseConfig; the zero
// value is not usable. Secret values are never held here, only references.
type Config struct {
	// File is the file the configuration was read from, for messages.
	File string `json:"-"`

	Repository  RepositoryConfig  `json:"repository"`
	Devices     DevicesConfig     `json:"devices"`
	Drift       DriftConfig       `json:"drift"`
	Groups      []GroupPolicy     `json:"groups,omitempty"`
	Rollout     RolloutConfig     `json:"rollout"`
	Windows     []WindowConfig    `json:"maintenance_windows,omitempty"`
	Checks      []CheckConfig     `json:"health_checks,omitempty"`
	Reports     ReportsConfig     `json:"reports"`
	StateDir    string            `json:"state_dir"`
	Listen      string            `json:"listen"`
	APITokenRef *models.SecretRef `json:"api_token,omitempty"`
	// APITokens are the named tokens of the HTTP API, each with a role.
	// APITokenRef, when set, is one more operator token named "api_token".
	APITokens []APIToken `json:"api_tokens,omitempty"`
	// TLSCert and TLSKey (PEM files) make the API serve HTTPS.
	TLSCert string `json:"tls_cert,omitempty"`
	TLSKey  string `json:"tls_key,omitempty"`
	// AllowInsecureListen accepts a non-loopback Listen without TLS.
	AllowInsecureListen bool `json:"allow_insecure_listen,omitempty"`
	// ShutdownGrace bounds how long a SIGTERM waits for device
	// transactions in flight before cancelling them.
	ShutdownGrace time.Duration `json:"shutdown_grace"`
	// Notifications are the webhooks told about rollouts, drift and
	// rejected revisions.
	Notifications []NotificationConfig `json:"notifications,omitempty"`
}

// API roles. An operator may do everything a viewer may.
const (
	// RoleViewer reads: status, reports, metrics, history.
	RoleViewer = "viewer"
	// RoleOperator also writes: sync and the other actions.
	RoleOperator = "operator"
)

// APIToken is one bearer token of the HTTP API. The value is a reference,
// read when the daemon starts.
type APIToken struct {
	Name  string            `json:"name"`
	Role  string            `json:"role"`
	Token *models.SecretRef `json:"token"`
	Range diag.Range        `json:"-"`
}

// RepositoryConfig says where the intent comes from (see gitsource.Spec).
type RepositoryConfig struct {
	URL          string        `json:"url"`
	Ref          string        `json:"ref,omitempty"`
	SubPath      string        `json:"subpath,omitempty"`
	PollInterval time.Duration `json:"poll_interval"`
	CacheDir     string        `json:"cache_dir,omitempty"`
	Auth         RepoAuth      `json:"auth"`
	// WebhookSecret is the GitHub HMAC secret / GitLab token; nil turns the
	// webhook endpoint off (every request is refused).
	WebhookSecret *models.SecretRef `json:"webhook_secret,omitempty"`
	// SignedCommits, when set, admits only revisions signed by its keys.
	SignedCommits *SignedCommits `json:"signed_commits,omitempty"`
}

// RepoAuth holds credential references for a remote repository.
type RepoAuth struct {
	HTTPSToken       *models.SecretRef `json:"https_token,omitempty"`
	HTTPSUsername    string            `json:"https_username,omitempty"`
	CABundleFile     string            `json:"ca_bundle_file,omitempty"`
	SSHKeyFile       string            `json:"ssh_key_file,omitempty"`
	SSHKeyPassphrase *models.SecretRef `json:"ssh_key_passphrase,omitempty"`
	KnownHostsFile   string            `json:"known_hosts_file,omitempty"`
}

// SignedCommits lists the keys of the signed-commit gate, as files.
type SignedCommits struct {
	// SSHAllowedSignersFiles are allowed_signers or authorized_keys files.
	SSHAllowedSignersFiles []string `json:"ssh_allowed_signers_files,omitempty"`
	// OpenPGPKeyFiles are ASCII-armored public key files.
	OpenPGPKeyFiles []string `json:"openpgp_key_files,omitempty"`
}

// DevicesConfig says which devices the daemon manages and how it reaches
// them.
type DevicesConfig struct {
	// Limit selects devices as `--limit` does; empty means all.
	Limit          []string `json:"limit,omitempty"`
	KnownHostsFile string   `json:"known_hosts_file"`
	// CAFile verifies the TLS certificates (gNMI, NX-API) of devices whose
	// inventory entry names no ca_file.
	CAFile  string        `json:"ca_file,omitempty"`
	Timeout time.Duration `json:"timeout"`
}

// DriftConfig is the drift loop: when devices are observed, and the policy
// for devices no group policy names.
type DriftConfig struct {
	Schedule      string `json:"schedule"`
	DefaultPolicy string `json:"default_policy"`
	// AllowOutsideWindow is the default of
	// GroupPolicy.AllowDriftRemediationOutsideWindow.
	AllowOutsideWindow bool `json:"allow_drift_remediation_outside_window"`
}

// GroupPolicy overrides the drift policy for the members of one group.
// When a device is in several groups that set a policy, the group with the
// highest precedence in the intent (the one whose config wins) decides.
type GroupPolicy struct {
	Group string `json:"group"`
	// Drift is PolicyReport, PolicyRemediate, or "" (not set here).
	Drift string `json:"drift,omitempty"`
	// AllowDriftRemediationOutsideWindow lets drift be undone at once
	// rather than at the next maintenance window; nil is not set here.
	AllowDriftRemediationOutsideWindow *bool      `json:"allow_drift_remediation_outside_window,omitempty"`
	Range                              diag.Range `json:"-"`
}

// RolloutConfig tunes how changes are pushed across the fleet.
type RolloutConfig struct {
	Concurrency    int           `json:"concurrency"`
	Canary         int           `json:"canary"`
	BatchSize      int           `json:"batch_size"`
	MaxFailures    int           `json:"max_failures"`
	ConfirmTimeout time.Duration `json:"confirm_timeout"`
}

// WindowConfig is a maintenance window: it opens at each time Schedule
// (5-field cron) names and stays open for Duration. Groups restricts it to
// their members; empty means every device.
type WindowConfig struct {
	Name     string        `json:"name"`
	Schedule string        `json:"schedule"`
	Duration time.Duration `json:"duration"`
	Groups   []string      `json:"groups,omitempty"`
	Range    diag.Range    `json:"-"`
}

// CheckConfig is a health check that must pass before a pushed change is
// confirmed. Exactly one of TCP and HTTP is set. "{device}", "{host}" (the
// device's management host) and "{address}" (its management host:port)
// are replaced in the target.
type CheckConfig struct {
	Name    string        `json:"name"`
	TCP     string        `json:"tcp,omitempty"`
	HTTP    string        `json:"http,omitempty"`
	Timeout time.Duration `json:"timeout"`
	Groups  []string      `json:"groups,omitempty"`
}

// ReportsConfig controls the dry-run reports written before windows.
type ReportsConfig struct {
	// LeadTime is how long before each maintenance window opens the
	// dry-run report is produced; zero turns reports off.
	LeadTime time.Duration `json:"lead_time"`
	// Keep is how many reports are kept in the state directory.
	Keep int `json:"keep"`
}

// applyDefaults fills every default in one place.
func (c *Config) applyDefaults() {
	if c.Repository.PollInterval == 0 {
		c.Repository.PollInterval = time.Minute
	}
	if c.Devices.Timeout == 0 {
		c.Devices.Timeout = 30 * time.Second
	}
	if c.Drift.Schedule == "" {
		c.Drift.Schedule = "15m"
	}
	if c.Drift.DefaultPolicy == "" {
		c.Drift.DefaultPolicy = PolicyReport
	}
	if c.Rollout.Concurrency == 0 {
		c.Rollout.Concurrency = 10
	}
	if c.Rollout.ConfirmTimeout == 0 {
		c.Rollout.ConfirmTimeout = 2 * time.Minute
	}
	for i := range c.Checks {
		if c.Checks[i].Timeout == 0 {
			c.Checks[i].Timeout = 5 * time.Second
		}
	}
	if c.Reports.Keep == 0 {
		c.Reports.Keep = 20
	}
	if c.StateDir == "" {
		c.StateDir = "/var/lib/switchyard"
	}
	if c.Listen == "" {
		c.Listen = "127.0.0.1:9180"
	}
	for i := range c.Notifications {
		if c.Notifications[i].QueueSize == 0 {
			c.Notifications[i].QueueSize = 100
		}
	}
	if c.ShutdownGrace == 0 {
		c.ShutdownGrace = c.Rollout.ConfirmTimeout + 30*time.Second
	}
}
