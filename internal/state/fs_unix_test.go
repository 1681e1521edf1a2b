//go:build unix

package state

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestPrepareDirChecksExistingDir(t *testing.T) {
	tests := []struct {
		name    string
		mode    fs.FileMode
		wantErr error
	}{
		{"private dir is accepted", 0o700, nil},
		{"world-readable dir is accepted", 0o755, nil},
		{"group-writable dir is refused", 0o770, ErrUnsafeDir},
		{"world-writable dir is refused", 0o777, ErrUnsafeDir},
		{"sticky world-writable dir is refused", 0o777 | fs.ModeSticky, ErrUnsafeDir},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "state")
			if err := os.Mkdir(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(dir, tt.mode); err != nil {
				t.Fatal(err)
			}
			_, err := Open(dir)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Open = %v, want %v", err, tt.wantErr)
			}
			if _, aerr := OpenAudit(dir); !errors.Is(aerr, tt.wantErr) {
				t.Fatalf("OpenAudit = %v, want %v", aerr, tt.wantErr)
			}
			fi, err := os.Stat(dir)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode()&(fs.ModePerm|fs.ModeSticky) != tt.mode {
				t.Errorf("mode changed to %v, want it left at %v", fi.Mode(), tt.mode)
			}
		})
	}
}

func TestPrepareDirRefusesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path); !errors.Is(err, ErrInvalid) {
		t.Fatalf("Open on a file = %v, want ErrInvalid", err)
	}
}

// fakeInfo is a directory FileInfo with a chosen owner.
type fakeInfo struct{ uid uint32 }

func (fakeInfo) Name() string       { return "state" }
func (fakeInfo) Size() int64        { return 0 }
func (fakeInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o700 }
func (fakeInfo) ModTime() time.Time { return time.Time{} }
func (fakeInfo) IsDir() bool        { return true }
func (f fakeInfo) Sys() any         { return &syscall.Stat_t{Uid: f.uid} }

func TestCheckDirOwner(t *testing.T) {
	me := uint32(os.Geteuid())
	other := me + 4242
	if other == 0 {
		other++
	}
	tests := []struct {
		name    string
		uid     uint32
		wantErr error
	}{
		{"owned by us", me, nil},
		{"owned by root", 0, nil},
		{"owned by another user", other, ErrUnsafeDir},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkDir("/x/state", fakeInfo{uid: tt.uid})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("checkDir = %v, want %v", err, tt.wantErr)
			}
		})
	}
}
