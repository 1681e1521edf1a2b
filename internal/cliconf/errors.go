package cliconf

import (
	"errors"
	"fmt"
)

// ErrUnterminatedBanner is returned (wrapped in a *ParseError) by Parse when
// a banner's closing delimiter never appears before the end of the input.
var ErrUnterminatedBanner = errors.New("unterminated banner")

// ErrBadCommand is returned (wrapped) by Apply for a command it cannot place:
// an empty `no`, or a command indented under nothing.
var ErrBadCommand = errors.New("bad command")

// ParseError is a structural error in configuration text. Line is 1-based
// and names the line where the offending construct starts.
type ParseError struct {
	Line int
	Err  error
}

// Error implements error.
func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }

// Unwrap returns the underlying sentinel, for errors.Is.
func (e *ParseError) Unwrap() error { return e.Err }
