package daemon

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const minimal = `repository:
  url: /srv/intent
devices:
  known_hosts_file: /etc/switchyard/known_hosts
`

func TestParseConfigDiagnostics(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"unknown key suggests", minimal + "drift:\n  schedul: 15m\n", []string{`switchyard.yaml:6:3: error: drift: unknown key "schedul"; did you mean "schedule"?`}},
		{"duplicate key", minimal + "listen: 127.0.0.1:1\nlisten: 127.0.0.1:2\n", []string{`switchyard.yaml:6:1: error: configuration: duplicate key "listen"`}},
		{"bad cron", minimal + "maintenance_windows:\n  - {name: w, schedule: \"61 * * * *\", duration: 1h}\n",
			[]string{`switchyard.yaml:6:25: error: maintenance_windows[0].schedule: "61 * * * *" is not a 5-field cron expression`}},
		{"bad policy", minimal + "groups:\n  - {group: core, drift: fix}\n", []string{`switchyard.yaml:6:26: error: groups[0].drift: "fix" is not report or remediate`}},
		{"secret written inline", minimal + "api_token: hunter2\n", []string{`switchyard.yaml:5:12: error: api_token: expected a mapping, got "hunter2"`}},
		{"check needs one target", minimal + "health_checks:\n  - {name: x, tcp: \"a:1\", http: \"http://a\"}\n", []string{`switchyard.yaml:6:5: error: health_checks[0]: give exactly one of tcp or http`}},
		{"bad duration", minimal + "rollout:\n  confirm_timeout: soon\n", []string{`switchyard.yaml:6:20: error: rollout.confirm_timeout: "soon" is not a duration`}},
		{"known hosts required", "repository: {url: /srv/intent}\n", []string{`error: devices.known_hosts_file is required`}},
		{"yaml syntax", minimal + "drift: [\n", []string{`switchyard.yaml:5: error: invalid YAML`}},
		{"network listen without tls", minimal + "listen: 0.0.0.0:9180\n", []string{`switchyard.yaml:5:9: error: listen: "0.0.0.0:9180" is reachable from other hosts but the API has no TLS`}},
		{"all interfaces without tls", minimal + "listen: \":9180\"\n", []string{`switchyard.yaml:5:9: error: listen: ":9180" is reachable`}},
		{"half a tls pair", minimal + "tls_cert: /etc/switchyard/api.pem\n", []string{`switchyard.yaml:5:11: error: give both tls_cert and tls_key`}},
		{"token role", minimal + "api_tokens:\n  - {name: ci, role: admin, token: {env: T}}\n", []string{`switchyard.yaml:6:22: error: api_tokens[0].role: "admin" is not viewer or operator`}},
		{"token without reference", minimal + "api_tokens:\n  - {name: ci, role: viewer}\n", []string{`switchyard.yaml:6:5: error: api_tokens[0]: token is required`}},
		{"token written inline", minimal + "api_tokens:\n  - {name: ci, role: viewer, token: s3cret}\n", []string{`api_tokens[0].token: expected a mapping, got "s3cret"`}},
		{"duplicate token name", minimal + "api_tokens:\n  - {name: ci, role: viewer, token: {env: A}}\n  - {name: ci, role: operator, token: {env: B}}\n",
			[]string{`switchyard.yaml:7:5: error: api_tokens[1]: every token needs a unique name`}},
		{"notification kind", minimal + "notifications:\n  - {name: chat, kind: teams, url: {env: U}}\n",
			[]string{`switchyard.yaml:6:24: error: notifications[0].kind: "teams" is not webhook or slack`}},
		{"notification url inline", minimal + "notifications:\n  - {name: chat, kind: slack, url: \"https://hooks.example/x\"}\n",
			[]string{`notifications[0].url: expected a mapping`}},
		{"notification event", minimal + "notifications:\n  - {name: chat, kind: slack, url: {env: U}, events: [drift]}\n",
			[]string{`switchyard.yaml:6:54: error: notifications[0].events: unknown event "drift"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, ds := ParseConfig("switchyard.yaml", []byte(tt.text))
			if cfg != nil || !ds.HasErrors() {
				t.Fatalf("want errors, got config %+v", cfg)
			}
			got := ds.String()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("diagnostics:\n%s\nwant a line containing:\n%s", got, w)
				}
			}
		})
	}
}

func TestParseConfigDefaultsAndExample(t *testing.T) {
	cfg, ds := ParseConfig("switchyard.yaml", []byte(minimal))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	want := RolloutConfig{Concurrency: 10, ConfirmTimeout: 2 * time.Minute}
	if diff := cmp.Diff(want, cfg.Rollout); diff != "" {
		t.Errorf("rollout defaults (-want +got):\n%s", diff)
	}
	if cfg.Drift.DefaultPolicy != PolicyReport || cfg.Drift.Schedule != "15m" || cfg.Listen != "127.0.0.1:9180" {
		t.Errorf("defaults: %+v listen %s", cfg.Drift, cfg.Listen)
	}
	ex, ds := LoadConfig("../../examples/switchyard.yaml")
	if ds.HasErrors() {
		t.Fatalf("examples/switchyard.yaml:\n%s", ds)
	}
	if len(ex.Windows) == 0 || len(ex.Groups) == 0 || len(ex.Checks) == 0 {
		t.Errorf("the example should show windows, group policies and checks: %+v", ex)
	}
}

func TestWindowOpenAt(t *testing.T) {
	s, err := ParseCron("0 22 * * 2") // Tuesdays 22:00
	if err != nil {
		t.Fatal(err)
	}
	w := Window{Name: "tue", Start: s, Duration: 3 * time.Hour}
	at := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, time.UTC) } // 2026-03-03 is a Tuesday
	tests := []struct {
		t    time.Time
		open bool
	}{
		{at(3, 21, 59), false}, {at(3, 22, 0), true}, {at(4, 0, 59), true}, {at(4, 1, 0), false}, {at(10, 23, 0), true},
	}
	for _, tt := range tests {
		if open, _ := w.OpenAt(tt.t); open != tt.open {
			t.Errorf("OpenAt(%s) = %v, want %v", tt.t, open, tt.open)
		}
	}
	if got := w.NextOpen(at(4, 0, 0)); !got.Equal(at(10, 22, 0)) {
		t.Errorf("NextOpen = %s", got)
	}
	if _, err := ParseSchedule("*/15 * * * *"); err != nil {
		t.Error(err)
	}
	if _, err := ParseSchedule("10ms"); err == nil {
		t.Error("sub-second interval accepted")
	}
}

func TestListenPolicy(t *testing.T) {
	for _, tt := range []struct {
		name, extra string
	}{
		{"loopback", "listen: 127.0.0.1:9180\n"},
		{"ipv6 loopback", "listen: \"[::1]:9180\"\n"},
		{"localhost", "listen: localhost:9180\n"},
		{"network with tls", "listen: 0.0.0.0:9180\ntls_cert: a.pem\ntls_key: a.key\n"},
		{"network explicitly insecure", "listen: 0.0.0.0:9180\nallow_insecure_listen: true\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, ds := ParseConfig("switchyard.yaml", []byte(minimal+tt.extra)); ds.HasErrors() {
				t.Errorf("refused:\n%s", ds)
			}
		})
	}
}
