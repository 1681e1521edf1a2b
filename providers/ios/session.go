package ios

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/transport/cli"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

// Files the session writes on the device's flash.
const (
	// StagedPrefix starts the name of the file that receives the intended
	// configuration before configure replace: one per run,
	// flash:switchyard-<time>-<random>.cfg. It is deleted once the change
	// is confirmed or cancelled (it holds secret values in clear); while it
	// is on flash, other runs keep off the device (see claim).
	StagedPrefix = "flash:switchyard-"
	// BackupFile is the running configuration saved before a merge.
	BackupFile = "flash:switchyard-before.cfg"
)

// maxTimerMinutes is the longest "configure replace ... time N" IOS takes.
const maxTimerMinutes = 120

// Session is a CLI session to one classic IOS device. It implements
// providers.Session and is used by one goroutine at a time.
type Session struct {
	cli     *cli.Session
	target  providers.Target
	log     *slog.Logger
	merge   bool
	secrets credentials.Source
	// last is the running configuration read by the latest Observe.
	last string
	// staged is the staged file name of the next Begin (PrepareTxn).
	staged string
	// expect is the running digest Begin checks under its claim
	// (ExpectRunning); "" checks nothing.
	expect string
}

var _ providers.Session = (*Session)(nil)

// Connect logs in to t over SSH (host key verified against
// t.KnownHostsFile), entering privileged exec with t.EnablePassword.
func (d *Driver) Connect(ctx context.Context, t providers.Target) (providers.Session, error) {
	log := t.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c, err := cli.Dial(ctx, cli.Config{
		Address: t.Address, Username: t.Username, Password: t.Password, EnablePassword: t.EnablePassword,
		PrivateKeyFile: t.PrivateKeyFile, KnownHostsFile: t.KnownHostsFile,
		InsecureIgnoreHostKey: t.InsecureIgnoreHostKey, Timeout: t.Timeout, Logger: log, Identity: t.Identity,
	})
	if err != nil {
		return nil, err
	}
	return &Session{cli: c, target: t, log: log, merge: d.merge, secrets: d.secrets}, nil
}

// Observe reads show running-config. Running.CLI is the device's text
// (which holds the device's own hashed or type 7 forms of secrets);
// Digest is the sha256 of its canonical form.
func (s *Session) Observe(ctx context.Context) (*providers.Running, error) {
	out, err := s.cli.SendCommand(ctx, "show running-config")
	if err != nil {
		return nil, err
	}
	sum, err := digest(out)
	if err != nil {
		return nil, fmt.Errorf("parse running configuration of %s: %w", s.target.Name, err)
	}
	s.last = out
	return &providers.Running{CLI: out, Digest: sum}, nil
}

// Begin pushes desired. Replace mode (the default): the intended
// configuration (running, with the delta applied: everything outside
// switchyard's scope is kept) is uploaded to StagedFile with secrets
// filled in, then "configure replace flash:switchyard.cfg force time N"
// replaces running and starts the device's rollback timer; N is
// confirmTimeout rounded up to whole minutes (IOS counts minutes, 1 to
// 120). Merge mode: see WithMerge. changes is informational: the delta is
// recomputed from the latest Observe.
func (s *Session) Begin(ctx context.Context, desired *providers.Desired, changes []providers.Change, confirmTimeout time.Duration) (*providers.Txn, error) {
	if s.last == "" {
		if _, err := s.Observe(ctx); err != nil {
			return nil, err
		}
	}
	d, err := computeDelta(desired, s.last)
	if err != nil {
		return nil, err
	}
	if len(d.cmds) == 0 && !slices.ContainsFunc(changes, isResend) {
		return nil, fmt.Errorf("push to %s: nothing to change", s.target.Name)
	}
	if s.merge {
		return s.beginMerge(ctx, desired, d)
	}
	return s.beginReplace(ctx, desired, d, confirmTimeout)
}

func (s *Session) beginReplace(ctx context.Context, desired *providers.Desired, d *delta, timeout time.Duration) (*providers.Txn, error) {
	if !hasArchivePath(d.run) {
		return nil, fmt.Errorf("configure replace on %s: %w; configure it on the device or use merge mode", s.target.Name, ErrArchiveNotConfigured)
	}
	minutes := int(math.Ceil(timeout.Minutes()))
	minutes = max(minutes, 1)
	if minutes > maxTimerMinutes {
		return nil, fmt.Errorf("configure replace on %s: confirm timeout %s exceeds the IOS maximum of %d minutes", s.target.Name, timeout, maxTimerMinutes)
	}
	text, values, err := s.fill(desired, keepStored(desired, d, d.intended.String())+"end\n")
	if err != nil {
		return nil, err
	}
	staged := s.PrepareTxn(timeout).ID
	s.staged = ""
	if err := s.claim(ctx, staged, []byte(text)); err != nil {
		return nil, err
	}
	cmd := fmt.Sprintf("configure replace %s force time %d", staged, minutes)
	start := time.Now()
	txn := &providers.Txn{Device: s.target.Name, Transport: "cli", Kind: providers.ConfirmReplaceTimer,
		ID: staged, Deadline: start.Add(time.Duration(minutes) * time.Minute)}
	out, err := s.cli.SendCommand(ctx, cmd)
	if err != nil && !isCommandError(err) {
		// The answer was lost: the replace may be running with its timer.
		return txn, errors.New(cli.Redact(err.Error(), values...))
	}
	if err = replaceResult(s.target.Name, cmd, out, err); err != nil {
		s.removeStaged(ctx, staged)
		return nil, errors.New(cli.Redact(err.Error(), values...))
	}
	s.log.Info("configure replace pending confirmation", "txn", staged, "minutes", minutes)
	return txn, nil
}

