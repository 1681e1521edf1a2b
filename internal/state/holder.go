package state

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// HolderFile names, inside the state directory, the process that holds
// its lock: Open writes it once it has the lock, and a process that finds
// the directory locked reads it to say who holds it.
const HolderFile = "holder"

// WithHolder sets how Open describes this process in HolderFile (for
// example "switchyard apply"); the pid, user and start time are added.
// The default is the program name.
func WithHolder(desc string) Option {
	return func(c *config) error {
		c.holder = desc
		return nil
	}
}

// writeHolder records this process as the holder of dir's lock.
func writeHolder(dir, desc string) error {
	if desc == "" {
		desc = filepath.Base(os.Args[0])
	}
	line := fmt.Sprintf("%s (pid %d, user %s, since %s)\n", desc, os.Getpid(), CurrentOperator(), time.Now().UTC().Format(time.RFC3339))
	path := filepath.Join(dir, HolderFile)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(line), fileMode); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// readHolder returns the recorded holder of dir's lock, or "".
func readHolder(dir string) string {
	b, err := os.ReadFile(filepath.Join(dir, HolderFile))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
