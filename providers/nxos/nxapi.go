package nxos

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/transport/nxapi"
	"github.com/switchyard/switchyard/providers"
)

// CheckpointPrefix starts the name of every checkpoint switchyard creates.
const CheckpointPrefix = "switchyard-"

// maxCheckpoints is how many checkpoints NX-OS keeps at once.
const maxCheckpoints = 10

// AgentTimerWarning is the plan warning of an NX-API device.
const AgentTimerWarning = "NX-API has no device-side rollback timer: switchyard creates a checkpoint before pushing and " +
	"rolls back to it when verification fails; if switchyard dies first, the next agent run rolls back expired checkpoints from its state"

// ErrExpired is returned by Confirm when the transaction's deadline has
// passed: the agent-side timer has fired and the change must be cancelled.
var ErrExpired = errors.New("confirm deadline passed")

// ErrChanged is returned by Begin when the running configuration no longer
// gives the changes it was asked to push.
var ErrChanged = errors.New("running configuration changed since it was observed")

// Option configures the driver's NX-API sessions.
type Option func(*options)

type options struct {
	ca      func(providers.Target) ([]byte, error)
	secrets credentials.Source
	now     func() time.Time
	retry   func(*nxapi.Config)
}

// WithCA sets the source of the PEM CA certificates that verify a device's
// NX-API certificate (providers.Target has no CA field yet). Without it,
// the system roots verify it; Target.InsecureIgnoreHostKey turns
// verification off (loudly).
func WithCA(fn func(t providers.Target) ([]byte, error)) Option {
	return func(o *options) { o.ca = fn }
}

// WithSecretSource sets where intent secrets (user passwords, server keys)
// are read at push time; the zero credentials.Source (environment and
// files) by default.
func WithSecretSource(s credentials.Source) Option {
	return func(o *options) { o.secrets = s }
}

// WithClock sets the time source of transaction deadlines.
func WithClock(now func() time.Time) Option {
	return func(o *options) { o.now = now }
}

// WithTransportConfig lets fn adjust each NX-API client's configuration
// (retry counts and waits, for tests).
func WithTransportConfig(fn func(*nxapi.Config)) Option {
	return func(o *options) { o.retry = fn }
}

// Connect opens a session over t's transport: NX-API here, NETCONF (and
// what else the embedded ocdriver.Driver supports) there. An NX-API session
// is proved with a "show hostname" before it is returned.
func (d *Driver) Connect(ctx context.Context, t providers.Target) (providers.Session, error) {
	if t.Transport != "nxapi" {
		return d.Base.Connect(ctx, t)
	}
	cfg := nxapi.Config{Address: t.Address, Username: t.Username, Password: t.Password, Insecure: t.InsecureIgnoreHostKey,
		Timeout: t.Timeout, Logger: t.Logger, Identity: t.Identity}
	if !t.InsecureIgnoreHostKey {
		cfg.CAFile = t.CAFile
	}
	if d.opts.ca != nil && !t.InsecureIgnoreHostKey {
		pem, err := d.opts.ca(t)
		if err != nil {
			return nil, fmt.Errorf("connect %s: CA: %w", t.Name, err)
		}
		cfg.CAPEM = pem
	}
	if d.opts.retry != nil {
		d.opts.retry(&cfg)
	}
	c, err := nxapi.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("connect %s: %w", t.Name, err)
	}
	if _, err := c.Show(ctx, "show hostname"); err != nil {
		_ = c.Close()
		return nil, fmt.Errorf("connect %s: %w", t.Name, err)
	}
	log := t.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &session{c: c, t: t, opts: &d.opts, log: log.With("component", "nxos", "device", t.Name)}, nil
}

// Diff returns the changes that turn running into desired: over NX-API
// (running.CLI set) a CLI diff of the desired CLI text within the intent's
// scope, otherwise the OpenConfig diff of the embedded ocdriver.Driver.
func (d *Driver) Diff(desired *providers.Desired, running *providers.Running) ([]providers.Change, error) {
	if running.CLI == "" {
		return d.Base.Diff(desired, running)
	}
	if desired.CLI == "" {
		return nil, errNoCLI
	}
	delta, err := diffCLI(desired, running.CLI)
	if err != nil {
		return nil, err
	}
	return delta.changes, nil
}

// session is an NX-API session to one device; it implements
// providers.Session.
type session struct {
	c    *nxapi.Client
	t    providers.Target
	opts *options
	log  *slog.Logger
	// expect is the running digest Begin checks under its claim
	// (ExpectRunning); "" checks nothing.
	expect string
	// prepared is the checkpoint name PrepareTxn gave the next Begin.
	prepared string
}

// Observe reads show running-config. Running.CLI is the text without its
// "!Time:" line; Digest is over the parsed, canonical form.
func (s *session) Observe(ctx context.Context) (*providers.Running, error) {
	text, err := s.running(ctx)
	if err != nil {
		return nil, err
	}
	cfg, err := cliconf.Parse(text)
	if err != nil {
		return nil, fmt.Errorf("parse running configuration of %s: %w", s.t.Name, err)
	}
	digest, err := plan.Digest(nil, cfg.String())
	if err != nil {
		return nil, err
	}
	return &providers.Running{CLI: text, Digest: digest, Warnings: []string{AgentTimerWarning}}, nil
}

