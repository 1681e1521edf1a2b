// Package credentials resolves the secret references of an intent
// repository's credentials into values, at connect time. Values stay wrapped
// in models.Secret; errors name the reference, never a value.
package credentials

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/models"
)

// Resolved holds the usable credentials of one named set.
type Resolved struct {
	Username       string
	Password       models.Secret
	EnablePassword models.Secret
	// PrivateKeyFile is the path of an SSH private key, when one is used.
	PrivateKeyFile string
}

// Source reads secret references. The zero value reads the process
// environment and the file system.
type Source struct {
	// LookupEnv defaults to os.LookupEnv.
	LookupEnv func(string) (string, bool)
	// ReadFile defaults to os.ReadFile.
	ReadFile func(string) ([]byte, error)
}

// ErrMissing is returned (wrapped) when a referenced variable is unset or a
// referenced file cannot be read.
var ErrMissing = errors.New("secret not available")

// Resolve reads every reference of spec.
func (s Source) Resolve(spec *inventory.CredentialSpec) (*Resolved, error) {
	r := &Resolved{Username: spec.Username}
	if spec.UsernameRef != nil {
		v, err := s.read(*spec.UsernameRef)
		if err != nil {
			return nil, fmt.Errorf("credentials %q: username_from: %w", spec.Name, err)
		}
		r.Username = v.Reveal()
	}
	var err error
	if spec.Password != nil {
		if r.Password, err = s.read(*spec.Password); err != nil {
			return nil, fmt.Errorf("credentials %q: password: %w", spec.Name, err)
		}
	}
	if spec.EnablePassword != nil {
		if r.EnablePassword, err = s.read(*spec.EnablePassword); err != nil {
			return nil, fmt.Errorf("credentials %q: enable_password: %w", spec.Name, err)
		}
	}
	if spec.SSHKey != nil {
		if spec.SSHKey.File == "" {
			return nil, fmt.Errorf("credentials %q: ssh_key must be a {file: PATH} reference", spec.Name)
		}
		r.PrivateKeyFile = spec.SSHKey.File
	}
	return r, nil
}

// Value reads one reference.
func (s Source) Value(ref models.SecretRef) (models.Secret, error) {
	return s.read(ref)
}

func (s Source) read(ref models.SecretRef) (models.Secret, error) {
	if ref.Env != "" {
		lookup := s.LookupEnv
		if lookup == nil {
			lookup = os.LookupEnv
		}
		v, ok := lookup(ref.Env)
		if !ok || v == "" {
			return models.Secret{}, fmt.Errorf("%w: environment variable %s is not set", ErrMissing, ref.Env)
		}
		return models.NewSecret(v), nil
	}
	read := s.ReadFile
	if read == nil {
		read = os.ReadFile
	}
	b, err := read(ref.File)
	if err != nil {
		// The path is not secret; the error from the file system carries
		// only the path and the reason.
		return models.Secret{}, fmt.Errorf("%w: read %s: %v", ErrMissing, ref.File, errors.Unwrap(err))
	}
	return models.NewSecret(strings.TrimRight(string(b), "\r\n")), nil
}
