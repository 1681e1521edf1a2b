package forge

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// APIError is a response the forge refused: its status code and the start
// of its body, with the token redacted.
type APIError struct {
	Method, Path string
	StatusCode   int
	Body         string
	// RetryAfter is the wait the server asked for, when it asked.
	RetryAfter time.Duration
}

func (e *APIError) Error() string {
	msg := fmt.Sprintf("%s %s: HTTP %d", e.Method, e.Path, e.StatusCode)
	if e.RetryAfter > 0 {
		msg += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	if e.Body != "" {
		msg += ": " + e.Body
	}
	return msg
}

// maxBody bounds a response body read.
const maxBody = 8 << 20

// callKey carries whether a call may be retried, for checkRetry.
type callKey struct{}

func retryable(ctx context.Context) bool {
	v, _ := ctx.Value(callKey{}).(bool)
	return v
}

// checkRetry retries calls marked retryable on connection errors, 5xx and
// 429; other calls only when the connection was never made. A Retry-After
// past MaxRetryAfter stops the retries.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		if isCertError(err) {
			return false, err
		}
		return retryable(ctx) || isDialError(err), nil
	}
	if !retryable(ctx) {
		return false, nil
	}
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode < 500 {
		return false, nil
	}
	if d, ok := retryAfter(resp); ok && d > c.cfg.MaxRetryAfter {
		return false, nil
	}
	return true, nil
}

// backoff honours Retry-After, else backs off exponentially.
func (c *Client) backoff(lo, hi time.Duration, attempt int, resp *http.Response) time.Duration {
	d, ok := retryAfter(resp)
	if !ok {
		d = retryablehttp.DefaultBackoff(lo, hi, attempt, nil)
	}
	if c.cfg.OnWait != nil {
		c.cfg.OnWait(d)
	}
	c.log.Debug("forge retry", "wait", d, "attempt", attempt+1)
	return d
}

// retryAfter parses the Retry-After header (seconds or HTTP date).
func retryAfter(resp *http.Response) (time.Duration, bool) {
	if resp == nil {
		return 0, false
	}
	h := resp.Header.Get("Retry-After")
	if h == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(time.Until(t), 0), true
	}
	return 0, false
}

func isCertError(err error) bool {
	var (
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
	)
	return errors.As(err, &unknown) || errors.As(err, &hostname) || errors.As(err, &invalid)
}

func isDialError(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// passthrough returns the last response when retries are exhausted, so the
// caller reports the real status.
func passthrough(resp *http.Response, err error, _ int) (*http.Response, error) {
	if err != nil && resp != nil {
		_ = resp.Body.Close()
		return nil, err
	}
	return resp, err
}

// call is one API request.
type call struct {
	method string
	// path is relative to the API root, or an absolute URL (a next page).
	path  string
	body  any
	retry bool
}

// reply is a successful response: its body and headers.
type reply struct {
	body   []byte
	header http.Header
}

// do sends the call and returns the body of a 2xx response; anything else
// is an *APIError. Errors never contain the token.
func (c *Client) do(ctx context.Context, cl call) (*reply, error) {
	u, err := c.resolve(cl.path)
	if err != nil {
		return nil, err
	}
	var raw any
	if cl.body != nil {
		b, err := json.Marshal(cl.body)
		if err != nil {
			return nil, fmt.Errorf("%s %s: encode: %w", cl.method, u.Path, err)
		}
		raw = b
	}
	ctx = context.WithValue(ctx, callKey{}, cl.retry)
	req, err := retryablehttp.NewRequestWithContext(ctx, cl.method, u.String(), raw)
	if err != nil {
		return nil, c.redact(fmt.Errorf("%s %s: %w", cl.method, u.Path, err))
	}
	name, value := c.dialect.authHeader(c.cfg.Token.Reveal())
	req.Header.Set(name, value)
	req.Header.Set("Accept", c.dialect.accept())
	req.Header.Set("User-Agent", "switchyard-review")
	for k, v := range c.dialect.extraHeaders() {
		req.Header.Set(k, v)
	}
	if raw != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.redact(fmt.Errorf("%s %s: %w", cl.method, u.Path, err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, c.redact(fmt.Errorf("%s %s: read response: %w", cl.method, u.Path, err))
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		e := &APIError{Method: cl.method, Path: u.Path, StatusCode: resp.StatusCode, Body: c.redactString(snippet(body))}
		e.RetryAfter, _ = retryAfter(resp)
		return nil, e
	}
	return &reply{body: body, header: resp.Header}, nil
}

// resolve turns a relative API path into a URL under the API root; an
// absolute URL (a next-page link) must stay on the API's scheme and host.
func (c *Client) resolve(p string) (*url.URL, error) {
	if strings.HasPrefix(p, "/") {
		return url.Parse(c.base.String() + p)
	}
	u, err := url.Parse(p)
	if err != nil {
		return nil, fmt.Errorf("next page %q: %w", p, err)
	}
	if u.Scheme != c.base.Scheme || u.Host != c.base.Host || !strings.HasPrefix(u.Path, c.base.Path) {
		return nil, fmt.Errorf("next page link %s leaves the API at %s; not followed", u.Redacted(), c.base.Redacted())
	}
	return u, nil
}

// snippet is the start of a response body, on one line.
func snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(bytes.ToValidUTF8(b, nil))), " ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

func (c *Client) redactString(s string) string {
	if t := c.cfg.Token.Reveal(); t != "" {
		s = strings.ReplaceAll(s, t, "[REDACTED]")
	}
	return s
}

// redact keeps err's chain but replaces the token in its text.
func (c *Client) redact(err error) error {
	if t := c.cfg.Token.Reveal(); t != "" && strings.Contains(err.Error(), t) {
		return &redacted{msg: c.redactString(err.Error()), err: err}
	}
	return err
}

type redacted struct {
	msg string
	err error
}

func (r *redacted) Error() string { return r.msg }
func (r *redacted) Unwrap() error { return r.err }

// nextPage returns the URL of the next page of a listing, or "".
func nextPage(h http.Header, current string) string {
	for _, link := range h.Values("Link") {
		for part := range strings.SplitSeq(link, ",") {
			target, params, ok := strings.Cut(part, ";")
			if !ok || !strings.Contains(strings.ReplaceAll(params, " ", ""), `rel="next"`) {
				continue
			}
			return strings.Trim(strings.TrimSpace(target), "<>")
		}
	}
	if n := h.Get("X-Next-Page"); n != "" { // GitLab
		u, err := url.Parse(current)
		if err != nil {
			return ""
		}
		q := u.Query()
		q.Set("page", n)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return ""
}
