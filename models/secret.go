package models

import (
	"encoding/json"
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

// Secret is a resolved secret value. Its String, GoString, LogValue, Format
// and MarshalJSON all redact, so a Secret that reaches a log line, an error or
// a report shows as "[redacted]". Call Reveal only at the transport boundary.
type Secret struct {
	value string
}

// NewSecret wraps v.
func NewSecret(v string) Secret { return Secret{value: v} }

const redacted = "[redacted]"

// Reveal returns the secret value.
func (s Secret) Reveal() string { return s.value }

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s.value == "" }

// String returns a redacted placeholder.
func (s Secret) String() string { return redacted }

// GoString returns a redacted placeholder for %#v.
func (s Secret) GoString() string { return redacted }

// LogValue redacts the secret in slog output.
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalJSON redacts the secret in JSON output.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(redacted) }

// MarshalText redacts the secret in text encodings.
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }
