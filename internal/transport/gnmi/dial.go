package gnmi

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync/atomic"
	"time"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"github.com/openconfig/gnmic/pkg/api"
	"github.com/openconfig/gnmic/pkg/api/target"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Client is a gNMI connection to one target. Its methods are safe for
// concurrent use.
type Client struct {
	cfg    Config
	log    *slog.Logger
	tgt    *target.Target
	closed atomic.Bool
}

// Dial connects to cfg.Address over TLS, verifying the target's
// certificate against the configured CA unless cfg.Insecure, and checks
// the credentials and the target's capabilities with a Capabilities RPC.
// ctx and cfg.Timeout bound the whole dial. Errors wrap ErrCertificate,
// ErrAuthFailed or ErrUnsupported where they apply.
func Dial(ctx context.Context, cfg Config) (*Client, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	log := cfg.Logger.With("component", "gnmi", "device", cfg.Address)
	opts := []api.TargetOption{
		api.Name(cfg.Address),
		api.Address(cfg.Address),
		api.Username(cfg.Username),
		api.Password(cfg.Password.Reveal()),
		api.Timeout(cfg.Timeout),
	}
	var tlsCfg *tls.Config
	if cfg.Insecure {
		log.Warn("INSECURE: gnmi TLS certificate verification is disabled for this device; " +
			"anyone on the network path can impersonate it and receive its credentials")
		opts = append(opts, api.SkipVerify(true))
	} else {
		var err error
		if tlsCfg, err = clientTLS(cfg); err != nil {
			return nil, fmt.Errorf("open gnmi session to %s: %w", cfg.Address, err)
		}
		opts = append(opts, api.TLSConfig(tlsCfg))
	}
	tgt, err := api.NewTarget(opts...)
	if err != nil {
		return nil, fmt.Errorf("open gnmi session to %s: %w", cfg.Address, err)
	}
	dctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	if err := tgt.CreateGNMIClient(dctx); err != nil {
		return nil, fmt.Errorf("open gnmi session to %s: %w", cfg.Address, err)
	}
	c := &Client{cfg: cfg, log: log, tgt: tgt}
	caps, err := tgt.Capabilities(dctx)
	if err != nil {
		_ = tgt.Close()
		return nil, c.dialError(ctx, tlsCfg, err)
	}
	if !slices.Contains(caps.GetSupportedEncodings(), gpb.Encoding_JSON_IETF) {
		_ = tgt.Close()
		return nil, fmt.Errorf("open gnmi session to %s: JSON_IETF encoding %w (it offers %v)",
			cfg.Address, ErrUnsupported, caps.GetSupportedEncodings())
	}
	log.Debug("gnmi session opened", "gnmi_version", caps.GetGNMIVersion(), "models", len(caps.GetSupportedModels()))
	return c, nil
}

// clientTLS builds the TLS configuration that trusts the configured CAs.
func clientTLS(cfg Config) (*tls.Config, error) {
	pool := x509.NewCertPool()
	if cfg.CAFile != "" {
		shared, err := cfg.Identity.CertPool(cfg.CAFile)
		if err != nil {
			return nil, fmt.Errorf("CA file: %w", err)
		}
		pool = shared
		if len(cfg.CAPEM) > 0 {
			pool = shared.Clone() // the cached pool is shared by every client
		}
	}
	if len(cfg.CAPEM) > 0 && !pool.AppendCertsFromPEM(cfg.CAPEM) {
		return nil, errors.New("CA PEM holds no certificate")
	}
	return &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}, nil
}

// dialError turns the error of the first RPC into one that says what
// happened. gRPC reports a failed TLS handshake only as Unavailable text,
// so a certificate problem is confirmed with a direct TLS handshake.
func (c *Client) dialError(ctx context.Context, tlsCfg *tls.Config, err error) error {
	addr := c.cfg.Address
	switch status.Code(err) {
	case codes.Unauthenticated:
		return fmt.Errorf("open gnmi session to %s: %w for user %q: %w", addr, ErrAuthFailed, c.cfg.Username, err)
	case codes.Unavailable:
		if tlsCfg == nil {
			break
		}
		if verr := probeTLS(ctx, addr, tlsCfg, c.cfg.Timeout); verr != nil {
			return fmt.Errorf("open gnmi session to %s: %w: %w; check the CA configured for this device "+
				"(or whether someone is impersonating it)", addr, ErrCertificate, verr)
		}
	}
	return fmt.Errorf("open gnmi session to %s: %w", addr, err)
}

// probeTLS makes one TLS handshake with cfg and returns its certificate
// verification error, or nil (success or another kind of failure).
func probeTLS(ctx context.Context, addr string, cfg *tls.Config, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	pc := cfg.Clone()
	pc.NextProtos = []string{"h2"} // as gRPC offers; servers refuse a handshake without it
	d := tls.Dialer{Config: pc}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err == nil {
		_ = conn.Close()
		return nil
	}
	var cve *tls.CertificateVerificationError
	if errors.As(err, &cve) {
		return cve.Err
	}
	return nil
}

// Close closes the connection. It is idempotent; methods called after it
// return ErrClosed.
func (c *Client) Close() error {
	if c.closed.Swap(true) {
		return nil
	}
	return c.tgt.Close()
}

// Capabilities returns the target's CapabilityResponse.
func (c *Client) Capabilities(ctx context.Context) (*gpb.CapabilityResponse, error) {
	ctx, cancel, err := c.op(ctx)
	if err != nil {
		return nil, fmt.Errorf("gnmi capabilities of %s: %w", c.cfg.Address, err)
	}
	defer cancel()
	resp, err := c.tgt.Capabilities(ctx)
	if err != nil {
		return nil, fmt.Errorf("gnmi capabilities of %s: %w", c.cfg.Address, err)
	}
	return resp, nil
}

// op derives the context of one operation, bounded by cfg.Timeout.
func (c *Client) op(ctx context.Context) (context.Context, context.CancelFunc, error) {
	if c.closed.Load() {
		return nil, nil, ErrClosed
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	return ctx, cancel, nil
}