// replaceResult interprets the answer to configure replace.
func replaceResult(device, cmd, out string, err error) error {
	low := strings.ToLower(out)
	switch {
	case strings.Contains(low, "archive") && (strings.Contains(low, "not enabled") || strings.Contains(low, "not configured")):
		return fmt.Errorf("configure replace on %s: %w; configure it on the device or use merge mode", device, ErrArchiveNotConfigured)
	case err != nil:
		return fmt.Errorf("configure replace on %s refused the configuration, nothing changed: %w", device, err)
	case !strings.Contains(out, "Rollback Done"):
		return fmt.Errorf("configure replace on %s failed, nothing changed: %s", device, summary(out))
	}
	return nil
}

// mergeExtra is Txn.Extra of a merged change.
type mergeExtra struct {
	Mode   string `json:"mode"`
	Backup string `json:"backup"`
}

func (s *Session) beginMerge(ctx context.Context, desired *providers.Desired, d *delta) (*providers.Txn, error) {
	if err := s.saveBackup(ctx); err != nil {
		return nil, err
	}
	var lines []string
	for _, c := range d.cmds {
		if b := strings.TrimSpace(c); b == "quit" || b == "no quit" {
			continue
		}
		lines = append(lines, c)
	}
	text, values, err := s.fill(desired, strings.Join(lines, "\x00"))
	if err != nil {
		return nil, err
	}
	if err := s.cli.SendConfigs(ctx, strings.Split(text, "\x00"), values...); err != nil {
		rerr := s.restore(ctx, BackupFile)
		if rerr != nil {
			return nil, fmt.Errorf("merge on %s: %w; restoring %s also failed, the device is partly changed: %w", s.target.Name, err, BackupFile, rerr)
		}
		return nil, fmt.Errorf("merge on %s: %w; the device was restored from %s", s.target.Name, err, BackupFile)
	}
	extra, _ := json.Marshal(mergeExtra{Mode: "merge", Backup: BackupFile})
	s.log.Warn("change merged without a device-side rollback timer")
	return &providers.Txn{Device: s.target.Name, Transport: "cli", Kind: providers.ConfirmReplaceTimer,
		ID: BackupFile, Extra: extra}, nil
}

// saveBackup copies running to BackupFile, answering copy's question.
func (s *Session) saveBackup(ctx context.Context) error {
	out, err := s.cli.SendInteractive(ctx, []cli.Step{
		{Input: "copy running-config " + BackupFile, Expect: `(?i)destination filename`},
		{Input: ""},
	})
	if err != nil {
		return fmt.Errorf("save running configuration of %s to %s: %w", s.target.Name, BackupFile, err)
	}
	if !strings.Contains(out, "bytes copied") {
		return fmt.Errorf("save running configuration of %s to %s: %s", s.target.Name, BackupFile, summary(out))
	}
	return nil
}

// restore replaces running with file at once (no timer).
func (s *Session) restore(ctx context.Context, file string) error {
	cmd := "configure replace " + file + " force"
	out, err := s.cli.SendCommand(ctx, cmd)
	if err == nil && !strings.Contains(out, "Rollback Done") {
		err = fmt.Errorf("%s on %s: %s", cmd, s.target.Name, summary(out))
	}
	return err
}

// fill substitutes the secret values for the placeholders in text; it
// returns the values so that callers can redact them from errors. Values
// are read only for placeholders text holds.
func (s *Session) fill(desired *providers.Desired, text string) (string, []models.Secret, error) {
	var values []models.Secret
	seen := map[string]bool{}
	for _, b := range desired.Secrets {
		ph := Placeholder(b.Ref)
		if seen[ph] || !strings.Contains(text, ph) {
			continue
		}
		seen[ph] = true
		v, err := s.secrets.Value(b.Ref)
		if err != nil {
			return "", nil, fmt.Errorf("secret %s for %s of %s: %w", b.Ref.String(), b.Path, s.target.Name, err)
		}
		if strings.ContainsAny(v.Reveal(), "\r\n") || strings.TrimSpace(v.Reveal()) != v.Reveal() {
			return "", nil, fmt.Errorf("secret %s for %s of %s: a line break or surrounding white space cannot be configured on IOS", b.Ref.String(), b.Path, s.target.Name)
		}
		values = append(values, v)
		text = strings.ReplaceAll(text, ph, v.Reveal())
	}
	if i := strings.Index(text, placeholderStart); i >= 0 {
		end := min(len(text), i+80)
		return "", nil, fmt.Errorf("push to %s: placeholder without a secret binding: %q", s.target.Name, firstLine(text[i:end]))
	}
	return text, values, nil
}

