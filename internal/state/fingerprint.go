package state

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// FingerprintKeyFile is the name, inside the state directory, of the
// random key that fingerprints secret values (mode 0600).
const FingerprintKeyFile = "secret-fingerprint.key"

// Fingerprinter computes keyed fingerprints (HMAC-SHA256) of secret values,
// so that the state can tell a rotated secret from the one pushed without
// ever holding a value: without the key, a fingerprint does not help guess
// it. It is safe for concurrent use.
type Fingerprinter struct {
	key []byte
}

// OpenFingerprinter reads the key in dir, creating it (32 random bytes,
// mode 0600) when it does not exist. A key file readable by others is
// refused.
func OpenFingerprinter(dir string) (*Fingerprinter, error) {
	path := filepath.Join(dir, FingerprintKeyFile)
	key, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		key = make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, fmt.Errorf("create secret fingerprint key: %w", err)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, fileMode)
		if errors.Is(err, fs.ErrExist) {
			return OpenFingerprinter(dir) // another process made it first
		}
		if err != nil {
			return nil, fmt.Errorf("create secret fingerprint key: %w", err)
		}
		_, werr := f.Write(key)
		serr := f.Sync()
		if cerr := f.Close(); werr == nil && serr == nil {
			werr = cerr
		}
		if err := errors.Join(werr, serr); err != nil {
			return nil, fmt.Errorf("write secret fingerprint key: %w", err)
		}
		return &Fingerprinter{key: key}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read secret fingerprint key: %w", err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read secret fingerprint key: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("secret fingerprint key %s: %w: mode %v, want 0600", path, ErrUnsafeDir, fi.Mode().Perm())
	}
	if len(key) < 16 {
		return nil, fmt.Errorf("secret fingerprint key %s: %w: too short", path, ErrInvalid)
	}
	return &Fingerprinter{key: key}, nil
}

// Sum returns the fingerprint of value as set at path on device (hex).
// The device and path are part of the message, so one value set in two
// places has two fingerprints.
func (f *Fingerprinter) Sum(device, path string, value []byte) string {
	m := hmac.New(sha256.New, f.key)
	m.Write([]byte(device))
	m.Write([]byte{0})
	m.Write([]byte(path))
	m.Write([]byte{0})
	m.Write(value)
	return hex.EncodeToString(m.Sum(nil))
}
