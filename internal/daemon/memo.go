package daemon

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/switchyard/switchyard/internal/gitsource"
)

// memoFile is the daemon's own small record in the state directory, next
// to the state store: the revision it enforces and the one it was pushing.
const memoFile = "daemon.json"

type memo struct {
	// Enforced is the last revision that loaded and validated.
	Enforced gitsource.Revision `json:"enforced"`
	// Applying is the revision of the rollout in progress; a restart
	// judges in-flight commits against it.
	Applying string `json:"applying,omitempty"`
}

func readMemo(dir string) (memo, error) {
	var m memo
	raw, err := os.ReadFile(filepath.Join(dir, memoFile))
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("read %s: %w", memoFile, err)
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return m, fmt.Errorf("read %s: %w", memoFile, err)
	}
	return m, nil
}

// writeMemo replaces the file atomically (write, fsync, rename).
func writeMemo(dir string, m memo) error {
	raw, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, memoFile), raw)
}

func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), 0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
