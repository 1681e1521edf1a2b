package securitytest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/binary"
	"encoding/pem"
	"math/big"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestDeviceIdentityVerifiedByDefault checks that switchyard refuses a
// device it cannot authenticate, on every transport, and pushes nothing:
// an SSH host key that is unknown or changed (NETCONF, SSH CLI), and a TLS
// certificate with no CA configured or signed by another CA (gNMI,
// NX-API). --insecure-skip-host-key-check turns that off, with a warning.
func TestDeviceIdentityVerifiedByDefault(t *testing.T) {
	rec := &recorder{}
	c := startCampus(t, rec)
	t.Cleanup(func() { rec.assertNoSecrets(t) })
	tmp := t.TempDir()
	empty := filepath.Join(tmp, "empty")
	writeFile(t, empty, "", 0o600)
	changed := filepath.Join(tmp, "changed_known_hosts")
	writeFile(t, changed, changedHostKeys(t, c), 0o600)
	otherCA := filepath.Join(tmp, "other-ca.pem")
	writeFile(t, otherCA, selfSignedCA(t), 0o600)

	ssh := []string{"--limit", "ams-acc-1", "--limit", "ams-closet-1"} // NETCONF, SSH CLI
	tls := []string{"--limit", "fra-core-1", "--limit", "fra-dist-1"}  // gNMI, NX-API
	tests := []struct {
		name, knownHosts, caFile string
		limit                    []string
		devices                  []string
		want                     string
	}{
		{"unknown ssh host key", empty, c.caFile, ssh, []string{"ams-acc-1", "ams-closet-1"}, "host key"},
		{"changed ssh host key", changed, c.caFile, ssh, []string{"ams-acc-1", "ams-closet-1"}, "host key"},
		{"no CA for TLS", c.knownHosts, "", tls, []string{"fra-core-1", "fra-dist-1"}, "certificate"},
		{"certificate from another CA", c.knownHosts, otherCA, tls, []string{"fra-core-1", "fra-dist-1"}, "certificate"},
	}
	before := c.sim.Device("ams-acc-1").Running()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"apply", "--yes", "--max-failures", "10", "--timeout", "5s",
				"--repo", c.repo, "--known-hosts", tt.knownHosts, "--ca-file", tt.caFile}, tt.limit...)
			r := runSwitchyard(t, rec, args...)
			mustExit(t, r, 1)
			rows := summary(t, r.stdout)
			for _, d := range tt.devices {
				t.Logf("%s: %s", d, rows[d])
				if row := rows[d]; !strings.HasPrefix(row, "failed") || !strings.Contains(strings.ToLower(row), tt.want) {
					t.Errorf("%s: %q, want failed mentioning %q", d, row, tt.want)
				}
			}
		})
	}
	if !bytes.Equal(before, c.sim.Device("ams-acc-1").Running()) {
		t.Error("ams-acc-1 was changed by an apply that could not verify it")
	}

	t.Run("insecure option works and warns", func(t *testing.T) {
		args := append([]string{"plan", "--repo", c.repo, "--known-hosts", empty, "--ca-file", "", "--insecure-skip-host-key-check"},
			append(ssh, tls...)...)
		r := runSwitchyard(t, rec, args...)
		mustExit(t, r, 2)
		if !strings.Contains(r.stderr, "WARNING") || !strings.Contains(r.stderr, "NOT verified") {
			t.Errorf("--insecure-skip-host-key-check without a loud warning:\n%s", r.stderr)
		}
	})
}

// changedHostKeys returns a known_hosts file that lists every SSH device
// at its address with a key other than its own.
func changedHostKeys(t *testing.T, c *campus) string {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	var wire bytes.Buffer
	for _, s := range [][]byte{[]byte("ssh-ed25519"), pub} {
		_ = binary.Write(&wire, binary.BigEndian, uint32(len(s)))
		wire.Write(s)
	}
	key := "ssh-ed25519 " + base64.StdEncoding.EncodeToString(wire.Bytes())
	var b strings.Builder
	for _, d := range c.sim.All() {
		if d.Transport == "netconf" || d.Transport == "cli" {
			host, port, _ := strings.Cut(d.Addr, ":")
			b.WriteString("[" + host + "]:" + port + " " + key + "\n")
		}
	}
	return b.String()
}

// selfSignedCA returns the PEM of a CA that signed none of the devices.
func selfSignedCA(t *testing.T) string {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "not the device CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}
