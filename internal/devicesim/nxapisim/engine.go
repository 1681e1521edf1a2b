package nxapisim

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
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
	host   string // the client's address, for the accounting log
	config bool
	base   *cliconf.Config // running when configuration mode was entered
	seg    []string        // commands applied to base since
	stack  []frame         // mode stack (indentation based, as cliconf.Apply)
}

type frame struct {
	line   string
	indent int
}

// Error policies of the rollback member.
const (
	stopOnError     = "stop-on-error"
	continueOnError = "continue-on-error"
	rollbackOnError = "rollback-on-error"
)

// policy returns the batch's error policy: the first rollback member
// given (beside params or in them), stop-on-error by default.
func policy(reqs []rpcRequest) (string, bool) {
	for _, r := range reqs {
		p := cmp.Or(r.Rollback, r.Params.Rollback)
		switch p {
		case "":
			continue
		case stopOnError, continueOnError, rollbackOnError:
			return p, true
		default:
			return p, false
		}
	}
	return stopOnError, true
}

// run executes a batch in order, under the device lock, as one CLI
// session, with the batch's error policy: stop at the first failure
// (later commands are answered "not executed"), continue past it, or
// restore the configuration the batch started from and stop.
func (d *Device) run(user, host string, reqs []rpcRequest) []rpcResponse {
	d.mu.Lock()
	defer d.mu.Unlock()
	s := &session{d: d, user: user, host: host}
	out := make([]rpcResponse, len(reqs))
	pol, okPol := policy(reqs)
	before, beforeChange := d.running, d.lastChange
	failed := false
	for i, r := range reqs {
		out[i] = rpcResponse{JSONRPC: "2.0", ID: r.ID}
		if r.ID == nil {
			out[i].ID = []byte("null")
		}
		switch {
		case failed && pol != continueOnError:
			out[i].Error = newError(codeInvalidParams, notExecuted)
			continue
		case r.JSONRPC != "2.0":
			out[i].Error = newError(codeInvalidRequest, `jsonrpc must be "2.0"`)
		case r.Method != "cli" && r.Method != "cli_ascii":
			out[i].Error = newError(codeNoMethod, fmt.Sprintf("method %q is not cli or cli_ascii", r.Method))
		case !okPol:
			out[i].Error = newError(codeInvalidParams, fmt.Sprintf("rollback %q is not stop-on-error, continue-on-error or rollback-on-error", pol))
		case !versionOK(r.Params.Version):
			out[i].Error = newError(codeInvalidParams, "params.version must be 1 or 1.2")
		case strings.TrimSpace(r.Params.Cmd) == "":
			out[i].Error = newError(codeInvalidParams, "params.cmd is empty")
		default:
			res, msg := s.execAll(r.Params.Cmd, r.Method == "cli_ascii")
			if msg != "" {
				out[i].Error = newError(codeInvalidParams, msg)
			} else {
				out[i].Result = res
			}
		}
		if out[i].Error != nil {
			failed = true
			d.log.Debug("command failed", "cmd", r.Params.Cmd, "err", out[i].Error.Data)
			if pol == rollbackOnError {
				d.running, d.lastChange = before, beforeChange
			}
		}
	}
	return out
}

// versionOK accepts NX-API's version identifiers 1 and 1.2, as a number
// or a string; an absent version is version 1.
func versionOK(raw json.RawMessage) bool {
	if len(raw) == 0 || string(raw) == "null" {
		return true
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return false
	}
	var f float64
	switch x := v.(type) {
	case float64:
		f = x
	case string:
		var err error
		if f, err = strconv.ParseFloat(x, 64); err != nil {
			return false
		}
	default:
		return false
	}
	return f == 1 || f == 1.2
}

// execAll runs the commands of one request: NX-API takes several in one
// cmd separated by " ;" and runs them as separate commands in order. The
// result is the last command's; the first failure stops the request.
func (s *session) execAll(cmd string, ascii bool) (any, string) {
	var (
		res  any
		msgs []string
	)
	for part := range strings.SplitSeq(cmd, ";") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		r, msg := s.exec(part, ascii)
		if msg != "" {
			return nil, msg
		}
		res = r
		if m, ok := r.(map[string]string); ok && m["msg"] != "" {
			msgs = append(msgs, m["msg"])
		}
	}
	if ascii && len(msgs) > 1 {
		res = map[string]string{"msg": strings.Join(msgs, "")}
	}
	return res, ""
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
	msg := s.configure(cmd)
	s.account(cmd, msg != "")
	if msg != "" {
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

// configure checks and applies one configuration command. Indentation
// is ignored, as the NX-OS CLI ignores it: the mode a command entered
// carries to the next commands, `exit` leaves it, and a command the
// current mode does not know is tried in the parent modes (leaving the
// sub-modes), as on the real CLI.
func (s *session) configure(cmd string) string {
	body := strings.TrimSpace(cmd)
	if body == "exit" || body == "exit-address-family" {
		if len(s.stack) > 0 {
			s.stack = s.stack[:len(s.stack)-1]
		}
		return ""
	}
	if msg, bad := s.d.knobs.configFailure(body); bad {
		return msg
	}
	if s.d.knobs.ignored(body) {
		return ""
	}
	depth := len(s.stack)
	for depth > 0 && !allowed(s.context(depth), body, s.d.running) {
		depth--
	}
	ctx := s.context(depth)
	if !allowed(ctx, body, s.d.running) {
		return invalidCommand
	}
	line := strings.Repeat(" ", depth) + body
	cmds := nxosRewrite(s.d.running, ctx, line, body)
	// cliconf.Apply places commands by indentation: re-enter the modes
	// of ctx so that the command lands in its section.
	prefix := make([]string, 0, depth)
	for i, l := range ctx {
		prefix = append(prefix, strings.Repeat(" ", i)+l)
	}
	if depth == 0 {
		prefix = nil
	}
	next, err := cliconf.Apply(s.base, append(append(slices.Clone(s.seg), prefix...), cmds...))
	if err != nil {
		return "% " + err.Error() + "\n"
	}
	s.seg = append(append(s.seg, prefix...), cmds...)
	s.d.running, s.d.lastChange = next, s.d.cfg.Clock.Now()
	s.stack = s.stack[:depth]
	if _, isMode := modeWords[modeOf(body)]; isMode && !strings.HasPrefix(body, "no ") {
		s.stack = append(s.stack, frame{line: body, indent: depth})
	}
	return ""
}

// context returns the section lines of the first depth entered modes.
func (s *session) context(depth int) []string {
	ctx := make([]string, depth)
	for i := range depth {
		ctx[i] = s.stack[i].line
	}
	return ctx
}
