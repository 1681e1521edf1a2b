package netconf

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/switchyard/switchyard/internal/devicesim"
	"github.com/switchyard/switchyard/internal/devicesim/simssh"
	"github.com/switchyard/switchyard/internal/identity"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/profiles"
)

// rawHello opens the netconf subsystem of d with a plain SSH client and
// returns the hello it sends, without its ]]>]]>.
func rawHello(t *testing.T, d *devicesim.Device, knownHostsFile string) []byte {
	t.Helper()
	hk, err := knownhosts.New(knownHostsFile)
	if err != nil {
		t.Fatal(err)
	}
	c, err := ssh.Dial("tcp", d.Addr(), &ssh.ClientConfig{User: testUser, Auth: []ssh.AuthMethod{ssh.Password(testPass)},
		HostKeyCallback: hk, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	out, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestSubsystem("netconf"); err != nil {
		t.Fatal(err)
	}
	msg, err := (&msgReader{r: out}).until("]]>]]>")
	if err != nil {
		t.Fatal(err)
	}
	return msg
}

// msgReader splits what r sends at end markers.
type msgReader struct {
	r    io.Reader
	rest []byte
}

// until returns what r sends up to, without, the next end.
func (m *msgReader) until(end string) ([]byte, error) {
	buf := make([]byte, 4096)
	for {
		if i := bytes.Index(m.rest, []byte(end)); i >= 0 {
			msg := m.rest[:i]
			m.rest = m.rest[i+len(end):]
			return msg, nil
		}
		n, err := m.r.Read(buf)
		m.rest = append(m.rest, buf[:n]...)
		if err != nil && n == 0 {
			return nil, err
		}
	}
}

// The three shipped releases' hellos, as their simulators send them over
// SSH, read as the previous handling (scrapligo's regular expression,
// encoding/xml, url.ParseQuery) read them, by the parser and by a session.
func TestShippedHellosAgreeWithPreviousReading(t *testing.T) {
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	ids := identity.New()
	for _, rel := range [][2]string{{"iosxe", "17.18.1"}, {"iosxr", "26.2.1"}, {"nxos", "10.6(3)"}} {
		t.Run(rel[0], func(t *testing.T) {
			p, err := set.Select(rel[0], rel[1])
			if err != nil {
				t.Fatal(err)
			}
			d, _ := startDevice(t, func(c *devicesim.Config) { c.Release = p })
			cfg := deviceConfig(t, d)
			raw := rawHello(t, d, cfg.KnownHostsFile)
			ref := refCaps(raw)
			if !slices.Equal(ref, p.Hello()) {
				t.Fatalf("the previous reading of the simulator's hello differs from the release's (%d vs %d)", len(ref), len(p.Hello()))
			}
			parsed, err := parseHello(raw)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(parsed.caps, ref) {
				t.Errorf("parser: %d capabilities, previous reading %d", len(parsed.caps), len(ref))
			}
			cfg.Identity = ids
			s1, s2 := dialConfig(t, cfg), dialConfig(t, cfg)
			if !slices.Equal(s1.Capabilities(), ref) || !maps.Equal(s1.Modules(), refModules(ref)) {
				t.Errorf("session: %d capabilities, %d modules; previous reading %d, %d",
					len(s1.Capabilities()), len(s1.Modules()), len(ref), len(refModules(ref)))
			}
			if s1.hello != s2.hello || s1.SessionID() == s2.SessionID() || s1.SessionID() == "" {
				t.Errorf("two sessions: hello shared %t, session-ids %q %q", s1.hello == s2.hello, s1.SessionID(), s2.SessionID())
			}
			if refSessionID(raw) == "" {
				t.Errorf("the simulator's hello has no session-id: %.200s", raw)
			}
			if want := map[bool]string{true: "1.1", false: "1.0"}[slices.Contains(ref, CapBase11)]; s1.Framing() != want {
				t.Errorf("framing %s, want %s", s1.Framing(), want)
			}
		})
	}
}

var refSessionIDPattern = regexp.MustCompile(`(?i)<session-id>(\d+)</session-id>`)

func refSessionID(hello []byte) string {
	if m := refSessionIDPattern.FindSubmatch(hello); m != nil {
		return string(m[1])
	}
	return ""
}

// scripted is a NETCONF server that sends hello in the pieces given,
// records the client's hello, and answers every rpc with an empty
// <data/> in the framing the two hellos chose.
type scripted struct {
	srv     *simssh.Server
	clients chan string
}

func startScripted(t *testing.T, pieces ...string) *scripted {
	t.Helper()
	s := &scripted{clients: make(chan string, 4)}
	srv, err := simssh.Listen(t.Context(), simssh.Config{Addr: "127.0.0.1:0", Username: testUser, Password: testPass,
		Channel: func(_ *ssh.ServerConn, ch ssh.Channel, reqs <-chan *ssh.Request) {
			defer ch.Close()
			for r := range reqs {
				ok := r.Type == "subsystem" && simssh.SubsystemName(r.Payload) == "netconf"
				_ = r.Reply(ok, nil)
				if ok {
					go ssh.DiscardRequests(reqs)
					s.serve(ch, pieces)
					return
				}
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	s.srv = srv
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

var messageID = regexp.MustCompile(`message-id="(\d+)"`)

func (s *scripted) serve(ch ssh.Channel, pieces []string) {
	for _, p := range pieces {
		if _, err := io.WriteString(ch, p); err != nil {
			return
		}
		time.Sleep(5 * time.Millisecond) // separate reads at the client
	}
	in := &msgReader{r: ch}
	client, err := in.until("]]>]]>")
	if err != nil {
		return
	}
	s.clients <- string(client)
	chunked := strings.Contains(string(client), CapBase11)
	end := map[bool]string{true: "\n##\n", false: "]]>]]>"}[chunked]
	for {
		rpc, err := in.until(end)
		if err != nil {
			return
		}
		m := messageID.FindSubmatch(rpc)
		if m == nil {
			return
		}
		reply := fmt.Sprintf(`<rpc-reply xmlns="%s" message-id="%s"><data/></rpc-reply>`, nsBase, m[1])
		if chunked {
			reply = fmt.Sprintf("\n#%d\n%s\n##\n", len(reply), reply)
		} else {
			reply += "]]>]]>"
		}
		if _, err := io.WriteString(ch, reply); err != nil {
			return
		}
	}
}

func (s *scripted) dial(t *testing.T) (*Session, error) {
	t.Helper()
	kh := t.TempDir() + "/known_hosts"
	if err := os.WriteFile(kh, []byte(s.srv.KnownHostsLine()+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	sess, err := Dial(t.Context(), Config{Address: s.srv.Addr(), Username: testUser, Password: models.NewSecret(testPass),
		KnownHostsFile: kh, Timeout: 10 * time.Second})
	if err == nil {
		t.Cleanup(func() { _ = sess.Close() })
	}
	return sess, err
}

// Odd hellos on the wire, delivered in pieces that split the delimiter:
// the session reads them, chooses the framing from the base
// capabilities, and its rpcs work in that framing.
func TestDialOddHellos(t *testing.T) {
	for _, tc := range []struct {
		name    string
		pieces  []string
		caps    []string
		id      string
		framing string
	}{
		{"base 1.0 only, prefixed, whitespace", []string{
			"<?xml version=\"1.0\"?>\r\n<nc:hello xmlns:nc=\"" + nsBase + "\">\r\n <nc:capabilities>\r\n  <nc:capability>\r\n   " + CapBase10 + "\r\n  </nc:capability>\r\n",
			"  <nc:capability>" + CapCandidate + "</nc:capability>\r\n  <nc:capability>" + strings.ReplaceAll(capSys, "&", "&amp;") + "</nc:capability>\r\n",
			" </nc:capabilities>\r\n <nc:session-id> 17 </nc:session-id>\r\n</nc:hello>]]>", "]]>"},
			[]string{CapBase10, CapCandidate, capSys}, "17", "1.0"},
		{"base 1.0 and 1.1", []string{"<hello xmlns=\"" + nsBase + "\"><capabilities><capability>" + CapBase10 + "</capability>",
			"<capability>" + CapBase11 + "</capability><capability>" + CapCandidate + "</capability></capabilities>",
			"<session-id>9</session-id></hello>]", "]>]]>"},
			[]string{CapBase10, CapBase11, CapCandidate}, "9", "1.1"},
		{"base 1.1 only, no session-id", []string{"<hello xmlns=\"" + nsBase + "\"><capabilities><capability>" + CapBase11 +
			"</capability><capability>" + CapCandidate + "</capability></capabilities></hello>]]>]]>"},
			[]string{CapBase11, CapCandidate}, "", "1.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := startScripted(t, tc.pieces...)
			s, err := srv.dial(t)
			if err != nil {
				t.Fatal(err)
			}
			client := <-srv.clients
			if !slices.Equal(s.Capabilities(), tc.caps) || s.SessionID() != tc.id || s.Framing() != tc.framing {
				t.Errorf("capabilities %q session %q framing %s, want %q %q %s", s.Capabilities(), s.SessionID(), s.Framing(), tc.caps, tc.id, tc.framing)
			}
			if want := "base:" + tc.framing; !strings.Contains(client, want) || strings.Count(client, "<capability>") != 1 {
				t.Errorf("client hello does not offer exactly %s: %s", want, client)
			}
			if _, err := s.GetConfig(t.Context(), Candidate, nil); err != nil {
				t.Errorf("get-config in %s framing: %v", tc.framing, err)
			}
			if m := s.Modules(); m["openconfig-system"] != map[bool]string{true: "2024-09-24"}[slices.Contains(tc.caps, capSys)] {
				t.Errorf("modules %v", m)
			}
		})
	}
}

// A hello that is not one fails the dial with the parser's reason.
func TestDialRefusesBadHello(t *testing.T) {
	for hello, want := range map[string]string{
		"<rpc-reply/>]]>]]>": "root element is <rpc-reply>, want <hello>",
		"<hello><capabilities><capability>" + CapCandidate + "</capability></capabilities></hello>]]>]]>": "neither " + CapBase10,
	} {
		_, err := startScripted(t, hello).dial(t)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", hello, err, want)
		}
	}
}
