package nxapi

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
)

// Redacted replaces a Secret line in logs and errors.
const Redacted = "[redacted]"

// maxReply bounds a reply body.
const maxReply = 64 << 20

// Line is one configuration command. A Secret line carries a secret value:
// it is sent as is but never logged or put in an error.
type Line struct {
	Text   string
	Secret bool
}

// Lines turns plain commands into Lines (none of them Secret).
func Lines(cmds ...string) []Line {
	out := make([]Line, len(cmds))
	for i, c := range cmds {
		out[i] = Line{Text: c}
	}
	return out
}

func (l Line) shown() string {
	if l.Secret {
		return Redacted
	}
	return l.Text
}

// Client talks to one device. It is safe for concurrent use; the device
// runs one request at a time.
type Client struct {
	cfg  Config
	url  string
	http *retryablehttp.Client
	log  *slog.Logger
}

// New validates cfg and returns a client; it does not contact the device.
func New(cfg Config) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	tlsCfg, err := tlsConfig(cfg)
	if err != nil {
		return nil, err
	}
	log := cfg.Logger.With("component", "nxapi", "address", cfg.Address)
	if cfg.Insecure {
		log.Warn("TLS certificate verification is OFF: anyone on the path can impersonate the device and receive its credentials")
	}
	tr := cleanhttp.DefaultPooledTransport()
	tr.TLSClientConfig = tlsCfg
	c := &Client{cfg: cfg, url: "https://" + cfg.Address + "/ins", log: log}
	c.http = &retryablehttp.Client{
		HTTPClient:     &http.Client{Transport: tr, Timeout: cfg.Timeout},
		RetryWaitMin:   cfg.RetryWaitMin,
		RetryWaitMax:   cfg.RetryWaitMax,
		RetryMax:       cfg.RetryMax,
		CheckRetry:     checkRetry,
		Backoff:        cfg.Backoff,
		RequestLogHook: c.onAttempt,
		ErrorHandler:   passthrough,
	}
	return c, nil
}

func tlsConfig(cfg Config) (*tls.Config, error) {
	t := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: cfg.Insecure} //nolint:gosec // explicit, loud option
	if cfg.CAFile == "" && len(cfg.CAPEM) == 0 {
		return t, nil // system roots
	}
	pool := x509.NewCertPool()
	if cfg.CAFile != "" {
		shared, err := cfg.Identity.CertPool(cfg.CAFile)
		if err != nil {
			return nil, fmt.Errorf("nxapi %s: read CA file: %w", cfg.Address, err)
		}
		pool = shared
		if len(cfg.CAPEM) > 0 {
			pool = shared.Clone() // the cached pool is shared by every client
		}
	}
	if len(cfg.CAPEM) > 0 && !pool.AppendCertsFromPEM(cfg.CAPEM) {
		return nil, fmt.Errorf("nxapi %s: CA PEM holds no certificate", cfg.Address)
	}
	t.RootCAs = pool
	return t, nil
}

// Close releases idle connections.
func (c *Client) Close() error {
	c.http.HTTPClient.CloseIdleConnections()
	return nil
}

// Show runs one show command and returns its text output (method
// cli_ascii). It is retried on transient failures.
func (c *Client) Show(ctx context.Context, cmd string) (string, error) {
	res, err := c.call(ctx, true, "cli_ascii", Lines(cmd))
	if err != nil {
		return "", err
	}
	var out struct {
		Msg string `json:"msg"`
	}
	if err := json.Unmarshal(res[0], &out); err != nil {
		return "", fmt.Errorf("nxapi %s: %q: %w: %v", c.cfg.Address, cmd, ErrProtocol, err)
	}
	return out.Msg, nil
}

// Config applies configuration commands in one request, preceded by
// "configure terminal" and followed by "end". A refused command is a
// *CommandError naming it (Index counts lines from 1); the commands before
// it stay applied, as NX-OS applies each command at once. Config is never
// re-sent after the request may have reached the device.
func (c *Client) Config(ctx context.Context, lines []Line) error {
	if len(lines) == 0 {
		return nil
	}
	all := make([]Line, 0, len(lines)+2)
	all = append(all, Line{Text: "configure terminal"})
	all = append(all, lines...)
	all = append(all, Line{Text: "end"})
	_, err := c.call(ctx, false, "cli", all)
	var ce *CommandError
	if errors.As(err, &ce) {
		ce.Index-- // "configure terminal" is not the caller's
	}
	return err
}

// Checkpoint creates the named checkpoint of the running configuration.
func (c *Client) Checkpoint(ctx context.Context, name string) error {
	_, err := c.call(ctx, false, "cli", Lines("checkpoint "+name))
	return err
}

// DeleteCheckpoint deletes the named checkpoint.
func (c *Client) DeleteCheckpoint(ctx context.Context, name string) error {
	_, err := c.call(ctx, false, "cli", Lines("no checkpoint "+name))
	return err
}

// Rollback replaces the running configuration with the named checkpoint
// (atomically: all or nothing). Restoring the same checkpoint twice has the
// effect of once, so Rollback is retried on transient failures.
func (c *Client) Rollback(ctx context.Context, name string) error {
	_, err := c.call(ctx, true, "cli", Lines("rollback running-config checkpoint "+name+" atomic"))
	return err
}

