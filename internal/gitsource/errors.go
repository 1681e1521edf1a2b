package gitsource

import (
	"errors"
	"strings"
)

var (
	// ErrInvalidSpec is returned (wrapped) by ParseSpec, Spec.Validate and
	// Open when a location, ref, sub-path or authentication setting cannot
	// be used.
	ErrInvalidSpec = errors.New("invalid git source")

	// ErrRefNotFound is returned (wrapped) by Fetch when the branch or tag
	// does not exist in the repository.
	ErrRefNotFound = errors.New("ref not found")

	// ErrAmbiguousRef is returned (wrapped) by Fetch when a short ref name
	// names both a branch and a tag; spell it refs/heads/NAME or
	// refs/tags/NAME.
	ErrAmbiguousRef = errors.New("ambiguous ref")

	// ErrUnsafeTree is returned (wrapped) by Checkout when a tree holds an
	// entry that would escape the target directory (bad name, symlink
	// leaving the tree), or an entry kind that cannot be materialised
	// (submodule).
	ErrUnsafeTree = errors.New("unsafe tree entry")

	// ErrTooLarge is returned (wrapped) by Checkout when a file, the whole
	// tree or the number of entries exceeds the configured Limits, and by
	// ParsePush and the webhook handler when a payload exceeds
	// MaxPayloadSize.
	ErrTooLarge = errors.New("too large")

	// ErrUnsigned is returned (wrapped) by Gate.Verify when the commit
	// carries no signature.
	ErrUnsigned = errors.New("commit is not signed")

	// ErrUntrustedSignature is returned (wrapped) by Gate.Verify when the
	// commit carries a signature that no allowed key verifies (another key,
	// a tampered commit, a wrong SSH namespace, an unsupported format).
	ErrUntrustedSignature = errors.New("commit signature not trusted")

	// ErrNoGoodRevision is returned (wrapped) by Source.LastGood when no
	// commit within the search bound passes the gate.
	ErrNoGoodRevision = errors.New("no revision passes the signature gate")

	// ErrBadSignature is returned (wrapped) by VerifyGitHub and VerifyGitLab
	// when the signature or token header is missing or wrong. The webhook
	// handler answers 401 for it.
	ErrBadSignature = errors.New("webhook signature missing or invalid")

	// ErrBadPayload is returned (wrapped) by ParsePush when the body is not a
	// usable push event. The webhook handler answers 400 for it.
	ErrBadPayload = errors.New("bad webhook payload")
)

// redactedError keeps an underlying error for errors.Is/As while its text has
// secrets replaced. Transport libraries may echo the URL they were given;
// this is the last line of defence before a message leaves the package.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

// redact returns err with every non-empty secret in its text replaced by
// "[redacted]". A nil err stays nil.
func redact(err error, secrets ...string) error {
	var pairs []string
	for _, s := range secrets {
		pairs = append(pairs, s, "[redacted]")
	}
	return replaceInError(err, pairs...)
}

// replaceInError returns err with each old string of the old/new pairs
// replaced in its text; empty olds are skipped.
func replaceInError(err error, oldnew ...string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	orig := msg
	for i := 0; i+1 < len(oldnew); i += 2 {
		if oldnew[i] != "" {
			msg = strings.ReplaceAll(msg, oldnew[i], oldnew[i+1])
		}
	}
	if msg == orig {
		return err
	}
	return &redactedError{msg: msg, err: err}
}
