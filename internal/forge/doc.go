// Package forge talks to the code-review APIs of GitHub, GitLab and Gitea
// for `switchyard review`: it reads a pull (merge) request's head commit,
// keeps one comment on it up to date, and sets a commit status.
//
// # One comment, found again
//
// The comment carries a hidden HTML marker (<!-- switchyard-review:CONTEXT -->)
// as its first line. UpsertComment lists every comment of the pull request
// (all pages), updates the first one that starts with the marker, and
// creates one only when none does. A comment is never created twice by one
// call: a POST is not retried blindly; when its outcome is unknown (a
// connection error after sending, a 5xx or a 429), the comments are listed
// again and the POST is repeated only if the marked comment is still absent.
//
// # HTTP
//
// Requests go through github.com/hashicorp/go-retryablehttp. GET, PUT and
// PATCH (idempotent) are retried on connection errors, 5xx and 429; a
// Retry-After header (seconds or HTTP date) sets the wait, up to
// Config.MaxRetryAfter, beyond which the call fails with the wait in the
// error. Setting a commit status (POST) is retried like an idempotent call:
// a status is keyed by commit and context, so sending the same one twice
// leaves the same result. Pagination follows the Link header's rel="next"
// (GitHub, Gitea, GitLab) or GitLab's X-Next-Page, and never leaves the API
// host, so the token is never sent elsewhere.
//
// # Tokens
//
// The token is a models.Secret: it is sent only in the provider's
// authentication header (GitHub "Authorization: Bearer", GitLab
// "PRIVATE-TOKEN", Gitea "Authorization: token") and is replaced by
// "[REDACTED]" in every error this package returns. A plain-HTTP API URL is
// refused unless its host is a loopback address.
package forge
