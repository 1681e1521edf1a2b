package gitsource

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
)

// sshNamespace is the SSHSIG namespace git signs commits in.
const sshNamespace = "git"

const (
	sshArmorHeader = "-----BEGIN SSH SIGNATURE-----"
	pgpArmorHeader = "-----BEGIN PGP SIGNATURE-----"
)

// Gate admits only commits signed by one of its keys. A Gate with no keys
// admits nothing. It is a plain value, safe for concurrent use.
type Gate struct {
	// SSHAllowedSigners are SSH public keys, one or more per string, one per
	// line, in authorized_keys form ("ssh-ed25519 AAAA… comment") or git's
	// allowed_signers form ("principal [options] ssh-ed25519 AAAA…"). Blank
	// lines and # comments are skipped.
	SSHAllowedSigners []string
	// OpenPGPKeyRings are ASCII-armored OpenPGP public keys (each string one
	// armored block, which may hold several keys).
	OpenPGPKeyRings []string
}

// sshSigner is one allowed SSH key and the name reported for it.
type sshSigner struct {
	key  ssh.PublicKey
	name string
}

// Validate parses every key, and fails on the first that does not parse or
// when the gate holds no key at all.
func (g Gate) Validate() error {
	signers, err := g.sshSigners()
	if err != nil {
		return err
	}
	for i, ring := range g.OpenPGPKeyRings {
		if _, err := openpgp.ReadArmoredKeyRing(strings.NewReader(ring)); err != nil {
			return fmt.Errorf("%w: OpenPGP key ring %d: %v", ErrInvalidSpec, i+1, err)
		}
	}
	if len(signers) == 0 && len(g.OpenPGPKeyRings) == 0 {
		return fmt.Errorf("%w: signature gate has no keys", ErrInvalidSpec)
	}
	return nil
}

func (g Gate) sshSigners() ([]sshSigner, error) {
	var out []sshSigner
	for i, block := range g.SSHAllowedSigners {
		for n, line := range strings.Split(block, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			s, err := parseAllowedSigner(line)
			if err != nil {
				return nil, fmt.Errorf("%w: SSH allowed signer %d line %d: %v", ErrInvalidSpec, i+1, n+1, err)
			}
			out = append(out, s)
		}
	}
	return out, nil
}

// parseAllowedSigner reads an authorized_keys line, or an allowed_signers
// line whose principals (and options) come before the key.
func parseAllowedSigner(line string) (sshSigner, error) {
	if key, comment, _, _, err := ssh.ParseAuthorizedKey([]byte(line)); err == nil {
		return sshSigner{key: key, name: signerName(key, comment)}, nil
	}
	fields := strings.Fields(line)
	for i := 1; i < len(fields); i++ {
		key, _, _, _, err := ssh.ParseAuthorizedKey([]byte(strings.Join(fields[i:], " ")))
		if err == nil {
			return sshSigner{key: key, name: signerName(key, fields[0])}, nil
		}
	}
	return sshSigner{}, errors.New("no SSH public key found")
}

func signerName(key ssh.PublicKey, who string) string {
	name := "SSH " + ssh.FingerprintSHA256(key)
	if who != "" {
		name += " " + who
	}
	return name
}

// Verify checks c's signature against the gate's keys and returns who
// signed it. It returns an error wrapping ErrUnsigned when c carries no
// signature, and ErrUntrustedSignature when no allowed key verifies it.
// SSH signatures must be in the "git" namespace; the signed payload is the
// commit object without its gpgsig header.
func (g Gate) Verify(c *object.Commit) (string, error) {
	sig := strings.TrimSpace(c.PGPSignature)
	switch {
	case sig == "":
		return "", fmt.Errorf("%s: %w", short(c.Hash), ErrUnsigned)
	case strings.HasPrefix(sig, sshArmorHeader):
		return g.verifySSH(c)
	case strings.HasPrefix(sig, pgpArmorHeader):
		return g.verifyOpenPGP(c)
	}
	return "", fmt.Errorf("%s: %w: unsupported signature format", short(c.Hash), ErrUntrustedSignature)
}

func (g Gate) verifyOpenPGP(c *object.Commit) (string, error) {
	for _, ring := range g.OpenPGPKeyRings {
		entity, err := c.Verify(ring)
		if err != nil || entity == nil {
			continue
		}
		name := "OpenPGP " + strings.ToUpper(fmt.Sprintf("%x", entity.PrimaryKey.Fingerprint))
		if id := entity.PrimaryIdentity(); id != nil {
			name += " " + id.Name
		}
		return name, nil
	}
	return "", fmt.Errorf("%s: %w: OpenPGP signature not made by an allowed key", short(c.Hash), ErrUntrustedSignature)
}

func (g Gate) verifySSH(c *object.Commit) (string, error) {
	sig, err := sshsig.Unarmor([]byte(c.PGPSignature))
	if err != nil {
		return "", fmt.Errorf("%s: %w: malformed SSH signature: %v", short(c.Hash), ErrUntrustedSignature, err)
	}
	if sig.Namespace != sshNamespace {
		return "", fmt.Errorf("%s: %w: SSH signature namespace %q, want %q", short(c.Hash), ErrUntrustedSignature, sig.Namespace, sshNamespace)
	}
	payload, err := unsignedPayload(c)
	if err != nil {
		return "", fmt.Errorf("%s: %w", short(c.Hash), err)
	}
	signers, err := g.sshSigners()
	if err != nil {
		return "", err
	}
	want := ssh.FingerprintSHA256(sig.PublicKey)
	for _, s := range signers {
		if ssh.FingerprintSHA256(s.key) != want {
			continue
		}
		if err := sshsig.Verify(bytes.NewReader(payload), sig, s.key, sig.HashAlgorithm, sshNamespace); err != nil {
			return "", fmt.Errorf("%s: %w: SSH signature by %s does not verify: %v", short(c.Hash), ErrUntrustedSignature, want, err)
		}
		return s.name, nil
	}
	return "", fmt.Errorf("%s: %w: SSH key %s is not an allowed signer", short(c.Hash), ErrUntrustedSignature, want)
}

// unsignedPayload is the commit object as it was signed: without gpgsig.
func unsignedPayload(c *object.Commit) ([]byte, error) {
	var o plumbing.MemoryObject
	if err := c.EncodeWithoutSignature(&o); err != nil {
		return nil, fmt.Errorf("encode commit: %w", err)
	}
	r, err := o.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func short(h plumbing.Hash) string { return h.String()[:7] }
