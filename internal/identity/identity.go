package identity

import (
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// ErrNoCertificates is returned (wrapped) by CertPool when a file holds no
// PEM certificate.
var ErrNoCertificates = errors.New("no PEM certificate")

// Cache holds parsed identity files, keyed by kind and path. Safe for
// concurrent use; the zero value is not usable, use New. A nil *Cache is
// valid and reads every file on every call.
type Cache struct {
	mu      sync.Mutex
	entries map[key]*entry
	reads   int
	shared  int // entries Shared made
}

type key struct {
	kind string
	path string
}

// entry is one parsed file; once guards the read so that concurrent first
// users wait for one read instead of each doing their own.
type entry struct {
	once  sync.Once
	mtime time.Time
	size  int64
	val   any
	err   error
}

// New returns an empty cache.
func New() *Cache { return &Cache{entries: map[key]*entry{}} }

// Reads returns how many times the cache read a file from disk; for tests
// and benchmarks. Zero for a nil cache.
func (c *Cache) Reads() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.reads
}

// load returns the value parse made of path's content, reading and parsing
// the file again only when its modification time or size changed since
// the last read. parse reads the file itself. Errors are cached with the file's stat like values (a
// file that cannot be stat'ed is never cached).
func (c *Cache) load(kind, path string, parse func(string) (any, error)) (any, error) {
	if c == nil {
		return parse(path)
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	k := key{kind, path}
	c.mu.Lock()
	e := c.entries[k]
	if e == nil || !e.mtime.Equal(st.ModTime()) || e.size != st.Size() {
		e = &entry{mtime: st.ModTime(), size: st.Size()}
		c.entries[k] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		c.mu.Lock()
		c.reads++
		c.mu.Unlock()
		e.val, e.err = parse(path)
	})
	return e.val, e.err
}

// ReadFile returns the content of path. The returned slice is shared:
// callers must not modify it.
func (c *Cache) ReadFile(path string) ([]byte, error) {
	v, err := c.load("file", path, func(p string) (any, error) { return os.ReadFile(p) })
	if err != nil {
		return nil, err
	}
	return v.([]byte), nil
}

// KnownHosts returns the host key callback of an OpenSSH known_hosts file
// (knownhosts.New), parsed once per version of the file.
func (c *Cache) KnownHosts(path string) (ssh.HostKeyCallback, error) {
	v, err := c.load("known_hosts", path, func(p string) (any, error) { return knownhosts.New(p) })
	if err != nil {
		return nil, err
	}
	return v.(ssh.HostKeyCallback), nil
}

// Signer returns the SSH signer of an unencrypted private key file.
func (c *Cache) Signer(path string) (ssh.Signer, error) {
	v, err := c.load("private_key", path, func(p string) (any, error) {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("private key file: %w", err)
		}
		s, err := ssh.ParsePrivateKey(b)
		if err != nil {
			var pm *ssh.PassphraseMissingError
			if errors.As(err, &pm) {
				return nil, fmt.Errorf("private key file %s is encrypted; only unencrypted keys are supported", path)
			}
			return nil, fmt.Errorf("private key file %s: %w", path, err)
		}
		return s, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(ssh.Signer), nil
}

// CertPool returns a pool of the PEM certificates in a CA bundle file. The
// pool is shared: callers must not add to it.
func (c *Cache) CertPool(path string) (*x509.CertPool, error) {
	v, err := c.load("ca_bundle", path, func(p string) (any, error) {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(b) {
			return nil, fmt.Errorf("%s: %w", path, ErrNoCertificates)
		}
		return pool, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*x509.CertPool), nil
}
