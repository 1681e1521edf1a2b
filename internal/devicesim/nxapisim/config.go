package nxapisim

import (
	"errors"
	"fmt"
	"log/slog"
	"net"

	"github.com/switchyard/switchyard/internal/devicesim"
)

// MaxCheckpoints is how many checkpoints a device keeps at once.
const MaxCheckpoints = 10

// DefaultRunning is the running configuration of a device whose Config
// gives none: what a fresh Nexus shows that switchyard does not manage.
const DefaultRunning = `version 10.3(4a) Bios:version 05.47
hostname switch
vdc switch id 1
vlan 1
vrf context management
interface mgmt0
  vrf member management
line console
line vty
`

// Config describes one simulated NX-API device. The zero value of every
// optional field selects the documented default.
type Config struct {
	// Name identifies the device in logs and certificates; required.
	Name string
	// Username and Password are the credentials accepted (HTTP basic
	// authentication); both required.
	Username, Password string
	// Users are further accounts (name to password), so that a test can
	// change the device as someone else than switchyard; optional.
	Users map[string]string
	// Addr is the listen address; "127.0.0.1:0" (a free port) by default.
	// Only loopback addresses are accepted.
	Addr string
	// Running is the initial running configuration as show running-config
	// text; DefaultRunning when empty.
	Running string
	// Clock stamps checkpoints and show output; devicesim.RealClock by
	// default.
	Clock devicesim.Clock
	// Logger receives protocol (debug) and state-change (info) logs; nil
	// discards them. Command text is logged; secrets in it are the
	// caller's test values.
	Logger *slog.Logger
}

// Validate reports the first problem with c, ignoring defaults.
func (c Config) Validate() error {
	if c.Name == "" {
		return errors.New("nxapi device config: name is required")
	}
	if c.Username == "" || c.Password == "" {
		return fmt.Errorf("nxapi device %s: username and password are required", c.Name)
	}
	if c.Addr != "" {
		host, _, err := net.SplitHostPort(c.Addr)
		if err != nil {
			return fmt.Errorf("nxapi device %s: address %q: %w", c.Name, c.Addr, err)
		}
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			return fmt.Errorf("nxapi device %s: address %q is not a loopback address", c.Name, c.Addr)
		}
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Addr == "" {
		c.Addr = "127.0.0.1:0"
	}
	if c.Running == "" {
		c.Running = DefaultRunning
	}
	if c.Clock == nil {
		c.Clock = devicesim.RealClock{}
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}
