package gnmisim

import (
	"context"
	"crypto/tls"
	"fmt"
	"github.com/switchyard/switchyard/internal/devicesim/simtls"
	"log/slog"
	"net"
	"sync"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"github.com/openconfig/ygot/ygot"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	oc "github.com/switchyard/switchyard/models/openconfig"
)

// Target is one simulated gNMI target listening on its own loopback port.
// Its methods are safe for concurrent use.
type Target struct {
	cfg   Config
	log   *slog.Logger
	knobs Knobs
	caPEM []byte
	ln    net.Listener
	srv   *grpc.Server
	wg    sync.WaitGroup

	mu      sync.Mutex
	closed  bool
	conns   map[string]net.Conn // by remote address
	running *oc.Device
	// native are the native subtrees of running (module-qualified JSON,
	// numbers as json.Number), when the release has a native schema.
	native  map[string]any
	pending *pendingCommit
	// commits is the commit list (IOS-XR's cfg-hist-gl), oldest first.
	commits    []commitRecord
	nextCommit uint64
}

// Start validates cfg, generates the target's CA and server certificate
// and starts serving gNMI over TLS on cfg.Addr. ctx bounds only the listen
// call. Close stops the target.
func Start(ctx context.Context, cfg Config) (*Target, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	running := &oc.Device{}
	if cfg.Running != nil {
		var err error
		if running, err = copyDevice(cfg.Running); err != nil {
			return nil, fmt.Errorf("gnmi target %s: initial running configuration: %w", cfg.Name, err)
		}
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("gnmi target %s: listen: %w", cfg.Name, err)
	}
	ip := ln.Addr().(*net.TCPAddr).IP
	caPEM, cert, err := simtls.NewCertificates("gnmisim", cfg.Name, ip)
	if err != nil {
		_ = ln.Close()
		return nil, fmt.Errorf("gnmi target %s: %w", cfg.Name, err)
	}
	t := &Target{
		cfg:     cfg,
		log:     cfg.Logger.With("component", "gnmisim", "device", cfg.Name),
		caPEM:   caPEM,
		conns:   map[string]net.Conn{},
		running: running,
	}
	t.ln = &trackingListener{Listener: ln, t: t}
	creds := credentials.NewTLS(&tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	t.srv = grpc.NewServer(grpc.Creds(creds),
		grpc.ChainUnaryInterceptor(t.unaryInterceptor),
		grpc.ChainStreamInterceptor(t.streamInterceptor))
	gpb.RegisterGNMIServer(t.srv, &service{t: t})
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		if err := t.srv.Serve(t.ln); err != nil {
			t.log.Debug("grpc serve ended", "err", err)
		}
	}()
	t.log.Info("gnmi target started", "addr", ln.Addr().String())
	return t, nil
}

// Close stops the listener, closes every connection and waits for the
// target's goroutines. A pending confirmed commit is left as it is (its
// timer is stopped). Close is idempotent.
func (t *Target) Close() error {
	t.mu.Lock()
	if t.closed {
		t.mu.Unlock()
		return nil
	}
	t.closed = true
	if t.pending != nil {
		t.pending.timer.Stop()
	}
	t.mu.Unlock()
	t.srv.Stop() // closes the listener and every connection
	t.wg.Wait()
	t.log.Info("gnmi target stopped")
	return nil
}

// Name returns the configured target name.
func (t *Target) Name() string { return t.cfg.Name }

// Addr returns the listen address, "127.0.0.1:PORT".
func (t *Target) Addr() string { return t.ln.Addr().String() }

// CAPEM returns the PEM certificate of the CA that signed the target's
// server certificate; clients trust it to verify the target.
func (t *Target) CAPEM() []byte { return append([]byte(nil), t.caPEM...) }

// Knobs returns the target's fault-injection knobs.
func (t *Target) Knobs() *Knobs { return &t.knobs }

// Running returns a deep copy of the running configuration.
func (t *Target) Running() *oc.Device {
	t.mu.Lock()
	defer t.mu.Unlock()
	d, err := copyDevice(t.running)
	if err != nil {
		// running is always a valid GoStruct; DeepCopy fails only on
		// malformed structs, which the target never holds.
		t.log.Error("copy running configuration", "err", err)
		return &oc.Device{}
	}
	return d
}

// SetRunning replaces the running configuration with a deep copy of d, as
// an out-of-band change (a CLI user) would; nil means empty. It does not
// validate d. A pending confirmed commit stays pending, and its rollback
// restores the pre-commit configuration, discarding this change too.
func (t *Target) SetRunning(d *oc.Device) error {
	c := &oc.Device{}
	if d != nil {
		var err error
		if c, err = copyDevice(d); err != nil {
			return fmt.Errorf("gnmi target %s: set running: %w", t.cfg.Name, err)
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.running = c
	t.log.Info("running configuration replaced out of band")
	return nil
}

// CommitPending reports whether a confirmed commit awaits confirmation.
func (t *Target) CommitPending() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.pending != nil
}

// copyDevice returns a deep copy of d.
func copyDevice(d *oc.Device) (*oc.Device, error) {
	c, err := ygot.DeepCopy(d)
	if err != nil {
		return nil, err
	}
	return c.(*oc.Device), nil
}

// trackingListener records accepted connections so that the drop knob can
// close the one carrying an RPC.
type trackingListener struct {
	net.Listener
	t *Target
}

// Accept implements net.Listener.
func (l *trackingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	tc := &trackedConn{Conn: c, t: l.t}
	l.t.mu.Lock()
	l.t.conns[c.RemoteAddr().String()] = tc
	l.t.mu.Unlock()
	return tc, nil
}

// trackedConn forgets itself on Close.
type trackedConn struct {
	net.Conn
	t    *Target
	once sync.Once
}

// Close implements net.Conn.
func (c *trackedConn) Close() error {
	c.once.Do(func() {
		c.t.mu.Lock()
		delete(c.t.conns, c.RemoteAddr().String())
		c.t.mu.Unlock()
	})
	return c.Conn.Close()
}

// dropConn closes the connection whose remote address is addr.
func (t *Target) dropConn(addr string) {
	t.mu.Lock()
	c := t.conns[addr]
	t.mu.Unlock()
	if c != nil {
		t.log.Info("dropping connection", "remote", addr)
		_ = c.Close()
	}
}
