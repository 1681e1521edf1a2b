package identity

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

func hostKey(t *testing.T) ssh.PublicKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ssh.NewPublicKey(&k.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return pub
}

func write(t *testing.T, path, content string, mtime time.Time) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, mtime, mtime); err != nil {
		t.Fatal(err)
	}
}

func TestKnownHostsIsParsedOnceAndReparsedWhenEdited(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "known_hosts")
	addr := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2222}
	k1, k2 := hostKey(t), hostKey(t)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	write(t, path, knownhosts.Line([]string{knownhosts.Normalize(addr.String())}, k1)+"\n", t0)

	c := New()
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			cb, err := c.KnownHosts(path)
			if err != nil {
				t.Error(err)
				return
			}
			if err := cb("127.0.0.1:2222", addr, k1); err != nil {
				t.Errorf("known key refused: %v", err)
			}
		})
	}
	wg.Wait()
	if got := c.Reads(); got != 1 {
		t.Errorf("reads after 50 concurrent users = %d, want 1", got)
	}

	// The device is re-keyed and the operator edits the file: the next
	// connection sees the new key.
	write(t, path, knownhosts.Line([]string{knownhosts.Normalize(addr.String())}, k2)+"\n", t0.Add(time.Minute))
	cb, err := c.KnownHosts(path)
	if err != nil {
		t.Fatal(err)
	}
	var ke *knownhosts.KeyError
	if err := cb("127.0.0.1:2222", addr, k1); !errors.As(err, &ke) {
		t.Errorf("old key after the edit: %v, want a KeyError", err)
	}
	if err := cb("127.0.0.1:2222", addr, k2); err != nil {
		t.Errorf("new key after the edit: %v", err)
	}
	if got := c.Reads(); got != 2 {
		t.Errorf("reads after the edit = %d, want 2", got)
	}
}

func TestNilCacheReadsEveryTime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	write(t, path, "one", time.Now())
	var c *Cache
	if b, err := c.ReadFile(path); err != nil || string(b) != "one" {
		t.Fatalf("ReadFile = %q, %v", b, err)
	}
	if err := os.WriteFile(path, []byte("two"), 0o600); err != nil {
		t.Fatal(err)
	}
	if b, err := c.ReadFile(path); err != nil || string(b) != "two" {
		t.Fatalf("ReadFile after write = %q, %v", b, err)
	}
	if c.Reads() != 0 {
		t.Errorf("nil cache counts reads")
	}
}

func TestCertPool(t *testing.T) {
	dir := t.TempDir()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "ca"},
		NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour), IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "ca.pem")
	write(t, good, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), time.Now())
	bad := filepath.Join(dir, "bad.pem")
	write(t, bad, "not a certificate", time.Now())
	c := New()
	p1, err := c.CertPool(good)
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := c.CertPool(good)
	if p1 != p2 || c.Reads() != 1 {
		t.Errorf("second CertPool re-read the file (reads %d)", c.Reads())
	}
	if _, err := c.CertPool(bad); !errors.Is(err, ErrNoCertificates) {
		t.Errorf("CertPool(bad) = %v, want ErrNoCertificates", err)
	}
	if _, err := c.CertPool(filepath.Join(dir, "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("CertPool(missing) = %v, want not exist", err)
	}
}

func TestShared(t *testing.T) {
	c := New()
	builds := 0
	build := func(v string) func() (any, error) {
		return func() (any, error) { builds++; return v, nil }
	}
	a := sha256.Sum256([]byte("a"))
	for range 3 {
		if v, err := c.Shared("k", a, build("va")); v != "va" || err != nil {
			t.Fatalf("Shared = %v, %v", v, err)
		}
	}
	if v, _ := c.Shared("other", a, build("vo")); v != "vo" || builds != 2 {
		t.Errorf("another kind, same sum: %v after %d builds, want vo after 2", v, builds)
	}
	for i := range MaxShared + 5 {
		_, _ = c.Shared("k", sha256.Sum256([]byte{byte(i), 1}), build("x"))
	}
	if c.shared != MaxShared {
		t.Errorf("kept %d values, the bound is %d", c.shared, MaxShared)
	}
	builds = 0
	over := sha256.Sum256([]byte("over"))
	_, _ = c.Shared("k", over, build("o"))
	_, _ = c.Shared("k", over, build("o"))
	if builds != 2 {
		t.Errorf("past the bound: %d builds for two calls, want 2 (nothing kept)", builds)
	}
	var nilCache *Cache
	if v, err := nilCache.Shared("k", a, build("n")); v != "n" || err != nil {
		t.Errorf("nil cache: %v, %v", v, err)
	}
}
