package forge

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// dialect is what differs between the forges' APIs: paths, the
// authentication header, and the shapes of a few bodies.
type dialect interface {
	defaultURL() string
	authHeader(token string) (name, value string)
	accept() string
	extraHeaders() map[string]string
	// pullPath is the pull (merge) request; headSHA reads its head commit.
	pullPath(repo string, pr int) string
	headSHA(body []byte) (string, error)
	// commentsPath lists (GET, first page) and creates (POST) comments.
	commentsPath(repo string, pr int) string
	firstPageQuery() string
	// commentPath updates one comment, with updateMethod.
	commentPath(repo string, pr int, id int64) string
	updateMethod() string
	statusPath(repo, sha string) string
	statusBody(s Status) any
}

func dialectFor(provider string) (dialect, error) {
	ds := map[string]dialect{GitHub: github{}, GitLab: gitlab{}, Gitea: gitea{}}
	if d, ok := ds[provider]; ok {
		return d, nil
	}
	known := make([]string, 0, len(ds))
	for k := range ds {
		known = append(known, k)
	}
	sort.Strings(known)
	return nil, fmt.Errorf("%w: unknown provider %q (known: %s)", ErrConfig, provider, strings.Join(known, ", "))
}

// ownerName escapes each segment of OWNER/NAME for a path.
func ownerName(repo string) string {
	parts := strings.Split(repo, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// headOf reads {"head": {"sha": ...}} (GitHub, Gitea).
func headOf(body []byte) (string, error) {
	var pr struct {
		Head struct {
			SHA string `json:"sha"`
		} `json:"head"`
	}
	if err := json.Unmarshal(body, &pr); err != nil {
		return "", fmt.Errorf("decode pull request: %w", err)
	}
	return pr.Head.SHA, nil
}

// github is the GitHub REST API (api.github.com, GitHub Enterprise /api/v3).
type github struct{}

func (github) defaultURL() string                   { return "https://api.github.com" }
func (github) authHeader(t string) (string, string) { return "Authorization", "Bearer " + t }
func (github) accept() string                       { return "application/vnd.github+json" }
func (github) extraHeaders() map[string]string {
	return map[string]string{"X-GitHub-Api-Version": "2022-11-28"}
}
func (github) pullPath(repo string, pr int) string {
	return fmt.Sprintf("/repos/%s/pulls/%d", ownerName(repo), pr)
}
func (github) headSHA(body []byte) (string, error) { return headOf(body) }
func (github) commentsPath(repo string, pr int) string {
	return fmt.Sprintf("/repos/%s/issues/%d/comments", ownerName(repo), pr)
}
func (github) firstPageQuery() string { return "?per_page=100" }
func (github) commentPath(repo string, _ int, id int64) string {
	return fmt.Sprintf("/repos/%s/issues/comments/%d", ownerName(repo), id)
}
func (github) updateMethod() string { return http.MethodPatch }
func (github) statusPath(repo, sha string) string {
	return fmt.Sprintf("/repos/%s/statuses/%s", ownerName(repo), url.PathEscape(sha))
}
func (github) statusBody(s Status) any { return commonStatus(s, "failure") }

// statusJSON is the GitHub and Gitea commit status body.
type statusJSON struct {
	State       string `json:"state"`
	TargetURL   string `json:"target_url,omitempty"`
	Description string `json:"description"`
	Context     string `json:"context"`
}

func commonStatus(s Status, failure string) statusJSON {
	state := string(s.State)
	if s.State == StateFailure {
		state = failure
	}
	return statusJSON{State: state, TargetURL: s.TargetURL, Description: Description(s.Description), Context: s.Context}
}

// gitea is the Gitea (and Forgejo) API, /api/v1.
type gitea struct{}

func (gitea) defaultURL() string                   { return "" }
func (gitea) authHeader(t string) (string, string) { return "Authorization", "token " + t }
func (gitea) accept() string                       { return "application/json" }
func (gitea) extraHeaders() map[string]string      { return nil }
func (gitea) pullPath(repo string, pr int) string {
	return fmt.Sprintf("/repos/%s/pulls/%d", ownerName(repo), pr)
}
func (gitea) headSHA(body []byte) (string, error) { return headOf(body) }
func (gitea) commentsPath(repo string, pr int) string {
	return fmt.Sprintf("/repos/%s/issues/%d/comments", ownerName(repo), pr)
}
func (gitea) firstPageQuery() string { return "" }
func (gitea) commentPath(repo string, _ int, id int64) string {
	return fmt.Sprintf("/repos/%s/issues/comments/%d", ownerName(repo), id)
}
func (gitea) updateMethod() string { return http.MethodPatch }
func (gitea) statusPath(repo, sha string) string {
	return fmt.Sprintf("/repos/%s/statuses/%s", ownerName(repo), url.PathEscape(sha))
}
func (gitea) statusBody(s Status) any { return commonStatus(s, "failure") }

// gitlab is the GitLab REST API v4; the project is addressed by its
// URL-encoded path.
type gitlab struct{}

func (gitlab) defaultURL() string                   { return "https://gitlab.com/api/v4" }
func (gitlab) authHeader(t string) (string, string) { return "PRIVATE-TOKEN", t }
func (gitlab) accept() string                       { return "application/json" }
func (gitlab) extraHeaders() map[string]string      { return nil }
func (gitlab) project(repo string) string           { return url.PathEscape(repo) }
func (g gitlab) pullPath(repo string, pr int) string {
	return fmt.Sprintf("/projects/%s/merge_requests/%d", g.project(repo), pr)
}
func (gitlab) headSHA(body []byte) (string, error) {
	var mr struct {
		SHA string `json:"sha"`
	}
	if err := json.Unmarshal(body, &mr); err != nil {
		return "", fmt.Errorf("decode merge request: %w", err)
	}
	return mr.SHA, nil
}
func (g gitlab) commentsPath(repo string, pr int) string {
	return fmt.Sprintf("/projects/%s/merge_requests/%d/notes", g.project(repo), pr)
}
func (gitlab) firstPageQuery() string { return "?per_page=100&sort=asc&order_by=created_at" }
func (g gitlab) commentPath(repo string, pr int, id int64) string {
	return fmt.Sprintf("/projects/%s/merge_requests/%d/notes/%d", g.project(repo), pr, id)
}
func (gitlab) updateMethod() string { return http.MethodPut }
func (g gitlab) statusPath(repo, sha string) string {
	return fmt.Sprintf("/projects/%s/statuses/%s", g.project(repo), url.PathEscape(sha))
}

// gitlabStatus is the body of POST /projects/:id/statuses/:sha; name is
// the context.
type gitlabStatus struct {
	State       string `json:"state"`
	Name        string `json:"name"`
	TargetURL   string `json:"target_url,omitempty"`
	Description string `json:"description"`
}

func (gitlab) statusBody(s Status) any {
	state := string(s.State)
	if s.State == StateFailure {
		state = "failed"
	}
	return gitlabStatus{State: state, Name: s.Context, TargetURL: s.TargetURL, Description: Description(s.Description)}
}