func (s *session) running(ctx context.Context) (string, error) {
	text, err := s.c.Show(ctx, "show running-config")
	if err != nil {
		return "", fmt.Errorf("observe %s: %w", s.t.Name, err)
	}
	var b strings.Builder
	for l := range strings.Lines(text) {
		if !strings.HasPrefix(l, "!Time:") {
			b.WriteString(l)
		}
	}
	if b.Len() == 0 {
		b.WriteString("!\n") // an empty device still has a CLI form
	}
	return b.String(), nil
}

// Begin claims the device with a checkpoint of this run (see claim), reads
// running under that claim (refusing with providers.ErrConflict when it is
// no longer what ExpectRunning named), pushes the commands that give
// changes, and returns a Txn whose Deadline is the agent-side timer: the
// device does not revert by itself. Extra records the digest of running
// after the push, so that Cancel rolls back only this run's change. A
// refused command rolls back to the checkpoint before Begin returns.
func (s *session) Begin(ctx context.Context, desired *providers.Desired, changes []providers.Change, confirmTimeout time.Duration) (*providers.Txn, error) {
	name := s.PrepareTxn(confirmTimeout).ID
	s.prepared = ""
	if err := s.claim(ctx, name); err != nil {
		return nil, err
	}
	start := s.now()
	lines, err := s.planPush(ctx, desired, changes)
	if err != nil {
		return nil, s.release(ctx, name, err)
	}
	s.log.Info("checkpoint created; pushing", "txn", name, "commands", len(lines))
	if err := s.c.Config(ctx, lines); err != nil {
		rerr := s.restore(ctx, name)
		if rerr != nil {
			return nil, fmt.Errorf("push to %s: %w; rollback to checkpoint %s failed: %w", s.t.Name, err, name, rerr)
		}
		return nil, fmt.Errorf("push to %s: %w; rolled back to checkpoint %s", s.t.Name, err, name)
	}
	txn := &providers.Txn{Device: s.t.Name, Transport: "nxapi", Kind: providers.ConfirmCheckpoint, ID: name,
		Deadline: start.Add(confirmTimeout)}
	after, err := s.Observe(ctx)
	if err != nil {
		// The change is on the device: hand it to the caller to settle.
		txn.Extra, _ = json.Marshal(checkpointExtra{Checkpoint: name, Timer: "agent"})
		return txn, fmt.Errorf("read %s after the push: %w", s.t.Name, err)
	}
	txn.Extra, _ = json.Marshal(checkpointExtra{Checkpoint: name, Timer: "agent", Pushed: after.Digest})
	return txn, nil
}

// planPush reads running (under the claim) and returns the lines that give
// changes, refusing when running changed since the caller read it.
func (s *session) planPush(ctx context.Context, desired *providers.Desired, changes []providers.Change) ([]nxapi.Line, error) {
	r, err := s.Observe(ctx)
	if err != nil {
		return nil, err
	}
	if s.expect != "" && r.Digest != s.expect {
		return nil, fmt.Errorf("push to %s: %w: running changed since it was read; plan again", s.t.Name, providers.ErrConflict)
	}
	delta, err := diffCLI(desired, r.CLI)
	if err != nil {
		return nil, err
	}
	if !sameChanges(delta.changes, changes) {
		return nil, fmt.Errorf("push to %s: %w; plan again", s.t.Name, ErrChanged)
	}
	return s.pushLines(desired, delta)
}

func (s *session) now() time.Time {
	if s.opts.now != nil {
		return s.opts.now()
	}
	return time.Now()
}

func (s *session) checkpointName() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return CheckpointPrefix + s.now().UTC().Format("20060102T150405") + "-" + hex.EncodeToString(b)
}

// Confirm deletes the checkpoint: the change stays. It refuses a txn whose
// deadline has passed (ErrExpired), which the caller must cancel. A
// checkpoint that is already gone counts as confirmed.
func (s *session) Confirm(ctx context.Context, txn *providers.Txn) error {
	if err := checkTxn(txn); err != nil {
		return err
	}
	if !txn.Deadline.IsZero() && s.now().After(txn.Deadline) {
		return fmt.Errorf("confirm %s on %s: %w at %s; cancel it", txn.ID, s.t.Name, ErrExpired, txn.Deadline.Format(time.RFC3339))
	}
	names, err := s.c.Checkpoints(ctx)
	if err != nil {
		return fmt.Errorf("confirm %s on %s: %w", txn.ID, s.t.Name, err)
	}
	if !slices.Contains(names, txn.ID) {
		return nil
	}
	if err := s.c.DeleteCheckpoint(ctx, txn.ID); err != nil {
		return fmt.Errorf("confirm %s on %s: %w", txn.ID, s.t.Name, err)
	}
	s.log.Info("change confirmed; checkpoint deleted", "txn", txn.ID)
	return nil
}

