package gitsource

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const (
	testSecret = "s3cret"
	testHash   = "0123456789abcdef0123456789abcdef01234567"
)

var (
	githubBody = `{"ref":"refs/heads/main","before":"` + strings.Repeat("0", 40) + `","after":"` + testHash + `",
		"repository":{"clone_url":"https://github.com/acme/net.git","ssh_url":"git@github.com:acme/net.git"}}`
	gitlabBody = `{"object_kind":"push","ref":"refs/heads/main","after":"` + testHash + `",
		"project":{"git_http_url":"https://gitlab.example.com/acme/net.git","git_ssh_url":"git@gitlab.example.com:acme/net.git"}}`
)

func githubSig(secret, body string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(body))
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

func TestWebhookHandler(t *testing.T) {
	tests := []struct {
		name     string
		method   string
		headers  map[string]string
		body     string
		want     int
		wantPush bool
	}{
		{name: "github good signature", headers: map[string]string{"X-GitHub-Event": "push", "X-Hub-Signature-256": githubSig(testSecret, githubBody)}, body: githubBody, want: 202, wantPush: true},
		{name: "github wrong signature", headers: map[string]string{"X-GitHub-Event": "push", "X-Hub-Signature-256": githubSig("other", githubBody)}, body: githubBody, want: 401},
		{name: "github signature of another body", headers: map[string]string{"X-GitHub-Event": "push", "X-Hub-Signature-256": githubSig(testSecret, "{}")}, body: githubBody, want: 401},
		{name: "github missing signature", headers: map[string]string{"X-GitHub-Event": "push"}, body: githubBody, want: 401},
		{name: "github sha1 signature only", headers: map[string]string{"X-GitHub-Event": "push", "X-Hub-Signature-256": "sha1=abcd"}, body: githubBody, want: 401},
		{name: "github ping is verified and ignored", headers: map[string]string{"X-GitHub-Event": "ping", "X-Hub-Signature-256": githubSig(testSecret, `{"zen":"x"}`)}, body: `{"zen":"x"}`, want: 204},
		{name: "github bad payload", headers: map[string]string{"X-GitHub-Event": "push", "X-Hub-Signature-256": githubSig(testSecret, `{"ref":"main"}`)}, body: `{"ref":"main"}`, want: 400},
		{name: "gitlab good token", headers: map[string]string{"X-Gitlab-Event": "Push Hook", "X-Gitlab-Token": testSecret}, body: gitlabBody, want: 202, wantPush: true},
		{name: "gitlab wrong token", headers: map[string]string{"X-Gitlab-Event": "Push Hook", "X-Gitlab-Token": "guess"}, body: gitlabBody, want: 401},
		{name: "gitlab missing token", headers: map[string]string{"X-Gitlab-Event": "Push Hook"}, body: gitlabBody, want: 401},
		{name: "gitlab bad json", headers: map[string]string{"X-Gitlab-Event": "Push Hook", "X-Gitlab-Token": testSecret}, body: `{`, want: 400},
		{name: "no provider headers at all", body: githubBody, want: 401},
		{name: "GET is not allowed", method: http.MethodGet, want: 405},
		{name: "payload over the limit", headers: map[string]string{"X-Gitlab-Event": "Push Hook", "X-Gitlab-Token": testSecret}, body: strings.Repeat(" ", MaxPayloadSize+1), want: 413},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pushes []PushEvent
			h := WebhookHandler([]byte(testSecret), func(e PushEvent) { pushes = append(pushes, e) })
			method := tt.method
			if method == "" {
				method = http.MethodPost
			}
			req := httptest.NewRequest(method, "/hooks/git", strings.NewReader(tt.body))
			for k, v := range tt.headers {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Errorf("status = %d, want %d (%s)", rec.Code, tt.want, rec.Body.String())
			}
			if got := len(pushes) == 1; got != tt.wantPush || len(pushes) > 1 {
				t.Errorf("callback called %d times, want push=%v", len(pushes), tt.wantPush)
			}
			if strings.Contains(rec.Body.String(), testSecret) {
				t.Errorf("response leaks the secret: %q", rec.Body.String())
			}
		})
	}
}

