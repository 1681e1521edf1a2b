package gitsource

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	gitssh "github.com/go-git/go-git/v5/plumbing/transport/ssh"
	"github.com/google/go-cmp/cmp"
	"golang.org/x/crypto/ssh"

	"github.com/switchyard/switchyard/models"
)

func TestParseSpec(t *testing.T) {
	tests := []struct {
		in      string
		want    Spec
		wantErr bool
	}{
		{in: "examples/campus", want: Spec{URL: "examples/campus"}},
		{in: "/srv/intent.git#v1.2", want: Spec{URL: "/srv/intent.git", Ref: "v1.2"}},
		{in: "https://git.example.com/net/intent.git", want: Spec{URL: "https://git.example.com/net/intent.git"}},
		{in: "https://git.example.com/net/intent.git#main", want: Spec{URL: "https://git.example.com/net/intent.git", Ref: "main"}},
		{in: "https://git.example.com/net/intent.git#main:sites/campus", want: Spec{URL: "https://git.example.com/net/intent.git", Ref: "main", SubPath: "sites/campus"}},
		{in: "git@github.com:acme/net.git#:campus", want: Spec{URL: "git@github.com:acme/net.git", SubPath: "campus"}},
		{in: "ssh://git@host:2222/net.git#refs/tags/v1", want: Spec{URL: "ssh://git@host:2222/net.git", Ref: "refs/tags/v1"}},
		{in: "file:///srv/intent#dev", want: Spec{URL: "file:///srv/intent", Ref: "dev"}},
		{in: "", wantErr: true},
		{in: "https://x/y#main:../etc", wantErr: true},
		{in: "https://x/y#main:/abs", wantErr: true},
		{in: "https://x/y#bad..ref", wantErr: true},
		{in: "https://x/y#refs/pull/1/head", wantErr: true},
		{in: "git://x/y", wantErr: true},
		{in: "https://user:s3cr3t@x/y", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSpec(tt.in)
			if tt.wantErr {
				if !errors.Is(err, ErrInvalidSpec) {
					t.Fatalf("ParseSpec = %+v, %v; want ErrInvalidSpec", got, err)
				}
				if strings.Contains(err.Error(), "s3cr3t") {
					t.Errorf("error leaks the password: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b models.Secret) bool { return a.Reveal() == b.Reveal() })); diff != "" {
				t.Errorf("ParseSpec (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSanitizeURL(t *testing.T) {
	tests := map[string]string{
		"https://user:ghp_token@github.com/acme/net.git?x=1#frag": "https://github.com/acme/net.git",
		"https://oauth2@gitlab.example.com/acme/net.git":          "https://gitlab.example.com/acme/net.git",
		"ssh://git@host:2222/net.git":                             "ssh://host:2222/net.git",
		"git@github.com:acme/net.git":                             "github.com:acme/net.git",
		"examples/campus":                                         "examples/campus",
		"https://%zz":                                             "[unparsable URL]",
	}
	for in, want := range tests {
		if got := SanitizeURL(in); got != want {
			t.Errorf("SanitizeURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSpecValidateAuth(t *testing.T) {
	tok := models.NewSecret("ghp_secret")
	tests := []struct {
		name string
		spec Spec
		ok   bool
	}{
		{name: "https with token", spec: Spec{URL: "https://h/r.git", Auth: Auth{HTTPSToken: tok}}, ok: true},
		{name: "token over plain http", spec: Spec{URL: "http://h/r.git", Auth: Auth{HTTPSToken: tok}}},
		{name: "anonymous http", spec: Spec{URL: "http://127.0.0.1/r.git"}, ok: true},
		{name: "ssh needs a key", spec: Spec{URL: "git@h:r.git"}},
		{name: "ssh with key", spec: Spec{URL: "git@h:r.git", Auth: Auth{SSHKeyFile: "/k"}}, ok: true},
		{name: "token for ssh", spec: Spec{URL: "ssh://git@h/r.git", Auth: Auth{SSHKeyFile: "/k", HTTPSToken: tok}}},
		{name: "ssh key for https", spec: Spec{URL: "https://h/r.git", Auth: Auth{SSHKeyFile: "/k"}}},
		{name: "credentials for a local path", spec: Spec{URL: "/srv/r", Auth: Auth{HTTPSToken: tok}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.spec.Validate()
			if tt.ok != (err == nil) {
				t.Fatalf("Validate = %v, want ok=%v", err, tt.ok)
			}
			if err != nil && strings.Contains(err.Error(), tok.Reveal()) {
				t.Errorf("error leaks the token: %v", err)
			}
		})
	}
}

func TestSelectAuth(t *testing.T) {
	t.Run("https token becomes basic auth", func(t *testing.T) {
		spec := Spec{URL: "https://h/r.git", Auth: Auth{HTTPSToken: models.NewSecret("tok")}}
		a, err := selectAuth(spec, kindHTTP)
		if err != nil {
			t.Fatal(err)
		}
		basic, ok := a.method.(*githttp.BasicAuth)
		if !ok || basic.Username != "git" || basic.Password != "tok" {
			t.Fatalf("auth = %#v, want basic auth git:tok", a.method)
		}
		if strings.Contains(basic.String(), "tok") {
			t.Errorf("go-git's auth String leaks the token: %s", basic.String())
		}
	})
	t.Run("anonymous https", func(t *testing.T) {
		a, err := selectAuth(Spec{URL: "https://h/r.git"}, kindHTTP)
		if err != nil || a.method != nil {
			t.Fatalf("auth = %#v, %v; want none", a.method, err)
		}
	})
	t.Run("ssh key and known_hosts", func(t *testing.T) {
		dir := t.TempDir()
		keyFile, hostKey := writeSSHKey(t, dir)
		known := filepath.Join(dir, "known_hosts")
		line := "git.example.com " + strings.TrimSpace(string(ssh.MarshalAuthorizedKey(hostKey))) + "\n"
		if err := os.WriteFile(known, []byte(line), 0o600); err != nil {
			t.Fatal(err)
		}
		a, err := selectAuth(Spec{URL: "deploy@git.example.com:net.git", Auth: Auth{SSHKeyFile: keyFile, KnownHostsFile: known}}, kindSSH)
		if err != nil {
			t.Fatal(err)
		}
		keys, ok := a.method.(*gitssh.PublicKeys)
		if !ok || keys.User != "deploy" || keys.HostKeyCallback == nil {
			t.Fatalf("auth = %#v, want public keys for user deploy with a host key check", a.method)
		}
	})
	t.Run("missing known_hosts is an error", func(t *testing.T) {
		dir := t.TempDir()
		keyFile, _ := writeSSHKey(t, dir)
		_, err := selectAuth(Spec{URL: "git@h:r.git", Auth: Auth{SSHKeyFile: keyFile, KnownHostsFile: filepath.Join(dir, "nope")}}, kindSSH)
		if err == nil {
			t.Fatal("selectAuth succeeded without a known_hosts file")
		}
	})
	t.Run("unreadable key names the file, not the passphrase", func(t *testing.T) {
		_, err := selectAuth(Spec{URL: "git@h:r.git", Auth: Auth{SSHKeyFile: "/nonexistent/key", SSHKeyPassphrase: models.NewSecret("pass-phrase")}}, kindSSH)
		if err == nil || strings.Contains(err.Error(), "pass-phrase") || !strings.Contains(err.Error(), "/nonexistent/key") {
			t.Fatalf("selectAuth error = %v", err)
		}
	})
}

// writeSSHKey writes an OpenSSH ed25519 private key and returns its path and
// public key.
func writeSSHKey(t *testing.T, dir string) (string, ssh.PublicKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "id_ed25519")
	if err := os.WriteFile(p, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	sshPub, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return p, sshPub
}

func TestRedactScrubsSecrets(t *testing.T) {
	base := errors.New(`Get "https://h/r?token=abc123": refused`)
	err := redact(base, "abc123", "")
	if strings.Contains(err.Error(), "abc123") || !errors.Is(err, base) {
		t.Fatalf("redact = %v", err)
	}
}
