//go:build unix

package state

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// checkDir refuses a directory that others could write into: writable by
// group or others (sticky or not), or owned by a user other than us or
// root.
func checkDir(dir string, fi fs.FileInfo) error {
	if perm := fi.Mode().Perm(); perm&0o022 != 0 {
		return fmt.Errorf("%s is mode %#o, writable by group or others (fix with chmod go-w): %w", dir, perm, ErrUnsafeDir)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if uid := int(st.Uid); uid != os.Geteuid() && uid != 0 {
		return fmt.Errorf("%s is owned by uid %d, not by uid %d or root: %w", dir, uid, os.Geteuid(), ErrUnsafeDir)
	}
	return nil
}

// syncDir fsyncs a directory so that creations and renames in it survive a
// crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
