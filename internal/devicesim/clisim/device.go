package clisim

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/devicesim/simssh"
)

// Device is one simulated IOS switch on its own loopback port. Its
// methods are safe for concurrent use.
type Device struct {
	cfg   Config
	log   *slog.Logger
	knobs Knobs
	srv   *simssh.Server

	mu      sync.Mutex
	closed  bool
	running *cliconf.Config
	startup *cliconf.Config
	files   map[string]string
	pending *rollback
	archive int      // archive files written so far
	logBuf  []string // syslog messages, oldest first
	// lastChange and lastChangeBy stamp running ("! Last configuration
	// change at … by …").
	lastChange   time.Time
	lastChangeBy string
	// archLog is the configuration change logger's log; archIdx and
	// archSessions number its entries and config sessions.
	archLog      []archiveEntry
	archIdx      int
	archSessions int
	vtys         map[int]bool // vty lines in use
}

// rollback is a timed configure replace awaiting configure confirm.
type rollback struct {
	before   *cliconf.Config
	backup   string
	user     string    // who started it
	started  time.Time // when it was started
	deadline time.Time
	timer    devicesim.Timer
}

// Start validates cfg, loads cfg.Running through the command interpreter,
// generates an ed25519 host key and serves on cfg.Addr. ctx bounds only the
// listen call. Close stops the device.
func Start(ctx context.Context, cfg Config) (*Device, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	running, err := load(cfg.Running, nil)
	if err != nil {
		return nil, fmt.Errorf("clisim device %s: initial running configuration: %w", cfg.Name, err)
	}
	d := &Device{
		cfg:     cfg,
		log:     cfg.Logger.With("component", "clisim", "device", cfg.Name, "platform", "ios"),
		running: running,
		startup: running.Clone(),
		files:   map[string]string{},
		vtys:    map[int]bool{},
	}
	srv, err := simssh.Listen(ctx, simssh.Config{Addr: cfg.Addr, Username: cfg.Username, Password: cfg.Password, Users: cfg.Users,
		Channel: d.serveChannel, Logger: d.log})
	if err != nil {
		return nil, fmt.Errorf("clisim device %s: %w", cfg.Name, err)
	}
	d.srv = srv
	d.log.Info("device started", "addr", srv.Addr())
	return d, nil
}

// Close stops the listener, closes every connection, stops a pending
// rollback timer and waits for the device's goroutines. Idempotent.
func (d *Device) Close() error {
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		return nil
	}
	d.closed = true
	if d.pending != nil {
		d.pending.timer.Stop()
	}
	d.mu.Unlock()
	err := d.srv.Close()
	d.log.Info("device stopped")
	return err
}

// Name returns the configured name.
func (d *Device) Name() string { return d.cfg.Name }

// Addr returns the listen address, "127.0.0.1:PORT".
func (d *Device) Addr() string { return d.srv.Addr() }

// Port returns the listen port.
func (d *Device) Port() int {
	_, p, _ := net.SplitHostPort(d.Addr())
	n, _ := strconv.Atoi(p)
	return n
}

// HostKey returns the public half of the SSH host key.
func (d *Device) HostKey() ssh.PublicKey { return d.srv.HostKey() }

// KnownHostsLine returns the device's known_hosts line.
func (d *Device) KnownHostsLine() string { return d.srv.KnownHostsLine() }

// WriteKnownHosts writes (mode 0600) a known_hosts file for devices.
func WriteKnownHosts(path string, devices ...*Device) error {
	var b strings.Builder
	for _, d := range devices {
		b.WriteString(d.KnownHostsLine() + "\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		return fmt.Errorf("write known hosts: %w", err)
	}
	return nil
}

// Knobs returns the fault-injection knobs.
func (d *Device) Knobs() *Knobs { return &d.knobs }

// Running returns the running configuration as show running-config prints
// it, from the first line to "end", without the "Building configuration"
// header.
func (d *Device) Running() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return format(d.running)
}

// Startup returns the startup configuration (what write memory saved).
func (d *Device) Startup() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return format(d.startup)
}

// SetRunning replaces the running configuration out of band (as a person
// at the console would), replaying text through the command interpreter.
// A pending rollback is not affected.
func (d *Device) SetRunning(text string) error {
	c, err := load(text, nil)
	if err != nil {
		return fmt.Errorf("clisim device %s: set running: %w", d.cfg.Name, err)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.running = c
	return nil
}

// RollbackPending reports whether a timed configure replace awaits
// configure confirm, and when it reverts.
func (d *Device) RollbackPending() (time.Time, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.pending == nil {
		return time.Time{}, false
	}
	return d.pending.deadline, true
}

// File returns the content of a flash: file ("flash:NAME").
func (d *Device) File(name string) (string, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	s, ok := d.files[flashPath(name)]
	return s, ok
}

// Files returns the names of the flash: files, sorted.
func (d *Device) Files() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []string
	for n := range d.files {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// Log returns the syslog messages the device emitted, oldest first.
func (d *Device) Log() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.logBuf)
}

// syslog records a message; d.mu must be held.
func (d *Device) syslog(msg string) {
	stamp := d.cfg.Clock.Now().UTC().Format("Jan _2 15:04:05.000")
	d.logBuf = append(d.logBuf, "*"+stamp+": "+msg)
	d.log.Info("syslog", "msg", msg)
}

// hostname returns the configured hostname; d.mu must be held.
func (d *Device) hostname() string {
	for _, n := range d.running.Root.Children {
		if h, ok := strings.CutPrefix(n.Line, "hostname "); ok {
			return h
		}
	}
	return "Switch"
}

// flashPath normalises a file name to "flash:NAME".
func flashPath(p string) string {
	p = strings.TrimSpace(p)
	if strings.HasPrefix(p, "flash:") {
		p = "flash:" + strings.TrimPrefix(strings.TrimPrefix(p, "flash:"), "/")
		return p
	}
	return "flash:" + strings.TrimPrefix(p, "/")
}
