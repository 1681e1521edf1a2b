package gitsource

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
	"github.com/ProtonMail/go-crypto/openpgp/packet"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
)

// fixture is a repository built in a test with go-git's object store only:
// no git binary and no work tree checkout.
type fixture struct {
	t    *testing.T
	dir  string
	repo *git.Repository
	n    int
}

// newFixture creates a repository whose HEAD points at main.
func newFixture(t *testing.T, bare bool) *fixture {
	t.Helper()
	dir := t.TempDir()
	repo, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		Bare:        bare,
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		t.Fatalf("init: %v", err)
	}
	return &fixture{t: t, dir: dir, repo: repo}
}

// linkPrefix marks a file content as a symlink target in tree().
const linkPrefix = "symlink:"

// tree stores files (slash paths; content starting with linkPrefix makes a
// symlink) as nested trees and returns the root tree hash.
func (f *fixture) tree(files map[string]string) plumbing.Hash {
	f.t.Helper()
	var entries []object.TreeEntry
	subs := map[string]map[string]string{}
	for p, content := range files {
		first, rest, nested := strings.Cut(p, "/")
		if nested {
			if subs[first] == nil {
				subs[first] = map[string]string{}
			}
			subs[first][rest] = content
			continue
		}
		mode := filemode.Regular
		if target, ok := strings.CutPrefix(content, linkPrefix); ok {
			mode, content = filemode.Symlink, target
		}
		entries = append(entries, object.TreeEntry{Name: first, Mode: mode, Hash: f.blob(content)})
	}
	for name, sub := range subs {
		entries = append(entries, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: f.tree(sub)})
	}
	return f.rawTree(entries)
}

// rawTree stores entries as they are (names are not checked), sorted the
// way git sorts them.
func (f *fixture) rawTree(entries []object.TreeEntry) plumbing.Hash {
	f.t.Helper()
	key := func(e object.TreeEntry) string {
		if e.Mode == filemode.Dir {
			return e.Name + "/"
		}
		return e.Name
	}
	sort.Slice(entries, func(i, j int) bool { return key(entries[i]) < key(entries[j]) })
	return f.store(&object.Tree{Entries: entries})
}

func (f *fixture) blob(content string) plumbing.Hash {
	f.t.Helper()
	obj := f.repo.Storer.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	w, err := obj.Writer()
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := io.WriteString(w, content); err != nil {
		f.t.Fatal(err)
	}
	_ = w.Close()
	h, err := f.repo.Storer.SetEncodedObject(obj)
	if err != nil {
		f.t.Fatal(err)
	}
	return h
}

type encoder interface {
	Encode(plumbing.EncodedObject) error
}

func (f *fixture) store(o encoder) plumbing.Hash {
	f.t.Helper()
	obj := f.repo.Storer.NewEncodedObject()
	if err := o.Encode(obj); err != nil {
		f.t.Fatal(err)
	}
	h, err := f.repo.Storer.SetEncodedObject(obj)
	if err != nil {
		f.t.Fatal(err)
	}
	return h
}

// commit makes a commit of tree on ref (a full name), with the ref's
// current commit as parent, signed by signer when it is not nil, and moves
// ref to it.
func (f *fixture) commit(ref string, tree plumbing.Hash, msg string, signer git.Signer) plumbing.Hash {
	f.t.Helper()
	f.n++
	who := object.Signature{Name: "Ada Lovelace", Email: "ada@example.com", When: time.Date(2026, 1, 2, 3, 4, f.n, 0, time.UTC)}
	c := &object.Commit{Author: who, Committer: who, Message: msg, TreeHash: tree}
	if r, err := f.repo.Storer.Reference(plumbing.ReferenceName(ref)); err == nil {
		c.ParentHashes = []plumbing.Hash{r.Hash()}
	}
	if signer != nil {
		var o plumbing.MemoryObject
		if err := c.EncodeWithoutSignature(&o); err != nil {
			f.t.Fatal(err)
		}
		r, _ := o.Reader()
		sig, err := signer.Sign(r)
		if err != nil {
			f.t.Fatal(err)
		}
		c.PGPSignature = string(sig)
	}
	h := f.store(c)
	f.setRef(ref, h)
	return h
}

func (f *fixture) setRef(ref string, h plumbing.Hash) {
	f.t.Helper()
	if err := f.repo.Storer.SetReference(plumbing.NewHashReference(plumbing.ReferenceName(ref), h)); err != nil {
		f.t.Fatal(err)
	}
}

// commitFiles commits files on ref.
func (f *fixture) commitFiles(ref string, files map[string]string, msg string) plumbing.Hash {
	f.t.Helper()
	return f.commit(ref, f.tree(files), msg, nil)
}

// annotatedTag makes refs/tags/name an annotated tag of target.
func (f *fixture) annotatedTag(name string, target plumbing.Hash) {
	f.t.Helper()
	who := object.Signature{Name: "Ada Lovelace", Email: "ada@example.com", When: time.Date(2026, 1, 3, 0, 0, 0, 0, time.UTC)}
	h := f.store(&object.Tag{Name: name, Tagger: who, Message: "release " + name, TargetType: plumbing.CommitObject, Target: target})
	f.setRef("refs/tags/"+name, h)
}

// sshKey is an ed25519 key that signs commits the way git does
// (gpg.format=ssh): an armored SSHSIG in the "git" namespace.
type sshKey struct {
	signer    ssh.Signer
	namespace string
}

func newSSHKey(t *testing.T) *sshKey {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ssh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return &sshKey{signer: s, namespace: sshNamespace}
}

// Sign implements git.Signer.
func (k *sshKey) Sign(message io.Reader) ([]byte, error) {
	sig, err := sshsig.Sign(message, k.signer, sshsig.HashSHA512, k.namespace)
	if err != nil {
		return nil, err
	}
	return sshsig.Armor(sig), nil
}

// authorizedKey is the key's authorized_keys line.
func (k *sshKey) authorizedKey(comment string) string {
	return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(k.signer.PublicKey()))) + " " + comment
}

// pgpKey signs commits with OpenPGP, as go-git's CommitOptions.SignKey does.
type pgpKey struct{ entity *openpgp.Entity }

func newPGPKey(t *testing.T, name string) *pgpKey {
	t.Helper()
	e, err := openpgp.NewEntity(name, "", strings.ToLower(name)+"@example.com", &packet.Config{Algorithm: packet.PubKeyAlgoEdDSA})
	if err != nil {
		t.Fatal(err)
	}
	return &pgpKey{entity: e}
}

// Sign implements git.Signer.
func (k *pgpKey) Sign(message io.Reader) ([]byte, error) {
	var b bytes.Buffer
	if err := openpgp.ArmoredDetachSign(&b, k.entity, message, nil); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// armoredPublic is the armored public key ring of k.
func (k *pgpKey) armoredPublic(t *testing.T) string {
	t.Helper()
	var b bytes.Buffer
	w, err := armor.Encode(&b, openpgp.PublicKeyType, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := k.entity.Serialize(w); err != nil {
		t.Fatal(err)
	}
	_ = w.Close()
	return b.String()
}

// writeFiles writes files (slash paths) below dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, content := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readTree returns every regular file below dir by slash path, and symlinks
// as linkPrefix+target.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.Type()&os.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			out[rel] = linkPrefix + path.Clean(filepath.ToSlash(target))
			return err
		}
		b, err := os.ReadFile(p)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
