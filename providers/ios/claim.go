package ios

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/switchyard/switchyard/providers"
)

// Classic IOS has no configuration lock that outlives a session, so a run
// marks its change on the device with its own staged file
// (flash:switchyard-<time>-<random>.cfg), which every other run sees in
// "dir flash:". A run replaces only while no other staged file and no
// rollback timer ("show archive config rollback timer") is there, and once
// its own file is uploaded, only if that file sorts first among the staged
// files (two runs that raced both see both; the later name backs off).

var _ providers.RunningGuard = (*Session)(nil)

// ExpectRunning makes the next Begin check, under its staged-file claim,
// that running still has this digest, refusing with providers.ErrConflict
// otherwise.
func (s *Session) ExpectRunning(digest string) { s.expect = digest }

// stagedName returns a fresh staged file name; names sort by time.
func stagedName() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return StagedPrefix + time.Now().UTC().Format("20060102T150405.000") + "-" + hex.EncodeToString(b) + ".cfg"
}

// stagedFiles lists the staged files of every run on flash, sorted.
func (s *Session) stagedFiles(ctx context.Context) ([]string, error) {
	out, err := s.cli.SendCommand(ctx, "dir flash:")
	if err != nil {
		return nil, fmt.Errorf("list flash of %s: %w", s.target.Name, err)
	}
	var files []string
	for l := range strings.Lines(out) {
		f := strings.Fields(l)
		if len(f) == 0 {
			continue
		}
		name := "flash:" + strings.TrimPrefix(f[len(f)-1], "/")
		if strings.HasPrefix(name, StagedPrefix) && strings.HasSuffix(name, ".cfg") && name != BackupFile {
			files = append(files, name)
		}
	}
	slices.Sort(files)
	return files, nil
}

// claim uploads content to staged unless another run's change is in
// flight on the device (ErrBusy), and keeps it only if staged sorts first
// among the staged files and running is still what ExpectRunning named
// (ErrConflict); otherwise it deletes staged again.
func (s *Session) claim(ctx context.Context, staged string, content []byte) error {
	files, err := s.stagedFiles(ctx)
	if err != nil {
		return err
	}
	if len(files) > 0 {
		return s.busy(files[0])
	}
	out, err := s.cli.SendCommand(ctx, "show archive config rollback timer")
	if err != nil {
		return fmt.Errorf("read the rollback timer of %s: %w", s.target.Name, err)
	}
	if !notPending(out) {
		return fmt.Errorf("push to %s: %w: a configure replace rollback timer is pending (%s)", s.target.Name, providers.ErrBusy, summary(out))
	}
	if err := s.cli.UploadFile(ctx, staged, content); err != nil {
		return err
	}
	if files, err = s.stagedFiles(ctx); err != nil || files[0] != staged {
		s.removeStaged(ctx, staged)
		if err != nil {
			return err
		}
		return s.busy(files[0])
	}
	if s.expect == "" {
		return nil
	}
	r, err := s.Observe(ctx)
	if err == nil && r.Digest != s.expect {
		err = fmt.Errorf("push to %s: %w: running changed since it was read; plan again", s.target.Name, providers.ErrConflict)
	}
	if err != nil {
		s.removeStaged(ctx, staged)
	}
	return err
}

func (s *Session) busy(file string) error {
	return fmt.Errorf("push to %s: %w: staged file %s of another switchyard run is on flash (its change is in flight; "+
		"if that run died, settle it from its state directory or delete the file with \"delete /force %s\")",
		s.target.Name, providers.ErrBusy, file, file)
}

// ours checks that txn's staged file is still on flash before its confirm
// or revert acts on whatever rollback is pending: a run whose file is gone
// was settled already (ErrNotPending), and what is pending now, if
// anything, is not its change.
func (s *Session) ours(ctx context.Context, txn *providers.Txn) error {
	if !strings.HasPrefix(txn.ID, StagedPrefix) {
		return nil // an older agent's shared file name: no claim to check
	}
	files, err := s.stagedFiles(ctx)
	if err != nil {
		return err
	}
	if !slices.Contains(files, txn.ID) {
		return fmt.Errorf("%w: staged file %s is gone", ErrNotPending, txn.ID)
	}
	return nil
}
