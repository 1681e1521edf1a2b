package gnmisim

import (
	"context"
	"crypto/subtle"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"
)

// unaryInterceptor applies the knobs and checks credentials before every
// unary RPC.
func (t *Target) unaryInterceptor(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
	lose := t.knobs.loseReply()
	if err := t.admit(ctx, info.FullMethod); err != nil {
		return nil, err
	}
	resp, err := h(ctx, req)
	if p, ok := peer.FromContext(ctx); ok && lose {
		t.dropConn(p.Addr.String())
		return nil, status.Error(codes.Unavailable, "connection dropped by the simulator after processing the rpc")
	}
	return resp, err
}

// streamInterceptor does the same for streaming RPCs (Subscribe).
func (t *Target) streamInterceptor(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
	if err := t.admit(ss.Context(), info.FullMethod); err != nil {
		return err
	}
	return h(srv, ss)
}

// admit runs the latency and drop knobs, then authenticates the caller.
func (t *Target) admit(ctx context.Context, method string) error {
	latency, drop := t.knobs.onRPC()
	if p, ok := peer.FromContext(ctx); ok && drop {
		t.dropConn(p.Addr.String())
		return status.Error(codes.Unavailable, "connection dropped by the simulator")
	}
	if latency > 0 {
		timer := time.NewTimer(latency)
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			return status.FromContextError(ctx.Err()).Err()
		}
	}
	if !t.authenticated(ctx) {
		t.log.Debug("rpc refused: bad credentials", "method", method)
		return status.Error(codes.Unauthenticated, "invalid username or password")
	}
	t.log.Debug("rpc", "method", method)
	return nil
}

// authenticated reports whether the metadata carry the configured
// username and password.
func (t *Target) authenticated(ctx context.Context) bool {
	md, _ := metadata.FromIncomingContext(ctx)
	if equal(md.Get("username"), t.cfg.Username) && equal(md.Get("password"), t.cfg.Password) {
		return true
	}
	for u, p := range t.cfg.Users {
		if equal(md.Get("username"), u) && equal(md.Get("password"), p) {
			return true
		}
	}
	return false
}

// equal compares a single metadata value with want in constant time.
func equal(vals []string, want string) bool {
	return len(vals) == 1 && subtle.ConstantTimeCompare([]byte(vals[0]), []byte(want)) == 1
}