func TestWebhookHandlerEmptySecretRejectsAll(t *testing.T) {
	called := false
	h := WebhookHandler(nil, func(PushEvent) { called = true })
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(githubBody))
	req.Header.Set("X-GitHub-Event", "push")
	req.Header.Set("X-Hub-Signature-256", githubSig("", githubBody))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized || called {
		t.Fatalf("status %d, called %v; want 401 and no callback", rec.Code, called)
	}
}

func TestParsePush(t *testing.T) {
	tests := []struct {
		name     string
		provider string
		body     string
		want     PushEvent
		wantErr  error
	}{
		{name: "github", provider: ProviderGitHub, body: githubBody, want: PushEvent{Provider: "github", Ref: "refs/heads/main", After: testHash, Repository: "https://github.com/acme/net.git", RepositorySSH: "git@github.com:acme/net.git"}},
		{name: "gitlab", provider: ProviderGitLab, body: gitlabBody, want: PushEvent{Provider: "gitlab", Ref: "refs/heads/main", After: testHash, Repository: "https://gitlab.example.com/acme/net.git", RepositorySSH: "git@gitlab.example.com:acme/net.git"}},
		{name: "gitlab tag push", provider: ProviderGitLab, body: `{"object_kind":"tag_push","ref":"refs/tags/v1","after":"` + testHash + `"}`, want: PushEvent{Provider: "gitlab", Ref: "refs/tags/v1", After: testHash}},
		{name: "gitlab merge request is not a push", provider: ProviderGitLab, body: `{"object_kind":"merge_request"}`, wantErr: ErrBadPayload},
		{name: "short ref", provider: ProviderGitHub, body: `{"ref":"main","after":"` + testHash + `"}`, wantErr: ErrBadPayload},
		{name: "bad ref", provider: ProviderGitHub, body: `{"ref":"refs/heads/a..b","after":"` + testHash + `"}`, wantErr: ErrBadPayload},
		{name: "after is not a hash", provider: ProviderGitHub, body: `{"ref":"refs/heads/main","after":"HEAD"}`, wantErr: ErrBadPayload},
		{name: "not json", provider: ProviderGitHub, body: `ref=main`, wantErr: ErrBadPayload},
		{name: "unknown provider", provider: "bitbucket", body: githubBody, wantErr: ErrBadPayload},
		{name: "too large", provider: ProviderGitHub, body: strings.Repeat(" ", MaxPayloadSize+1), wantErr: ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePush(tt.provider, []byte(tt.body))
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("ParsePush error = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParsePush (-want +got):\n%s", diff)
			}
		})
	}
}

func TestVerifyGitHubAndGitLab(t *testing.T) {
	body := []byte(githubBody)
	if err := VerifyGitHub([]byte(testSecret), body, githubSig(testSecret, githubBody)); err != nil {
		t.Errorf("VerifyGitHub(good) = %v", err)
	}
	for _, h := range []string{"", "sha256=", "sha256=zz", githubSig("x", githubBody)} {
		if err := VerifyGitHub([]byte(testSecret), body, h); !errors.Is(err, ErrBadSignature) {
			t.Errorf("VerifyGitHub(%q) = %v, want ErrBadSignature", h, err)
		}
	}
	if err := VerifyGitLab([]byte(testSecret), testSecret); err != nil {
		t.Errorf("VerifyGitLab(good) = %v", err)
	}
	for _, h := range []string{"", testSecret + "x", "s3"} {
		if err := VerifyGitLab([]byte(testSecret), h); !errors.Is(err, ErrBadSignature) {
			t.Errorf("VerifyGitLab(%q) = %v, want ErrBadSignature", h, err)
		}
	}
	if err := VerifyGitLab(nil, ""); !errors.Is(err, ErrBadSignature) {
		t.Errorf("VerifyGitLab with no token configured = %v, want ErrBadSignature", err)
	}
}

func FuzzParsePush(f *testing.F) {
	f.Add(ProviderGitHub, []byte(githubBody))
	f.Add(ProviderGitLab, []byte(gitlabBody))
	f.Fuzz(func(t *testing.T, provider string, body []byte) {
		ev, err := ParsePush(provider, body)
		if err == nil && (ev.Ref == "" || len(ev.After) < 40) {
			t.Fatalf("accepted an incomplete event %+v", ev)
		}
	})
}
