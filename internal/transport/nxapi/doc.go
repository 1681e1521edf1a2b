// Package nxapi is a thin client of Cisco NX-OS NX-API (JSON-RPC over
// HTTPS), built on github.com/hashicorp/go-retryablehttp.
//
// Every call is one HTTP POST to https://ADDRESS/ins carrying a JSON-RPC
// 2.0 batch of "cli" or "cli_ascii" requests (the methods NX-API has; the
// "cli_show"/"cli_conf" names belong to the older ins_api format, which
// this package does not use). The device runs a batch in order as one CLI
// session and stops at the first failing command.
//
// # Retries
//
// Reads (Show, Checkpoints) and Rollback are retried with exponential
// backoff on transient failures: connection errors (refused, reset, EOF)
// and HTTP 429, 502, 503 and 504. Everything else (Config, Checkpoint,
// DeleteCheckpoint) is not idempotent and is never re-sent blindly: it is
// retried only when the connection could not be opened at all (a dial
// error, so nothing reached the device); a 503, a reset or a timeout after
// the request was written is returned to the caller, who must read the
// device to learn what happened. TLS certificate errors and bad
// credentials are never retried. The policy is per request, chosen by the
// method, through retryablehttp's CheckRetry and the request context.
//
// # Security
//
// The device certificate is verified by default: against CAFile/CAPEM when
// given, else against the system roots. Insecure turns verification off
// and logs a warning on every New. The password travels in the basic
// authentication header only; it never appears in an error or a log. A
// configuration Line marked Secret is sent as is but logged and reported
// as "[redacted]".
package nxapi
