package iosxr_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/plan"
	"github.com/switchyard/switchyard/internal/yangjson"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/iosxr"
	"github.com/switchyard/switchyard/providers/providertest"
)

// snmpUsersDevice is an IOS-XR 26.2.1 device with two SNMPv3 users of
// group OPS (one without a privacy key) and one of group NOC.
func snmpUsersDevice(t *testing.T) *models.Device {
	t.Helper()
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	d := &models.Device{Name: "xr-snmp-1", Platform: iosxr.Platform, Config: models.Config{
		Hostname: "xr-snmp-1",
		SNMP: &models.SNMP{Location: "fra dc1", Users: []models.SNMPUser{
			{Name: "monitor", Group: "NOC", Auth: &models.SecretRef{Env: "MON_AUTH"}, Priv: &models.SecretRef{Env: "MON_PRIV"}},
			{Name: "legacy", Group: "OPS", AuthProtocol: "md5", Auth: &models.SecretRef{File: "/run/legacy-auth"},
				PrivProtocol: "des", Priv: &models.SecretRef{Env: "LEGACY_PRIV"}},
			{Name: "probe", Group: "OPS", Auth: &models.SecretRef{Env: "PROBE_AUTH"}},
		}},
	}}
	if d.Profile, err = set.Select("iosxr", "26.2.1"); err != nil {
		t.Fatal(err)
	}
	return d
}

