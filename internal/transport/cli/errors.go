package cli

import (
	"errors"
	"fmt"
	"github.com/switchyard/switchyard/internal/transport/sshauth"
	"strings"
)

// Sentinel errors, wrapped with the device address and the operation.
var (
	// ErrHostKeyUnknown: the known_hosts file has no key for the device.
	ErrHostKeyUnknown = sshauth.ErrHostKeyUnknown
	// ErrHostKeyChanged: the device presented a key other than the one in
	// the known_hosts file (re-keyed, replaced, or impersonated).
	ErrHostKeyChanged = sshauth.ErrHostKeyChanged
	// ErrAuthFailed: the device refused the SSH credentials.
	ErrAuthFailed = sshauth.ErrAuthFailed
	// ErrEnableFailed: privileged exec could not be reached (wrong or
	// missing enable password).
	ErrEnableFailed = errors.New("cannot enter privileged exec mode (check the enable password)")
	// ErrClosed: the session was closed.
	ErrClosed = errors.New("cli session is closed")
	// ErrBroken: the connection failed or an operation was abandoned; close
	// the session and dial again.
	ErrBroken = errors.New("cli session is broken")
	// ErrSCP: the device refused or failed a file transfer.
	ErrSCP = errors.New("scp transfer failed")
)

// CommandError is a command the device answered with an error marker.
// Output holds the device's answer (secrets redacted).
type CommandError struct {
	Address string
	Command string
	Output  string
}

// Error names the device, the command and the device's message.
func (e *CommandError) Error() string {
	return fmt.Sprintf("command %q on %s failed: %s", e.Command, e.Address, errorLines(e.Output))
}

// errorLines picks the lines of out that explain a failure: the "%"
// messages and, before an invalid-input message, the caret line context.
func errorLines(out string) string {
	var keep []string
	for _, l := range strings.Split(out, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "%") || strings.HasPrefix(t, "Line ") || strings.Contains(t, "aborted") {
			keep = append(keep, t)
		}
	}
	if len(keep) == 0 {
		return strings.TrimSpace(out)
	}
	return strings.Join(keep, "; ")
}
