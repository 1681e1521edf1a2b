package secretpush

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/switchyard/switchyard/internal/credentials"
	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

func TestChanges(t *testing.T) {
	env := map[string]string{"PW": "canary-pw", "KEY": "canary-key"}
	src := credentials.Source{LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	pwPath := "/system/aaa/authentication/users/user[username=netops]/config/password"
	keyPath := "/system/aaa/server-groups/server-group[name=T]/servers/server[address=10.0.0.1]/tacacs/config/secret-key"
	desired := &providers.Desired{Secrets: []providers.SecretBinding{
		{Path: pwPath, Ref: models.SecretRef{Env: "PW"}},
		{Path: keyPath, Ref: models.SecretRef{Env: "KEY"}},
	}}
	changes := []providers.Change{
		{Op: diff.Create, Path: "/system/aaa/authentication/users/user[username=netops]/config/username", After: "netops"},
		{Op: diff.Update, Path: "/system/aaa/server-groups/server-group[name=T]/servers/server[address=10.0.0.1]/tacacs/config/port", After: 49},
	}
	got, err := Changes(desired, changes, src)
	if err != nil {
		t.Fatal(err)
	}
	want := []providers.Change{{Op: diff.Create, Path: pwPath, After: "canary-pw"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("only the new user's password is pushed (-want +got):\n%s", diff)
	}

	delete(env, "PW")
	_, err = Changes(desired, changes, src)
	if err == nil || !strings.Contains(err.Error(), "env:PW") || strings.Contains(err.Error(), "canary") {
		t.Errorf("missing secret: err = %v, want it to name the reference and no value", err)
	}
}

// A native secret leaf the device lacks is sent (no entry is created);
// the value-less change that asks for it is not pushed itself.
func TestChangesNativeAbsent(t *testing.T) {
	src := credentials.Source{LookupEnv: func(k string) (string, bool) { return "canary-native", k == "NS" }}
	const p = "/Cisco-IOS-XE-native:native/enable/secret/secret"
	desired := &providers.Desired{Secrets: []providers.SecretBinding{{Path: p, Ref: models.SecretRef{Env: "NS"}}}}
	changes := []providers.Change{{Op: diff.Create, Path: p, Reason: diff.ReasonSecretAbsent}}
	got, err := Changes(desired, changes, src)
	if err != nil {
		t.Fatal(err)
	}
	if want := []providers.Change{{Op: diff.Create, Path: p, After: "canary-native"}}; !cmp.Equal(want, got) {
		t.Errorf("Changes = %+v, want %+v", got, want)
	}
	if rest := Pushable(changes); len(rest) != 0 {
		t.Errorf("Pushable kept the value-less change: %+v", rest)
	}
	if got, _ := Changes(desired, nil, src); len(got) != 0 {
		t.Errorf("a secret the device has is sent again: %+v", got)
	}
}
