package iosxe

import (
	"errors"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

// A native.yang leaf whose value is a secret reference renders as a
// binding at its module-qualified path, never as a value in the tree; the
// diff compares it by presence on the device.
func TestNativeYANGSecretLeaf(t *testing.T) {
	dev := &models.Device{Name: "sw1", Platform: Platform, Profile: release(t),
		Config: models.Config{Native: &models.Native{YANG: []map[string]any{
			{"Cisco-IOS-XE-native:native": map[string]any{"username": []any{map[string]any{"name": "ops", "privilege": float64(15),
				"secret": map[string]any{"encryption": "0", "secret": map[string]any{"env": "OPS_SECRET"}}}}}},
		}}}}
	d := New()
	desired, err := d.Render(dev)
	if err != nil {
		t.Fatal(err)
	}
	const path = "/Cisco-IOS-XE-native:native/username[name=ops]/secret/secret"
	if len(desired.Secrets) != 1 || desired.Secrets[0].Path != path || desired.Secrets[0].Ref.Env != "OPS_SECRET" {
		t.Fatalf("Secrets = %+v, want one binding of env:OPS_SECRET at %s", desired.Secrets, path)
	}
	js, err := providers.JSON(desired)
	if err != nil {
		t.Fatal(err)
	}
	if native := strings.SplitN(js, `"secrets"`, 2)[0]; strings.Contains(native, "OPS_SECRET") || !strings.Contains(native, `"encryption": "0"`) {
		t.Errorf("the tree holds the reference or lost its sibling leaf:\n%s", js)
	}
	user := func(secret any) *providers.Running {
		u := map[string]any{"name": "ops", "privilege": float64(15), "secret": map[string]any{"encryption": "0"}}
		if secret != nil {
			u["secret"].(map[string]any)["secret"] = secret
		}
		return &providers.Running{Tree: desired.Tree, Native: map[string]any{"Cisco-IOS-XE-native:native": map[string]any{"username": []any{u}}}}
	}
	cs, err := d.Diff(desired, user(nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].Path != path || cs[0].Reason != diff.ReasonSecretAbsent || cs[0].After != nil {
		t.Errorf("absent on the device: changes = %+v, want one value-less set of %s", cs, path)
	}
	if cs, _ := d.Diff(desired, user("whatever the device stores")); len(cs) != 0 {
		t.Errorf("present on the device: changes = %+v, want none", cs)
	}
}

// A secret reference as a list key is refused at the key.
func TestNativeYANGSecretKeyRefused(t *testing.T) {
	dev := &models.Device{Name: "sw1", Platform: Platform, Profile: release(t),
		Config: models.Config{Native: &models.Native{YANG: []map[string]any{
			{"Cisco-IOS-XE-native:native": map[string]any{"username": []any{map[string]any{"name": map[string]any{"file": "/run/user"}, "privilege": float64(15)}}}},
		}}}}
	_, err := New().Render(dev)
	var fe models.FieldError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "native.yang[0].Cisco-IOS-XE-native:native.username[0].name") ||
		!strings.Contains(err.Error(), "cannot be the list key name") {
		t.Fatalf("Render error = %v, want the key refused at its intent path", err)
	}
}
