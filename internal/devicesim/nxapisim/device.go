package nxapisim

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"github.com/switchyard/switchyard/internal/devicesim/simtls"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/switchyard/switchyard/internal/cliconf"
)

// Device is one simulated NX-OS switch serving NX-API on its own loopback
// port. Its methods are safe for concurrent use.
type Device struct {
	cfg   Config
	log   *slog.Logger
	knobs Knobs
	caPEM []byte
	ln    net.Listener
	srv   *http.Server
	done  chan struct{}

	mu          sync.Mutex // serialises command execution: one CLI at a time
	running     *cliconf.Config
	lastChange  time.Time
	checkpoints []checkpoint
	requests    int
	accounting  []acctEntry // show accounting log, oldest first
}

// checkpoint is a named copy of the running configuration.
type checkpoint struct {
	name, user, description string
	created                 time.Time
	cfg                     *cliconf.Config
}

// Start validates cfg, generates the device's CA and server certificate
// and serves NX-API over HTTPS on cfg.Addr. ctx bounds only the listen
// call. Close stops the device.
func Start(ctx context.Context, cfg Config) (*Device, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	running, err := cliconf.Parse(cfg.Running)
	if err != nil {
		return nil, fmt.Errorf("nxapi device %s: initial running configuration: %w", cfg.Name, err)
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("nxapi device %s: listen: %w", cfg.Name, err)
	}
	caPEM, cert, err := simtls.NewCertificates("nxapisim", cfg.Name, ln.Addr().(*net.TCPAddr).IP)
	if err != nil {
		_ = ln.Close()
		return nil, fmt.Errorf("nxapi device %s: %w", cfg.Name, err)
	}
	d := &Device{
		cfg: cfg, log: cfg.Logger.With("component", "nxapisim", "device", cfg.Name),
		caPEM: caPEM, running: running, lastChange: cfg.Clock.Now(), done: make(chan struct{}),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /ins", d.serveINS)
	d.srv = &http.Server{
		Handler:           mux,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12},
		ReadHeaderTimeout: 10 * time.Second,
		// HTTP/1.1 only, as NX-API: the drop knob hijacks connections.
		TLSNextProto: map[string]func(*http.Server, *tls.Conn, http.Handler){},
		ErrorLog:     slog.NewLogLogger(d.log.Handler(), slog.LevelDebug),
	}
	d.ln = ln
	go func() {
		defer close(d.done)
		if err := d.srv.ServeTLS(ln, "", ""); err != nil && !errors.Is(err, http.ErrServerClosed) {
			d.log.Debug("https serve ended", "err", err)
		}
	}()
	d.log.Info("nxapi device started", "addr", ln.Addr().String())
	return d, nil
}

// Close stops the listener, closes every connection and waits for the
// server goroutine. It is idempotent.
func (d *Device) Close() error {
	err := d.srv.Close()
	<-d.done
	return err
}

// Name returns the configured device name.
func (d *Device) Name() string { return d.cfg.Name }

// Addr returns the listen address, "127.0.0.1:PORT".
func (d *Device) Addr() string { return d.ln.Addr().String() }

// CAPEM returns the PEM certificate of the CA that signed the device's
// server certificate; clients trust it to verify the device.
func (d *Device) CAPEM() []byte { return append([]byte(nil), d.caPEM...) }

// Knobs returns the device's fault-injection knobs.
func (d *Device) Knobs() *Knobs { return &d.knobs }

// Running returns the running configuration as show running-config prints
// it, without the comment header (so it is stable across calls).
func (d *Device) Running() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return format(d.running)
}

// SetRunning replaces the running configuration with text, as an
// out-of-band change (a CLI user) would. Checkpoints are kept.
func (d *Device) SetRunning(text string) error {
	c, err := cliconf.Parse(text)
	if err != nil {
		return fmt.Errorf("nxapi device %s: set running: %w", d.cfg.Name, err)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.running, d.lastChange = c, d.cfg.Clock.Now()
	d.log.Info("running configuration replaced out of band")
	return nil
}

// Checkpoints returns the names of the checkpoints, oldest first.
func (d *Device) Checkpoints() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make([]string, len(d.checkpoints))
	for i, c := range d.checkpoints {
		out[i] = c.name
	}
	return out
}

// Requests returns how many HTTP requests reached the device, including
// the ones the knobs answered with 503 (but not dropped ones).
func (d *Device) Requests() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.requests
}
