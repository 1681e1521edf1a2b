package clisim

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
)

// shell is one interactive IOS session on a session channel.
type shell struct {
	d    *Device
	conn *ssh.ServerConn
	ch   ssh.Channel
	out  bytes.Buffer

	priv   bool
	config bool
	eng    engine
	// pending, when set, receives the next line: the answer to a question
	// (enable password, destination file name, confirmation).
	pending func(answer string)
	hidden  bool // do not echo input (passwords)
	// banner collects a multi-line banner until its delimiter.
	banner      []string
	bannerDelim string
	// vty is the session's line ("vty0"); archSess its config session
	// number in the archive log (0: none yet in this configure).
	vty      int
	archSess int
}

func newShell(d *Device, conn *ssh.ServerConn, ch ssh.Channel) *shell {
	return &shell{d: d, conn: conn, ch: ch, priv: d.cfg.EnablePassword == "", eng: engine{knobs: &d.knobs},
		vty: d.allocVTY()}
}

func (s *shell) prompt() string {
	s.d.mu.Lock()
	h := s.d.hostname()
	s.d.mu.Unlock()
	switch {
	case s.config:
		return h + "(" + s.eng.tag() + ")#"
	case s.priv:
		return h + "#"
	}
	return h + ">"
}

func (s *shell) printf(format string, args ...any) { fmt.Fprintf(&s.out, format, args...) }

func (s *shell) flush() bool {
	if s.out.Len() == 0 {
		return true
	}
	_, err := s.ch.Write(s.out.Bytes())
	s.out.Reset()
	return err == nil
}

// run reads lines, echoing them as a terminal would, until the client
// leaves or the connection ends.
func (s *shell) run() {
	s.printf("\r\n%s", s.prompt())
	if !s.flush() {
		return
	}
	buf := make([]byte, 4096)
	var line []byte
	lastCR := false
	for {
		n, err := s.ch.Read(buf)
		if err != nil {
			return
		}
		for _, b := range buf[:n] {
			switch {
			case b == '\n' && lastCR:
				lastCR = false
			case b == '\r' || b == '\n' || b == 0x1a:
				lastCR = b == '\r'
				text := string(line)
				if b == 0x1a {
					text = "end"
				}
				line = line[:0]
				s.printf("\r\n")
				if !s.handle(text) || !s.flush() {
					return
				}
			case b == 0x7f || b == 0x08:
				lastCR = false
				if len(line) > 0 {
					line = line[:len(line)-1]
					if !s.hidden {
						s.printf("\b \b")
					}
				}
			default:
				lastCR = false
				line = append(line, b)
				if !s.hidden {
					s.out.WriteByte(b)
				}
			}
		}
		if !s.flush() {
			return
		}
	}
}

// handle runs one line and writes its output and the next prompt; it
// returns false when the session ends.
func (s *shell) handle(line string) bool {
	lose := false
	if strings.TrimSpace(line) != "" || s.pending != nil {
		latency, drop, loseIt := s.d.knobs.onCommand()
		if drop {
			s.d.log.Info("dropping connection (knob)")
			_ = s.conn.Close()
			return false
		}
		if latency > 0 {
			time.Sleep(latency)
		}
		lose = loseIt
	}
	if lose {
		defer func() { s.out.Reset(); _ = s.conn.Close() }()
		s.d.log.Info("dropping connection after the command (knob)")
	}
	switch {
	case s.pending != nil:
		p := s.pending
		s.pending, s.hidden = nil, false
		p(line)
	case s.bannerDelim != "":
		s.banner = append(s.banner, line)
		if !strings.Contains(line, s.bannerDelim) {
			return true // no prompt inside a banner
		}
		text := strings.Join(s.banner, "\n")
		s.banner, s.bannerDelim = nil, ""
		s.configure(text, "")
	case s.config:
		s.configure(line, s.prompt())
	default:
		if !s.exec(line) {
			return false
		}
	}
	if s.pending == nil && s.bannerDelim == "" {
		s.printf("%s", s.prompt())
	}
	return true
}

// configure runs a configuration-mode line; prompt is what preceded it on
// the terminal (for the caret).
func (s *shell) configure(line, prompt string) {
	s.d.mu.Lock()
	s.eng.cfg = s.d.running
	before, depth := format(s.d.running), len(s.eng.stack)
	out, err := s.eng.command(line)
	s.d.running = s.eng.cfg
	if err == nil && out != leave && out != bannerMore {
		s.d.noteCommand(s, depth, line, format(s.d.running) != before)
	}
	s.d.mu.Unlock()
	s.d.log.Debug("config command", "mode", s.eng.tag(), "ok", err == nil)
	if err != nil {
		s.cmdError(line, prompt, err)
		return
	}
	switch out {
	case leave:
		s.config = false
		s.d.mu.Lock()
		s.d.syslog("%SYS-5-CONFIG_I: Configured from console by " + s.conn.User() + " on vty0")
		s.d.mu.Unlock()
	case bannerMore:
		delim, _, _ := bannerStart(line)
		s.banner, s.bannerDelim = []string{line}, delim
		s.printf("Enter TEXT message.  End with the character '%s'.\r\n", delim)
	}
}

// cmdError prints IOS's answer to a refused command: the caret under the
// offending word and the message.
func (s *shell) cmdError(line, prompt string, err error) {
	var ce *cmdError
	if !errors.As(err, &ce) {
		s.printf("%% %v\r\n", err)
		return
	}
	if ce.word >= 0 {
		col := len(prompt) + wordOffset(line, ce.word)
		s.printf("%s^\r\n", strings.Repeat(" ", col))
	}
	s.printf("%s\r\n\r\n", ce.msg)
}

// wordOffset returns the byte offset of word i of line.
func wordOffset(line string, i int) int {
	in := false
	n := -1
	for j := 0; j < len(line); j++ {
		sp := line[j] == ' ' || line[j] == '\t'
		if !sp && !in {
			n++
			if n == i {
				return j
			}
		}
		in = !sp
	}
	return len(line)
}
