package credentials

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/models"
)

func TestResolve(t *testing.T) {
	dir := t.TempDir()
	pwFile := filepath.Join(dir, "pw")
	if err := os.WriteFile(pwFile, []byte("from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"SY_PW": "canary-7f3a", "SY_USER": "ops"}
	src := Source{LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}

	r, err := src.Resolve(&inventory.CredentialSpec{Name: "c", UsernameRef: &models.SecretRef{Env: "SY_USER"},
		Password: &models.SecretRef{Env: "SY_PW"}, EnablePassword: &models.SecretRef{File: pwFile}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Username != "ops" || r.Password.Reveal() != "canary-7f3a" || r.EnablePassword.Reveal() != "from-file" {
		t.Errorf("resolved = %q %q %q", r.Username, r.Password.Reveal(), r.EnablePassword.Reveal())
	}

	_, err = src.Resolve(&inventory.CredentialSpec{Name: "c", Username: "a", Password: &models.SecretRef{Env: "UNSET"}})
	if !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), "UNSET is not set") {
		t.Errorf("unset env: err = %v", err)
	}
	_, err = src.Resolve(&inventory.CredentialSpec{Name: "c", Username: "a", Password: &models.SecretRef{File: filepath.Join(dir, "missing")}})
	if !errors.Is(err, ErrMissing) || !errors.Is(errors.Unwrap(err), ErrMissing) && !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing file: err = %v", err)
	}
	if errors.Is(err, fs.ErrNotExist) && strings.Contains(err.Error(), "canary") {
		t.Error("error leaks a value")
	}
}
