package state

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

const (
	dirMode  fs.FileMode = 0o700
	fileMode fs.FileMode = 0o600
)

// prepareDir makes sure dir exists and is safe to keep state in. A missing
// directory is created (with its parents) as 0700, whatever the umask; an
// existing one is checked, never changed.
func prepareDir(dir string) error {
	if dir == "" {
		return fmt.Errorf("state directory: %w: empty path", ErrInvalid)
	}
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, dirMode); err != nil {
			return fmt.Errorf("create state directory: %w", err)
		}
		// MkdirAll is subject to the umask, which can only remove bits;
		// set the mode explicitly so what we create is exactly 0700.
		if err := os.Chmod(dir, dirMode); err != nil {
			return fmt.Errorf("set state directory mode: %w", err)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("state directory: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("state directory %s: %w: not a directory", dir, ErrInvalid)
	}
	return checkDir(dir, fi)
}
