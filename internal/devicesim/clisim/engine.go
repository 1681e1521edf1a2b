package clisim

import (
	"errors"
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
)

// cmdError is how the interpreter refuses a command.
type cmdError struct {
	// word is the index of the offending word (for the caret), -1 when
	// the command is incomplete.
	word int
	msg  string
}

func (e *cmdError) Error() string { return e.msg }

var errIncomplete = &cmdError{word: -1, msg: "% Incomplete command."}

func invalidAt(word int) error {
	return &cmdError{word: word, msg: "% Invalid input detected at '^' marker."}
}

func incompleteOr(incomplete bool, word int) error {
	if incomplete {
		return errIncomplete
	}
	return invalidAt(word)
}

func isNumber(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// frame is one entered sub-mode: its mode and its configuration line.
type frame struct {
	m    *mode
	line string
}

// engine interprets configuration-mode commands against a configuration.
// It is not safe for concurrent use; the device serialises access.
type engine struct {
	cfg   *cliconf.Config
	stack []frame
	knobs *Knobs // nil in the initial load
}

// outcome says what a command did besides changing the configuration.
type outcome int

const (
	stay       outcome = iota // still in configuration mode
	leave                     // "end" or "exit" at the top: back to exec
	bannerMore                // a banner whose text follows on later lines
)

func (e *engine) current() *mode {
	if len(e.stack) == 0 {
		return modeGlobal
	}
	return e.stack[len(e.stack)-1].m
}

// tag returns the prompt tag of the current mode.
func (e *engine) tag() string { return e.current().tag }

// command runs one configuration command. A multi-line banner is passed
// whole (its lines joined with "\n"). On error the configuration and mode
// are unchanged.
func (e *engine) command(cmd string) (outcome, error) {
	cmd = strings.TrimSpace(cmd)
	switch {
	case cmd == "" || strings.HasPrefix(cmd, "!"):
		return stay, nil
	case cmd == "end":
		e.stack = nil
		return leave, nil
	case cmd == "exit" || cmd == "quit" && len(e.stack) > 0:
		if len(e.stack) == 0 {
			return leave, nil
		}
		e.stack = e.stack[:len(e.stack)-1]
		return stay, nil
	}
	if e.knobs != nil {
		if e.knobs.rejects(cmd) {
			return stay, invalidAt(0)
		}
		if e.knobs.ignores(cmd) {
			return stay, nil
		}
	}
	f := strings.Fields(cmd)
	if f[0] == "do" {
		return stay, invalidAt(0) // exec commands from config mode are not simulated
	}
	saved := e.stack
	var best error
	for {
		var err error
		if f[0] == "banner" && len(e.stack) == 0 {
			var out outcome
			if out, err = e.banner(cmd); err == nil {
				return out, nil
			}
		} else if err = e.run(f); err == nil {
			return stay, nil
		}
		var ce *cmdError
		if best == nil || !errors.As(err, &ce) || ce.word != 0 {
			best = err // prefer the answer of the mode that knows the command
		}
		if len(e.stack) == 0 || !errors.As(err, &ce) || ce.word < 0 {
			e.stack = saved
			return stay, best
		}
		// Not valid here: IOS tries the parent modes.
		e.stack = e.stack[:len(e.stack)-1]
	}
}

// run checks f against the current mode and applies it.
func (e *engine) run(f []string) error {
	m := e.current()
	neg := f[0] == "no" || f[0] == "default"
	words := f
	off := 0
	if neg {
		if len(f) == 1 {
			return errIncomplete
		}
		words, off = f[1:], 1
	}
	if err := m.check(words, neg); err != nil {
		var ce *cmdError
		if errors.As(err, &ce) && ce.word >= 0 {
			return &cmdError{word: ce.word + off, msg: ce.msg}
		}
		return err
	}
	var sub *mode
	var line string
	if m.enter != nil {
		var err error
		if sub, line, err = m.enter(words); err != nil {
			var ce *cmdError
			if errors.As(err, &ce) && ce.word >= 0 {
				return &cmdError{word: ce.word + off, msg: ce.msg}
			}
			return err
		}
	}
	switch {
	case neg && sub != nil:
		return e.apply("no " + line)
	case neg:
		return e.apply("no " + strings.Join(words, " "))
	case sub != nil:
		if err := e.apply(line); err != nil {
			return err
		}
		e.stack = append(e.stack, frame{m: sub, line: line})
		return nil
	}
	return e.apply(e.normalise(m, strings.Join(f, " ")))
}

// check validates the first words of a command in mode m.
func (m *mode) check(words []string, neg bool) error {
	w := words[0]
	switch {
	case m.words["*"] || common[w]:
		return nil
	case m.numbers && w[0] >= '0' && w[0] <= '9':
		return nil
	case !m.words[w]:
		return invalidAt(0)
	case w == "ip" && m.ipWords != nil:
		if len(words) < 2 {
			return errIncomplete
		}
		if !m.ipWords[words[1]] {
			return invalidAt(1)
		}
	case len(words) == 1 && needsArgs[w] && !neg:
		return errIncomplete
	}
	return nil
}

// needsArgs are first words that are never a command on their own.
var needsArgs = set("hostname description username ip logging ntp permit deny remark host name " +
	"address key path switchport channel-group server group-object key-hash")

// banner handles "banner KIND <delim>...": complete when the closing
// delimiter is in cmd, otherwise bannerMore and the caller collects lines
// until it sees the delimiter (bannerDelimiter tells which).
func (e *engine) banner(cmd string) (outcome, error) {
	delim, rest, ok := bannerStart(cmd)
	if !ok {
		return stay, errIncomplete
	}
	if !strings.Contains(rest, delim) {
		return bannerMore, nil
	}
	return stay, e.apply(cmd)
}

// bannerStart splits "banner [kind] <delim>rest" like cliconf does.
func bannerStart(cmd string) (delim, rest string, ok bool) {
	f := strings.Fields(firstLine(cmd))
	if len(f) < 2 || f[0] != "banner" {
		return "", "", false
	}
	s := strings.TrimSpace(strings.TrimPrefix(cmd, "banner"))
	switch f[1] {
	case "motd", "login", "exec", "incoming", "slip-ppp", "prompt-timeout", "config-save":
		s = strings.TrimSpace(strings.TrimPrefix(s, f[1]))
	}
	if s == "" {
		return "", "", false
	}
	if strings.HasPrefix(s, "^C") {
		return "^C", s[2:], true
	}
	return s[:1], s[1:], true
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}
