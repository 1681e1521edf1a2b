package nxapisim

import (
	"fmt"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/internal/cliconf"
)

// invalidCommand is NX-OS's answer to a command it does not know.
const invalidCommand = "% Invalid command at '^' marker.\n"

// notExecuted answers the commands after a failed one in a batch.
const notExecuted = "not executed: an earlier command in the request failed"

// session is one request's CLI session: exec mode, or configuration mode
// with the commands applied so far.
type session struct {
	d      *Device
	user   string
	config bool
	base   *cliconf.Config // running when configuration mode was entered
	seg    []string        // commands applied to base since
	stack  []frame         // mode stack (indentation based, as cliconf.Apply)
}

type frame struct {
	line   string
	indent int
}

// run executes a batch in order, under the device lock, stopping at the
// first failure.
func (d *Device) run(user string, reqs []rpcRequest) []rpcResponse {
	d.mu.Lock()
	defer d.mu.Unlock()
	s := &session{d: d, user: user}
	out := make([]rpcResponse, len(reqs))
	failed := false
	for i, r := range reqs {
		out[i] = rpcResponse{JSONRPC: "2.0", ID: r.ID}
		if r.ID == nil {
			out[i].ID = []byte("null")
		}
		switch {
		case failed:
			out[i].Error = newError(codeInvalidParams, notExecuted)
			continue
		case r.JSONRPC != "2.0":
			out[i].Error = newError(codeInvalidRequest, `jsonrpc must be "2.0"`)
		case r.Method != "cli" && r.Method != "cli_ascii":
			out[i].Error = newError(codeNoMethod, fmt.Sprintf("method %q is not cli or cli_ascii", r.Method))
		case strings.TrimSpace(r.Params.Cmd) == "":
			out[i].Error = newError(codeInvalidParams, "params.cmd is empty")
		default:
			res, msg := s.exec(r.Params.Cmd, r.Method == "cli_ascii")
			if msg != "" {
				out[i].Error = newError(codeInvalidParams, msg)
			} else {
				out[i].Result = res
			}
		}
		if out[i].Error != nil {
			failed = true
			d.log.Debug("command failed", "cmd", r.Params.Cmd, "err", out[i].Error.Data)
		}
	}
	return out
}

// exec runs one command and returns its result or the CLI's error text.
func (s *session) exec(cmd string, ascii bool) (any, string) {
	body := strings.TrimSpace(cmd)
	f := strings.Fields(body)
	switch {
	case body == "configure terminal" || body == "conf t" || body == "configure":
		s.enterConfig()
		return s.ok(ascii, "")
	case body == "end":
		s.config = false
		return s.ok(ascii, "")
	case f[0] == "show":
		return s.show(body, ascii)
	case f[0] == "checkpoint":
		return s.checkpoint(f, ascii)
	case len(f) >= 2 && f[0] == "no" && f[1] == "checkpoint":
		return s.deleteCheckpoint(f, ascii)
	case f[0] == "rollback":
		return s.rollback(f, ascii)
	}
	if !s.config {
		s.enterConfig()
	}
	if msg := s.configure(cmd); msg != "" {
		return nil, msg
	}
	return s.ok(ascii, "")
}

func (s *session) ok(ascii bool, msg string) (any, string) {
	if ascii {
		return map[string]string{"msg": msg}, ""
	}
	return nil, ""
}

func (s *session) enterConfig() {
	s.config, s.base, s.seg, s.stack = true, s.d.running, nil, nil
}

// configure checks and applies one configuration command.
func (s *session) configure(cmd string) string {
	line := strings.TrimRight(cmd, " \t\r")
	ind := len(line) - len(strings.TrimLeft(line, " \t"))
	body := line[ind:]
	for len(s.stack) > 0 && s.stack[len(s.stack)-1].indent >= ind {
		s.stack = s.stack[:len(s.stack)-1]
	}
	if body == "exit" || body == "exit-address-family" {
		if len(s.stack) > 0 {
			s.stack = s.stack[:len(s.stack)-1]
		}
		s.seg = append(s.seg, line)
		return ""
	}
	if msg, bad := s.d.knobs.configFailure(body); bad {
		return msg
	}
	if s.d.knobs.ignored(body) {
		return ""
	}
	var ctx []string
	for _, fr := range s.stack {
		ctx = append(ctx, fr.line)
	}
	if !allowed(ctx, body, s.d.running) {
		return invalidCommand
	}
	cmds := nxosRewrite(s.d.running, ctx, line, body)
	next, err := cliconf.Apply(s.base, append(slices.Clone(s.seg), cmds...))
	if err != nil {
		return "% " + err.Error() + "\n"
	}
	s.seg = append(s.seg, cmds...)
	s.d.running, s.d.lastChange = next, s.d.cfg.Clock.Now()
	if !strings.HasPrefix(body, "no ") {
		s.stack = append(s.stack, frame{body, ind})
	}
	return ""
}
