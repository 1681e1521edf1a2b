package models

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
)

// SecretRef points at a secret kept outside the intent repository: an
// environment variable or a file. Exactly one of Env and File is set. The
// reference itself is not secret and may be shown.
type SecretRef struct {
	Env  string `yaml:"env" json:"env,omitempty"`
	File string `yaml:"file" json:"file,omitempty"`
}

// String describes the reference ("env:NAME" or "file:PATH").
func (r SecretRef) String() string {
	if r.Env != "" {
		return "env:" + r.Env
	}
	return "file:" + r.File
}

// Secret is a resolved secret value. Its String, GoString, Format,
// LogValue, MarshalJSON and MarshalText all redact, so a Secret that reaches
// a log line, an error or a report shows as "[redacted]" whatever the verb.
// The value is held behind a pointer, so that even fmt's reflection (which
// prints a Secret kept in an unexported struct field without calling its
// methods) shows an address, never the value. Call Reveal only at the
// transport boundary. The zero Secret is empty.
type Secret struct {
	value *string
}

// NewSecret wraps v.
func NewSecret(v string) Secret { return Secret{value: &v} }

const redacted = "[redacted]"

// Reveal returns the secret value ("" for the zero Secret).
func (s Secret) Reveal() string {
	if s.value == nil {
		return ""
	}
	return *s.value
}

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s.Reveal() == "" }

// String returns a redacted placeholder.
func (s Secret) String() string { return redacted }

// GoString returns a redacted placeholder for %#v.
func (s Secret) GoString() string { return redacted }

// Format writes a redacted placeholder for every verb, so that %d, %x or
// %q cannot print the value either.
func (s Secret) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, redacted) }

// LogValue redacts the secret in slog output.
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalJSON redacts the secret in JSON output.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(redacted) }

// MarshalText redacts the secret in text encodings.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }
