package daemon

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/gitsource"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/state"
	"github.com/switchyard/switchyard/providers"
)

// Options are what the configuration file does not say: the pieces a
// caller (the serve command, a test) wires in.
type Options struct {
	// Registry holds the platform drivers; required.
	Registry *providers.Registry
	// Clock drives schedules and windows; nil is the wall clock.
	Clock Clock
	// Logger receives the daemon's logs; nil discards.
	Logger *slog.Logger
	// Secrets reads secret references (device credentials, tokens); the
	// zero value reads the environment and files.
	Secrets credentials.Source
	// OnCycle, when set, is called after each unit of work the loop does,
	// from the loop's goroutine (tests wait on it).
	OnCycle func(Cycle)
}

// Cycle describes one unit of work of the loop.
type Cycle struct {
	// Kind is "resolve", "reconcile", "drift", "window" or "report".
	Kind string
	// Revision is the enforced revision after the cycle.
	Revision string
	Err      error
}

// Daemon is the GitOps agent: it follows a Git ref, reconciles the fleet
// to it under policy, watches for drift, and serves its HTTP API. Create
// one with New and start it with Run; its methods are safe for concurrent
// use.
type Daemon struct {
	cfg     *Config
	opts    Options
	clock   Clock
	log     *slog.Logger
	windows []Window
	drift   Schedule
	src     *gitsource.Source
	gated   bool
	tokens  []bearerToken // the API's bearer tokens; none: every protected endpoint refuses
	tls     *tls.Config
	euid    func() int
	webhook []byte
	gate    *gate
	metrics *metrics
	syncCh  chan struct{}

	// Set by Run before the loop starts.
	store *state.Store
	// fp fingerprints secret values pushed (key in the state directory).
	fp    *state.Fingerprinter
	audit *state.Audit

	// Owned by the loop goroutine.
	enforced   *loaded
	rejected   string
	nextPoll   time.Time
	nextDrift  time.Time
	windowSeen map[string]time.Time
	reported   map[time.Time]string // window opening → revision its report covers
	converges  int
	// covers are the revisions each device of the rollout in progress
	// gets (coveredByPush); written before the rollout starts, read by its
	// callbacks.
	covers map[string][]state.CoveredRevision

	mu         sync.Mutex // guards the fields below
	status     Status
	addr       net.Addr
	latestPlan *plan.Plan
	// syncPending is what the sync requests not yet taken by the loop ask for.
	syncPending *syncRequest
	// published is the enforced revision for the HTTP handlers.
	published *loaded
	sessions  *sessions
	logins    *loginLimiter
	notify    *notifier
}

