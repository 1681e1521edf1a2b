package sshauth

import (
	"errors"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/models"
)

func TestValidate(t *testing.T) {
	ok := Login{Address: "127.0.0.1:830", Username: "admin", Password: models.NewSecret("pw"), KnownHostsFile: "kh"}
	tests := []struct {
		name string
		edit func(*Login)
		want string
	}{
		{"valid", func(*Login) {}, ""},
		{"no address", func(l *Login) { l.Address = "" }, "address is required"},
		{"bad port", func(l *Login) { l.Address = "127.0.0.1:0" }, "invalid port"},
		{"no user", func(l *Login) { l.Username = "" }, "username is required"},
		{"no secret", func(l *Login) { l.Password = models.Secret{} }, "password or a private key"},
		{"no known_hosts", func(l *Login) { l.KnownHostsFile = "" }, "known_hosts file is required"},
		{"insecure needs no known_hosts", func(l *Login) { l.KnownHostsFile, l.InsecureIgnoreHostKey = "", true }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := ok
			tt.edit(&l)
			err := l.Validate("netconf")
			if (err == nil) != (tt.want == "") || err != nil && !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestLoginErrorLeavesOtherErrorsToTheTransport(t *testing.T) {
	l := Login{Address: "127.0.0.1:830", Username: "admin", Password: models.NewSecret("canary-pw")}
	if err := l.LoginError("netconf", errors.New("connection refused")); err != nil {
		t.Errorf("LoginError(other) = %v, want nil", err)
	}
	err := l.LoginError("netconf", errors.New("ssh: handshake failed: ssh: unable to authenticate, attempted methods [none password]"))
	if !errors.Is(err, ErrAuthFailed) || strings.Contains(err.Error(), "canary-pw") {
		t.Errorf("auth failure = %v, want ErrAuthFailed without the password", err)
	}
}
