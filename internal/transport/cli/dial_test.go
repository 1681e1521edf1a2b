package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/devicesim/clisim"
	"github.com/switchyard/switchyard/internal/identity"
	"github.com/switchyard/switchyard/models"
)

func TestDialHostKeyRefused(t *testing.T) {
	d, _ := startSim(t, nil)
	other, _ := startSim(t, nil)
	cfg := simConfig(t, d)

	unknown := filepath.Join(t.TempDir(), "empty_known_hosts")
	if err := os.WriteFile(unknown, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cfg.KnownHostsFile = unknown
	if _, err := Dial(t.Context(), cfg); !errors.Is(err, ErrHostKeyUnknown) {
		t.Errorf("unknown host key: err = %v, want ErrHostKeyUnknown", err)
	}

	// A known_hosts line for d's address with other's key: impersonation.
	changed := filepath.Join(t.TempDir(), "known_hosts")
	line := strings.Replace(other.KnownHostsLine(), other.Addr(), d.Addr(), 1)
	line = strings.Replace(line, "]:"+strings.Split(other.Addr(), ":")[1], "]:"+strings.Split(d.Addr(), ":")[1], 1)
	if err := os.WriteFile(changed, []byte(line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg.KnownHostsFile = changed
	if _, err := Dial(t.Context(), cfg); !errors.Is(err, ErrHostKeyChanged) {
		t.Errorf("changed host key: err = %v, want ErrHostKeyChanged", err)
	}
}

func TestDialWrongCredentials(t *testing.T) {
	d, _ := startSim(t, nil)
	cfg := simConfig(t, d)
	cfg.Password = models.NewSecret("nope-password")
	_, err := Dial(t.Context(), cfg)
	if !errors.Is(err, ErrAuthFailed) || strings.Contains(err.Error(), "nope-password") {
		t.Errorf("wrong password: err = %v", err)
	}
	cfg = simConfig(t, d)
	cfg.EnablePassword = models.NewSecret("wrong-enable")
	_, err = Dial(t.Context(), cfg)
	if !errors.Is(err, ErrEnableFailed) || strings.Contains(err.Error(), "wrong-enable") {
		t.Errorf("wrong enable password: err = %v", err)
	}
}

func TestUploadFile(t *testing.T) {
	d, _ := startSim(t, nil)
	s := dial(t, simConfig(t, d))
	content := "hostname sw9\nend\n"
	if err := s.UploadFile(t.Context(), "flash:switchyard.cfg", []byte(content)); err != nil {
		t.Fatalf("UploadFile: %v", err)
	}
	if got, ok := d.File("flash:switchyard.cfg"); !ok || got != content {
		t.Errorf("flash:switchyard.cfg = %q, %v", got, ok)
	}
}

func TestUploadFileWithoutSCPServer(t *testing.T) {
	d, _ := startSim(t, func(c *clisim.Config) {
		c.Running = strings.Replace(factory, "ip scp server enable\n", "", 1)
	})
	s := dial(t, simConfig(t, d))
	err := s.UploadFile(t.Context(), "flash:x.cfg", []byte("x\n"))
	if !errors.Is(err, ErrSCP) || !strings.Contains(err.Error(), "ip scp server enable") {
		t.Errorf("err = %v, want ErrSCP naming ip scp server enable", err)
	}
}

func TestSendCommandInvalid(t *testing.T) {
	d, _ := startSim(t, nil)
	s := dial(t, simConfig(t, d))
	_, err := s.SendCommand(t.Context(), "show frobnicate")
	var ce *CommandError
	if !errors.As(err, &ce) || ce.Command != "show frobnicate" || !strings.Contains(err.Error(), d.Addr()) {
		t.Errorf("err = %v, want a CommandError naming the command and address", err)
	}
	if _, err := s.SendCommand(t.Context(), "show version"); err != nil {
		t.Errorf("session unusable after a refused command: %v", err)
	}
}

func TestSendConfigsRedactsSecrets(t *testing.T) {
	d, _ := startSim(t, nil)
	d.Knobs().RejectCommand("username bob")
	s := dial(t, simConfig(t, d))
	secret := models.NewSecret("hunter2-secret")
	err := s.SendConfigs(t.Context(), []string{"username bob secret hunter2-secret"}, secret)
	if err == nil || strings.Contains(err.Error(), "hunter2-secret") || !strings.Contains(err.Error(), "username bob secret [redacted]") {
		t.Errorf("err = %v, want the command with the secret redacted", err)
	}
}

func TestDroppedConnection(t *testing.T) {
	d, _ := startSim(t, nil)
	s := dial(t, simConfig(t, d))
	d.Knobs().DropConnectionAfter(0)
	if _, err := s.SendCommand(t.Context(), "show running-config"); !errors.Is(err, ErrBroken) {
		t.Errorf("err = %v, want ErrBroken", err)
	}
}

func TestDialSharesTheParsedKnownHostsFile(t *testing.T) {
	d1, _ := startSim(t, nil)
	d2, _ := startSim(t, nil)
	kh := filepath.Join(t.TempDir(), "known_hosts")
	if err := clisim.WriteKnownHosts(kh, d1, d2); err != nil {
		t.Fatal(err)
	}
	ids := identity.New()
	for _, d := range []*clisim.Device{d1, d2, d1} {
		cfg := simConfig(t, d)
		cfg.KnownHostsFile, cfg.Identity = kh, ids
		s := dial(t, cfg)
		// The SCP connection checks the host key through the cache too.
		if err := s.UploadFile(t.Context(), "flash:x.cfg", []byte("hostname x\n")); err != nil {
			t.Fatal(err)
		}
	}
	if got := ids.Reads(); got != 1 {
		t.Errorf("known_hosts read %d times for 3 sessions, want 1", got)
	}
	// A device the file does not know is still refused through the cache.
	other, _ := startSim(t, nil)
	cfg := simConfig(t, other)
	cfg.KnownHostsFile, cfg.Identity = kh, ids
	if _, err := Dial(t.Context(), cfg); !errors.Is(err, ErrHostKeyUnknown) {
		t.Errorf("unknown device through the cache: err = %v, want ErrHostKeyUnknown", err)
	}
}
