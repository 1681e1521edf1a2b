package devicesim

import (
	"encoding/xml"
	"errors"
	"fmt"
	"github.com/switchyard/switchyard/profiles"
	"log/slog"
	"net"
	"time"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// Profile selects which datastores and capabilities a Device has.
type Profile int

const (
	// ProfileCandidate has running and candidate datastores; edits go to the
	// candidate and reach running through commit (IOS XR, IOS XE style).
	ProfileCandidate Profile = iota
	// ProfileWritableRunning has only running, advertised with
	// :writable-running; edit-config to running applies immediately and
	// commit is not supported.
	ProfileWritableRunning
)

// String returns the profile name used in flags: "candidate" or "writable-running".
func (p Profile) String() string {
	switch p {
	case ProfileCandidate:
		return "candidate"
	case ProfileWritableRunning:
		return "writable-running"
	}
	return fmt.Sprintf("Profile(%d)", int(p))
}

// ParseProfile is the inverse of Profile.String.
func ParseProfile(s string) (Profile, error) {
	for _, p := range []Profile{ProfileCandidate, ProfileWritableRunning} {
		if p.String() == s {
			return p, nil
		}
	}
	return 0, fmt.Errorf("unknown profile %q (known: candidate, writable-running)", s)
}

// Defaults applied by Config.withDefaults.
const (
	// DefaultConfirmTimeout is the confirm-timeout of RFC 6241 §8.4.5.1.
	DefaultConfirmTimeout = 600 * time.Second
	// DefaultChunkSize is the largest chunk the device writes in base:1.1.
	DefaultChunkSize = 64 << 10
)

// Config describes one simulated device. The zero value of every optional
// field selects the documented default.
type Config struct {
	// Name identifies the device in logs and in a Fleet; required.
	Name string
	// Platform is informational ("iosxe", "iosxr", ...), used in logs.
	Platform string
	// Profile selects the datastores; ProfileCandidate by default.
	Profile Profile
	// Username and Password are the credentials the SSH server accepts;
	// both required.
	Username, Password string
	// Users are further accounts (name to password), so that a test can
	// change the device as someone else than switchyard's login; optional.
	Users map[string]string
	// Addr is the listen address; "127.0.0.1:0" (a free port) by default.
	// Only loopback addresses are accepted.
	Addr string
	// Running is the initial running datastore: its children are the
	// top-level nodes; its own name is ignored. The device keeps a copy.
	Running *xmltree.Element
	// Capabilities are extra capability URIs to advertise, typically YANG
	// module capabilities ("http://openconfig.net/yang/interfaces?module=...").
	Capabilities []string
	// Release, when set, makes the device that platform release: it sends
	// exactly the release's hello (Profile and Capabilities are ignored),
	// has the datastores and confirmed commit that hello advertises, and
	// refuses in the edit-config reply what the release's writable schema
	// does not have.
	Release *profiles.Profile
	// NoReplay makes the NETCONF stream refuse a create-subscription with
	// a startTime (RFC 5277 replay). By default a device whose hello
	// advertises notifications replays the changes it recorded.
	NoReplay bool
	// Schema names list keys and validates the candidate; nil means no lists
	// and no validation.
	Schema Schema
	// Clock runs confirmed-commit timers; RealClock by default.
	Clock Clock
	// ConfirmTimeout is the confirm-timeout when a confirmed commit does not
	// give one; DefaultConfirmTimeout by default.
	ConfirmTimeout time.Duration
	// ChunkSize is the largest chunk written in base:1.1 framing;
	// DefaultChunkSize by default. Tests set it small to force multi-chunk replies.
	ChunkSize int
	// Logger receives protocol (debug) and state-change (info) logs; nil
	// discards them.
	Logger *slog.Logger
}

// Validate reports the first problem with c, ignoring defaults.
func (c Config) Validate() error {
	if c.Name == "" {
		return errors.New("device config: name is required")
	}
	if c.Username == "" || c.Password == "" {
		return fmt.Errorf("device %s: username and password are required", c.Name)
	}
	if c.Profile != ProfileCandidate && c.Profile != ProfileWritableRunning {
		return fmt.Errorf("device %s: unknown profile %d", c.Name, int(c.Profile))
	}
	if c.ConfirmTimeout < 0 || c.ChunkSize < 0 {
		return fmt.Errorf("device %s: negative confirm timeout or chunk size", c.Name)
	}
	if c.Addr != "" {
		host, _, err := net.SplitHostPort(c.Addr)
		if err != nil {
			return fmt.Errorf("device %s: address %q: %w", c.Name, c.Addr, err)
		}
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			return fmt.Errorf("device %s: address %q is not a loopback address", c.Name, c.Addr)
		}
	}
	return nil
}

// withDefaults returns c with every default applied.
func (c Config) withDefaults() Config {
	if c.Addr == "" {
		c.Addr = "127.0.0.1:0"
	}
	if c.Schema == nil {
		c.Schema = nopSchema{}
	}
	c.Schema = withNative(c.Schema, c.Release)
	if c.Clock == nil {
		c.Clock = RealClock{}
	}
	if c.ConfirmTimeout == 0 {
		c.ConfirmTimeout = DefaultConfirmTimeout
	}
	if c.ChunkSize == 0 {
		c.ChunkSize = DefaultChunkSize
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.Running == nil {
		c.Running = xmltree.New(NSBase, "data")
	} else {
		c.Running = c.Running.Clone()
		c.Running.Name = xml.Name{Space: NSBase, Local: "data"}
	}
	return c
}