// Checkpoints returns the names of the device's checkpoints in the order
// show checkpoint summary lists them (oldest first on NX-OS).
func (c *Client) Checkpoints(ctx context.Context) ([]string, error) {
	out, err := c.Show(ctx, "show checkpoint summary")
	if err != nil {
		return nil, err
	}
	return parseCheckpoints(out), nil
}

// parseCheckpoints reads the "N) NAME:" lines of show checkpoint summary.
func parseCheckpoints(out string) []string {
	var names []string
	for l := range strings.Lines(out) {
		l = strings.TrimSpace(l)
		num, rest, ok := strings.Cut(l, ") ")
		if !ok || num == "" || strings.Trim(num, "0123456789") != "" || !strings.HasSuffix(rest, ":") {
			continue
		}
		names = append(names, strings.TrimSuffix(rest, ":"))
	}
	return names
}

type rpcRequest struct {
	JSONRPC string    `json:"jsonrpc"`
	Method  string    `json:"method"`
	Params  rpcParams `json:"params"`
	ID      int       `json:"id"`
}

type rpcParams struct {
	Cmd     string `json:"cmd"`
	Version int    `json:"version"`
}

type rpcResponse struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Data    *struct {
			Msg string `json:"msg"`
		} `json:"data"`
	} `json:"error"`
	ID int `json:"id"`
}

// call sends lines as one JSON-RPC batch and returns each result.
func (c *Client) call(ctx context.Context, idempotent bool, method string, lines []Line) ([]json.RawMessage, error) {
	reqs := make([]rpcRequest, len(lines))
	for i, l := range lines {
		reqs[i] = rpcRequest{JSONRPC: "2.0", Method: method, Params: rpcParams{Cmd: l.Text, Version: 1}, ID: i + 1}
	}
	body, err := json.Marshal(reqs)
	if err != nil {
		return nil, fmt.Errorf("nxapi %s: encode request: %w", c.cfg.Address, err)
	}
	what := lines[0].shown()
	if len(lines) > 1 {
		what = fmt.Sprintf("%d commands", len(lines))
	}
	st := &attempts{idempotent: idempotent, what: what}
	req, err := retryablehttp.NewRequestWithContext(context.WithValue(ctx, stateKey{}, st), http.MethodPost, c.url, body)
	if err != nil {
		return nil, fmt.Errorf("nxapi %s: %s: %w", c.cfg.Address, what, err)
	}
	req.SetBasicAuth(c.cfg.Username, c.cfg.Password.Reveal())
	req.Header.Set("Content-Type", "application/json-rpc")
	if c.log.Enabled(ctx, slog.LevelDebug) {
		shown := make([]string, len(lines))
		for i, l := range lines {
			shown[i] = l.shown()
		}
		c.log.Debug("nxapi request", "method", method, "commands", shown, "retryable", idempotent)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.transportError(what, st.n, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxReply))
	if err != nil {
		return nil, fmt.Errorf("nxapi %s: %s: read reply: %w", c.cfg.Address, what, err)
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return nil, fmt.Errorf("nxapi %s: %s: %w (HTTP %d)", c.cfg.Address, what, ErrAuthFailed, resp.StatusCode)
	case resp.StatusCode != http.StatusOK && !bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")):
		return nil, fmt.Errorf("nxapi %s: %s: %w %s after %d attempt(s)", c.cfg.Address, what, ErrHTTP, resp.Status, st.n)
	}
	return c.results(raw, lines)
}

// results decodes a batch reply and returns the first refused command as
// a *CommandError.
func (c *Client) results(raw []byte, lines []Line) ([]json.RawMessage, error) {
	var resps []rpcResponse
	if err := json.Unmarshal(raw, &resps); err != nil || len(resps) != len(lines) {
		return nil, fmt.Errorf("nxapi %s: %w: want %d responses (%v)", c.cfg.Address, ErrProtocol, len(lines), err)
	}
	out := make([]json.RawMessage, len(lines))
	for _, r := range resps {
		if r.ID < 1 || r.ID > len(lines) {
			return nil, fmt.Errorf("nxapi %s: %w: response id %d", c.cfg.Address, ErrProtocol, r.ID)
		}
		if r.Error != nil {
			msg := r.Error.Message
			if r.Error.Data != nil && r.Error.Data.Msg != "" {
				msg = strings.TrimSpace(r.Error.Data.Msg)
			}
			return nil, &CommandError{Address: c.cfg.Address, Index: r.ID, Command: lines[r.ID-1].shown(), Code: r.Error.Code, Message: msg}
		}
		out[r.ID-1] = r.Result
	}
	return out, nil
}

// transportError classifies an error of the HTTP exchange.
func (c *Client) transportError(what string, n int, err error) error {
	if isCertError(err) {
		return fmt.Errorf("nxapi %s: %s: %w: %v", c.cfg.Address, what, ErrCertificate, err)
	}
	return fmt.Errorf("nxapi %s: %s: after %d attempt(s): %w", c.cfg.Address, what, n, err)
}

func isCertError(err error) bool {
	var (
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		verify   *tls.CertificateVerificationError
	)
	return errors.As(err, &unknown) || errors.As(err, &hostname) || errors.As(err, &invalid) || errors.As(err, &verify)
}

// isDialError reports whether err happened before a connection existed, so
// the request cannot have reached the device.
func isDialError(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}
