package netconf

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/models"
)

func TestDialCapabilities(t *testing.T) {
	d, _ := startDevice(t, nil)
	s := dial(t, d)
	for _, c := range []string{CapBase11, CapCandidate, CapConfirmedCommit11, CapValidate11, nsIf} {
		if !s.Has(c) {
			t.Errorf("Has(%q) = false; capabilities %v", c, s.Capabilities())
		}
	}
	if s.Has(CapWritableRunning) {
		t.Errorf("Has(writable-running) = true on a candidate device")
	}
	want := nsIf + "?module=openconfig-interfaces&revision=2024-12-05"
	if !s.Has(want) {
		t.Errorf("module capability %q not found (entities not decoded?) in %v", want, s.Capabilities())
	}
	if s.SessionID() == "" {
		t.Error("SessionID is empty")
	}
	if s.Framing() != "1.1" {
		t.Errorf("Framing = %q, want 1.1 (the device offers base:1.1)", s.Framing())
	}
}

func TestDialHostKey(t *testing.T) {
	d, _ := startDevice(t, nil)
	other, _ := startDevice(t, func(c *devicesim.Config) { c.Name = "other" })
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// changed: d's address listed with another device's key.
	changed := write("changed", knownhosts.Line([]string{knownhosts.Normalize(d.Addr())}, other.HostKey())+"\n")
	tests := []struct {
		name       string
		knownHosts string
		wantErr    error
		wantText   []string
	}{
		{"correct key is accepted", knownHosts(t, d), nil, nil},
		{"unknown host is refused", knownHosts(t, other), ErrHostKeyUnknown,
			[]string{d.Addr(), "add the device's host key", "known_hosts"}},
		{"empty known_hosts is refused", write("empty", ""), ErrHostKeyUnknown, []string{d.Addr()}},
		{"changed key is refused", changed, ErrHostKeyChanged, []string{d.Addr(), changed + " line 1", "re-keyed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := deviceConfig(t, d)
			cfg.KnownHostsFile = tt.knownHosts
			s, err := Dial(t.Context(), cfg)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("Dial: %v", err)
				}
				_ = s.Close()
				return
			}
			if err == nil {
				_ = s.Close()
				t.Fatal("Dial succeeded, want a host key error")
			}
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("Dial error %q is not %v", err, tt.wantErr)
			}
			for _, w := range tt.wantText {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Dial error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestDialMissingKnownHostsFile(t *testing.T) {
	d, _ := startDevice(t, nil)
	cfg := deviceConfig(t, d)
	cfg.KnownHostsFile = filepath.Join(t.TempDir(), "nope")
	_, err := Dial(t.Context(), cfg)
	if err == nil || !strings.Contains(err.Error(), "known_hosts file") || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("Dial error = %v, want a missing known_hosts file error", err)
	}
}

func TestDialInsecureWarns(t *testing.T) {
	d, _ := startDevice(t, nil)
	var logs bytes.Buffer
	cfg := deviceConfig(t, d)
	cfg.KnownHostsFile = ""
	cfg.InsecureIgnoreHostKey = true
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	dialConfig(t, cfg)
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "INSECURE") {
		t.Errorf("no insecure warning logged:\n%s", logs.String())
	}
}

func TestDialWrongPassword(t *testing.T) {
	d, _ := startDevice(t, nil)
	const wrong = "not-the-Password-42"
	var logs bytes.Buffer
	cfg := deviceConfig(t, d)
	cfg.Password = models.NewSecret(wrong)
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	_, err := Dial(t.Context(), cfg)
	if !errors.Is(err, ErrAuthFailed) {
		t.Fatalf("Dial error = %v, want ErrAuthFailed", err)
	}
	for _, w := range []string{d.Addr(), testUser, "authentication failed"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not mention %q", err, w)
		}
	}
	for _, secret := range []string{wrong, testPass} {
		if strings.Contains(err.Error(), secret) || strings.Contains(logs.String(), secret) {
			t.Errorf("a password leaked into the error or the logs: %q\n%s", err, logs.String())
		}
	}
}

func TestDialPrivateKeyChecks(t *testing.T) {
	d, _ := startDevice(t, nil)
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKeyWithPassphrase(priv, "", []byte("pp"))
	if err != nil {
		t.Fatal(err)
	}
	encrypted := filepath.Join(t.TempDir(), "id_ed25519")
	if err := os.WriteFile(encrypted, pemEncode(block), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := deviceConfig(t, d)
	cfg.PrivateKeyFile = encrypted
	if _, err := Dial(t.Context(), cfg); err == nil || !strings.Contains(err.Error(), "encrypted") {
		t.Errorf("Dial with an encrypted key: %v, want an 'encrypted' error", err)
	}
}

func TestDialContextCanceled(t *testing.T) {
	d, _ := startDevice(t, nil)
	ctx, cancel := contextWithCancel(t)
	cancel()
	if _, err := Dial(ctx, deviceConfig(t, d)); err == nil {
		t.Fatal("Dial with a canceled context succeeded")
	}
}

func TestConfigValidate(t *testing.T) {
	ok := Config{Address: "127.0.0.1:830", Username: "u", Password: models.NewSecret("p"), KnownHostsFile: "kh"}
	tests := []struct {
		name string
		mod  func(*Config)
		want string // "" for valid
	}{
		{"complete", func(*Config) {}, ""},
		{"key instead of password", func(c *Config) { c.Password = models.Secret{}; c.PrivateKeyFile = "k" }, ""},
		{"insecure without known_hosts", func(c *Config) { c.KnownHostsFile = ""; c.InsecureIgnoreHostKey = true }, ""},
		{"no address", func(c *Config) { c.Address = "" }, "address is required"},
		{"no port", func(c *Config) { c.Address = "127.0.0.1" }, "missing port"},
		{"bad port", func(c *Config) { c.Address = "127.0.0.1:0" }, "invalid port"},
		{"no user", func(c *Config) { c.Username = "" }, "username is required"},
		{"no credential", func(c *Config) { c.Password = models.Secret{} }, "password or a private key"},
		{"no known_hosts", func(c *Config) { c.KnownHostsFile = "" }, "known_hosts file is required"},
		{"negative timeout", func(c *Config) { c.Timeout = -time.Second }, "negative timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			tt.mod(&c)
			err := c.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Validate = %v, want %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "p\"") {
				t.Errorf("Validate error mentions the password: %v", err)
			}
		})
	}
}