// Confirm sends "configure confirm" (from any session), then saves the
// configuration (write memory) and deletes the staged file. A merged
// change (no timer) is only saved.
func (s *Session) Confirm(ctx context.Context, txn *providers.Txn) error {
	if !txn.Deadline.IsZero() {
		if err := s.ours(ctx, txn); err != nil {
			return fmt.Errorf("confirm %s: %w", s.target.Name, err)
		}
		out, err := s.cli.SendCommand(ctx, "configure confirm")
		if err != nil {
			return fmt.Errorf("confirm %s: %w", s.target.Name, err)
		}
		if notPending(out) {
			s.removeStaged(ctx, txn.ID) // it holds secrets in clear; nothing needs it now
			return fmt.Errorf("confirm %s: %w (its timer may have expired and the change reverted)", s.target.Name, ErrNotPending)
		}
		s.removeStaged(ctx, txn.ID)
	}
	if _, err := s.cli.SendCommand(ctx, "write memory"); err != nil {
		s.log.Warn("change confirmed but not saved to startup-config", "err", err)
	}
	return nil
}

// Cancel reverts txn now: "configure revert now" for a timed replace,
// configure replace of the saved backup for a merged change.
func (s *Session) Cancel(ctx context.Context, txn *providers.Txn) error {
	if txn.Deadline.IsZero() {
		var ex mergeExtra
		if err := json.Unmarshal(txn.Extra, &ex); err != nil || ex.Backup == "" {
			return fmt.Errorf("cancel on %s: the transaction names no backup to restore", s.target.Name)
		}
		if err := s.restore(ctx, ex.Backup); err != nil {
			return fmt.Errorf("cancel on %s: %w", s.target.Name, err)
		}
		return nil
	}
	if err := s.ours(ctx, txn); err != nil {
		return fmt.Errorf("cancel on %s: %w", s.target.Name, err)
	}
	out, err := s.cli.SendCommand(ctx, "configure revert now")
	if err != nil {
		return fmt.Errorf("cancel on %s: %w", s.target.Name, err)
	}
	if notPending(out) {
		s.removeStaged(ctx, txn.ID) // left by a session that dropped mid-replace
		return fmt.Errorf("cancel on %s: %w", s.target.Name, ErrNotPending)
	}
	s.removeStaged(ctx, txn.ID)
	return nil
}

// removeStaged deletes a staged file (it holds secrets in clear); a
// failure is logged, not returned.
func (s *Session) removeStaged(ctx context.Context, file string) {
	if _, err := s.cli.SendCommand(ctx, "delete /force "+file); err != nil {
		s.log.Warn("could not delete the staged configuration file", "file", file, "err", err)
	}
}

// Close ends the session.
func (s *Session) Close() error { return s.cli.Close() }

func notPending(out string) bool {
	return strings.Contains(strings.ToLower(out), "no rollback confirmed change pending")
}

func isCommandError(err error) bool {
	var ce *cli.CommandError
	return errors.As(err, &ce)
}

// hasArchivePath reports whether c has "archive" with a "path" line.
func hasArchivePath(c *cliconf.Config) bool {
	a := c.Find("archive")
	if a == nil {
		return false
	}
	for _, n := range a.Children {
		if strings.HasPrefix(n.Line, "path ") {
			return true
		}
	}
	return false
}

// summary shortens device output for an error message.
func summary(out string) string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if t := strings.TrimSpace(l); t != "" {
			lines = append(lines, t)
		}
	}
	if len(lines) > 4 {
		lines = append(lines[:4], "...")
	}
	return strings.Join(lines, "; ")
}

// PrepareTxn names the next timed replace (its staged file) before Begin
// sends it, so that the caller records it first. Merge mode has no device
// timer and prepares nothing (nil).
func (s *Session) PrepareTxn(timeout time.Duration) *providers.Txn {
	if s.merge {
		return nil
	}
	if s.staged == "" {
		s.staged = stagedName()
	}
	minutes := max(int(math.Ceil(timeout.Minutes())), 1)
	return &providers.Txn{Device: s.target.Name, Transport: "cli", Kind: providers.ConfirmReplaceTimer,
		ID: s.staged, Deadline: time.Now().Add(time.Duration(minutes) * time.Minute)}
}

var _ providers.TxnPreparer = (*Session)(nil)

// isResend reports whether c re-sends a secret (rotated behind its
// reference, or changed on the device): the replace then sends the whole
// configuration with the value read now, though no line differs.
func isResend(c providers.Change) bool {
	return c.Reason == diff.ReasonSecretRotated || c.Reason == diff.ReasonSecretChanged
}
