package plan

import "errors"

// Errors returned by Load; each is wrapped with detail.
var (
	// ErrTampered is returned when a plan file's digest is missing or does
	// not match its content: the file was edited after it was written.
	ErrTampered = errors.New("plan file was modified after it was written")
	// ErrUnsupportedVersion is returned for a plan file of another format
	// version.
	ErrUnsupportedVersion = errors.New("unsupported plan file version")
	// ErrTooLarge is returned for a plan file larger than MaxFileSize.
	ErrTooLarge = errors.New("plan file too large")
	// ErrInvalid is returned for a plan file that is not valid JSON of the
	// plan schema, or whose content is inconsistent.
	ErrInvalid = errors.New("invalid plan file")
)
