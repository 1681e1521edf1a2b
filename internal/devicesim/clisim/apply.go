package clisim

import (
	"fmt"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
	"github.com/switchyard/switchyard/internal/devicesim"
)

// normalise rewrites a command the way IOS stores it: secrets hashed or
// encrypted, "deny" padded in access lists (named and numbered).
func (e *engine) normalise(m *mode, cmd string) string {
	f := strings.Fields(cmd)
	switch {
	case m == modeGlobal && (f[0] == "username" || len(f) > 2 && f[0] == "enable" && f[1] == "secret"):
		return hashSecret(f)
	case (m == modeTacacs || m == modeRadius) && f[0] == "key" && len(f) > 1:
		return encryptKey(f)
	case (m == modeExtACL || m == modeStdACL) && f[0] == "deny" && len(f) > 1:
		return "deny   " + strings.Join(f[1:], " ")
	case m == modeGlobal && f[0] == "access-list" && len(f) > 3 && f[2] == "deny":
		return "access-list " + f[1] + " deny   " + strings.Join(f[3:], " ")
	}
	return strings.Join(f, " ")
}

// hashSecret turns "... secret [0] VALUE" into "... secret 5 HASH".
func hashSecret(f []string) string {
	i := slices.Index(f, "secret")
	if i < 0 || i == len(f)-1 {
		return strings.Join(f, " ")
	}
	val := f[i+1:]
	switch val[0] {
	case "5", "8", "9":
		if len(val) == 2 {
			return strings.Join(f, " ")
		}
	case "0":
		val = val[1:]
	}
	return strings.Join(f[:i+1], " ") + " 5 " + md5Crypt(strings.Join(val, " "))
}

// encryptKey turns "key [0] VALUE" into "key 7 HEX".
func encryptKey(f []string) string {
	val := f[1:]
	switch {
	case val[0] == "7" && len(val) == 2:
		return strings.Join(f, " ")
	case val[0] == "0" && len(val) > 1:
		val = val[1:]
	}
	return "key 7 " + devicesim.Type7(strings.Join(val, " "))
}

// path returns the configuration lines of the entered sub-modes.
func (e *engine) path() []string {
	p := make([]string, len(e.stack))
	for i, f := range e.stack {
		p[i] = f.line
	}
	return p
}

// apply applies one command in the current mode with cliconf semantics
// plus the IOS rules cliconf does not know (see the package doc).
func (e *engine) apply(cmd string) error {
	path := e.path()
	c := e.cfg.Clone()
	node := c.Find(path...)
	if node == nil {
		return invalidAt(0)
	}
	neg := strings.HasPrefix(cmd, "no ")
	if isVRFForwarding(e.current(), strings.TrimPrefix(cmd, "no ")) {
		// IOS removes the addresses of an interface that joins or leaves a
		// VRF ("% Interface ... IP address ... removed due to enabling VRF").
		node.Children = slices.DeleteFunc(node.Children, func(n *cliconf.Node) bool {
			return wordPrefix(n.Line, "ip address") || wordPrefix(n.Line, "ipv6 address")
		})
	}
	if !neg {
		cmd = mergeBuffered(e.current(), node, cmd)
		if k := replaceKey(e.current(), cmd); k != "" {
			node.Children = slices.DeleteFunc(node.Children, func(n *cliconf.Node) bool { return wordPrefix(n.Line, k) })
		}
	}
	cmds := make([]string, 0, len(path)+1)
	for i, p := range path {
		cmds = append(cmds, strings.Repeat(" ", i)+p)
	}
	cmds = append(cmds, strings.Repeat(" ", len(path))+cmd)
	out, err := cliconf.Apply(c, cmds)
	if err != nil {
		return invalidAt(0)
	}
	if neg {
		if n := out.Find(path...); n != nil && !displayedNegations[strings.TrimPrefix(cmd, "no ")] {
			n.Children = slices.DeleteFunc(n.Children, func(c *cliconf.Node) bool { return c.Line == cmd })
		}
	}
	if n := out.Find(path...); n != nil && hiddenDefaults[cmd] {
		n.Children = slices.DeleteFunc(n.Children, func(c *cliconf.Node) bool { return c.Line == cmd })
	}
	e.cfg = out
	return nil
}

