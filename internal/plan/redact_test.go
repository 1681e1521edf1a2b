package plan

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
)

func TestRedact(t *testing.T) {
	const xrUser = "/Cisco-IOS-XR-um-snmp-server-cfg:snmp-server/users/user[user-name=monitor]"
	const radius = "/system/aaa/server-groups/server-group[name=R]/servers/server[address=192.0.2.1]/radius/config/secret-key"
	secrets := []providers.SecretBinding{
		{Path: tacacsKey, Ref: models.SecretRef{Env: "TACACS_KEY"}},
		// Written with keys out of order: matched after canonicalisation.
		{Path: "/system/aaa/authentication/users/user[username=ops]/config/password", Ref: models.SecretRef{File: "/run/secrets/ops"}},
	}
	tests := []struct {
		name string
		in   diff.Change
		want diff.Change
	}{{
		name: "bound path shows the reference",
		in:   diff.Change{Op: diff.Update, Path: tacacsKey, Before: "0x1234", After: leakedSecret},
		want: diff.Change{Op: diff.Update, Path: tacacsKey, Before: Redacted, After: "(secret from env:TACACS_KEY)"},
	}, {
		name: "bound file reference",
		in:   diff.Change{Op: diff.Create, Path: users + "[username=ops]/config/password", After: leakedSecret},
		want: diff.Change{Op: diff.Create, Path: users + "[username=ops]/config/password", After: "(secret from file:/run/secrets/ops)"},
	}, {
		name: "unbound sensitive leaf is redacted",
		in:   diff.Change{Op: diff.Update, Path: radius, Before: "x", After: leakedSecret},
		want: diff.Change{Op: diff.Update, Path: radius, Before: Redacted, After: Redacted},
	}, {
		name: "deleted sensitive leaf keeps no value",
		in:   diff.Change{Op: diff.Delete, Path: users + "[username=bob]/config/password-hashed", Before: leakedSecret},
		want: diff.Change{Op: diff.Delete, Path: users + "[username=bob]/config/password-hashed", Before: Redacted},
	}, {
		name: "deleted entry's sensitive leaves are redacted",
		in: diff.Change{Op: diff.Delete, Path: "/system/aaa/server-groups/server-group[name=T]/servers/server[address=192.0.2.2]", Before: map[string]any{
			"config/address": "192.0.2.2", "tacacs/config/secret-key-hashed": leakedSecret,
		}},
		want: diff.Change{Op: diff.Delete, Path: "/system/aaa/server-groups/server-group[name=T]/servers/server[address=192.0.2.2]", Before: map[string]any{
			"config/address": "192.0.2.2", "tacacs/config/secret-key-hashed": Redacted,
		}},
	}, {
		name: "deleted IOS-XR SNMPv3 user's encrypted keys are redacted",
		in: diff.Change{Op: diff.Delete, Path: xrUser, Before: map[string]any{
			"group-name": "NOC", "v3/auth/sha/encryption-default": leakedSecret, "v3/priv/aes/aes-128/encryption-default": leakedSecret,
		}},
		want: diff.Change{Op: diff.Delete, Path: xrUser, Before: map[string]any{
			"group-name": "NOC", "v3/auth/sha/encryption-default": Redacted, "v3/priv/aes/aes-128/encryption-default": Redacted,
		}},
	}, {
		name: "other values are kept",
		in:   diff.Change{Op: diff.Update, Path: "/system/config/hostname", Before: "a", After: "b"},
		want: diff.Change{Op: diff.Update, Path: "/system/config/hostname", Before: "a", After: "b"},
	}, {
		name: "a key value named like a sensitive leaf is not a leaf",
		in:   diff.Change{Op: diff.Delete, Path: users + "[username=password]", Before: map[string]any{"config/username": "password"}},
		want: diff.Change{Op: diff.Delete, Path: users + "[username=password]", Before: map[string]any{"config/username": "password"}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := []diff.Change{tc.in}
			got := Redact(in, secrets)
			if diff := cmp.Diff([]diff.Change{tc.want}, got); diff != "" {
				t.Errorf("Redact (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(got, Redact(got, secrets)); diff != "" {
				t.Errorf("Redact is not idempotent (-once +twice):\n%s", diff)
			}
			if diff := cmp.Diff([]diff.Change{tc.in}, in); diff != "" {
				t.Errorf("Redact modified its input (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSecretsNeverRendered builds a hand-made DevicePlan that carries
// secret values and checks that no output shows them: redaction is
// applied by Save and every renderer, not only by the plan builder.
func TestSecretsNeverRendered(t *testing.T) {
	p := samplePlan()
	for name, render := range map[string]func(*bytes.Buffer) error{
		"save":     func(w *bytes.Buffer) error { return p.Save(w) },
		"text":     func(w *bytes.Buffer) error { return Text(w, p, true) },
		"markdown": func(w *bytes.Buffer) error { return Markdown(w, p) },
		"html":     func(w *bytes.Buffer) error { return HTML(w, p) },
	} {
		var buf bytes.Buffer
		if err := render(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if strings.Contains(buf.String(), leakedSecret) {
			t.Errorf("%s output contains the secret value", name)
		}
		if !strings.Contains(buf.String(), "(secret from env:TACACS_KEY)") {
			t.Errorf("%s output does not show the secret reference", name)
		}
	}
	if p.Devices[0].Changes[5].After != leakedSecret {
		t.Error("rendering modified the plan")
	}
}

func TestHTMLEscapes(t *testing.T) {
	p := New("<img src=x onerror=alert(1)>", time.Unix(0, 0), DevicePlan{
		Name: "<script>alert(1)</script>", Platform: "ios<b>",
		Changes:  []diff.Change{{Op: diff.Create, Path: `/interfaces/interface[name=<i>"x"</i>]/config/description`, After: "</td><script>x</script>"}},
		Warnings: []string{"<blink>"}, Error: "",
	})
	var buf bytes.Buffer
	if err := HTML(&buf, p); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, raw := range []string{"<script>alert", "<img src", "<b>", "<i>", "</td><script>", "<blink>"} {
		if strings.Contains(out, raw) {
			t.Errorf("HTML output contains unescaped %q", raw)
		}
	}
	for _, esc := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "&lt;blink&gt;"} {
		if !strings.Contains(out, esc) {
			t.Errorf("HTML output does not contain escaped %q", esc)
		}
	}
	for _, external := range []string{"<script", "<link", "src=\"http", "href=\"http", "@import"} {
		if strings.Contains(out, external) {
			t.Errorf("HTML output is not self-contained: has %q", external)
		}
	}
}

func TestTextColor(t *testing.T) {
	p := samplePlan()
	var plain, color bytes.Buffer
	if err := Text(&plain, p, false); err != nil {
		t.Fatal(err)
	}
	if err := Text(&color, p, true); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(plain.String(), '\x1b') {
		t.Error("Text without colour contains an escape character (colour or from a value)")
	}
	if !strings.Contains(color.String(), ansiGreen+"  ") && !strings.Contains(color.String(), ansiGreen+"+ ") {
		t.Error("Text with colour has no green create line")
	}
	if strings.Count(color.String(), "\x1b[31mred") != 0 {
		t.Error("Text with colour passes a value's escape sequence through")
	}
}

func TestMarkdownFenceLongerThanContent(t *testing.T) {
	p := New("r", time.Unix(0, 0), DevicePlan{Name: "a", Platform: "ios", Changes: []diff.Change{
		{Op: diff.Create, Path: "/system/config/login-banner", After: "````\n</details>"},
	}})
	var buf bytes.Buffer
	if err := Markdown(&buf, p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "`````diff\n") {
		t.Errorf("Markdown fence not longer than the backtick run in the content:\n%s", buf.String())
	}
	// Inside a fenced code block HTML is literal, and values are one line
	// that starts with our own marker, so only our line may close the block.
	if n := strings.Count("\n"+buf.String(), "\n</details>"); n != 1 {
		t.Errorf("a value closes the details block:\n%s", buf.String())
	}
}

func TestDigest(t *testing.T) {
	build := func(order []string, desc string) *oc.Device {
		d := &oc.Device{}
		for _, n := range order {
			d.GetOrCreateInterface(n).Description = ygot.String(desc)
		}
		return d
	}
	a, err := Digest(build([]string{"Gi1", "Gi2", "Gi10"}, "x"), "")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Digest(build([]string{"Gi10", "Gi2", "Gi1"}, "x"), "")
	c, _ := Digest(build([]string{"Gi1", "Gi2", "Gi10"}, "y"), "")
	e, _ := Digest(build([]string{"Gi1", "Gi2", "Gi10"}, "x"), "banner motd x")
	empty, _ := Digest(nil, "")
	if a != b {
		t.Errorf("Digest depends on build order: %s != %s", a, b)
	}
	if a == c || a == e || a == empty {
		t.Error("different configurations have the same digest")
	}
	if len(a) != 64 {
		t.Errorf("Digest = %q, want 64 hex digits", a)
	}
}

func TestRisk(t *testing.T) {
	tests := []struct {
		name string
		d    DevicePlan
		want Risk
	}{
		{"no changes", DevicePlan{Name: "a"}, RiskNone},
		{"failed", DevicePlan{Name: "a", Error: "x"}, RiskNone},
		{"creates only", DevicePlan{Changes: []diff.Change{{Op: diff.Create, Path: "/system/config/hostname", After: "a"}}}, RiskLow},
		{"update", DevicePlan{Changes: []diff.Change{{Op: diff.Update, Path: "/system/config/hostname", After: "a"}}}, RiskMedium},
		{"creates with a warning", DevicePlan{Warnings: []string{"w"}, Changes: []diff.Change{{Op: diff.Create, Path: "/system/config/hostname", After: "a"}}}, RiskMedium},
		{"entry delete", DevicePlan{Changes: []diff.Change{{Op: diff.Delete, Path: "/network-instances/network-instance[name=default]/vlans/vlan[vlan-id=30]"}}}, RiskHigh},
		{"aaa", DevicePlan{Changes: []diff.Change{{Op: diff.Create, Path: users + "[username=a]/config/role", After: "x"}}}, RiskHigh},
		{"shutdown", DevicePlan{Changes: []diff.Change{{Op: diff.Update, Path: "/interfaces/interface[name=Gi1]/config/enabled", Before: true, After: false}}}, RiskHigh},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, why := tc.d.Risk()
			if got != tc.want {
				t.Errorf("Risk() = %v (%v), want %v", got, why, tc.want)
			}
		})
	}
}
