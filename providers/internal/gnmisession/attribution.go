package gnmisession

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/switchyard/switchyard/providers"
)

// commitListModule is IOS-XR's module whose cfg-hist-gl holds the commit
// list (`show configuration commit list`).
const commitListModule = "Cisco-IOS-XR-config-cfgmgr-exec-oper"

var _ providers.ChangeAttributor = (*Session)(nil)

// LastChange reads IOS-XR's commit list over gNMI (origin
// Cisco-IOS-XR-config-cfgmgr-exec-oper, /cfg-hist-gl) when the target's
// Capabilities name that module, and returns its newest commit after since
// by a user other than switchyard's login; nil for a target without it.
func (s *Session) LastChange(ctx context.Context, since time.Time) (*providers.Attribution, error) {
	caps, err := s.c.Capabilities(ctx)
	if err != nil {
		return nil, fmt.Errorf("ask %s who changed it: %w", s.target.Name, err)
	}
	found := false
	for _, m := range caps.GetSupportedModels() {
		found = found || m.GetName() == commitListModule
	}
	if !found {
		return nil, nil
	}
	js, err := s.c.GetOriginJSON(ctx, commitListModule, "cfg-hist-gl")
	if err != nil {
		return nil, fmt.Errorf("read the commit list of %s: %w", s.target.Name, err)
	}
	return lastCommit(js, s.target.Username, since)
}

// cfgHist is the JSON_IETF of cfg-hist-gl, as far as LastChange reads it.
type cfgHist struct {
	RecordType []struct {
		RecordType string `json:"record-type"`
		Record     []struct {
			Timestamp json.Number `json:"timestamp"`
			Info      struct {
				CommitInfo struct {
					CommitID string `json:"commit-id"`
					UserID   string `json:"user-id"`
					Line     string `json:"line"`
				} `json:"commit-info"`
			} `json:"info"`
		} `json:"record"`
	} `json:"record-type"`
}

// lastCommit picks the newest commit record by a user other than self at
// or after since (records have whole seconds).
func lastCommit(js []byte, self string, since time.Time) (*providers.Attribution, error) {
	if len(js) == 0 {
		return nil, nil
	}
	var h cfgHist
	if err := json.Unmarshal(js, &h); err != nil {
		return nil, fmt.Errorf("decode the commit list: %w", err)
	}
	var last *providers.Attribution
	for _, rt := range h.RecordType {
		for _, r := range rt.Record {
			ci := r.Info.CommitInfo
			secs, err := strconv.ParseInt(string(r.Timestamp), 10, 64)
			at := time.Unix(secs, 0).UTC()
			if err != nil || ci.UserID == "" || ci.UserID == self || at.Before(since.Truncate(time.Second)) {
				continue
			}
			if last == nil || !at.Before(last.At) {
				last = &providers.Attribution{User: ci.UserID, Commit: ci.CommitID, Host: ci.Line, At: at, Source: "commit list"}
			}
		}
	}
	return last, nil
}