// replaceKey returns the prefix of the lines a command replaces, beyond
// cliconf's own keys: a user by name, an NTP server by address, the
// single-valued settings of server and archive sub-modes.
func replaceKey(m *mode, cmd string) string {
	f := strings.Fields(cmd)
	switch {
	case m == modeGlobal && f[0] == "username" && len(f) > 1:
		return "username " + f[1]
	case m == modeGlobal && len(f) > 2 && f[0] == "ntp" && f[1] == "server":
		return "ntp server " + f[2]
	case m == modeGlobal && len(f) > 3 && f[0] == "aaa" && f[1] == "authentication":
		return strings.Join(f[:4], " ")
	case m == modeGlobal && len(f) > 2 && f[0] == "snmp-server" && f[1] == "community":
		return "snmp-server community " + f[2]
	case m == modeGlobal && len(f) > 1 && f[0] == "logging" && f[1] == "buffered":
		return "logging buffered"
	case m == modeLine && len(f) > 0 && f[0] == "exec-timeout":
		return "exec-timeout"
	case m.single[f[0]]:
		return f[0]
	}
	return ""
}

// wordPrefix reports whether line is prefix or starts with prefix and a
// space.
func wordPrefix(line, prefix string) bool {
	return line == prefix || strings.HasPrefix(line, prefix+" ")
}

// load replays configuration text through a fresh interpreter: the
// configuration IOS would have after pasting text into an empty switch.
// Lines are nested by indentation as show running-config prints them;
// "quit" lines (which close ip ssh pubkey-chain users) are skipped.
func load(text string, knobs *Knobs) (*cliconf.Config, error) {
	parsed, err := cliconf.Parse(text)
	if err != nil {
		return nil, err
	}
	e := &engine{cfg: &cliconf.Config{Root: &cliconf.Node{}}, knobs: knobs}
	if err := e.replay(parsed.Root.Children, nil); err != nil {
		return nil, err
	}
	return e.cfg, nil
}

// lineError is a configuration line the interpreter refused while loading
// text (the initial configuration, configure replace).
type lineError struct {
	line int
	cmd  string
	err  error
}

func (e *lineError) Error() string {
	return fmt.Sprintf("line %d: %s: %v", e.line, e.cmd, e.err)
}

func (e *lineError) Unwrap() error { return e.err }

// replay runs nodes in the modes of base and their children in the
// sub-modes they enter.
func (e *engine) replay(nodes []*cliconf.Node, base []frame) error {
	for _, n := range nodes {
		if n.Line == "quit" {
			continue
		}
		e.stack = slices.Clone(base)
		out, err := e.command(n.Line)
		if err == nil && out == bannerMore {
			err = errIncomplete
		}
		if err != nil {
			return &lineError{line: n.LineNo, cmd: firstLine(n.Line), err: err}
		}
		if len(n.Children) == 0 || out == leave {
			continue
		}
		if len(e.stack) != len(base)+1 {
			return &lineError{line: n.LineNo, cmd: n.Line, err: invalidAt(0)}
		}
		if err := e.replay(n.Children, slices.Clone(e.stack)); err != nil {
			return err
		}
	}
	return nil
}

// hiddenDefaults are settings IOS takes but does not print, being the
// default: the vty exec-timeout of 10 minutes, debugging as the buffer
// and console level.
var hiddenDefaults = setOf("exec-timeout 10 0", "logging buffered debugging", "logging console debugging")

// isVRFForwarding reports whether cmd (without "no ") sets the VRF of an
// interface.
func isVRFForwarding(m *mode, cmd string) bool {
	return m == modeIf && (wordPrefix(cmd, "ip vrf forwarding") || wordPrefix(cmd, "vrf forwarding"))
}

// mergeBuffered returns "logging buffered [SIZE] [LEVEL]" as IOS stores
// it: a command with only a size keeps the running level, one with only a
// level keeps the running size; the default level (debugging) is not
// printed.
func mergeBuffered(m *mode, node *cliconf.Node, cmd string) string {
	f := strings.Fields(cmd)
	if m != modeGlobal || len(f) < 2 || f[0] != "logging" || f[1] != "buffered" {
		return cmd
	}
	size, level := "", ""
	for _, n := range node.Children {
		if g := strings.Fields(n.Line); len(g) > 2 && g[0] == "logging" && g[1] == "buffered" {
			for _, w := range g[2:] {
				if isNumber(w) {
					size = w
				} else {
					level = w
				}
			}
		}
	}
	for _, w := range f[2:] {
		if isNumber(w) {
			size = w
		} else {
			level = w
		}
	}
	if level == "debugging" {
		level = ""
	}
	out := "logging buffered"
	for _, w := range []string{size, level} {
		if w != "" {
			out += " " + w
		}
	}
	if out == "logging buffered" {
		return "logging buffered debugging" // the defaults: a hidden line
	}
	return out
}
