package iosxe

import (
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers"
)

func release(t *testing.T) *profiles.Profile {
	t.Helper()
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	p, err := set.Select(Platform, "17.18.1")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// With the release, what IOS-XE 17.18.1 deviates out of OpenConfig goes to
// Cisco-IOS-XE-native; without a release everything stays OpenConfig.
func TestRenderRoutesPerRelease(t *testing.T) {
	dev := &models.Device{Name: "sw1", Platform: Platform, Config: models.Config{
		Interfaces: []models.Interface{{Name: "GigabitEthernet1/0/2", MTU: 1600}},
		Syslog:     &models.Syslog{Hosts: []models.SyslogHost{{Address: "10.0.0.5", Severity: "warning"}}},
	}}
	d := New()
	plain, err := d.Render(dev)
	if err != nil {
		t.Fatal(err)
	}
	if plain.Native != nil || plain.Tree.GetInterface("GigabitEthernet1/0/2").GetMtu() != 1600 {
		t.Errorf("without a release: native %v, mtu over OpenConfig %v", plain.Native, plain.Tree.GetInterface("GigabitEthernet1/0/2").GetMtu())
	}
	dev.Profile = release(t)
	routed, err := d.Render(dev)
	if err != nil {
		t.Fatal(err)
	}
	js, err := providers.JSON(routed)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"GigabitEthernet": [`, `"mtu": 1600`, `"severity": "warnings"`} {
		if !strings.Contains(js, want) {
			t.Errorf("routed render lacks %s:\n%s", want, js)
		}
	}
	if routed.Tree.GetInterface("GigabitEthernet1/0/2").GetMtu() != 0 || strings.Contains(js, `"selectors"`) {
		t.Errorf("the deviated OpenConfig leaves are still rendered:\n%s", js)
	}
	syslog := routed.Tree.GetSystem().GetLogging().GetRemoteServer("10.0.0.5")
	if syslog == nil {
		t.Error("the syslog host itself left OpenConfig")
	}
}

// authoritative native.yang owns the lists its blocks set: running entries
// the blocks lack are deleted, other native lists are left alone.
func TestAuthoritativeNativeYANG(t *testing.T) {
	dev := &models.Device{Name: "sw1", Platform: Platform, Profile: release(t), Authoritative: []string{"native.yang"},
		Config: models.Config{Native: &models.Native{YANG: []map[string]any{
			{"Cisco-IOS-XE-native:native": map[string]any{"username": []any{map[string]any{"name": "ops", "privilege": float64(15)}}}},
		}}}}
	d := New()
	desired, err := d.Render(dev)
	if err != nil {
		t.Fatal(err)
	}
	running := &providers.Running{Tree: desired.Tree, Native: map[string]any{"Cisco-IOS-XE-native:native": map[string]any{
		"username":  []any{map[string]any{"name": "ops", "privilege": float64(15)}, map[string]any{"name": "old", "privilege": float64(1)}},
		"interface": map[string]any{"GigabitEthernet": []any{map[string]any{"name": "1/0/1", "mtu": float64(1600)}}},
	}}}
	cs, err := d.Diff(desired, running)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].Op != diff.Delete || cs[0].Path != "/Cisco-IOS-XE-native:native/username[name=old]" {
		t.Errorf("changes = %+v, want the delete of username old only", cs)
	}
	dev.Authoritative = nil
	desired, _ = d.Render(dev)
	if cs, _ := d.Diff(desired, running); len(cs) != 0 {
		t.Errorf("without authoritative: %+v", cs)
	}
}
