package plan

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const (
	users     = "/system/aaa/authentication/users/user"
	tacacsKey = "/system/aaa/server-groups/server-group[name=CAMPUS-TACACS]/servers/server[address=192.0.2.49]/tacacs/config/secret-key"
	// leakedSecret must not appear in any output.
	leakedSecret = "hunter2-do-not-print"
)

// samplePlan is a plan with a device with changes of every kind (and a
// secret), an unchanged device and a failed device with a hostile name.
func samplePlan() *Plan {
	access1 := DevicePlan{
		Name: "access1", Platform: "iosxe", Transport: "netconf",
		IntentDigest:  "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
		RunningDigest: "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
		Secrets:       []providers.SecretBinding{{Path: tacacsKey, Ref: models.SecretRef{Env: "TACACS_KEY"}}},
		Warnings:      []string{"no candidate datastore: changes apply immediately, no device-side rollback timer"},
		Changes: []diff.Change{
			{Op: diff.Create, Path: "/interfaces/interface[name=GigabitEthernet1/0/7]/config/description", After: "desk 7 <b>&amp; `code`</b> \x1b[31mred"},
			{Op: diff.Delete, Path: "/interfaces/interface[name=GigabitEthernet1/0/8]/ethernet/switched-vlan/config/access-vlan", Before: 20.0},
			{Op: diff.Update, Path: "/interfaces/interface[name=TenGigabitEthernet1/1/1]/ethernet/switched-vlan/config/trunk-vlans", Before: []any{10.0, "20..30"}, After: []any{10.0, "21..30"}},
			{Op: diff.Create, Path: "/network-instances/network-instance[name=default]/vlans/vlan[vlan-id=40]/config/name", After: "printers"},
			{Op: diff.Create, Path: "/network-instances/network-instance[name=default]/vlans/vlan[vlan-id=40]/config/vlan-id", After: 40.0},
			{Op: diff.Create, Path: tacacsKey, After: leakedSecret},
			{Op: diff.Delete, Path: users + "[username=bob]", Before: map[string]any{
				"config/password-hashed": leakedSecret, "config/role": "read-only", "config/username": "bob",
			}},
			{Op: diff.Update, Path: "/system/config/hostname", Before: "access-1", After: "access1"},
		},
	}
	access2 := DevicePlan{Name: "access2", Platform: "iosxe", Transport: "gnmi"}
	hostile := DevicePlan{
		Name: `<script>alert("x")</script>|*evil*`, Platform: "nxos",
		Error: "observe running config: dial tcp 192.0.2.9:830: connect: connection refused",
	}
	p := New("3f2c1a9e8d7b", time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC), access1, access2, hostile)
	p.Author = "Jane Doe <jane@example.net>"
	p.Message = "campus: add printers VLAN # 40"
	return p
}

// golden compares got with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("read golden file (run go test -update to create it): %v", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s (-want +got):\n%s", file, diff)
	}
}

func TestRenderGolden(t *testing.T) {
	renderers := []struct {
		file   string
		render func(w *bytes.Buffer, p *Plan) error
	}{
		{"plan.txt", func(w *bytes.Buffer, p *Plan) error { return Text(w, p, false) }},
		{"plan-color.txt", func(w *bytes.Buffer, p *Plan) error { return Text(w, p, true) }},
		{"plan.md", func(w *bytes.Buffer, p *Plan) error { return Markdown(w, p) }},
		{"plan.html", func(w *bytes.Buffer, p *Plan) error { return HTML(w, p) }},
		{"plan.json", func(w *bytes.Buffer, p *Plan) error { return JSON(w, p) }},
	}
	for _, r := range renderers {
		t.Run(r.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := r.render(&buf, samplePlan()); err != nil {
				t.Fatalf("render: %v", err)
			}
			golden(t, r.file, buf.Bytes())
			if bytes.Contains(buf.Bytes(), []byte(leakedSecret)) {
				t.Errorf("%s output contains a secret value", r.file)
			}
		})
	}
}

func TestSummary(t *testing.T) {
	want := Summary{Devices: 3, Changed: 1, Unchanged: 1, Failed: 1, Creates: 4, Updates: 2, Deletes: 2}
	p := samplePlan()
	if diff := cmp.Diff(want, p.Summary); diff != "" {
		t.Errorf("Summary (-want +got):\n%s", diff)
	}
	if !p.HasChanges() {
		t.Error("HasChanges() = false, want true")
	}
	if New("r", time.Now(), DevicePlan{Name: "a"}).HasChanges() {
		t.Error("HasChanges() of a plan without changes = true")
	}
}
