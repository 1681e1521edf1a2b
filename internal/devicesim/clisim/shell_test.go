package clisim

import (
	"bufio"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/switchyard/switchyard/internal/devicesim"
)

const (
	testUser   = "admin"
	testPass   = "s3cret-Pa55"
	testEnable = "en-Pa55"
)

const seed = `hostname sw1
ip scp server enable
archive
 path flash:archive
 maximum 14
interface GigabitEthernet1/0/1
 description uplink
end
`

func startDevice(t *testing.T) (*Device, *devicesim.ManualClock) {
	t.Helper()
	clock := devicesim.NewManualClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	d, err := Start(t.Context(), Config{Name: "sw1", Username: testUser, Password: testPass,
		EnablePassword: testEnable, Running: seed, Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return d, clock
}

// term is a raw interactive session: it sends lines and reads up to a
// pattern, as an operator's terminal would.
type term struct {
	t  *testing.T
	in io.Writer
	r  *bufio.Reader
}

func openTerm(t *testing.T, d *Device) *term {
	t.Helper()
	c, err := ssh.Dial("tcp", d.Addr(), &ssh.ClientConfig{User: testUser, Auth: []ssh.AuthMethod{ssh.Password(testPass)},
		HostKeyCallback: ssh.FixedHostKey(d.HostKey()), Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	in, _ := s.StdinPipe()
	out, _ := s.StdoutPipe()
	if err := s.RequestPty("xterm", 24, 80, ssh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Shell(); err != nil {
		t.Fatal(err)
	}
	tm := &term{t: t, in: in, r: bufio.NewReader(out)}
	tm.expect(`sw1>$`)
	return tm
}

// expect reads until the output so far matches pattern and returns it.
func (tm *term) expect(pattern string) string {
	tm.t.Helper()
	re := regexp.MustCompile(pattern)
	var b strings.Builder
	done := make(chan struct{})
	go func() {
		defer close(done)
		for !re.MatchString(b.String()) {
			c, err := tm.r.ReadByte()
			if err != nil {
				return
			}
			b.WriteByte(c)
		}
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		tm.t.Fatalf("timed out waiting for %q; got %q", pattern, b.String())
	}
	if !re.MatchString(b.String()) {
		tm.t.Fatalf("session ended waiting for %q; got %q", pattern, b.String())
	}
	return b.String()
}

func (tm *term) send(line string) { _, _ = io.WriteString(tm.in, line+"\r") }

func TestShellModesAndPrompts(t *testing.T) {
	d, _ := startDevice(t)
	tm := openTerm(t, d)
	tm.send("show running-config")
	if out := tm.expect(`sw1>$`); !strings.Contains(out, "% Invalid input detected at '^' marker.") {
		t.Errorf("show running-config in user exec: %q", out)
	}
	tm.send("enable")
	tm.expect(`Password: $`)
	tm.send("wrong")
	if out := tm.expect(`sw1>$`); !strings.Contains(out, "% Access denied") || strings.Contains(out, "wrong") {
		t.Errorf("bad enable password: %q", out)
	}
	tm.send("enable")
	tm.expect(`Password: $`)
	tm.send(testEnable)
	tm.expect(`sw1#$`)
	tm.send("terminal length 0")
	tm.expect(`sw1#$`)
	tm.send("configure terminal")
	tm.expect(`sw1\(config\)#$`)
	steps := []struct{ cmd, prompt string }{
		{"interface gi1/0/2", `sw1\(config-if\)#$`},
		{"description printer", `sw1\(config-if\)#$`},
		{"vlan 20", `sw1\(config-vlan\)#$`}, // leaves config-if, as IOS does
		{"name USERS", `sw1\(config-vlan\)#$`},
		{"ip access-list extended WEB", `sw1\(config-ext-nacl\)#$`},
		{"deny ip any any", `sw1\(config-ext-nacl\)#$`},
		{"object-group network HOSTS", `sw1\(config-network-group\)#$`},
		{"tacacs server T1", `sw1\(config-server-tacacs\)#$`},
		{"key plain-key", `sw1\(config-server-tacacs\)#$`},
		{"aaa group server tacacs+ G", `sw1\(config-sg-tacacs\+\)#$`},
		{"ip ssh pubkey-chain", `sw1\(conf-ssh-pubkey\)#$`},
		{"username netops", `sw1\(conf-ssh-pubkey-user\)#$`},
		{"quit", `sw1\(conf-ssh-pubkey\)#$`},
		{"exit", `sw1\(config\)#$`},
		{"line vty 0 4", `sw1\(config-line\)#$`},
		{"end", `sw1#$`},
	}
	for _, s := range steps {
		tm.send(s.cmd)
		tm.expect(s.prompt)
	}
	run := d.Running()
	for _, want := range []string{"interface GigabitEthernet1/0/2\n description printer\n", "vlan 20\n name USERS\n",
		" deny   ip any any\n", "tacacs server T1\n key 7 ", "line vty 0 4\n"} {
		if !strings.Contains(run, want) {
			t.Errorf("running lacks %q:\n%s", want, run)
		}
	}
	if strings.Contains(run, "plain-key") {
		t.Errorf("key stored in clear")
	}
}

func TestShellInvalidInputCaret(t *testing.T) {
	d, _ := startDevice(t)
	tm := openTerm(t, d)
	tm.send("enable")
	tm.expect(`Password: $`)
	tm.send(testEnable)
	tm.expect(`sw1#$`)
	tm.send("conf t")
	tm.expect(`\(config\)#$`)
	tm.send("interface Gi1/0/1")
	tm.expect(`\(config-if\)#$`)
	before := d.Running()
	tm.send("mtu 9000")
	out := tm.expect(`\(config-if\)#$`)
	want := "mtu 9000\r\n" + strings.Repeat(" ", len("sw1(config-if)#")) + "^\r\n% Invalid input detected at '^' marker.\r\n"
	if !strings.Contains(out, want) {
		t.Errorf("output %q lacks %q", out, want)
	}
	tm.send("ip frobnicate")
	out = tm.expect(`\(config-if\)#$`)
	if !strings.Contains(out, "ip frobnicate\r\n"+strings.Repeat(" ", len("sw1(config-if)#ip "))+"^\r\n% Invalid input") {
		t.Errorf("caret not under the second word: %q", out)
	}
	tm.send("hostname")
	if out := tm.expect(`\(config-if\)#$`); !strings.Contains(out, "% Incomplete command.") {
		t.Errorf("incomplete command: %q", out)
	}
	if d.Running() != before {
		t.Errorf("refused commands changed running")
	}
	tm.send("banner motd ^C")
	tm.expect(`End with the character '\^C'.\r\n$`)
	tm.send("Line one")
	tm.send("^C")
	tm.expect(`sw1\(config\)#$`)
	if !strings.Contains(d.Running(), "banner motd ^C\nLine one\n^C\n") {
		t.Errorf("banner not stored:\n%s", d.Running())
	}
}

func TestTimedReplaceRevertsAndConfirms(t *testing.T) {
	d, clock := startDevice(t)
	d.files["flash:new.cfg"] = "hostname sw2\nip scp server enable\narchive\n path flash:archive\nend\n"
	tm := openTerm(t, d)
	tm.send("enable")
	tm.expect(`Password: $`)
	tm.send(testEnable)
	tm.expect(`sw1#$`)
	before := d.Running()
	tm.send("configure replace flash:new.cfg force time 5")
	if out := tm.expect(`sw2#$`); !strings.Contains(out, "Rollback Done") {
		t.Fatalf("replace: %q", out)
	}
	if _, ok := d.RollbackPending(); !ok {
		t.Fatal("no rollback pending")
	}
	clock.Advance(5 * time.Minute)
	if d.Running() != before {
		t.Errorf("timer expiry did not restore the exact configuration")
	}
	tm.send("configure replace flash:new.cfg force time 5")
	tm.expect(`sw2#$`)
	tm.send("configure confirm")
	tm.expect(`sw2#$`)
	clock.Advance(10 * time.Minute)
	if !strings.Contains(d.Running(), "hostname sw2") {
		t.Errorf("confirmed replace reverted")
	}
	tm.send("configure confirm")
	if out := tm.expect(`sw2#$`); !strings.Contains(out, "No Rollback Confirmed Change pending") {
		t.Errorf("second confirm: %q", out)
	}
}
