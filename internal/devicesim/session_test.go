package devicesim

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHelloCapabilities(t *testing.T) {
	tests := []struct {
		name    string
		profile Profile
		want    []string
		notWant []string
	}{
		{
			name:    "candidate profile advertises candidate and confirmed commit",
			profile: ProfileCandidate,
			want: []string{CapBase10, CapBase11,
				"urn:ietf:params:netconf:capability:candidate:1.0",
				"urn:ietf:params:netconf:capability:confirmed-commit:1.0",
				"urn:ietf:params:netconf:capability:confirmed-commit:1.1",
				"urn:ietf:params:netconf:capability:rollback-on-error:1.0",
				"urn:ietf:params:netconf:capability:validate:1.1",
				nsIf + "?module=openconfig-interfaces&revision=2024-12-05"},
			notWant: []string{"urn:ietf:params:netconf:capability:writable-running:1.0"},
		},
		{
			name:    "writable-running profile has no candidate",
			profile: ProfileWritableRunning,
			want:    []string{CapBase10, CapBase11, "urn:ietf:params:netconf:capability:writable-running:1.0"},
			notWant: []string{"urn:ietf:params:netconf:capability:candidate:1.0",
				"urn:ietf:params:netconf:capability:confirmed-commit:1.1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := testDevice(t, func(c *Config) { c.Profile = tt.profile })
			c := dial11(t, d)
			for _, w := range tt.want {
				if !slices.Contains(c.caps, w) {
					t.Errorf("capability %q missing from %v", w, c.caps)
				}
			}
			for _, nw := range tt.notWant {
				if slices.Contains(c.caps, nw) {
					t.Errorf("capability %q advertised", nw)
				}
			}
		})
	}
}

func TestFramingBothVersions(t *testing.T) {
	for _, base11 := range []bool{false, true} {
		t.Run(fmt.Sprintf("base11=%v", base11), func(t *testing.T) {
			d, _ := testDevice(t, func(c *Config) { c.ChunkSize = 16 })
			c := dial(t, d, dialOpts{base11: base11})
			got := dataOf(t, c.rpc(`<get-config><source><running/></source></get-config>`))
			want := string(d.Running())
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("get-config (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMultiChunkRequest(t *testing.T) {
	d, _ := testDevice(t, nil)
	c := dial11(t, d)
	msg := `<rpc message-id="7" xmlns="` + NSBase + `"><get-config><source><candidate/></source></get-config></rpc>`
	var framed strings.Builder
	for i := 0; i < len(msg); i += 10 {
		part := msg[i:min(i+10, len(msg))]
		fmt.Fprintf(&framed, "\n#%d\n%s", len(part), part)
	}
	framed.WriteString("\n##\n")
	if _, err := c.w.Write([]byte(framed.String())); err != nil {
		t.Fatal(err)
	}
	b, err := c.read()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "<data>") && !strings.Contains(string(b), "<data") {
		t.Errorf("reply has no data: %s", b)
	}
}

func TestMalformedChunkClosesSession(t *testing.T) {
	d, _ := testDevice(t, nil)
	c := dial11(t, d)
	eventually(t, "session registered", func() bool { return d.SessionCount() == 1 })
	if _, err := c.w.Write([]byte("\n#abc\n<rpc/>\n##\n")); err != nil {
		t.Fatal(err)
	}
	if err := c.waitClosed(); err != nil {
		t.Fatal(err)
	}
	eventually(t, "session gone", func() bool { return d.SessionCount() == 0 })
}

func TestBase10ClientKeepsEOMFraming(t *testing.T) {
	d, _ := testDevice(t, nil)
	c := dial(t, d, dialOpts{base11: false})
	c.ok(`<lock><target><candidate/></target></lock>`)
	if got := d.LockHolders()[Candidate]; got != c.sessionID {
		t.Errorf("candidate lock holder = %d, want %d", got, c.sessionID)
	}
}

func TestClientHelloErrorsCloseSession(t *testing.T) {
	tests := []struct{ name, hello string }{
		{"session-id in client hello", `<hello xmlns="` + NSBase + `"><capabilities><capability>` + CapBase10 +
			`</capability></capabilities><session-id>4</session-id></hello>`},
		{"no common base", `<hello xmlns="` + NSBase + `"><capabilities><capability>urn:x</capability></capabilities></hello>`},
		{"rpc before hello", `<rpc message-id="1" xmlns="` + NSBase + `"><get/></rpc>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := testDevice(t, nil)
			c, err := tryDial(t, d, dialOpts{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.read(); err != nil {
				t.Fatal(err)
			}
			if err := c.write([]byte(tt.hello)); err != nil {
				t.Fatal(err)
			}
			if err := c.waitClosed(); err != nil {
				t.Fatal(err)
			}
			if n := d.SessionCount(); n != 0 {
				t.Errorf("sessions = %d, want 0", n)
			}
		})
	}
}

func TestConcurrentSessionsHaveDistinctIDs(t *testing.T) {
	d, _ := testDevice(t, nil)
	const n = 8
	ids := make([]uint32, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			c, err := tryDial(t, d, dialOpts{})
			if err == nil {
				err = c.hello(i%2 == 0)
			}
			if err != nil {
				t.Errorf("session %d: %v", i, err)
				return
			}
			ids[i] = c.sessionID
			if r := c.rpc(`<get/>`); r.Child(NSBase, "data") == nil {
				t.Errorf("session %d: get failed: %s", i, r)
			}
		})
	}
	wg.Wait()
	slices.Sort(ids)
	if slices.Contains(ids, 0) || len(slices.Compact(slices.Clone(ids))) != n {
		t.Errorf("session ids not distinct and non-zero: %v", ids)
	}
	eventually(t, "all sessions registered", func() bool { return d.SessionCount() == n })
}

func TestSSHBehaviour(t *testing.T) {
	d, _ := testDevice(t, nil)
	t.Run("wrong password is refused", func(t *testing.T) {
		if _, err := tryDial(t, d, dialOpts{password: "nope"}); err == nil {
			t.Fatal("dial with a wrong password succeeded")
		}
	})
	t.Run("exec and shell are refused", func(t *testing.T) {
		c, err := tryDial(t, d, dialOpts{})
		if err != nil {
			t.Fatal(err)
		}
		for _, try := range []func() error{
			func() error { s, _ := c.ssh.NewSession(); return s.Shell() },
			func() error { s, _ := c.ssh.NewSession(); return s.Start("show version") },
		} {
			if err := try(); err == nil {
				t.Error("request accepted, want refusal")
			}
		}
	})
	t.Run("known hosts line names bracketed loopback port", func(t *testing.T) {
		want := fmt.Sprintf("[127.0.0.1]:%d ssh-ed25519 ", d.Port())
		if got := d.KnownHostsLine(); !strings.HasPrefix(got, want) {
			t.Errorf("known hosts line = %q, want prefix %q", got, want)
		}
	})
}
