package ncsession

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/transport/netconf"
	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/providers"
)

// Namespaces of the device records LastChange reads.
const (
	nsNetconfNotifications = "urn:ietf:params:xml:ns:yang:ietf-netconf-notifications"
	nsXRCfgHist            = "http://cisco.com/ns/yang/Cisco-IOS-XR-config-cfgmgr-exec-oper"
)

var _ providers.ChangeAttributor = (*Session)(nil)

// LastChange asks the device who changed running after since. A device
// whose hello advertises RFC 5277 notifications and ietf-netconf-notifications
// (IOS-XE) is asked for a replay of its NETCONF stream on a session of its
// own, and the newest netconf-config-change of running by another user
// answers; a device that refuses the replay answers nothing. A device that
// advertises Cisco-IOS-XR-config-cfgmgr-exec-oper (IOS-XR) is read its
// commit list. Others (NX-OS over NETCONF) keep no such record: nil.
func (s *Session) LastChange(ctx context.Context, since time.Time) (*providers.Attribution, error) {
	switch {
	case s.nc.Has(netconf.CapNotification) && s.advertises("ietf-netconf-notifications"):
		return s.configChanges(ctx, since)
	case s.advertises("Cisco-IOS-XR-config-cfgmgr-exec-oper"):
		return s.commitList(ctx, since)
	}
	return nil, nil
}

// configChanges replays the NETCONF stream from since.
func (s *Session) configChanges(ctx context.Context, since time.Time) (*providers.Attribution, error) {
	if since.IsZero() {
		since = time.Unix(0, 0)
	}
	ns, err := netconf.Replay(ctx, ncConfig(s.target, s.log), since)
	if netconf.RPCErrors(err) != nil {
		s.log.Debug("the device refuses to replay its notifications", "err", err)
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("ask %s who changed it: %w", s.target.Name, err)
	}
	var last *providers.Attribution
	for _, n := range ns {
		if a := configChange(n, s.target.Username); a != nil {
			last = a
		}
	}
	return last, nil
}

// configChange decodes an RFC 6470 netconf-config-change of running made
// by a user other than self; nil otherwise.
func configChange(n netconf.Notification, self string) *providers.Attribution {
	e := n.Event
	if e.Name.Space != nsNetconfNotifications || e.Name.Local != "netconf-config-change" {
		return nil
	}
	if ds := e.Child(nsNetconfNotifications, "datastore"); ds != nil && strings.TrimSpace(ds.Text) != "running" {
		return nil
	}
	by := e.Child(nsNetconfNotifications, "changed-by")
	if by == nil {
		return nil
	}
	user := text(by, nsNetconfNotifications, "username")
	if user == "" || user == self {
		return nil // the server itself (a confirm timeout), or switchyard
	}
	return &providers.Attribution{User: user, Session: text(by, nsNetconfNotifications, "session-id"),
		Host: text(by, nsNetconfNotifications, "source-host"), At: n.EventTime, Source: "netconf-config-change"}
}

func text(e *xmltree.Element, ns, name string) string {
	if c := e.Child(ns, name); c != nil {
		return strings.TrimSpace(c.Text)
	}
	return ""
}

// commitList reads the IOS-XR commit list (cfg-hist-gl commit records).
func (s *Session) commitList(ctx context.Context, since time.Time) (*providers.Attribution, error) {
	f := xmltree.New(netconf.NSBase, "filter", xmltree.New(nsXRCfgHist, "cfg-hist-gl",
		xmltree.New(nsXRCfgHist, "record-type", xmltree.NewLeaf(nsXRCfgHist, "record-type", "commit"))))
	f.Attrs = append(f.Attrs, xmlAttr("type", "subtree"))
	data, err := s.nc.Get(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("read the commit list of %s: %w", s.target.Name, err)
	}
	var last *providers.Attribution
	for _, top := range data {
		for _, rt := range top.Children {
			for _, rec := range rt.Children {
				if a := commitRecord(rec, s.target.Username, since); a != nil && (last == nil || !a.At.Before(last.At)) {
					last = a
				}
			}
		}
	}
	return last, nil
}

// commitRecord decodes one cfg-hist-gl record of a commit by a user other
// than self at or after since (the record has whole seconds).
func commitRecord(rec *xmltree.Element, self string, since time.Time) *providers.Attribution {
	ci := rec.Child(nsXRCfgHist, "info")
	if rec.Name.Local != "record" || ci == nil {
		return nil
	}
	if ci = ci.Child(nsXRCfgHist, "commit-info"); ci == nil {
		return nil
	}
	secs, err := strconv.ParseInt(text(rec, nsXRCfgHist, "timestamp"), 10, 64)
	user := text(ci, nsXRCfgHist, "user-id")
	at := time.Unix(secs, 0).UTC()
	if err != nil || user == "" || user == self || at.Before(since.Truncate(time.Second)) {
		return nil
	}
	return &providers.Attribution{User: user, Commit: text(ci, nsXRCfgHist, "commit-id"),
		Host: text(ci, nsXRCfgHist, "line"), At: at, Source: "commit list"}
}