// New validates the wiring, reads the secrets the daemon itself needs
// (API token, webhook secret, signing keys) and opens the Git source. It
// contacts no device and no remote.
func New(ctx context.Context, cfg *Config, opts Options) (*Daemon, error) {
	if opts.Registry == nil {
		return nil, errors.New("daemon: no provider registry")
	}
	if opts.Clock == nil {
		opts.Clock = RealClock{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	d := &Daemon{cfg: cfg, opts: opts, clock: opts.Clock, log: opts.Logger.With("component", "daemon"),
		gate: newGate(), metrics: newMetrics(), syncCh: make(chan struct{}, 1), sessions: newSessions(), logins: newLoginLimiter(),
		windowSeen: map[string]time.Time{}, reported: map[time.Time]string{}}
	var err error
	if d.windows, err = parseWindows(cfg.Windows); err != nil {
		return nil, err
	}
	if d.drift, err = ParseSchedule(cfg.Drift.Schedule); err != nil {
		return nil, fmt.Errorf("drift.schedule: %w", err)
	}
	if d.tokens, err = resolveTokens(cfg, opts.Secrets); err != nil {
		return nil, err
	}
	if d.tls, err = loadTLS(cfg); err != nil {
		return nil, err
	}
	d.euid = os.Geteuid
	if ref := cfg.Repository.WebhookSecret; ref != nil {
		sec, err := opts.Secrets.Value(*ref)
		if err != nil {
			return nil, fmt.Errorf("repository.webhook_secret: %w", err)
		}
		d.webhook = []byte(strings.TrimSpace(sec.Reveal()))
	}
	if d.notify, err = newNotifier(cfg.Notifications, opts.Secrets, d.metrics.reg, d.log); err != nil {
		return nil, err
	}
	if err := d.openSource(ctx); err != nil {
		return nil, err
	}
	d.status = Status{Source: d.src.String(), Counts: map[string]int{}}
	return d, nil
}

func (d *Daemon) openSource(ctx context.Context) error {
	r := d.cfg.Repository
	spec, err := gitsource.ParseSpec(r.URL)
	if err != nil {
		return fmt.Errorf("repository.url: %w", err)
	}
	if r.Ref != "" {
		spec.Ref = r.Ref
	}
	if r.SubPath != "" {
		spec.SubPath = r.SubPath
	}
	spec.CacheDir = r.CacheDir
	a := r.Auth
	spec.Auth = gitsource.Auth{HTTPSUsername: a.HTTPSUsername, CABundleFile: a.CABundleFile,
		SSHKeyFile: a.SSHKeyFile, KnownHostsFile: a.KnownHostsFile}
	if a.HTTPSToken != nil {
		if spec.Auth.HTTPSToken, err = d.opts.Secrets.Value(*a.HTTPSToken); err != nil {
			return fmt.Errorf("repository.auth.https_token: %w", err)
		}
	}
	if a.SSHKeyPassphrase != nil {
		if spec.Auth.SSHKeyPassphrase, err = d.opts.Secrets.Value(*a.SSHKeyPassphrase); err != nil {
			return fmt.Errorf("repository.auth.ssh_key_passphrase: %w", err)
		}
	}
	opts := []gitsource.Option{gitsource.WithLogger(d.opts.Logger)}
	if sc := r.SignedCommits; sc != nil {
		g, err := readGate(sc)
		if err != nil {
			return err
		}
		opts = append(opts, gitsource.WithGate(g))
		d.gated = true
	}
	d.src, err = gitsource.Open(ctx, spec, opts...)
	return err
}

func readGate(sc *SignedCommits) (gitsource.Gate, error) {
	var g gitsource.Gate
	for _, f := range sc.SSHAllowedSignersFiles {
		raw, err := os.ReadFile(f)
		if err != nil {
			return g, fmt.Errorf("repository.signed_commits: %w", err)
		}
		g.SSHAllowedSigners = append(g.SSHAllowedSigners, string(raw))
	}
	for _, f := range sc.OpenPGPKeyFiles {
		raw, err := os.ReadFile(f)
		if err != nil {
			return g, fmt.Errorf("repository.signed_commits: %w", err)
		}
		g.OpenPGPKeyRings = append(g.OpenPGPKeyRings, string(raw))
	}
	return g, nil
}

// Sync asks the loop to fetch and reconcile now, even if the revision did
// not change. It never blocks; requests made while one is pending merge.
func (d *Daemon) Sync() {
	d.requestSync(syncRequest{all: true})
}

// Addr is the HTTP API's listening address once Run has started it.
func (d *Daemon) Addr() net.Addr {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.addr
}

// Run opens the state directory, starts the HTTP API, resolves the
// confirmed commits a previous process left in flight, and runs the loop
// until ctx is done. On ctx done it stops taking work, lets device changes
// in flight finish (cancelling them after the shutdown grace), stops the
// API and returns nil. It returns an error only when it cannot start.
func (d *Daemon) Run(ctx context.Context) error {
	var err error
	if d.store, err = state.Open(d.cfg.StateDir); err != nil {
		return err
	}
	defer d.store.Close()
	if d.fp, err = state.OpenFingerprinter(d.cfg.StateDir); err != nil {
		return err
	}
	if d.audit, err = state.OpenAudit(d.cfg.StateDir, state.WithAuditLogger(d.log)); err != nil {
		return err
	}
	if err := d.loadSuspensions(); err != nil {
		return err
	}
	defer d.audit.Close()
	ln, err := d.listen()
	if err != nil {
		return err
	}
	d.mu.Lock()
	d.addr = ln.Addr()
	d.mu.Unlock()
	srv := &http.Server{Handler: d.Handler(), ReadHeaderTimeout: 10 * time.Second}
	srvDone := make(chan error, 1)
	go func() { srvDone <- srv.Serve(ln) }()
	d.log.Info("serving API", "addr", ln.Addr().String(), "source", d.src.String())

	// work outlives ctx so that device transactions in flight can finish;
	// it is cancelled after the shutdown grace.
	work, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		<-ctx.Done()
		d.gate.drain()
		t := time.NewTimer(d.cfg.ShutdownGrace)
		defer t.Stop()
		select {
		case <-t.C:
			d.log.Warn("shutdown grace over: cancelling device work", "grace", d.cfg.ShutdownGrace)
			stopWork()
		case <-work.Done():
		}
	}()
	d.notify.run(ctx)
	defer d.notify.wait()
	d.loop(ctx, work)
	d.log.Info("stopping")
	stopWork()
	<-drained
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(sctx)
	if serr := <-srvDone; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}

// cycle reports a finished unit of work.
func (d *Daemon) cycle(kind string, err error) {
	if d.opts.OnCycle == nil {
		return
	}
	c := Cycle{Kind: kind, Err: err}
	if d.enforced != nil {
		c.Revision = d.enforced.rev.Hash
	}
	d.opts.OnCycle(c)
}
