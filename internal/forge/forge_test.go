package forge_test

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/forge"
	"github.com/switchyard/switchyard/internal/forge/forgetest"
	"github.com/switchyard/switchyard/models"
)

const (
	token = "tok-3f9a1c7e"
	repo  = "netops/campus"
	sha   = "0123456789abcdef0123456789abcdef01234567"
	pr    = 42
)

var providers = []string{forge.GitHub, forge.GitLab, forge.Gitea}

// waits records the waits the client announces before retries.
type waits struct {
	mu sync.Mutex
	d  []time.Duration
}

func (w *waits) add(d time.Duration) { w.mu.Lock(); w.d = append(w.d, d); w.mu.Unlock() }
func (w *waits) all() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.d...)
}

func newClient(t *testing.T, srv *forgetest.Server, w *waits) *forge.Client {
	t.Helper()
	cfg := forge.Config{Provider: srv.Provider, APIURL: srv.APIURL(), Repository: repo, Token: models.NewSecret(token),
		RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond, MaxRetryAfter: 5 * time.Second}
	if w != nil {
		cfg.OnWait = w.add
	}
	c, err := forge.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func marked(cs []forgetest.Comment, marker string) []forgetest.Comment {
	var out []forgetest.Comment
	for _, c := range cs {
		if strings.HasPrefix(c.Body, marker) {
			out = append(out, c)
		}
	}
	return out
}

func TestUpsertCreatesThenUpdatesTheSameComment(t *testing.T) {
	for _, p := range providers {
		t.Run(p, func(t *testing.T) {
			srv := forgetest.New(t, p, token, repo, pr, sha)
			// Other people's comments fill more than one page; one quotes
			// the marker but does not start with it.
			marker := forge.Marker("switchyard/plan")
			srv.AddComment("looks good", false)
			srv.AddComment("why does it say "+marker+"?", false)
			srv.AddComment("assigned to @ops", true)
			c := newClient(t, srv, nil)
			ctx := t.Context()
			if got, err := c.HeadSHA(ctx, pr); err != nil || got != sha {
				t.Fatalf("HeadSHA = %q, %v; want %s", got, err, sha)
			}
			first, err := c.UpsertComment(ctx, pr, marker, "plan v1")
			if err != nil || !first.Created {
				t.Fatalf("first upsert = %+v, %v; want a created comment", first, err)
			}
			srv.AddComment("another remark", false)
			srv.AddComment("and another", false)
			second, err := c.UpsertComment(ctx, pr, marker, "plan v2")
			if err != nil || second.Created || second.ID != first.ID {
				t.Fatalf("second upsert = %+v, %v; want comment %d updated", second, err, first.ID)
			}
			ms := marked(srv.Comments(), marker)
			if len(ms) != 1 || ms[0].Body != marker+"\nplan v2" {
				t.Fatalf("marked comments = %+v, want one holding plan v2", ms)
			}
			if n := len(srv.Comments()); n != 6 {
				t.Errorf("%d comments, want 6 (5 others and ours)", n)
			}
			if srv.Calls(forgetest.KindUpdate) != 1 || srv.Calls(forgetest.KindCreate) != 1 {
				t.Errorf("creates %d, updates %d; want 1 and 1", srv.Calls(forgetest.KindCreate), srv.Calls(forgetest.KindUpdate))
			}
		})
	}
}

func TestSetStatus(t *testing.T) {
	for _, p := range providers {
		t.Run(p, func(t *testing.T) {
			srv := forgetest.New(t, p, token, repo, pr, sha)
			c := newClient(t, srv, nil)
			long := strings.Repeat("é", 200)
			if err := c.SetStatus(t.Context(), sha, forge.Status{State: forge.StateFailure, Context: "switchyard/plan",
				Description: long, TargetURL: "https://ci.example.net/job/1"}); err != nil {
				t.Fatal(err)
			}
			sts := srv.Statuses()
			if len(sts) != 1 {
				t.Fatalf("statuses = %+v", sts)
			}
			want := map[string]string{forge.GitHub: "failure", forge.Gitea: "failure", forge.GitLab: "failed"}[p]
			st := sts[0]
			if st.State != want || st.Context != "switchyard/plan" || st.TargetURL != "https://ci.example.net/job/1" {
				t.Errorf("status = %+v, want state %s", st, want)
			}
			if n := len([]rune(st.Description)); n != forge.DescriptionLimit || !strings.HasSuffix(st.Description, "…") {
				t.Errorf("description has %d characters, want %d ending in …", n, forge.DescriptionLimit)
			}
		})
	}
}

func TestRetries(t *testing.T) {
	for _, p := range providers {
		t.Run(p, func(t *testing.T) {
			srv := forgetest.New(t, p, token, repo, pr, sha)
			var w waits
			c := newClient(t, srv, &w)
			srv.Fail(forgetest.KindPull, forgetest.Fault{Status: http.StatusBadGateway}, forgetest.Fault{Status: http.StatusServiceUnavailable})
			if got, err := c.HeadSHA(t.Context(), pr); err != nil || got != sha {
				t.Fatalf("HeadSHA after two 5xx = %q, %v", got, err)
			}
			if n := srv.Calls(forgetest.KindPull); n != 3 {
				t.Errorf("pull read %d times, want 3", n)
			}
			srv.Fail(forgetest.KindList, forgetest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1"})
			srv.Fail(forgetest.KindStatus, forgetest.Fault{Status: http.StatusInternalServerError})
			if _, err := c.UpsertComment(t.Context(), pr, forge.Marker("x"), "body"); err != nil {
				t.Fatal(err)
			}
			if err := c.SetStatus(t.Context(), sha, forge.Status{State: forge.StateSuccess, Context: "x", Description: "ok"}); err != nil {
				t.Fatal(err)
			}
			found := false
			for _, d := range w.all() {
				found = found || d == time.Second
			}
			if !found {
				t.Errorf("waits %v: the Retry-After of 1s was not honoured", w.all())
			}
			if n := len(srv.Statuses()); n != 1 {
				t.Errorf("%d statuses stored, want 1", n)
			}
		})
	}
}

func TestCommentCreationIsNeverDuplicated(t *testing.T) {
	for _, p := range providers {
		t.Run(p, func(t *testing.T) {
			for _, tt := range []struct {
				name    string
				fault   forgetest.Fault
				creates int
			}{
				{"created then 502", forgetest.Fault{Status: http.StatusBadGateway, Apply: true}, 1},
				{"500 before creating", forgetest.Fault{Status: http.StatusInternalServerError}, 2},
				{"429 with retry-after", forgetest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "0"}, 2},
			} {
				t.Run(tt.name, func(t *testing.T) {
					srv := forgetest.New(t, p, token, repo, pr, sha)
					c := newClient(t, srv, nil)
					srv.Fail(forgetest.KindCreate, tt.fault)
					marker := forge.Marker("switchyard/plan")
					if _, err := c.UpsertComment(t.Context(), pr, marker, "plan"); err != nil {
						t.Fatal(err)
					}
					if n := len(marked(srv.Comments(), marker)); n != 1 {
						t.Errorf("%d marked comments, want 1", n)
					}
					if n := srv.Calls(forgetest.KindCreate); n != tt.creates {
						t.Errorf("%d POSTs, want %d", n, tt.creates)
					}
					if n := srv.Calls(forgetest.KindList); n != 2 {
						t.Errorf("comments listed %d times, want 2 (before, and again before any new POST)", n)
					}
				})
			}
		})
	}
}

func TestErrorsNeverShowTheToken(t *testing.T) {
	srv := forgetest.New(t, forge.GitHub, token, repo, pr, sha)
	c := newClient(t, srv, nil)
	srv.Fail(forgetest.KindStatus, forgetest.Fault{Status: http.StatusUnprocessableEntity})
	err := c.SetStatus(t.Context(), sha, forge.Status{State: forge.StateSuccess, Context: "x"})
	var ae *forge.APIError
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("err = %v, want an APIError 422", err)
	}
	if n := srv.Calls(forgetest.KindStatus); n != 1 {
		t.Errorf("a 422 was retried (%d calls)", n)
	}
	// A refused host: the error names the URL, never the token.
	bad, err := forge.New(forge.Config{Provider: forge.GitHub, APIURL: "http://127.0.0.1:1", Repository: repo,
		Token: models.NewSecret(token), RetryMax: 1, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = bad.HeadSHA(t.Context(), pr)
	if err == nil || strings.Contains(err.Error(), token) {
		t.Errorf("err = %v; want a failure without the token", err)
	}
}

func TestConfigIsChecked(t *testing.T) {
	ok := forge.Config{Provider: forge.GitHub, Repository: repo, Token: models.NewSecret(token)}
	for _, tt := range []struct {
		name string
		edit func(*forge.Config)
		want string
	}{
		{"unknown provider", func(c *forge.Config) { c.Provider = "bitbucket" }, "known: gitea, github, gitlab"},
		{"bad repository", func(c *forge.Config) { c.Repository = "campus" }, "not OWNER/NAME"},
		{"no token", func(c *forge.Config) { c.Token = models.Secret{} }, "no token"},
		{"plain http to a remote host", func(c *forge.Config) { c.APIURL = "http://git.example.net/api" }, "in clear"},
		{"user info", func(c *forge.Config) { c.APIURL = "https://u:p@git.example.net" }, "no user info"},
		{"gitea without url", func(c *forge.Config) { c.Provider = forge.Gitea }, "needs --api-url"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ok
			tt.edit(&cfg)
			_, err := forge.New(cfg)
			if !errors.Is(err, forge.ErrConfig) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want ErrConfig with %q", err, tt.want)
			}
		})
	}
	if _, err := forge.New(ok); err != nil {
		t.Errorf("valid config refused: %v", err)
	}
}
