package providers_test

import (
	"errors"
	"testing"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

type fake struct{ name string }

func (f fake) Name() string { return f.name }
func (f fake) Capabilities() providers.Capabilities {
	return providers.Capabilities{Transports: []string{"netconf"}}
}
func (f fake) Render(*models.Device) (*providers.Desired, error) { return nil, nil }

func TestRegistry(t *testing.T) {
	r := providers.NewRegistry()
	for _, n := range []string{"nxos", "iosxe"} {
		if err := r.Register(fake{n}); err != nil {
			t.Fatalf("Register(%s): %v", n, err)
		}
	}
	if err := r.Register(fake{"nxos"}); !errors.Is(err, providers.ErrDuplicate) {
		t.Errorf("duplicate Register = %v, want ErrDuplicate", err)
	}
	_, err := r.Get("junos")
	if !errors.Is(err, providers.ErrUnknownPlatform) {
		t.Fatalf("Get(junos) = %v, want ErrUnknownPlatform", err)
	}
	if got, want := err.Error(), `unknown platform "junos" (known: iosxe, nxos)`; got != want {
		t.Errorf("Get(junos) error = %q, want %q", got, want)
	}
	if err := r.CheckTransport("iosxe", "netconf"); err != nil {
		t.Errorf("CheckTransport(iosxe, netconf) = %v", err)
	}
	if err := r.CheckTransport("iosxe", "nxapi"); err == nil {
		t.Error("CheckTransport(iosxe, nxapi) = nil, want an error")
	}
}
