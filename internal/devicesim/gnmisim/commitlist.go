package gnmisim

import (
	"context"
	"encoding/json"
	"net"
	"strconv"
	"time"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"
)

// CommitListOrigin is the gNMI origin (the YANG module) of IOS-XR's
// commit list, whose cfg-hist-gl the target serves when its release
// advertises the module.
const CommitListOrigin = "Cisco-IOS-XR-config-cfgmgr-exec-oper"

// maxCommits bounds the commit list.
const maxCommits = 1000

// commitRecord is one change of running, as `show configuration commit
// list` lists it.
type commitRecord struct {
	id         uint64
	user, line string
	at         time.Time
}

// caller returns the user (gRPC metadata) and source address of an RPC.
func caller(ctx context.Context) (user, host string) {
	md, _ := metadata.FromIncomingContext(ctx)
	if u := md.Get("username"); len(u) == 1 {
		user = u[0]
	}
	if p, ok := peer.FromContext(ctx); ok {
		host, _, _ = net.SplitHostPort(p.Addr.String())
	}
	return user, host
}

// recordCommit adds a commit by user from host (user "system" for the
// target's own rollback). t.mu is held.
func (t *Target) recordCommit(user, host string) {
	t.nextCommit++
	t.commits = append(t.commits, commitRecord{id: 1000000000 + t.nextCommit, user: user, line: host, at: t.cfg.Clock.Now()})
	if len(t.commits) > maxCommits {
		t.commits = t.commits[len(t.commits)-maxCommits:]
	}
}

// hasCommitList reports whether the release advertises the commit list's
// module.
func (t *Target) hasCommitList() bool {
	return t.cfg.Release != nil && t.cfg.Release.Module(CommitListOrigin) != nil
}

// getCommitList answers a Get of origin CommitListOrigin: the whole
// cfg-hist-gl, JSON_IETF encoded (uint32 leaves as numbers).
func (t *Target) getCommitList(p *gpb.Path, now int64) (*gpb.Notification, error) {
	if !t.hasCommitList() {
		return nil, status.Errorf(codes.NotFound, "origin %s is not served by this target", CommitListOrigin)
	}
	if e := p.GetElem(); len(e) != 1 || e[0].GetName() != "cfg-hist-gl" {
		return nil, status.Errorf(codes.InvalidArgument, "origin %s: only /cfg-hist-gl is served", CommitListOrigin)
	}
	t.mu.Lock()
	recs := make([]map[string]any, len(t.commits))
	for i, c := range t.commits {
		recs[i] = map[string]any{"record": i + 1, "timestamp": c.at.Unix(), "record-type": "cfghist-bag-record-commit",
			"info": map[string]any{"type": "cfghist-bag-record-commit", "commit-info": map[string]any{
				"commit-id": strconv.FormatUint(c.id, 10), "user-id": c.user, "line": c.line, "client-name": "gnmi",
				"label": "", "comment": ""}}}
	}
	t.mu.Unlock()
	b, err := json.Marshal(map[string]any{"record-type": []any{map[string]any{"record-type": "commit", "record": recs}}})
	if err != nil {
		return nil, status.Errorf(codes.Internal, "encode the commit list: %v", err)
	}
	return &gpb.Notification{Timestamp: now, Update: []*gpb.Update{{Path: p,
		Val: &gpb.TypedValue{Value: &gpb.TypedValue_JsonIetfVal{JsonIetfVal: b}}}}}, nil
}
