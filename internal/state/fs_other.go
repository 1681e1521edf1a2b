//go:build !unix

package state

import "io/fs"

// checkDir accepts any directory: outside Unix, mode bits do not describe
// who may write, and access is governed by ACLs we do not inspect.
func checkDir(string, fs.FileInfo) error { return nil }

// syncDir is a no-op outside Unix, where directories cannot be fsynced
// through os.File.
func syncDir(string) error { return nil }
