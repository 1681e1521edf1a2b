package devicesim

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"sync"

	"golang.org/x/crypto/ssh"

	"github.com/switchyard/switchyard/internal/devicesim/simssh"
	"github.com/switchyard/switchyard/internal/xmltree"
)

// Datastore names.
const (
	Running   = "running"
	Candidate = "candidate"
)

// Device is one simulated device listening on its own loopback port. Its
// methods are safe for concurrent use.
type Device struct {
	cfg   Config
	log   *slog.Logger
	knobs Knobs
	srv   *simssh.Server
	done  chan struct{}

	helloOnce sync.Once
	helloHead []byte // hello up to its session-id, see helloMessage

	mu       sync.Mutex
	closed   bool
	nextID   uint32
	sessions map[uint32]*session
	state    datastores
	// feat are the change-record facilities the hello advertises.
	feat features
	// changes are the recorded changes of running, oldest first (the
	// replay buffer of the NETCONF stream and the IOS-XR commit list);
	// nextCommit numbers them.
	changes    []changeEvent
	nextCommit uint64
}

// datastores is the configuration state of a Device, guarded by Device.mu.
type datastores struct {
	running   *xmltree.Element
	candidate *xmltree.Element // nil in ProfileWritableRunning
	// dirtyBy holds the sessions that changed the candidate since it was
	// last equal to running (commit, discard-changes, revert).
	dirtyBy map[uint32]bool
	locks   map[string]uint32
	pending *pendingCommit
	// ia is the cisco-ia archive and timed rollback.
	ia ciaState
	// valid is the last tree a deterministic schema (DeterministicSchema)
	// accepted. Datastore trees are replaced, never modified in place, so
	// a candidate that is still this tree is not validated again (the
	// <validate> before a commit, and the confirming commit, see the tree
	// the confirmed commit already checked).
	valid *xmltree.Element
}

// Start validates cfg, generates an ed25519 host key and starts serving on
// cfg.Addr. ctx bounds only the listen call. Close stops the device.
func Start(ctx context.Context, cfg Config) (*Device, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	d := &Device{
		cfg:      cfg,
		log:      cfg.Logger.With("component", "devicesim", "device", cfg.Name, "platform", cfg.Platform),
		done:     make(chan struct{}),
		sessions: map[uint32]*session{},
		state: datastores{
			running: cfg.Running,
			dirtyBy: map[uint32]bool{},
			locks:   map[string]uint32{},
		},
	}
	if d.hasCandidate() {
		d.state.candidate = cfg.Running.Clone()
	}
	d.feat = d.detectFeatures()
	srv, err := simssh.Listen(ctx, simssh.Config{Addr: cfg.Addr, Username: cfg.Username, Password: cfg.Password, Users: cfg.Users,
		Channel: d.serveChannel, Logger: d.log})
	if err != nil {
		return nil, fmt.Errorf("device %s: %w", cfg.Name, err)
	}
	d.srv = srv
	d.log.Info("device started", "addr", srv.Addr(), "profile", cfg.Profile.String())
	return d, nil
}

// Close stops the listener, closes every connection and waits for all
// goroutines of the device. A pending confirmed commit is left as it is (its
// timer is stopped). Close is idempotent.
func (d *Device) Close() error {
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		return nil
	}
	d.closed = true
	close(d.done)
	if p := d.state.pending; p != nil && p.timer != nil {
		p.timer.Stop()
	}
	if t := d.state.ia.timed; t != nil && t.timer != nil {
		t.timer.Stop()
	}
	d.mu.Unlock()
	err := d.srv.Close()
	d.log.Info("device stopped")
	return err
}

// Name returns the configured device name.
func (d *Device) Name() string { return d.cfg.Name }

// Platform returns the configured platform.
func (d *Device) Platform() string { return d.cfg.Platform }

// Profile returns the configured profile.
func (d *Device) Profile() Profile { return d.cfg.Profile }

// Addr returns the listen address, "127.0.0.1:PORT".
func (d *Device) Addr() string { return d.srv.Addr() }

// Port returns the listen port.
func (d *Device) Port() int {
	_, p, _ := net.SplitHostPort(d.Addr())
	n, _ := strconv.Atoi(p)
	return n
}

// HostKey returns the public half of the device's SSH host key.
func (d *Device) HostKey() ssh.PublicKey { return d.srv.HostKey() }

// Knobs returns the device's fault-injection knobs.
func (d *Device) Knobs() *Knobs { return &d.knobs }

// Capabilities returns the capabilities the device advertises in its hello.
func (d *Device) Capabilities() []string { return d.capabilities() }

// Running returns the canonical XML of the running datastore, wrapped in
// <data xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">.
func (d *Device) Running() []byte {
	d.mu.Lock()
	defer d.mu.Unlock()
	return xmltree.Marshal(d.state.running)
}

// Candidate returns the canonical XML of the candidate datastore like
// Running, or nil in ProfileWritableRunning.
func (d *Device) Candidate() []byte {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.state.candidate == nil {
		return nil
	}
	return xmltree.Marshal(d.state.candidate)
}

// RunningTree returns a deep copy of the running datastore root.
func (d *Device) RunningTree() *xmltree.Element {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.state.running.Clone()
}

// SetRunning replaces running (and the candidate, which becomes equal to it)
// out of band, as an operator on the console would. The device keeps a copy.
func (d *Device) SetRunning(root *xmltree.Element) {
	d.mu.Lock()
	defer d.mu.Unlock()
	r := root.Clone()
	r.Name = d.state.running.Name
	d.state.running = r
	if d.state.candidate != nil {
		d.state.candidate = r.Clone()
		clear(d.state.dirtyBy)
	}
}

// SessionCount returns the number of NETCONF sessions past the hello exchange.
func (d *Device) SessionCount() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.sessions)
}

// LockHolders returns the session-id holding the lock of each locked
// datastore ("running", "candidate").
func (d *Device) LockHolders() map[string]uint32 {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make(map[string]uint32, len(d.state.locks))
	for k, v := range d.state.locks {
		out[k] = v
	}
	return out
}

// ConfirmedCommitPending reports whether a change awaits confirmation: a
// confirmed commit, or a cisco-ia timed rollback whose timer runs.
func (d *Device) ConfirmedCommitPending() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.state.pending != nil || d.state.ia.timed != nil
}
