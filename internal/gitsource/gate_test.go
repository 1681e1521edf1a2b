package gitsource

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"golang.org/x/crypto/ssh"
)

func TestGateVerify(t *testing.T) {
	alice, mallory := newSSHKey(t), newSSHKey(t)
	wrongNamespace := newSSHKey(t)
	wrongNamespace.namespace = "file"
	bob, eve := newPGPKey(t, "Bob"), newPGPKey(t, "Eve")
	gate := Gate{
		SSHAllowedSigners: []string{
			"# network team\n" + alice.authorizedKey("alice@example.com"),
			"ns@example.com namespaces=\"git\" " + strings.TrimSpace(string(ssh.MarshalAuthorizedKey(wrongNamespace.signer.PublicKey()))),
		},
		OpenPGPKeyRings: []string{bob.armoredPublic(t)},
	}
	if err := gate.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		signer     git.Signer
		wantPrefix string
		wantErr    error
	}{
		{name: "SSH signature by an allowed key passes", signer: alice, wantPrefix: "SSH " + ssh.FingerprintSHA256(alice.signer.PublicKey()) + " alice@example.com"},
		{name: "SSH signature by another key fails", signer: mallory, wantErr: ErrUntrustedSignature},
		{name: "SSH signature outside the git namespace fails", signer: wrongNamespace, wantErr: ErrUntrustedSignature},
		{name: "OpenPGP signature by an allowed key passes", signer: bob, wantPrefix: "OpenPGP "},
		{name: "OpenPGP signature by another key fails", signer: eve, wantErr: ErrUntrustedSignature},
		{name: "unsigned commit fails", signer: nil, wantErr: ErrUnsigned},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, true)
			h := f.commit("refs/heads/main", f.tree(map[string]string{"a": "a"}), "change\n", tt.signer)
			c, err := f.repo.CommitObject(h)
			if err != nil {
				t.Fatal(err)
			}
			by, err := gate.Verify(c)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Verify = %q, %v; want %v", by, err, tt.wantErr)
				}
				return
			}
			if err != nil || !strings.HasPrefix(by, tt.wantPrefix) {
				t.Fatalf("Verify = %q, %v; want signer %q", by, err, tt.wantPrefix)
			}
		})
	}
}

func TestGateVerifyRejectsTamperedCommit(t *testing.T) {
	alice := newSSHKey(t)
	f := newFixture(t, true)
	h := f.commit("refs/heads/main", f.tree(map[string]string{"a": "a"}), "honest\n", alice)
	c, err := f.repo.CommitObject(h)
	if err != nil {
		t.Fatal(err)
	}
	forged := *c
	forged.Message = "forged\n"
	forged.Hash = f.store(&forged)
	gate := Gate{SSHAllowedSigners: []string{alice.authorizedKey("alice")}}
	if _, err := gate.Verify(&forged); !errors.Is(err, ErrUntrustedSignature) {
		t.Fatalf("Verify(tampered) = %v, want ErrUntrustedSignature", err)
	}
}

// TestGateVerifiesGoGitSignedCommits checks the gate against commits signed
// by go-git's own commit path (CommitOptions.SignKey and Signer), as a
// user's tooling built on go-git would make them.
func TestGateVerifiesGoGitSignedCommits(t *testing.T) {
	bob, alice := newPGPKey(t, "Bob"), newSSHKey(t)
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	gate := Gate{SSHAllowedSigners: []string{alice.authorizedKey("alice")}, OpenPGPKeyRings: []string{bob.armoredPublic(t)}}
	for i, opts := range []*git.CommitOptions{{SignKey: bob.entity}, {Signer: alice}} {
		if err := os.WriteFile(filepath.Join(dir, "f"), []byte{byte('a' + i)}, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := wt.Add("f"); err != nil {
			t.Fatal(err)
		}
		opts.Author = &object.Signature{Name: "Ada", Email: "ada@example.com", When: time.Date(2026, 1, 1, 0, 0, i, 0, time.UTC)}
		h, err := wt.Commit("signed by go-git", opts)
		if err != nil {
			t.Fatal(err)
		}
		c, err := repo.CommitObject(h)
		if err != nil {
			t.Fatal(err)
		}
		if by, err := gate.Verify(c); err != nil {
			t.Errorf("commit %d: Verify = %q, %v; want it to pass", i, by, err)
		}
	}
}

func TestGateValidate(t *testing.T) {
	tests := []struct {
		name string
		gate Gate
	}{
		{name: "no keys", gate: Gate{}},
		{name: "bad SSH key", gate: Gate{SSHAllowedSigners: []string{"ssh-ed25519 not-base64"}}},
		{name: "bad OpenPGP ring", gate: Gate{OpenPGPKeyRings: []string{"-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nxx\n-----END PGP PUBLIC KEY BLOCK-----\n"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.gate.Validate(); !errors.Is(err, ErrInvalidSpec) {
				t.Fatalf("Validate = %v, want ErrInvalidSpec", err)
			}
		})
	}
}

func TestFetchWithGateAndLastGood(t *testing.T) {
	alice, mallory := newSSHKey(t), newSSHKey(t)
	f := newFixture(t, true)
	commit := func(msg string, s git.Signer) plumbing.Hash {
		return f.commit("refs/heads/main", f.tree(map[string]string{"f": msg}), msg, s)
	}
	commit("c1 signed", alice)
	good := commit("c2 signed", alice)
	commit("c3 unsigned", nil)
	head := commit("c4 signed by an unlisted key", mallory)

	src, err := Open(t.Context(), Spec{URL: f.dir}, WithGate(Gate{SSHAllowedSigners: []string{alice.authorizedKey("alice")}}))
	if err != nil {
		t.Fatal(err)
	}
	rev, err := src.Fetch(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if rev.Hash != head.String() || rev.Signed || !strings.Contains(rev.SignatureProblem, "not an allowed signer") {
		t.Fatalf("Fetch = %+v; want head %s reported as not signed by an allowed key", rev, head)
	}
	last, err := src.LastGood(t.Context(), rev, 0)
	if err != nil {
		t.Fatal(err)
	}
	if last.Hash != good.String() || !last.Signed || last.Ref != "refs/heads/main" || last.Message != "c2 signed" {
		t.Errorf("LastGood = %+v; want %s, signed, on main", last, good)
	}
	if _, err := src.LastGood(t.Context(), rev, 2); !errors.Is(err, ErrNoGoodRevision) {
		t.Errorf("LastGood depth 2 = %v, want ErrNoGoodRevision", err)
	}

	plain, err := Open(t.Context(), Spec{URL: f.dir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plain.LastGood(t.Context(), rev, 0); !errors.Is(err, ErrInvalidSpec) {
		t.Errorf("LastGood without a gate = %v, want ErrInvalidSpec", err)
	}
}
