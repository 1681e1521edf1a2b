package gnmisession_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/devicesim/gnmisim"
	"github.com/switchyard/switchyard/internal/transport/gnmi"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/gnmisession"
)

func TestDialVerifiesTLS(t *testing.T) {
	e := start(t)
	other, err := gnmisim.Start(t.Context(), gnmisim.Config{Name: "other", Username: testUser, Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = other.Close() })
	otherCA := writeCA(t, other)

	tests := []struct {
		name    string
		mutate  func(tg *providers.Target)
		wantErr error // nil: success; errAny: any error
	}{
		{"CA file of the device", func(*providers.Target) {}, nil},
		{"insecure without a CA", func(tg *providers.Target) { tg.CAFile, tg.InsecureIgnoreHostKey = "", true }, nil},
		{"CA file of another device", func(tg *providers.Target) { tg.CAFile = otherCA }, gnmi.ErrCertificate},
		{"no CA and not insecure", func(tg *providers.Target) { tg.CAFile = "" }, errAny},
		{"CA file and insecure", func(tg *providers.Target) { tg.InsecureIgnoreHostKey = true }, errAny},
		{"wrong password", func(tg *providers.Target) { tg.Password = models.NewSecret("nope") }, gnmi.ErrAuthFailed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tg := e.target()
			tc.mutate(&tg)
			s, err := gnmisession.Dial(t.Context(), tg)
			if tc.wantErr == nil {
				if err != nil {
					t.Fatalf("Dial: %v", err)
				}
				if _, err := s.Observe(t.Context()); err != nil {
					t.Errorf("Observe: %v", err)
				}
				_ = s.Close()
				return
			}
			if err == nil {
				_ = s.Close()
				t.Fatal("Dial succeeded")
			}
			if tc.wantErr != errAny && !errors.Is(err, tc.wantErr) {
				t.Errorf("Dial: %v, want %v", err, tc.wantErr)
			}
			if strings.Contains(err.Error(), testPassword) {
				t.Errorf("error %q holds the password", err)
			}
		})
	}
}

// errAny stands for any error in a table.
var errAny = errors.New("any error")

func TestConnectUnknownTransport(t *testing.T) {
	e := start(t)
	tg := e.target()
	tg.Transport = "telnet"
	var unsupported *providers.UnsupportedError
	if _, err := e.driver.Connect(t.Context(), tg); !errors.As(err, &unsupported) {
		t.Errorf("Connect over telnet: %v, want an UnsupportedError", err)
	}
}