// On IOS-XR 26.2.1 SNMPv3 users render into the unified SNMP model
// (golden): each user with its group and v3 auth/priv containers, its
// keys as secret bindings (pushed in clear-text form, "!VALUE") and never
// in the tree; the groups they name are declared at the level all their
// users reach (OPS has a user without a privacy key: auth).
func TestRenderSNMPUsersNative(t *testing.T) {
	d := iosxr.New()
	providertest.GoldenJSON(t, d, snmpUsersDevice(t), "snmp-users-26.2.1.json")
	got, err := d.Render(snmpUsersDevice(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.NoRoute) != 0 {
		t.Errorf("NoRoute = %v, want none", got.NoRoute)
	}
	const users = "/Cisco-IOS-XR-um-snmp-server-cfg:snmp-server/users/user"
	want := map[string]string{
		users + "[user-name=monitor]/v3/auth/sha/encryption-default":         "env:MON_AUTH",
		users + "[user-name=monitor]/v3/priv/aes/aes-128/encryption-default": "env:MON_PRIV",
		users + "[user-name=legacy]/v3/auth/md5/encryption-default":          "file:/run/legacy-auth",
		users + "[user-name=legacy]/v3/priv/des56/encryption-default":        "env:LEGACY_PRIV",
		users + "[user-name=probe]/v3/auth/sha/encryption-default":           "env:PROBE_AUTH",
	}
	for _, b := range got.Secrets {
		if want[b.Path] != b.Ref.String() || b.Prefix != "!" {
			t.Errorf("binding %+v: want one of %v with prefix !", b, want)
		}
		delete(want, b.Path)
	}
	if len(want) != 0 {
		t.Errorf("bindings missing: %v", want)
	}
	js, err := providers.JSON(got)
	if err != nil {
		t.Fatal(err)
	}
	tree := strings.SplitN(js, `"secrets"`, 2)[0]
	if strings.Contains(tree, "encryption-default") || strings.Contains(tree, "MON_AUTH") {
		t.Errorf("the native tree holds a key or its reference:\n%s", js)
	}
}

// A key the device lacks is planned as a value-less set; one it shows (in
// whatever encrypted form) compares equal; the protocols and levels the
// intent did not choose are deleted, their encrypted keys not shown.
func TestSNMPUserKeysComparedByPresence(t *testing.T) {
	d := iosxr.New()
	desired, err := d.Render(snmpUsersDevice(t))
	if err != nil {
		t.Fatal(err)
	}
	running := &providers.Running{Tree: desired.Tree, Native: cloneJSON(t, desired.Native)}
	cs, err := d.Diff(desired, running)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != len(desired.Secrets) {
		t.Fatalf("keys absent on the device: changes = %+v, want one per key", cs)
	}
	for _, c := range cs {
		if c.Reason != diff.ReasonSecretAbsent || c.After != nil || !strings.HasSuffix(c.Path, "/encryption-default") {
			t.Errorf("change %+v: want a value-less set of a key", c)
		}
	}
	for _, b := range desired.Secrets {
		if err := yangjson.Set(desired.Profile, running.Native, b.Path, "0822455D0A16"); err != nil {
			t.Fatal(err)
		}
	}
	if cs, err := d.Diff(desired, running); err != nil || len(cs) != 0 {
		t.Errorf("keys on the device in encrypted form: changes = %+v (err %v), want none", cs, err)
	}

	// The protocols the intent did not choose go: monitor's key moved
	// from md5 to sha, probe's privacy key was dropped, the group NOC was
	// at level auth, the group OPS was a v2c group.
	const x = "/Cisco-IOS-XR-um-snmp-server-cfg:snmp-server"
	for _, p := range []string{x + "/users/user[user-name=monitor]/v3/auth/md5/encryption-default",
		x + "/users/user[user-name=probe]/v3/priv/des56/encryption-default"} {
		if err := yangjson.Set(desired.Profile, running.Native, p, "13061E010803"); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{x + "/groups/group[group-name=NOC]/v3/auth", x + "/groups/group[group-name=OPS]/v2c"} {
		if err := yangjson.Set(desired.Profile, running.Native, p, nil); err != nil {
			t.Fatal(err)
		}
	}
	cs, err = d.Diff(desired, running)
	if err != nil {
		t.Fatal(err)
	}
	var deleted []string
	for _, c := range cs {
		if c.Op == diff.Delete {
			deleted = append(deleted, c.Path)
		}
	}
	want := []string{x + "/users/user[user-name=monitor]/v3/auth/md5", x + "/users/user[user-name=probe]/v3/priv",
		x + "/groups/group[group-name=NOC]/v3/auth", x + "/groups/group[group-name=OPS]/v2c"}
	slices.Sort(deleted)
	slices.Sort(want)
	if !slices.Equal(deleted, want) || len(cs) != len(want) {
		t.Errorf("changes = %+v, want the deletes %v", cs, want)
	}
	js, err := json.Marshal(plan.Redact(cs, desired.Secrets))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(js), "13061E010803") {
		t.Errorf("the plan shows an encrypted key: %s", js)
	}
}

// Authoritative snmp.users owns the native users list: a user the intent
// lacks is deleted.
func TestSNMPUsersAuthoritative(t *testing.T) {
	dev := snmpUsersDevice(t)
	dev.Authoritative = []string{"snmp.users"}
	d := iosxr.New()
	desired, err := d.Render(dev)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(desired.NativeOwned, "/Cisco-IOS-XR-um-snmp-server-cfg:snmp-server/users/user") {
		t.Fatalf("NativeOwned = %v, want the users list", desired.NativeOwned)
	}
	running := &providers.Running{Tree: desired.Tree, Native: cloneJSON(t, desired.Native)}
	snmp := running.Native["Cisco-IOS-XR-um-snmp-server-cfg:snmp-server"].(map[string]any)
	users := snmp["users"].(map[string]any)
	users["user"] = append(users["user"].([]any), map[string]any{"user-name": "intruder", "group-name": "NOC"})
	cs, err := d.Diff(desired, running)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(cs, func(c providers.Change) bool {
		return c.Op == diff.Delete && c.Path == "/Cisco-IOS-XR-um-snmp-server-cfg:snmp-server/users/user[user-name=intruder]"
	}) {
		t.Errorf("changes = %+v, want the delete of user intruder", cs)
	}
}

// A user without a group has no route (XR's group-name is mandatory);
// the others still render.
func TestSNMPUserWithoutGroup(t *testing.T) {
	dev := snmpUsersDevice(t)
	dev.Config.SNMP.Users[1].Group = ""
	got, err := iosxr.New().Render(dev)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.NoRoute) != 1 || got.NoRoute[0].Path != "snmp.users[1].group" || !strings.Contains(got.NoRoute[0].Reason, "group-name is mandatory") {
		t.Errorf("NoRoute = %v, want the group of snmp.users[1]", got.NoRoute)
	}
	if len(got.Secrets) != 3 {
		t.Errorf("Secrets = %+v, want the keys of the two other users", got.Secrets)
	}
}

// cloneJSON deep-copies a JSON tree.
func cloneJSON(t *testing.T, m map[string]any) map[string]any {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// An empty presence container is a value of its own in a native.yang
// block too: a device that lacks it gets it created.
func TestNativeYANGEmptyPresence(t *testing.T) {
	dev := snmpUsersDevice(t)
	dev.Config.SNMP = nil
	dev.Config.Native = &models.Native{YANG: []map[string]any{{"Cisco-IOS-XR-um-snmp-server-cfg:snmp-server": map[string]any{
		"groups": map[string]any{"group": []any{map[string]any{"group-name": "RO", "v3": map[string]any{"noauth": map[string]any{}}}}}}}}}
	d := iosxr.New()
	desired, err := d.Render(dev)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := d.Diff(desired, &providers.Running{Tree: desired.Tree})
	if err != nil {
		t.Fatal(err)
	}
	const want = "/Cisco-IOS-XR-um-snmp-server-cfg:snmp-server/groups/group[group-name=RO]/v3/noauth"
	if !slices.ContainsFunc(cs, func(c providers.Change) bool { return c.Op == diff.Create && c.Path == want }) {
		t.Errorf("changes = %+v, want the create of %s", cs, want)
	}
}
