// Package forgetest is an in-process forge (GitHub, GitLab or Gitea API)
// for tests: an httptest server that speaks the documented request and
// response shapes of the endpoints `switchyard review` uses, checks the
// method, path, authentication header and body of every request, keeps
// the comments and statuses it was given, and injects faults on request.
package forgetest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Kinds of calls, for faults and counts.
const (
	KindPull   = "pull"
	KindList   = "list"
	KindCreate = "create"
	KindUpdate = "update"
	KindStatus = "status"
)

// Fault replaces the next response to a kind of call.
type Fault struct {
	Status     int
	RetryAfter string
	// Apply makes the call take effect before the fault is returned (a
	// comment created, then a 502 lost on the way back).
	Apply bool
}

// Comment is a stored comment.
type Comment struct {
	ID     int64  `json:"id"`
	Body   string `json:"body"`
	System bool   `json:"system,omitempty"`
}

// Status is a stored commit status, provider-neutral: Context is GitLab's
// name.
type Status struct {
	SHA, State, Context, Description, TargetURL string
}

// Server is a fake forge for one repository and one pull request.
type Server struct {
	*httptest.Server
	Provider, Token, Repo, HeadSHA string
	PR                             int
	// PerPage is the listing page size (default 2, to exercise paging).
	PerPage int

	t        testing.TB
	mu       sync.Mutex
	comments []Comment
	statuses []Status
	faults   map[string][]Fault
	calls    map[string]int
	nextID   int64
}

// New starts a fake forge of provider (forge.GitHub, forge.GitLab or
// forge.Gitea names) and stops it when the test ends. Protocol violations
// are test errors.
func New(t testing.TB, provider, token, repo string, pr int, headSHA string) *Server {
	s := &Server{Provider: provider, Token: token, Repo: repo, PR: pr, HeadSHA: headSHA, PerPage: 2, t: t,
		faults: map[string][]Fault{}, calls: map[string]int{}, nextID: 100}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// APIURL is the API root to give the client.
func (s *Server) APIURL() string {
	switch s.Provider {
	case "gitlab":
		return s.URL + "/api/v4"
	case "gitea":
		return s.URL + "/api/v1"
	}
	return s.URL
}

// AddComment stores a comment written by someone else.
func (s *Server) AddComment(body string, system bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	s.comments = append(s.comments, Comment{ID: s.nextID, Body: body, System: system})
}

// Fail queues faults for the next calls of kind.
func (s *Server) Fail(kind string, fs ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[kind] = append(s.faults[kind], fs...)
}

// Comments returns a copy of the stored comments.
func (s *Server) Comments() []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.comments)
}

// Statuses returns a copy of the stored statuses, oldest first.
func (s *Server) Statuses() []Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.statuses)
}

// Calls returns how many calls of kind arrived (faulted ones included).
func (s *Server) Calls(kind string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[kind]
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	kind, id, ok := s.route(r)
	if !ok {
		s.t.Errorf("forgetest %s: unexpected %s %s", s.Provider, r.Method, r.URL.EscapedPath())
		http.NotFound(w, r)
		return
	}
	if !s.authorized(r) {
		s.t.Errorf("forgetest %s: %s %s without the right authentication header", s.Provider, r.Method, r.URL.Path)
		http.Error(w, `{"message":"Bad credentials"}`, http.StatusUnauthorized)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[kind]++
	var f *Fault
	if q := s.faults[kind]; len(q) > 0 {
		f, s.faults[kind] = &q[0], q[1:]
	}
	if f != nil && !f.Apply {
		writeFault(w, f)
		return
	}
	status, body := s.handle(kind, id, r, w.Header())
	if f != nil {
		writeFault(w, f)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func writeFault(w http.ResponseWriter, f *Fault) {
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	http.Error(w, `{"message":"injected fault"}`, f.Status)
}

// route maps a request to its kind, checking method and path.
func (s *Server) route(r *http.Request) (kind string, id int64, ok bool) {
	p := r.URL.EscapedPath()
	var prefix, pull, comments, status string
	var one func(string) (int64, bool)
	switch s.Provider {
	case "gitlab":
		prefix = "/api/v4/projects/" + url.PathEscape(s.Repo)
		pull = fmt.Sprintf("%s/merge_requests/%d", prefix, s.PR)
		comments = pull + "/notes"
		status = prefix + "/statuses/" + s.HeadSHA
		one = func(p string) (int64, bool) { return idAfter(p, comments+"/") }
	default:
		prefix = "/repos/" + s.Repo
		if s.Provider == "gitea" {
			prefix = "/api/v1" + prefix
		}
		pull = fmt.Sprintf("%s/pulls/%d", prefix, s.PR)
		comments = fmt.Sprintf("%s/issues/%d/comments", prefix, s.PR)
		status = prefix + "/statuses/" + s.HeadSHA
		one = func(p string) (int64, bool) { return idAfter(p, prefix+"/issues/comments/") }
	}
	update := http.MethodPatch
	if s.Provider == "gitlab" {
		update = http.MethodPut
	}
	switch {
	case p == pull && r.Method == http.MethodGet:
		return KindPull, 0, true
	case p == comments && r.Method == http.MethodGet:
		return KindList, 0, true
	case p == comments && r.Method == http.MethodPost:
		return KindCreate, 0, true
	case p == status && r.Method == http.MethodPost:
		return KindStatus, 0, true
	case r.Method == update:
		id, ok := one(p)
		return KindUpdate, id, ok
	}
	return "", 0, false
}

func idAfter(p, prefix string) (int64, bool) {
	rest, ok := strings.CutPrefix(p, prefix)
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil
}

func (s *Server) authorized(r *http.Request) bool {
	switch s.Provider {
	case "gitlab":
		return r.Header.Get("PRIVATE-TOKEN") == s.Token && r.Header.Get("Authorization") == ""
	case "gitea":
		return r.Header.Get("Authorization") == "token "+s.Token
	}
	return r.Header.Get("Authorization") == "Bearer "+s.Token &&
		r.Header.Get("Accept") == "application/vnd.github+json" && r.Header.Get("X-GitHub-Api-Version") != ""
}

// readJSON decodes the request body into v, checking its content type.
func (s *Server) readJSON(r *http.Request, v any) bool {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		s.t.Errorf("forgetest %s: %s %s with Content-Type %q", s.Provider, r.Method, r.URL.Path, ct)
		return false
	}
	b, err := io.ReadAll(r.Body)
	if err == nil {
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		err = dec.Decode(v)
	}
	if err != nil {
		s.t.Errorf("forgetest %s: %s %s: body %v", s.Provider, r.Method, r.URL.Path, err)
		return false
	}
	return true
}
