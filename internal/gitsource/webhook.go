package gitsource

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
)

// MaxPayloadSize is the largest webhook body read, in bytes.
const MaxPayloadSize = 5 << 20

// Webhook providers understood by ParsePush.
const (
	ProviderGitHub = "github"
	ProviderGitLab = "gitlab"
)

// Webhook headers.
const (
	headerGitHubSignature = "X-Hub-Signature-256"
	headerGitHubEvent     = "X-GitHub-Event"
	headerGitLabToken     = "X-Gitlab-Token"
	headerGitLabEvent     = "X-Gitlab-Event"
)

// PushEvent is what a push webhook says: which ref moved, to which commit,
// in which repository. It is only a hint to fetch: the revision applied is
// always the one Fetch resolves, never After itself.
type PushEvent struct {
	// Provider is ProviderGitHub or ProviderGitLab.
	Provider string
	// Ref is the full ref that moved ("refs/heads/main", "refs/tags/v1").
	Ref string
	// After is the new commit hash (all zeros when the ref was deleted).
	After string
	// Repository is the repository's HTTPS clone URL; RepositorySSH its SSH
	// one. Either may be empty.
	Repository    string
	RepositorySSH string
}

// VerifyGitHub checks GitHub's X-Hub-Signature-256 header ("sha256=" and the
// hex HMAC-SHA256 of body under secret) in constant time. It returns an
// error wrapping ErrBadSignature when the header is missing, malformed or
// wrong, or when secret is empty (an empty secret verifies nothing).
func VerifyGitHub(secret, body []byte, header string) error {
	if len(secret) == 0 {
		return fmt.Errorf("%w: no webhook secret configured", ErrBadSignature)
	}
	hexSig, ok := strings.CutPrefix(strings.TrimSpace(header), "sha256=")
	if !ok {
		return fmt.Errorf("%w: %s missing or not sha256", ErrBadSignature, headerGitHubSignature)
	}
	got, err := hex.DecodeString(hexSig)
	if err != nil || len(got) != sha256.Size {
		return fmt.Errorf("%w: %s malformed", ErrBadSignature, headerGitHubSignature)
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write(body)
	if !hmac.Equal(got, mac.Sum(nil)) {
		return fmt.Errorf("%w: %s does not match", ErrBadSignature, headerGitHubSignature)
	}
	return nil
}

// VerifyGitLab checks GitLab's X-Gitlab-Token header against token in
// constant time (lengths are not leaked either). It returns an error
// wrapping ErrBadSignature when the header is missing or wrong, or when
// token is empty.
func VerifyGitLab(token []byte, header string) error {
	if len(token) == 0 {
		return fmt.Errorf("%w: no webhook token configured", ErrBadSignature)
	}
	if header == "" {
		return fmt.Errorf("%w: %s missing", ErrBadSignature, headerGitLabToken)
	}
	want, got := sha256.Sum256(token), sha256.Sum256([]byte(header))
	if subtle.ConstantTimeCompare(want[:], got[:]) != 1 {
		return fmt.Errorf("%w: %s does not match", ErrBadSignature, headerGitLabToken)
	}
	return nil
}

type githubPush struct {
	Ref        string `json:"ref"`
	After      string `json:"after"`
	Repository struct {
		CloneURL string `json:"clone_url"`
		SSHURL   string `json:"ssh_url"`
	} `json:"repository"`
}

type gitlabPush struct {
	ObjectKind string `json:"object_kind"`
	Ref        string `json:"ref"`
	After      string `json:"after"`
	Project    struct {
		HTTPURL string `json:"git_http_url"`
		SSHURL  string `json:"git_ssh_url"`
	} `json:"project"`
}

// ParsePush decodes a push event body from provider (ProviderGitHub or
// ProviderGitLab). It returns an error wrapping ErrTooLarge for bodies over
// MaxPayloadSize, and ErrBadPayload for anything else unusable: unknown
// provider, malformed JSON, a GitLab event that is not a push, a missing or
// invalid ref, an after that is not a commit hash.
func ParsePush(provider string, body []byte) (PushEvent, error) {
	if len(body) > MaxPayloadSize {
		return PushEvent{}, fmt.Errorf("%w: webhook payload over %d bytes", ErrTooLarge, MaxPayloadSize)
	}
	ev := PushEvent{Provider: provider}
	dec := json.NewDecoder(bytes.NewReader(body))
	switch provider {
	case ProviderGitHub:
		var p githubPush
		if err := dec.Decode(&p); err != nil {
			return PushEvent{}, fmt.Errorf("%w: github push: %v", ErrBadPayload, err)
		}
		ev.Ref, ev.After, ev.Repository, ev.RepositorySSH = p.Ref, p.After, p.Repository.CloneURL, p.Repository.SSHURL
	case ProviderGitLab:
		var p gitlabPush
		if err := dec.Decode(&p); err != nil {
			return PushEvent{}, fmt.Errorf("%w: gitlab push: %v", ErrBadPayload, err)
		}
		if p.ObjectKind != "push" && p.ObjectKind != "tag_push" {
			return PushEvent{}, fmt.Errorf("%w: gitlab object_kind %q is not a push", ErrBadPayload, p.ObjectKind)
		}
		ev.Ref, ev.After, ev.Repository, ev.RepositorySSH = p.Ref, p.After, p.Project.HTTPURL, p.Project.SSHURL
	default:
		return PushEvent{}, fmt.Errorf("%w: unknown provider %q", ErrBadPayload, provider)
	}
	if err := validatePush(ev); err != nil {
		return PushEvent{}, fmt.Errorf("%w: %s push: %v", ErrBadPayload, provider, err)
	}
	return ev, nil
}

func validatePush(ev PushEvent) error {
	name := plumbing.ReferenceName(ev.Ref)
	if !strings.HasPrefix(ev.Ref, "refs/") || name.Validate() != nil {
		return fmt.Errorf("ref %q is not a full ref name", ev.Ref)
	}
	if len(ev.After) != 40 && len(ev.After) != 64 {
		return fmt.Errorf("after %q is not a commit hash", ev.After)
	}
	if _, err := hex.DecodeString(ev.After); err != nil {
		return fmt.Errorf("after %q is not a commit hash", ev.After)
	}
	return nil
}

// WebhookHandler serves GitHub and GitLab push webhooks. secret is the
// GitHub HMAC secret and the GitLab token alike; an empty secret rejects
// every request. The provider is told by its headers. Answers:
//
//	405 not a POST
//	401 signature or token missing or wrong (onPush not called; for GitLab
//	    the body is not even read)
//	413 body over MaxPayloadSize
//	400 body unreadable or not a usable push (ParsePush)
//	204 verified, but not a push event (GitHub ping, other events)
//	202 verified push: onPush was called
//
// onPush runs on the request goroutine and must not block: call
// Source.Trigger, do not fetch there. The handler is safe for concurrent use.
func WebhookHandler(secret []byte, onPush func(PushEvent)) http.Handler {
	key := bytes.Clone(secret)
	if onPush == nil {
		onPush = func(PushEvent) {}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		provider, isPush := webhookProvider(r.Header)
		if provider == "" {
			http.Error(w, "unsigned webhook", http.StatusUnauthorized)
			return
		}
		if provider == ProviderGitLab {
			if err := VerifyGitLab(key, r.Header.Get(headerGitLabToken)); err != nil {
				http.Error(w, "bad webhook token", http.StatusUnauthorized)
				return
			}
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxPayloadSize))
		if err != nil {
			var tooLarge *http.MaxBytesError
			if errors.As(err, &tooLarge) {
				http.Error(w, "payload too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "cannot read body", http.StatusBadRequest)
			return
		}
		if provider == ProviderGitHub {
			if err := VerifyGitHub(key, body, r.Header.Get(headerGitHubSignature)); err != nil {
				http.Error(w, "bad webhook signature", http.StatusUnauthorized)
				return
			}
		}
		if !isPush {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		ev, err := ParsePush(provider, body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		onPush(ev)
		w.WriteHeader(http.StatusAccepted)
	})
}

// webhookProvider tells the provider from the headers ("" when neither
// GitHub's nor GitLab's are present) and whether the event is a push.
func webhookProvider(h http.Header) (provider string, isPush bool) {
	switch {
	case h.Get(headerGitHubSignature) != "" || h.Get(headerGitHubEvent) != "":
		return ProviderGitHub, h.Get(headerGitHubEvent) == "push"
	case h.Get(headerGitLabToken) != "" || h.Get(headerGitLabEvent) != "":
		ev := h.Get(headerGitLabEvent)
		return ProviderGitLab, ev == "Push Hook" || ev == "Tag Push Hook"
	}
	return "", false
}
