package forge

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// maxPages bounds a comment listing (100 per page on GitHub and GitLab).
const maxPages = 200

// Comment is a pull request comment as the forges return it.
type Comment struct {
	ID   int64  `json:"id"`
	Body string `json:"body"`
	// System is set by GitLab on notes it wrote itself.
	System bool `json:"system,omitempty"`
}

// Marker is the hidden first line of the comment for context.
func Marker(context string) string {
	return "<!-- switchyard-review:" + strings.ReplaceAll(context, "--", "-") + " -->"
}

// HeadSHA returns the head commit of pull (merge) request pr.
func (c *Client) HeadSHA(ctx context.Context, pr int) (string, error) {
	r, err := c.do(ctx, call{method: http.MethodGet, path: c.dialect.pullPath(c.cfg.Repository, pr), retry: true})
	if err != nil {
		return "", fmt.Errorf("read pull request %d: %w", pr, err)
	}
	sha, err := c.dialect.headSHA(r.body)
	if err != nil {
		return "", fmt.Errorf("read pull request %d: %w", pr, err)
	}
	if sha == "" {
		return "", fmt.Errorf("read pull request %d: the response names no head commit", pr)
	}
	return sha, nil
}

// Comments lists every comment of pull request pr, all pages, oldest
// first.
func (c *Client) Comments(ctx context.Context, pr int) ([]Comment, error) {
	next := c.dialect.commentsPath(c.cfg.Repository, pr) + c.dialect.firstPageQuery()
	var all []Comment
	for page := 1; next != ""; page++ {
		if page > maxPages {
			return nil, fmt.Errorf("list comments of pull request %d: more than %d pages", pr, maxPages)
		}
		r, err := c.do(ctx, call{method: http.MethodGet, path: next, retry: true})
		if err != nil {
			return nil, fmt.Errorf("list comments of pull request %d: %w", pr, err)
		}
		var cs []Comment
		if err := json.Unmarshal(r.body, &cs); err != nil {
			return nil, fmt.Errorf("list comments of pull request %d: decode page %d: %w", pr, page, err)
		}
		all = append(all, cs...)
		cur, err := c.resolve(next)
		if err != nil || len(cs) == 0 {
			break
		}
		next = nextPage(r.header, cur.String())
	}
	return all, nil
}

// findMarked returns the first comment that starts with marker.
func findMarked(cs []Comment, marker string) *Comment {
	for i := range cs {
		if !cs[i].System && strings.HasPrefix(strings.TrimSpace(cs[i].Body), marker) {
			return &cs[i]
		}
	}
	return nil
}

// UpsertResult says what UpsertComment did.
type UpsertResult struct {
	ID int64
	// Created is true when a new comment was posted, false when the
	// existing one was updated (or already held body).
	Created bool
}

// UpsertComment makes the comment of pull request pr that starts with
// marker hold body (marker is prepended when body lacks it): it updates
// the first such comment, or creates one when there is none. A creation
// whose outcome is unknown is retried only after listing the comments
// again shows it did not happen.
func (c *Client) UpsertComment(ctx context.Context, pr int, marker, body string) (UpsertResult, error) {
	if !strings.HasPrefix(body, marker) {
		body = marker + "\n" + body
	}
	cs, err := c.Comments(ctx, pr)
	if err != nil {
		return UpsertResult{}, err
	}
	for attempt := 0; ; attempt++ {
		if found := findMarked(cs, marker); found != nil {
			return UpsertResult{ID: found.ID}, c.updateComment(ctx, pr, found, body)
		}
		id, err := c.createComment(ctx, pr, body)
		if err == nil {
			return UpsertResult{ID: id, Created: true}, nil
		}
		if !uncertain(err) || attempt >= c.cfg.RetryMax {
			return UpsertResult{}, err
		}
		c.log.Debug("comment creation outcome unknown; listing again", "err", err)
		if err := c.wait(ctx, err, attempt); err != nil {
			return UpsertResult{}, err
		}
		if cs, err = c.Comments(ctx, pr); err != nil {
			return UpsertResult{}, err
		}
	}
}

func (c *Client) createComment(ctx context.Context, pr int, body string) (int64, error) {
	r, err := c.do(ctx, call{method: http.MethodPost, path: c.dialect.commentsPath(c.cfg.Repository, pr),
		body: map[string]string{"body": body}})
	if err != nil {
		return 0, fmt.Errorf("create comment on pull request %d: %w", pr, err)
	}
	var created Comment
	if err := json.Unmarshal(r.body, &created); err != nil {
		return 0, fmt.Errorf("create comment on pull request %d: decode: %w", pr, err)
	}
	return created.ID, nil
}

func (c *Client) updateComment(ctx context.Context, pr int, cm *Comment, body string) error {
	if cm.Body == body {
		return nil
	}
	_, err := c.do(ctx, call{method: c.dialect.updateMethod(), path: c.dialect.commentPath(c.cfg.Repository, pr, cm.ID),
		body: map[string]string{"body": body}, retry: true})
	if err != nil {
		return fmt.Errorf("update comment %d on pull request %d: %w", cm.ID, pr, err)
	}
	return nil
}

// uncertain reports whether a failed POST may nonetheless have taken
// effect, or failed for a reason that may pass: a 5xx, a 429, or a
// connection error after the request was sent.
func uncertain(err error) bool {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.StatusCode == http.StatusTooManyRequests || ae.StatusCode >= 500
	}
	return !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}

// wait sleeps before re-checking a POST: the Retry-After the server gave,
// else the backoff, bounded by MaxRetryAfter.
func (c *Client) wait(ctx context.Context, err error, attempt int) error {
	d := c.backoff(c.cfg.RetryWaitMin, c.cfg.RetryWaitMax, attempt, nil)
	var ae *APIError
	if errors.As(err, &ae) && ae.RetryAfter > 0 {
		if ae.RetryAfter > c.cfg.MaxRetryAfter {
			return err
		}
		d = ae.RetryAfter
		if c.cfg.OnWait != nil {
			c.cfg.OnWait(d)
		}
	}
	return sleep(ctx, d)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// SetStatus sets status s on commit sha.
func (c *Client) SetStatus(ctx context.Context, sha string, s Status) error {
	_, err := c.do(ctx, call{method: http.MethodPost, path: c.dialect.statusPath(c.cfg.Repository, sha),
		body: c.dialect.statusBody(s), retry: true})
	if err != nil {
		return fmt.Errorf("set status %s on %s: %w", s.State, shortSHA(sha), err)
	}
	return nil
}

func shortSHA(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}
