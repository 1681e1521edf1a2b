package daemon

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/models"
)

// writeCert writes a self-signed certificate for 127.0.0.1 and its key,
// returning their paths and a pool that trusts it.
func writeCert(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "switchyard"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "api.pem"), filepath.Join(dir, "api.key")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func TestAPIServesTLSAndWarnsAsRoot(t *testing.T) {
	certFile, keyFile, pool := writeCert(t)
	cfg := &Config{Listen: "127.0.0.1:0", TLSCert: certFile, TLSKey: keyFile}
	tlsCfg, err := loadTLS(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var logs lockedBuffer
	d := &Daemon{cfg: cfg, tls: tlsCfg, log: slog.New(slog.NewTextHandler(&logs, nil)), euid: func() int { return 0 }}
	ln, err := d.listen()
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("ok")) })}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	resp, err := client.Get("https://" + ln.Addr().String() + "/healthz")
	if err != nil {
		t.Fatalf("https: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("https: %s", resp.Status)
	}
	if plain, err := http.Get("http://" + ln.Addr().String() + "/healthz"); err == nil {
		plain.Body.Close()
		if plain.StatusCode == http.StatusOK {
			t.Error("plain http was served next to TLS")
		}
	}
	for _, want := range []string{"running as root", "no api tokens configured"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("logs lack %q:\n%s", want, logs.String())
		}
	}
}

func TestTokensAreResolvedByReference(t *testing.T) {
	env := map[string]string{"OP": "op-secret", "VIEW": " view-secret\n", "EMPTY": " "}
	src := credentials.Source{LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	ref := func(name string) *models.SecretRef { return &models.SecretRef{Env: name} }
	cfg := &Config{APITokenRef: ref("OP"), APITokens: []APIToken{{Name: "grafana", Role: RoleViewer, Token: ref("VIEW")}}}
	toks, err := resolveTokens(cfg, src)
	if err != nil || len(toks) != 2 {
		t.Fatalf("resolveTokens = %d tokens, %v", len(toks), err)
	}
	d := &Daemon{tokens: toks}
	for _, tt := range []struct {
		header, name, role string
		ok                 bool
	}{
		{"Bearer op-secret", "api_token", RoleOperator, true},
		{"Bearer view-secret", "grafana", RoleViewer, true},
		{"Bearer view-secre", "", "", false},
		{"bearer view-secret", "", "", false},
		{"view-secret", "", "", false},
	} {
		r, _ := http.NewRequest(http.MethodGet, "/", nil)
		r.Header.Set("Authorization", tt.header)
		got, ok := d.authorize(r)
		if ok != tt.ok || got.name != tt.name || got.role != tt.role {
			t.Errorf("%q: %s/%s %v, want %s/%s %v", tt.header, got.name, got.role, ok, tt.name, tt.role, tt.ok)
		}
	}
	for _, bad := range []*Config{
		{APITokens: []APIToken{{Name: "x", Role: RoleViewer, Token: ref("EMPTY")}}},
		{APITokens: []APIToken{{Name: "x", Role: RoleViewer, Token: ref("UNSET")}}},
	} {
		_, err := resolveTokens(bad, src)
		if err == nil || !strings.Contains(err.Error(), `api token "x"`) {
			t.Errorf("err = %v, want one naming the token", err)
		}
		if err != nil && errors.Is(err, credentials.ErrMissing) == false && !strings.Contains(err.Error(), "empty") {
			t.Errorf("err = %v: neither missing nor empty", err)
		}
	}
}
