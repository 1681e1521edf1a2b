package nxapi

import (
	"errors"
	"fmt"
)

// Sentinel errors; the Client methods wrap them with the device address and
// the command. Test with errors.Is.
var (
	// ErrCertificate is returned when the device's TLS certificate does not
	// verify against the configured CA (or the system roots).
	ErrCertificate = errors.New("device certificate not trusted")
	// ErrAuthFailed is returned when the device refuses the credentials
	// (HTTP 401 or 403).
	ErrAuthFailed = errors.New("nxapi authentication failed")
	// ErrHTTP is returned for any other non-200 HTTP status.
	ErrHTTP = errors.New("unexpected HTTP status")
	// ErrCommand is returned (inside a *CommandError) when the device
	// refused a command.
	ErrCommand = errors.New("command refused by the device")
	// ErrProtocol is returned for a reply that is not valid NX-API JSON-RPC.
	ErrProtocol = errors.New("invalid NX-API reply")
)

// CommandError is a command the device refused. Command is the command's
// text, or "[redacted]" for a Secret line; Index is its 1-based position
// in the call. It wraps ErrCommand.
type CommandError struct {
	Address string
	Index   int
	Command string
	Code    int
	Message string
}

// Error implements error.
func (e *CommandError) Error() string {
	return fmt.Sprintf("nxapi %s: command %d %q: %s (code %d)", e.Address, e.Index, e.Command, e.Message, e.Code)
}

// Unwrap returns ErrCommand.
func (e *CommandError) Unwrap() error { return ErrCommand }
