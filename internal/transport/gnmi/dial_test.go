package gnmi_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/switchyard/switchyard/internal/devicesim/gnmisim"
	"github.com/switchyard/switchyard/internal/transport/gnmi"
	"github.com/switchyard/switchyard/models"
)

func TestDialWrongPassword(t *testing.T) {
	e := startTarget(t)
	cfg := e.config()
	cfg.Password = models.NewSecret("wrong-" + testPassword)
	_, err := gnmi.Dial(t.Context(), cfg)
	if !errors.Is(err, gnmi.ErrAuthFailed) {
		t.Fatalf("Dial: %v, want ErrAuthFailed", err)
	}
	if got := status.Code(err); got != codes.Unauthenticated {
		t.Errorf("status code %v, want Unauthenticated", got)
	}
	noSecret(t, "error", err.Error())
	noSecret(t, "logs", e.logs.String())
}

func TestDialWrongCARefused(t *testing.T) {
	e := startTarget(t)
	other, err := gnmisim.Start(t.Context(), gnmisim.Config{Name: "other", Username: "u", Password: "p"})
	if err != nil {
		t.Fatalf("start second target: %v", err)
	}
	t.Cleanup(func() { _ = other.Close() })
	cfg := e.config()
	cfg.CAPEM = other.CAPEM()
	_, err = gnmi.Dial(t.Context(), cfg)
	if !errors.Is(err, gnmi.ErrCertificate) {
		t.Fatalf("Dial with another target's CA: %v, want ErrCertificate", err)
	}
	for _, want := range []string{e.target.Addr(), "unknown authority"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	noSecret(t, "error", err.Error())
}

func TestDialCAFile(t *testing.T) {
	e := startTarget(t)
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(path, e.target.CAPEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := e.config()
	cfg.CAPEM, cfg.CAFile = nil, path
	c, err := gnmi.Dial(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Dial with a CA file: %v", err)
	}
	_ = c.Close()

	if err := os.WriteFile(path, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := gnmi.Dial(t.Context(), cfg); err == nil || !strings.Contains(err.Error(), "no PEM certificate") {
		t.Errorf("Dial with a CA file holding no certificate: %v", err)
	}
}

func TestInsecureOnlyWhenAsked(t *testing.T) {
	e := startTarget(t)
	cfg := e.config()
	cfg.CAPEM = nil
	if _, err := gnmi.Dial(t.Context(), cfg); err == nil || !strings.Contains(err.Error(), "CA") {
		t.Fatalf("Dial without a CA and without Insecure: %v, want a config error asking for a CA", err)
	}
	cfg.Insecure = true
	c, err := gnmi.Dial(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Dial with Insecure: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	if _, err := c.Get(t.Context(), "/system"); err != nil {
		t.Errorf("Get over an insecure connection: %v", err)
	}
	if logs := e.logs.String(); !strings.Contains(logs, "level=WARN") || !strings.Contains(logs, "INSECURE") {
		t.Errorf("no insecure warning logged:\n%s", logs)
	}
	cfg.CAPEM = e.target.CAPEM()
	if _, err := gnmi.Dial(t.Context(), cfg); err == nil {
		t.Error("Dial with both Insecure and a CA succeeded, want a config error")
	}
}

func TestClosedClient(t *testing.T) {
	e := startTarget(t)
	c := e.dial(t)
	if err := c.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := c.Get(t.Context()); !errors.Is(err, gnmi.ErrClosed) {
		t.Errorf("Get after Close: %v, want ErrClosed", err)
	}
}

func TestPasswordNeverLogged(t *testing.T) {
	e := startTarget(t)
	c := e.dial(t)
	if err := c.Set(t.Context(), commitHostname("txn-log", 0)); err != nil {
		t.Fatalf("commit: %v", err)
	}
	if err := c.Confirm(t.Context(), "txn-log"); err != nil {
		t.Fatalf("Confirm: %v", err)
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "level=DEBUG") {
		t.Fatalf("no debug logs captured; the check is void:\n%s", logs)
	}
	noSecret(t, "debug logs", logs)
}
