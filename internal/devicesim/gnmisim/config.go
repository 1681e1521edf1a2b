package gnmisim

import (
	"errors"
	"fmt"
	"github.com/switchyard/switchyard/profiles"
	"log/slog"
	"net"
	"time"

	"github.com/switchyard/switchyard/internal/devicesim"
	oc "github.com/switchyard/switchyard/models/openconfig"
)

// DefaultRollbackDuration is the rollback duration of a commit that does
// not give one, as the Commit Confirmed specification (§3.2.1) requires.
const DefaultRollbackDuration = 10 * time.Minute

// Config describes one simulated gNMI target. The zero value of every
// optional field selects the documented default.
type Config struct {
	// Name identifies the target in logs; required.
	Name string
	// Username and Password are the credentials the target accepts (gRPC
	// metadata "username" and "password"); both required.
	Username, Password string
	// Users are further accounts (name to password), so that a test can
	// change the target as someone else than switchyard; optional.
	Users map[string]string
	// Addr is the listen address; "127.0.0.1:0" (a free port) by default.
	// Only loopback addresses are accepted.
	Addr string
	// Running is the initial running configuration; the target keeps a deep
	// copy. nil means an empty configuration.
	Running *oc.Device
	// Release, when set, makes the target refuse what that platform
	// release's writable schema does not have.
	Release *profiles.Profile
	// Clock runs rollback timers; devicesim.RealClock by default.
	Clock devicesim.Clock
	// Logger receives protocol (debug) and state-change (info) logs; nil
	// discards them.
	Logger *slog.Logger
}

// Validate reports the first problem with c, ignoring defaults.
func (c Config) Validate() error {
	if c.Name == "" {
		return errors.New("gnmi target config: name is required")
	}
	if c.Username == "" || c.Password == "" {
		return fmt.Errorf("gnmi target %s: username and password are required", c.Name)
	}
	if c.Addr != "" {
		host, _, err := net.SplitHostPort(c.Addr)
		if err != nil {
			return fmt.Errorf("gnmi target %s: address %q: %w", c.Name, c.Addr, err)
		}
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			return fmt.Errorf("gnmi target %s: address %q is not a loopback address", c.Name, c.Addr)
		}
	}
	return nil
}

// withDefaults returns c with every default applied.
func (c Config) withDefaults() Config {
	if c.Addr == "" {
		c.Addr = "127.0.0.1:0"
	}
	if c.Clock == nil {
		c.Clock = devicesim.RealClock{}
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}
