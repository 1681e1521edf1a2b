package clisim

import (
	"errors"
	"fmt"
	"log/slog"
	"net"

	"github.com/switchyard/switchyard/internal/devicesim"
)

// Config describes one simulated IOS device. Zero optional fields select
// the documented defaults.
type Config struct {
	// Name identifies the device in logs; required.
	Name string
	// Username and Password are the SSH credentials accepted; required.
	Username, Password string
	// Users are further accounts (name to password), so that a test can
	// change the device as someone else than switchyard; optional.
	Users map[string]string
	// EnablePassword is asked for by "enable". Empty means the user logs
	// in at privileged exec ("Switch#"), as a privilege 15 user does.
	EnablePassword string
	// Addr is the listen address, "127.0.0.1:0" by default; only loopback
	// addresses are accepted.
	Addr string
	// Running is the initial running configuration as show running-config
	// prints it. It is replayed through the command interpreter, so it must
	// be valid; empty means "hostname Switch" and nothing else.
	Running string
	// Clock runs the rollback timers; devicesim.RealClock by default.
	Clock devicesim.Clock
	// Logger receives debug (commands) and info (state changes) logs; nil
	// discards. Secret values are never logged.
	Logger *slog.Logger
}

// Validate reports the first problem with c.
func (c Config) Validate() error {
	if c.Name == "" {
		return errors.New("clisim config: name is required")
	}
	if c.Username == "" || c.Password == "" {
		return fmt.Errorf("clisim device %s: username and password are required", c.Name)
	}
	if c.Addr != "" {
		host, _, err := net.SplitHostPort(c.Addr)
		if err != nil {
			return fmt.Errorf("clisim device %s: address %q: %w", c.Name, c.Addr, err)
		}
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			return fmt.Errorf("clisim device %s: address %q is not a loopback address", c.Name, c.Addr)
		}
	}
	return nil
}

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
	if c.Running == "" {
		c.Running = "hostname Switch\n"
	}
	return c
}
