package netconf

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/xmltree"
)

func TestGetConfig(t *testing.T) {
	d, _ := startDevice(t, nil)
	s := dial(t, d)
	all := parse(t, initialRunning)
	tests := []struct {
		name   string
		source string
		filter *xmltree.Element
		want   []*xmltree.Element
	}{
		{"running without filter returns every top-level node", Running, nil, all.Children},
		{"candidate equals running after start", Candidate, nil, all.Children},
		{"subtree filter selects one interface", Running,
			parse(t, `<interfaces xmlns="`+nsIf+`"><interface><name>Gi2</name></interface></interfaces>`),
			[]*xmltree.Element{parse(t, `<interfaces xmlns="`+nsIf+`"><interface><name>Gi2</name>`+
				`<config><name>Gi2</name><mtu>1500</mtu></config></interface></interfaces>`)}},
		{"filter given as a <filter> element", Running,
			parse(t, `<filter xmlns="`+NSBase+`"><network-instances xmlns="`+nsNI+`"/></filter>`),
			all.Children[1:]},
		{"filter matching nothing returns nothing", Running,
			parse(t, `<interfaces xmlns="`+nsIf+`"><interface><name>Gi9</name></interface></interfaces>`), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.GetConfig(t.Context(), tt.source, tt.filter)
			if err != nil {
				t.Fatalf("GetConfig: %v", err)
			}
			if diff := cmp.Diff(marshalAll(tt.want), marshalAll(got)); diff != "" {
				t.Errorf("data (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGet(t *testing.T) {
	d, _ := startDevice(t, nil)
	s := dial(t, d)
	got, err := s.Get(t.Context(), parse(t, `<interfaces xmlns="`+nsIf+`"/>`))
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if len(got) != 1 || got[0].Name.Local != "interfaces" || len(got[0].Children) != 2 {
		t.Errorf("Get returned %s", marshalAll(got))
	}
}

func TestGetConfigErrors(t *testing.T) {
	d, _ := startDevice(t, func(c *devicesim.Config) { c.Profile = devicesim.ProfileWritableRunning })
	s := dial(t, d)
	if _, err := s.GetConfig(t.Context(), Candidate, nil); !errors.Is(err, ErrUnsupported) {
		t.Errorf("get-config candidate without :candidate: %v, want ErrUnsupported", err)
	}
	if _, err := s.GetConfig(t.Context(), "bogus/><x", nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("get-config of a bogus datastore: %v, want ErrInvalidArgument", err)
	}
}
