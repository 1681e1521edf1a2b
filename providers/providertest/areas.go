package providertest

import (
	"errors"
	"testing"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

// OpenConfigAreas returns a device named name on platform that declares
// the daily-work areas (VRF, local logging, AAA login lists, SNMP location,
// spanning-tree mode, lines) and the interfaces ifaces. The OpenConfig
// platforms render some of them into the tree and record the others as
// having no route (providers.Desired.NoRoute); the interfaces refer to the
// VRF GUEST.
func OpenConfigAreas(name, platform string, ifaces ...models.Interface) *models.Device {
	return &models.Device{
		Name: name, Platform: platform,
		Config: models.Config{
			Hostname: name,
			VRFs:     []models.VRF{{Name: "GUEST", RD: "65000:20", Description: "guest wifi"}},
			Logging:  &models.Logging{ConsoleSeverity: "warning", Buffered: &models.LoggingBuffer{Size: 8192}},
			AAA: &models.AAA{
				ServerGroups: []models.ServerGroup{{Name: "CAMPUS-TACACS", Type: "tacacs",
					Servers: []models.AAAServer{{Address: "10.10.0.49"}}}},
				Login: []models.LoginMethodList{{Name: "default", Methods: []string{"CAMPUS-TACACS", "local"}}},
			},
			SNMP:         &models.SNMP{Location: "floor 2"},
			SpanningTree: &models.SpanningTree{Mode: "rapid-pvst"},
			Lines: &models.Lines{VTY: &models.Line{TransportInput: []string{"ssh"}, ExecTimeout: ptr(15)},
				Console: &models.Line{ExecTimeout: ptr(5)}},
			Interfaces: ifaces,
		},
	}
}

func ptr[T any](v T) *T { return &v }

// NoRoutePaths renders d with p and returns the intent paths of its
// NoRoute entries, in order.
func NoRoutePaths(t *testing.T, p providers.Provider, d *models.Device) []string {
	t.Helper()
	got, err := p.Render(d)
	if err != nil {
		t.Fatalf("Render %s: %v", d.Name, err)
	}
	var paths []string
	for _, e := range got.NoRoute {
		paths = append(paths, e.Path)
	}
	return paths
}

// Refused renders d with p and fails t unless the render is refused with
// a *providers.UnsupportedError at path on p's platform.
func Refused(t *testing.T, p providers.Provider, d *models.Device, path string) {
	t.Helper()
	_, err := p.Render(d)
	var ue *providers.UnsupportedError
	if !errors.As(err, &ue) || ue.Path != path || ue.Platform != p.Name() {
		t.Fatalf("Render = %v, want an UnsupportedError at %s on %s", err, path, p.Name())
	}
}

// HasLine reports whether the configuration text has the line at path
// (the section lines, then the line); t fails when text does not parse.
func HasLine(t *testing.T, text string, path ...string) bool {
	t.Helper()
	c, err := cliconf.Parse(text)
	if err != nil {
		t.Fatalf("parse running: %v", err)
	}
	return c.Find(path...) != nil
}
