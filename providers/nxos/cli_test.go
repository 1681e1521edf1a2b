package nxos_test

import (
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/nxos"
	"github.com/switchyard/switchyard/providers/providertest"
)

func TestRenderCLIGolden(t *testing.T) {
	p := nxos.New()
	devs := append([]*models.Device{rich()}, providertest.Campus(t, "nxos")...)
	for _, d := range devs {
		t.Run(d.Name, func(t *testing.T) {
			got, err := p.Render(d)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			if _, err := cliconf.Parse(got.CLI); err != nil {
				t.Fatalf("rendered CLI does not parse: %v", err)
			}
			name := d.Name + ".cli"
			if d.Name == "nx-rich-1" {
				name = "rich.cli"
			}
			providertest.Golden(t, name, got.CLI)
		})
	}
}

func TestRenderCLISecrets(t *testing.T) {
	got, err := nxos.New().Render(rich())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct{ path, ref string }{
		{"cli:username[netops]/password", "file:/run/secrets/netops"},
		{"cli:tacacs-server[10.10.0.49]/key", "env:TACACS_KEY"},
		{"cli:tacacs-server[10.20.0.49]/key", "env:TACACS_KEY"},
	} {
		found := false
		for _, b := range got.Secrets {
			if b.Path == want.path && b.Ref.String() == want.ref {
				found = true
			}
		}
		if !found {
			t.Errorf("no binding %s -> %s in %+v", want.path, want.ref, got.Secrets)
		}
		ref := models.SecretRef{}
		if r, ok := strings.CutPrefix(want.ref, "env:"); ok {
			ref.Env = r
		} else {
			ref.File = strings.TrimPrefix(want.ref, "file:")
		}
		if !strings.Contains(got.CLI, nxos.Placeholder(ref)) {
			t.Errorf("CLI lacks the placeholder %s", nxos.Placeholder(ref))
		}
	}
}

func TestRenderCLIUnsupported(t *testing.T) {
	d := &models.Device{Name: "u-1", Platform: "nxos", Config: models.Config{
		ACLs:       []models.ACL{{Name: "A", Entries: []models.ACLEntry{{Seq: 10, Action: "permit", Protocol: "ip", Source: "any", Destination: "any"}}}},
		Interfaces: []models.Interface{{Name: "Ethernet1/1", ACLOut: "A", Switchport: &models.Switchport{Mode: "access", AccessVLAN: 10}}},
	}}
	_, err := nxos.New().Render(d)
	u := providertest.Unsupported(err)
	if len(u) != 1 || u[0].Feature != providers.FeatureACLs || u[0].Path != "interfaces[0].acl_out" {
		t.Fatalf("Render = %v, want the acl_out UnsupportedError", err)
	}
}
