package nxapi

import (
	"context"
	"net/http"

	"github.com/hashicorp/go-retryablehttp"
)

// stateKey carries a request's *attempts in its context, where
// CheckRetry and the request hook find it.
type stateKey struct{}

// attempts is the retry state of one call.
type attempts struct {
	idempotent bool
	what       string
	n          int
}

func stateOf(ctx context.Context) *attempts {
	if st, ok := ctx.Value(stateKey{}).(*attempts); ok {
		return st
	}
	return &attempts{}
}

// checkRetry is the per-request retry policy: idempotent calls retry on
// connection errors and 429/502/503/504; others only on dial errors.
// Certificate errors and cancelled contexts never retry.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	st := stateOf(ctx)
	if err != nil {
		if isCertError(err) {
			return false, err
		}
		return st.idempotent || isDialError(err), nil
	}
	if !st.idempotent {
		return false, nil
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true, nil
	}
	return false, nil
}

// onAttempt counts and logs each attempt (retryablehttp's request hook).
func (c *Client) onAttempt(_ retryablehttp.Logger, req *http.Request, i int) {
	st := stateOf(req.Context())
	st.n++
	if i > 0 {
		c.log.Debug("nxapi retry", "request", st.what, "attempt", i+1)
	}
}

// passthrough returns the last response (or error) when retries are
// exhausted, so the caller reports the real status.
func passthrough(resp *http.Response, err error, _ int) (*http.Response, error) {
	if err != nil && resp != nil {
		_ = resp.Body.Close()
		return nil, err
	}
	return resp, err
}
