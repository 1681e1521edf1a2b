package gitsource

import (
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/format/pktline"
	"github.com/go-git/go-git/v5/plumbing/protocol/packp"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/go-git/go-git/v5/plumbing/transport/server"

	"github.com/switchyard/switchyard/models"
)

// repoLoader serves one repository whatever the path.
type repoLoader struct{ s storer.Storer }

func (l repoLoader) Load(*transport.Endpoint) (storer.Storer, error) { return l.s, nil }

// gitServer is a minimal smart-HTTP upload-pack server over go-git's
// in-process server, behind TLS and a basic-auth token, on 127.0.0.1.
type gitServer struct {
	*httptest.Server
	caFile  string
	uploads atomic.Int32
}

func newGitServer(t *testing.T, f *fixture, token string) *gitServer {
	t.Helper()
	srv := server.NewServer(repoLoader{s: f.repo.Storer})
	gs := &gitServer{}
	ep, err := transport.NewEndpoint("/repo.git")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /repo.git/info/refs", func(w http.ResponseWriter, r *http.Request) {
		if _, pass, _ := r.BasicAuth(); pass != token {
			w.Header().Set("WWW-Authenticate", `Basic realm="git"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		sess, err := srv.NewUploadPackSession(ep, nil)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		ar, err := sess.AdvertisedReferencesContext(r.Context())
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		ar.Prefix = [][]byte{[]byte("# service=git-upload-pack"), pktline.Flush}
		w.Header().Set("Content-Type", "application/x-git-upload-pack-advertisement")
		_ = ar.Encode(w)
	})
	mux.HandleFunc("POST /repo.git/git-upload-pack", func(w http.ResponseWriter, r *http.Request) {
		if _, pass, _ := r.BasicAuth(); pass != token {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		gs.uploads.Add(1)
		req := packp.NewUploadPackRequest()
		if err := req.Decode(r.Body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		sess, err := srv.NewUploadPackSession(ep, nil)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		resp, err := sess.UploadPack(r.Context(), req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer resp.Close()
		w.Header().Set("Content-Type", "application/x-git-upload-pack-result")
		_ = resp.Encode(w)
	})
	gs.Server = httptest.NewTLSServer(mux)
	t.Cleanup(gs.Close)
	gs.caFile = filepath.Join(t.TempDir(), "ca.pem")
	cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: gs.Certificate().Raw})
	if err := os.WriteFile(gs.caFile, cert, 0o600); err != nil {
		t.Fatal(err)
	}
	return gs
}

func TestRemoteHTTPSCloneAndFetch(t *testing.T) {
	const token = "glpat-very-secret"
	f := newFixture(t, true)
	first := f.commitFiles("refs/heads/main", map[string]string{"campus/a.yaml": "1\n"}, "first")
	gs := newGitServer(t, f, token)
	spec := Spec{
		URL:      gs.URL + "/repo.git",
		Ref:      "main",
		SubPath:  "campus",
		Auth:     Auth{HTTPSToken: models.NewSecret(token), CABundleFile: gs.caFile},
		CacheDir: t.TempDir(),
	}
	src, err := Open(t.Context(), spec)
	if err != nil {
		t.Fatal(err)
	}
	rev, err := src.Fetch(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if rev.Hash != first.String() || rev.Ref != "refs/heads/main" || rev.Source != gs.URL+"/repo.git" {
		t.Fatalf("first Fetch = %+v, want %s", rev, first)
	}
	// Nothing moved: the ref listing is enough, no pack is fetched.
	before := gs.uploads.Load()
	if _, err := src.Fetch(t.Context()); err != nil {
		t.Fatal(err)
	}
	if gs.uploads.Load() != before {
		t.Errorf("an unchanged ref fetched a pack again")
	}
	second := f.commitFiles("refs/heads/main", map[string]string{"campus/a.yaml": "2\n"}, "second")
	rev, err = src.Fetch(t.Context())
	if err != nil || rev.Hash != second.String() {
		t.Fatalf("second Fetch = %+v, %v; want %s", rev, err, second)
	}
	dir, cleanup, err := src.Checkout(t.Context(), rev)
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	if b, err := os.ReadFile(filepath.Join(dir, "a.yaml")); err != nil || string(b) != "2\n" {
		t.Errorf("checked out a.yaml = %q, %v", b, err)
	}
}

func TestRemoteErrorsNameSourceWithoutSecrets(t *testing.T) {
	f := newFixture(t, true)
	f.commitFiles("refs/heads/main", map[string]string{"a": "1"}, "first")
	gs := newGitServer(t, f, "right-token")
	tests := []struct {
		name string
		spec Spec
	}{
		{name: "wrong token", spec: Spec{URL: gs.URL + "/repo.git", Auth: Auth{HTTPSToken: models.NewSecret("wrong-token"), CABundleFile: gs.caFile}}},
		{name: "untrusted certificate", spec: Spec{URL: gs.URL + "/repo.git", Auth: Auth{HTTPSToken: models.NewSecret("right-token")}}},
		{name: "user name in the URL", spec: Spec{URL: strings.Replace(gs.URL, "https://", "https://deploy-user@", 1) + "/repo.git", Auth: Auth{HTTPSToken: models.NewSecret("wrong-token"), CABundleFile: gs.caFile}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.spec.CacheDir = t.TempDir()
			src, err := Open(t.Context(), tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			_, err = src.Fetch(t.Context())
			if err == nil {
				t.Fatal("Fetch succeeded")
			}
			msg := err.Error()
			if !strings.Contains(msg, gs.URL) {
				t.Errorf("error does not name the source: %v", err)
			}
			for _, secret := range []string{"wrong-token", "right-token", "deploy-user"} {
				if strings.Contains(msg, secret) {
					t.Errorf("error leaks %q: %v", secret, err)
				}
			}
			if errors.Is(err, ErrRefNotFound) {
				t.Errorf("error = %v, want a transport error", err)
			}
		})
	}
}