// Cancel rolls the running configuration back to the checkpoint and
// deletes it, but only while running is still what the txn pushed:
// otherwise another writer changed the device since, and Cancel leaves
// that change alone, deletes the checkpoint (ending this run's claim) and
// returns providers.ErrConflict. It works from any session and process.
func (s *session) Cancel(ctx context.Context, txn *providers.Txn) error {
	if err := checkTxn(txn); err != nil {
		return err
	}
	if err := s.stillOurs(ctx, txn); err != nil {
		return err
	}
	if err := s.restore(ctx, txn.ID); err != nil {
		var ce *nxapi.CommandError
		if errors.As(err, &ce) && strings.Contains(strings.ToLower(ce.Message), "does not exist") {
			// The checkpoint is gone: the change was confirmed (or rolled
			// back) already; nothing is pending under this name.
			return fmt.Errorf("cancel %s on %s: %w: %w", txn.ID, s.t.Name, providers.ErrNotPending, err)
		}
		return fmt.Errorf("cancel %s on %s: %w", txn.ID, s.t.Name, err)
	}
	return nil
}

// restore rolls back to checkpoint name and deletes it.
func (s *session) restore(ctx context.Context, name string) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
	defer cancel()
	if err := s.c.Rollback(ctx, name); err != nil {
		return err
	}
	s.log.Info("rolled back to checkpoint", "txn", name)
	return s.c.DeleteCheckpoint(ctx, name)
}

func checkTxn(txn *providers.Txn) error {
	if txn == nil || txn.Kind != providers.ConfirmCheckpoint || !strings.HasPrefix(txn.ID, CheckpointPrefix) {
		return fmt.Errorf("not an NX-OS checkpoint transaction: %+v", txn)
	}
	return nil
}

// Close ends the session.
func (s *session) Close() error { return s.c.Close() }

// sameChanges compares changes by operation and path.
func sameChanges(a, b []providers.Change) bool {
	return slices.EqualFunc(a, b, func(x, y providers.Change) bool { return x.Op == y.Op && x.Path == y.Path })
}

var placeholderRE = regexp.MustCompile(`\{\{secret ([^{}\s]+)\}\}`)

// pushLines turns the masked commands into the lines to send: desired
// lines get their placeholders back and then the secret values (resolved
// now, with the driver's credentials.Source); removals of secret-bearing
// lines are cut before the secret.
func (s *session) pushLines(desired *providers.Desired, delta *cliDelta) ([]nxapi.Line, error) {
	out := make([]nxapi.Line, 0, len(delta.commands))
	for _, cmd := range delta.commands {
		depth, body := splitIndent(cmd)
		if orig, ok := delta.original[body]; ok {
			body = orig
		}
		if x, ok := strings.CutPrefix(body, "no "); ok && strings.Contains(x, MaskedSecret) {
			body = "no " + strings.TrimSpace(cutBefore(x, " key ", " password ", " auth "))
		}
		line := nxapi.Line{Text: strings.Repeat(cliIndent, depth) + body}
		if placeholderRE.MatchString(body) {
			text, err := s.substitute(desired, line.Text)
			if err != nil {
				return nil, err
			}
			line = nxapi.Line{Text: text, Secret: true}
		}
		out = append(out, line)
	}
	return out, nil
}

func cutBefore(s string, seps ...string) string {
	for _, sep := range seps {
		if i := strings.Index(s, sep); i >= 0 {
			s = s[:i]
		}
	}
	return s
}

// substitute replaces each placeholder with its binding's value. An error
// names the binding and the reference, never a value.
func (s *session) substitute(desired *providers.Desired, text string) (string, error) {
	var firstErr error
	out := placeholderRE.ReplaceAllStringFunc(text, func(ph string) string {
		ref := placeholderRE.FindStringSubmatch(ph)[1]
		i := slices.IndexFunc(desired.Secrets, func(b providers.SecretBinding) bool {
			return strings.HasPrefix(b.Path, "cli:") && b.Ref.String() == ref
		})
		if i < 0 {
			firstErr = cmpErr(firstErr, fmt.Errorf("push to %s: placeholder for %s has no secret binding", s.t.Name, ref))
			return ph
		}
		b := desired.Secrets[i]
		v, err := s.opts.secrets.Value(b.Ref)
		if err != nil {
			firstErr = cmpErr(firstErr, fmt.Errorf("push to %s: secret %s (%s): %w", s.t.Name, b.Path, ref, err))
			return ph
		}
		if strings.ContainsAny(v.Reveal(), " \t\r\n\"") || v.IsZero() {
			firstErr = cmpErr(firstErr, fmt.Errorf("push to %s: secret %s (%s) is empty or has white space or quotes, which the NX-OS CLI cannot take", s.t.Name, b.Path, ref))
			return ph
		}
		return v.Reveal()
	})
	if firstErr != nil {
		return "", firstErr
	}
	return out, nil
}

func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}
