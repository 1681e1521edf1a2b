package daemon

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
)

const pushBody = `{"ref":"refs/heads/master","after":"0123456789abcdef0123456789abcdef01234567","repository":{"clone_url":"https://example.net/x.git"}}`

func sign(secret, body string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(body))
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

func TestAPIAuthentication(t *testing.T) {
	c := newCampus(t)
	r := c.start(c.config(""))
	r.wait("reconcile")
	tests := []struct {
		name   string
		method string
		path   string
		body   string
		header []string
		want   int
	}{
		{"sync without token", http.MethodPost, "/api/v1/sync", "", nil, http.StatusUnauthorized},
		{"sync with a wrong token", http.MethodPost, "/api/v1/sync", "", []string{"Authorization", "Bearer nope"}, http.StatusUnauthorized},
		{"sync with a basic header", http.MethodPost, "/api/v1/sync", "", []string{"Authorization", "Basic " + apiToken}, http.StatusUnauthorized},
		{"sync with the token", http.MethodPost, "/api/v1/sync", "", []string{"Authorization", "Bearer " + apiToken}, http.StatusAccepted},
		{"sync with a viewer token", http.MethodPost, "/api/v1/sync", "", []string{"Authorization", "Bearer " + viewerToken}, http.StatusForbidden},
		{"status without token", http.MethodGet, "/api/v1/status", "", nil, http.StatusUnauthorized},
		{"status with a wrong token", http.MethodGet, "/api/v1/status", "", []string{"Authorization", "Bearer " + viewerToken + "x"}, http.StatusUnauthorized},
		{"status with a viewer token", http.MethodGet, "/api/v1/status", "", []string{"Authorization", "Bearer " + viewerToken}, http.StatusOK},
		{"status with an operator token", http.MethodGet, "/api/v1/status", "", []string{"Authorization", "Bearer " + apiToken}, http.StatusOK},
		{"metrics without token", http.MethodGet, "/metrics", "", nil, http.StatusUnauthorized},
		{"metrics with a viewer token", http.MethodGet, "/metrics", "", []string{"Authorization", "Bearer " + viewerToken}, http.StatusOK},
		{"report without token", http.MethodGet, "/api/v1/reports/latest.md", "", nil, http.StatusUnauthorized},
		{"report with a viewer token", http.MethodGet, "/api/v1/reports/latest.md", "", []string{"Authorization", "Bearer " + viewerToken}, http.StatusNotFound},
		{"sync is POST only", http.MethodGet, "/api/v1/sync", "", nil, http.StatusMethodNotAllowed},
		{"webhook with a bad signature", http.MethodPost, "/api/v1/webhook", pushBody,
			[]string{"X-GitHub-Event", "push", "X-Hub-Signature-256", sign("wrong", pushBody)}, http.StatusUnauthorized},
		{"webhook unsigned", http.MethodPost, "/api/v1/webhook", pushBody, []string{"X-GitHub-Event", "push"}, http.StatusUnauthorized},
		{"webhook with a bad gitlab token", http.MethodPost, "/api/v1/webhook", pushBody,
			[]string{"X-Gitlab-Event", "Push Hook", "X-Gitlab-Token", "nope"}, http.StatusUnauthorized},
		{"webhook signed", http.MethodPost, "/api/v1/webhook", pushBody,
			[]string{"X-GitHub-Event", "push", "X-Hub-Signature-256", sign(hookSecret, pushBody)}, http.StatusAccepted},
		{"healthz", http.MethodGet, "/healthz", "", nil, http.StatusOK},
		{"readyz", http.MethodGet, "/readyz", "", nil, http.StatusOK},
		{"unknown report", http.MethodGet, "/api/v1/reports/other.md", "", []string{"Authorization", "Bearer " + viewerToken}, http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, body := r.do(tt.method, tt.path, tt.body, tt.header...); code != tt.want {
				t.Errorf("%s %s: %d %q, want %d", tt.method, tt.path, code, body, tt.want)
			}
		})
	}
}

func TestMetricsAndStatusOverHTTP(t *testing.T) {
	c := newCampus(t)
	r := c.start(c.config(""))
	r.wait("reconcile")
	url := "http://" + r.d.Addr().String() + "/metrics"
	anon, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	anon.Body.Close()
	if anon.StatusCode != http.StatusUnauthorized {
		t.Errorf("/metrics without a token: %s, want 401", anon.Status)
	}
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+viewerToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, want := range []string{`switchyard_devices{state="in-sync"} 7`, "switchyard_reconcile_duration_seconds_bucket",
		`switchyard_pushes_total{result="confirmed"} 7`, "switchyard_last_successful_sync_timestamp_seconds 1.7",
		`switchyard_device_state{device="ams-acc-1",state="in-sync"} 1`, `switchyard_device_in_flight{device="ams-acc-1"} 0`,
		`switchyard_device_last_success_timestamp_seconds{device="ams-acc-1"} 1.7`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	for _, secret := range []string{simPassword, apiToken, viewerToken, hookSecret} {
		_, body := r.get("/api/v1/status")
		if strings.Contains(string(b), secret) || strings.Contains(body, secret) {
			t.Errorf("a secret reached the API")
		}
	}
}

// sshSigner signs commits with an SSH key, as `git commit -S` with
// gpg.format=ssh does.
type sshSigner struct{ s ssh.Signer }

func (k sshSigner) Sign(message io.Reader) ([]byte, error) {
	sig, err := sshsig.Sign(message, k.s, sshsig.HashSHA512, "git")
	if err != nil {
		return nil, err
	}
	return sshsig.Armor(sig), nil
}

func TestUnsignedCommitUnderTheGateIsNotApplied(t *testing.T) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	c := newCampus(t)
	c.signer = sshSigner{s}
	signed := c.commit("signed change", func(f map[string]string) {
		f["devices/ams.yaml"] = strings.Replace(f["devices/ams.yaml"], "description: desk 1.01", "description: desk 1.01 (signed)", 1)
	})
	allowed := filepath.Join(t.TempDir(), "allowed_signers")
	if err := os.WriteFile(allowed, append([]byte("grace@example.net "), ssh.MarshalAuthorizedKey(s.PublicKey())...), 0o600); err != nil {
		t.Fatal(err)
	}
	r := c.start(c.config("").withGate(allowed))
	if cy := r.wait("reconcile"); cy.Revision != signed {
		t.Fatalf("enforced %s, want the signed %s", cy.Revision, signed[:7])
	}
	c.signer = nil
	unsigned := c.commit("unsigned change", func(f map[string]string) {
		f["devices/ams.yaml"] = strings.Replace(f["devices/ams.yaml"], "description: desk 1.02", "description: desk 1.02 (unsigned)", 1)
	})
	r.d.Sync()
	if cy := r.wait("reconcile"); cy.Revision != signed {
		t.Fatalf("after an unsigned head: enforced %s, want %s", cy.Revision, signed[:7])
	}
	st := r.status()
	if st.Head == nil || st.Head.Hash != unsigned || st.Head.Accepted || !strings.Contains(st.Head.Problem, "not signed") {
		t.Errorf("head status %+v, want the unsigned head reported", st.Head)
	}
	if n := countAudit(c.audit(), "ams-acc-1", "confirmed", unsigned); n != 0 {
		t.Errorf("the unsigned revision reached ams-acc-1 (%d records)", n)
	}
	assertAllInSync(t, st)
}

func (c *Config) withGate(allowedSigners string) *Config {
	c.Repository.SignedCommits = &SignedCommits{SSHAllowedSignersFiles: []string{allowedSigners}}
	return c
}
