package providers_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

const (
	commList = "/Cisco-IOS-XE-native:native/snmp-server/community-config"
	value    = "c0mmunity-value"
	handMade = "someone-elses"
)

func keyedDesired(t *testing.T) (*providers.Desired, *providers.Running) {
	t.Helper()
	ref := models.SecretRef{Env: "SNMP_RO"}
	ph := providers.KeyPlaceholder(ref)
	desired := &providers.Desired{
		Device:      "sw1",
		SecretKeyed: []providers.SecretKeyed{{List: commList, Key: "name"}},
		KeyRefs:     map[string]models.SecretRef{ph: ref},
		Native: map[string]any{"Cisco-IOS-XE-native:native": map[string]any{"snmp-server": map[string]any{
			"Cisco-IOS-XE-snmp:community-config": []any{
				map[string]any{"name": ph, "permission": "ro"},
				map[string]any{"name": "public-in-git", "permission": "ro"},
			}}}},
		Owned: &providers.Ownership{Claims: []diff.Claim{{Path: commList + "[name=once-in-git]/permission"}}},
	}
	running := &providers.Running{Native: map[string]any{"Cisco-IOS-XE-native:native": map[string]any{"snmp-server": map[string]any{
		"Cisco-IOS-XE-snmp:community-config": []any{
			map[string]any{"name": value, "permission": "ro"},
			map[string]any{"name": handMade, "permission": "rw"},
			map[string]any{"name": "public-in-git", "permission": "ro"},
			map[string]any{"name": "once-in-git", "permission": "ro"},
		}}}}}
	return desired, running
}

func env(vals map[string]string) credentials.Source {
	return credentials.Source{LookupEnv: func(k string) (string, bool) { v, ok := vals[k]; return v, ok }}
}

func names(tree map[string]any) []string {
	l := tree["Cisco-IOS-XE-native:native"].(map[string]any)["snmp-server"].(map[string]any)["Cisco-IOS-XE-snmp:community-config"].([]any)
	var out []string
	for _, e := range l {
		out = append(out, e.(map[string]any)["name"].(string))
	}
	return out
}

// Keys behind a reference and keys found on the device become aliases, the
// same for the same value on both sides; keys the intent writes in clear
// (or once wrote, as a claim says) stay; the desired state passed in is
// not modified.
func TestAliasSecretKeys(t *testing.T) {
	desired, running := keyedDesired(t)
	got, err := providers.AliasSecretKeys(desired, running, env(map[string]string{"SNMP_RO": value}))
	if err != nil {
		t.Fatal(err)
	}
	d, r := names(got.Native), names(running.Native)
	if !strings.HasPrefix(d[0], "secret-") || len(d[0]) != len("secret-")+16 {
		t.Fatalf("desired key %q is not an alias", d[0])
	}
	if d[0] != r[0] {
		t.Errorf("desired alias %s and running alias %s of the same value differ", d[0], r[0])
	}
	if !strings.HasPrefix(r[1], "secret-") || r[1] == r[0] {
		t.Errorf("the hand-made community shows as %q, want an alias of its own", r[1])
	}
	if d[1] != "public-in-git" || r[2] != "public-in-git" || r[3] != "once-in-git" {
		t.Errorf("keys written in clear were aliased: desired %v, running %v", d, r)
	}
	if n := names(desired.Native); !strings.HasPrefix(n[0], "{{secret") {
		t.Errorf("AliasSecretKeys modified the desired state passed in: %v", n)
	}
	for _, k := range append(d, r...) {
		if k == value || k == handMade {
			t.Errorf("a secret key stayed in clear: %v %v", d, r)
		}
	}
}

// The push gets the values back; an error that quotes one gets the alias;
// an unreadable reference is an error naming it, never a value.
func TestRevealAndScrubKeys(t *testing.T) {
	desired, running := keyedDesired(t)
	got, err := providers.AliasSecretKeys(desired, running, env(map[string]string{"SNMP_RO": value}))
	if err != nil {
		t.Fatal(err)
	}
	alias, hand := names(got.Native)[0], names(running.Native)[1]
	changes := []providers.Change{
		{Op: diff.Create, Path: commList + "[name=" + alias + "]/permission", After: "ro"},
		{Op: diff.Create, Path: commList + "[name=" + alias + "]/name", After: alias},
		{Op: diff.Delete, Path: commList + "[name=" + hand + "]"},
	}
	out, err := got.RevealKeys(changes)
	if err != nil {
		t.Fatal(err)
	}
	if out[0].Path != commList+"[name="+value+"]/permission" || out[1].After != value || out[2].Path != commList+"[name="+handMade+"]" {
		t.Errorf("revealed changes: %+v", out)
	}
	if strings.Contains(changes[0].Path, value) {
		t.Error("RevealKeys modified the changes passed in")
	}
	sentinel := errors.New("refused")
	scrubbed := got.ScrubKeys(errors.Join(sentinel, errors.New("bad community "+value+" and "+handMade)))
	if strings.Contains(scrubbed.Error(), value) || strings.Contains(scrubbed.Error(), handMade) ||
		!strings.Contains(scrubbed.Error(), alias) || !errors.Is(scrubbed, sentinel) {
		t.Errorf("scrubbed error %q (errors.Is %v)", scrubbed, errors.Is(scrubbed, sentinel))
	}
	_, err = providers.AliasSecretKeys(desired, running, env(nil))
	if err == nil || !strings.Contains(err.Error(), "SNMP_RO") {
		t.Errorf("unreadable reference: %v", err)
	}
}
