package nxos_test

import (
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/rollout"
	"github.com/switchyard/switchyard/models"
)

// TestNXAPIUserKeepsItsAccountWhenAKeyGoes: a user NX-OS prints on several
// lines (password and role, passphrase, sshkey) whose key the intent drops,
// users authoritative, loses only the sshkey line on the switch: the
// command is `no username NAME sshkey`, never `no username NAME`.
func TestNXAPIUserKeepsItsAccountWhenAKeyGoes(t *testing.T) {
	r := newRig(t)
	const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOpsKeyForTheSwitchyardTestOnly00000000000 ops@jump"
	d := rich()
	d.Authoritative = append(d.Authoritative, "users")
	d.Config.Users = []models.User{{Name: "netops", Role: "network-admin", Password: &models.SecretRef{File: "/run/secrets/netops"}}}
	if res := r.apply(t, d); res.Err != nil {
		t.Fatalf("first apply: %v", res.Err)
	}
	// Out of band: the account gets a key and a passphrase policy.
	run := r.dev.Running() + "username netops passphrase lifetime 99999 warntime 14\nusername netops sshkey " + key + "\n"
	if err := r.dev.SetRunning(run); err != nil {
		t.Fatal(err)
	}
	d.Config.Users[0].SSHKeys = nil
	res := r.apply(t, d)
	if res.Status != rollout.Applied || res.Err != nil {
		t.Fatalf("apply = %s, %v (changes %+v)", res.Status, res.Err, res.Changes)
	}
	after := r.dev.Running()
	if !strings.Contains(after, "username netops password 5 ") || !strings.Contains(after, "role network-admin") {
		t.Errorf("the account is gone:\n%s", after)
	}
	if strings.Contains(after, "sshkey") {
		t.Errorf("the key stayed:\n%s", after)
	}
	for _, c := range res.Changes {
		if c.Path == "username netops" {
			t.Errorf("change deletes the whole user: %+v", c)
		}
	}
}
