package devicesim

import (
	"encoding/xml"
	"strconv"
	"strings"
	"time"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// Namespaces and capabilities of the device's change records.
const (
	// NSNotification is RFC 5277's namespace (create-subscription,
	// <notification>, eventTime).
	NSNotification = "urn:ietf:params:xml:ns:netconf:notification:1.0"
	// NSNetmodNotification holds RFC 5277's replayComplete and
	// notificationComplete.
	NSNetmodNotification = "urn:ietf:params:xml:ns:netmod:notification"
	// NSNetconfNotifications is RFC 6470's ietf-netconf-notifications.
	NSNetconfNotifications = "urn:ietf:params:xml:ns:yang:ietf-netconf-notifications"
	// NSXRCfgHist is Cisco-IOS-XR-config-cfgmgr-exec-oper, whose
	// cfg-hist-gl holds the commit list of IOS-XR.
	NSXRCfgHist = "http://cisco.com/ns/yang/Cisco-IOS-XR-config-cfgmgr-exec-oper"

	// CapNotification is RFC 5277's notification capability.
	CapNotification = "urn:ietf:params:netconf:capability:notification:1.0"
)

// maxChanges bounds the change log (the replay buffer and the commit list).
const maxChanges = 1000

// maxEdits bounds the edit entries of one netconf-config-change.
const maxEdits = 20

// changeEvent is one change of running as the device records it.
type changeEvent struct {
	at time.Time
	// user is the session's user; "" when the server itself changed
	// running (a confirm timeout, a timed rollback).
	user    string
	session uint32
	host    string
	edits   []editEntry
	// commitID is the IOS-XR commit id (1000000001 and up).
	commitID uint64
}

type editEntry struct {
	target *xmltree.Element // the <target>, prefixes declared on it
	op     string
}

// features are the change-record facilities the device's hello advertises.
type features struct {
	notifications bool // RFC 5277 create-subscription
	configChange  bool // RFC 6470 netconf-config-change
	commitList    bool // IOS-XR cfg-hist-gl commit records
}

func (d *Device) detectFeatures() features {
	var f features
	for _, c := range d.capabilities() {
		base, q, _ := strings.Cut(c, "?")
		switch {
		case c == CapNotification:
			f.notifications = true
		case base == NSNetconfNotifications && strings.Contains(q, "module=ietf-netconf-notifications"):
			f.configChange = true
		case base == NSXRCfgHist:
			f.commitList = true
		}
	}
	f.configChange = f.configChange && f.notifications
	return f
}

// changed records a change of running from before to the current running
// by session s (nil: the server itself) and tells the subscribers. The
// caller holds d.mu.
func (d *Device) changed(s *session, before *xmltree.Element) {
	after := d.state.running
	if before == nil || before.Equal(after) {
		return
	}
	ev := changeEvent{at: d.cfg.Clock.Now()}
	if s != nil {
		ev.user, ev.session, ev.host = s.user, s.id, s.host
	}
	ev.edits = d.editsOf(before, after)
	d.nextCommit++
	ev.commitID = 1000000000 + d.nextCommit
	d.changes = append(d.changes, ev)
	if len(d.changes) > maxChanges {
		d.changes = d.changes[len(d.changes)-maxChanges:]
	}
	if d.feat.configChange {
		n := ev.notification()
		for _, o := range d.sessions {
			o.deliver(n)
		}
	}
}

// editsOf lists what differs between two datastore roots, as RFC 6470
// edit entries (target instance-identifier and operation), at most maxEdits.
func (d *Device) editsOf(before, after *xmltree.Element) []editEntry {
	w := &editWalker{d: d}
	w.walk(before, after, nil, nil)
	return w.out
}

type editWalker struct {
	d   *Device
	out []editEntry
}

// step is one node of a target path.
type step struct {
	name xml.Name
	keys [][2]string // key leaf name, value
}

func (w *editWalker) walk(before, after *xmltree.Element, path []xml.Name, steps []step) {
	matched := map[*xmltree.Element]bool{}
	for _, a := range after.Children {
		b := w.match(before, a, path)
		if b != nil {
			matched[b] = true
		}
		w.compare(b, a, path, steps)
	}
	for _, b := range before.Children {
		if !matched[b] && w.match(after, b, path) == nil {
			w.add(append(steps, w.step(b, path)), "delete")
		}
	}
}

func (w *editWalker) compare(b, a *xmltree.Element, path []xml.Name, steps []step) {
	st := w.step(a, path)
	switch {
	case len(w.out) >= maxEdits:
	case b == nil:
		w.add(append(steps, st), "create")
	case b.Equal(a):
	case a.IsLeaf() || b.IsLeaf():
		w.add(append(steps, st), "replace")
	default:
		w.walk(b, a, append(path, a.Name), append(steps, st))
	}
}

// match finds in parent the child that is the same node as e (same name
// and, for a list entry, same keys).
func (w *editWalker) match(parent, e *xmltree.Element, path []xml.Name) *xmltree.Element {
	want := w.step(e, path)
	for _, c := range parent.Children {
		if c.Name != e.Name {
			continue
		}
		if got := w.step(c, path); equalKeys(got.keys, want.keys) {
			return c
		}
	}
	return nil
}

func equalKeys(a, b [][2]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (w *editWalker) step(e *xmltree.Element, path []xml.Name) step {
	st := step{name: e.Name}
	keys := w.d.cfg.Schema.ListKeys(append(append([]xml.Name(nil), path...), e.Name))
	for _, k := range keys {
		if k == LeafListKey {
			st.keys = append(st.keys, [2]string{".", e.Text})
			continue
		}
		if c := e.Child(e.Name.Space, k); c != nil {
			st.keys = append(st.keys, [2]string{k, c.Text})
		}
	}
	return st
}

// add appends an edit entry whose target is steps as an instance-identifier
// with prefixes n1, n2… declared on the <target> element.
func (w *editWalker) add(steps []step, op string) {
	if len(w.out) >= maxEdits {
		return
	}
	prefix := map[string]string{}
	t := xmltree.New(NSNetconfNotifications, "target")
	pf := func(ns string) string {
		if p, ok := prefix[ns]; ok {
			return p
		}
		p := "n" + strconv.Itoa(len(prefix)+1)
		prefix[ns] = p
		t.Attrs = append(t.Attrs, xml.Attr{Name: xml.Name{Space: "xmlns", Local: p}, Value: ns})
		return p
	}
	var b strings.Builder
	for _, s := range steps {
		p := pf(s.name.Space)
		b.WriteString("/" + p + ":" + s.name.Local)
		for _, k := range s.keys {
			if k[0] == "." {
				b.WriteString("[.=" + xpathQuote(k[1]) + "]")
				continue
			}
			b.WriteString("[" + p + ":" + k[0] + "=" + xpathQuote(k[1]) + "]")
		}
	}
	t.Text = b.String()
	w.out = append(w.out, editEntry{target: t, op: op})
}

func xpathQuote(s string) string {
	if strings.Contains(s, "'") {
		return `"` + s + `"`
	}
	return "'" + s + "'"
}

// notification is the RFC 6470 netconf-config-change of ev, wrapped in an
// RFC 5277 <notification>.
func (ev changeEvent) notification() *xmltree.Element {
	by := xmltree.New(NSNetconfNotifications, "changed-by")
	if ev.user == "" {
		by.Children = append(by.Children, xmltree.New(NSNetconfNotifications, "server"))
	} else {
		by.Children = append(by.Children,
			xmltree.NewLeaf(NSNetconfNotifications, "username", ev.user),
			xmltree.NewLeaf(NSNetconfNotifications, "session-id", itoa(ev.session)),
			xmltree.NewLeaf(NSNetconfNotifications, "source-host", ev.host))
	}
	cc := xmltree.New(NSNetconfNotifications, "netconf-config-change", by,
		xmltree.NewLeaf(NSNetconfNotifications, "datastore", Running))
	for _, e := range ev.edits {
		cc.Children = append(cc.Children, xmltree.New(NSNetconfNotifications, "edit",
			e.target, xmltree.NewLeaf(NSNetconfNotifications, "operation", e.op)))
	}
	return notificationAt(ev.at, cc)
}

// notificationAt wraps body in an RFC 5277 notification sent at t.
func notificationAt(t time.Time, body *xmltree.Element) *xmltree.Element {
	return xmltree.New(NSNotification, "notification",
		xmltree.NewLeaf(NSNotification, "eventTime", t.UTC().Format(time.RFC3339Nano)), body)
}

// commitList is the IOS-XR cfg-hist-gl subtree with one commit record per
// change of running, as `show configuration commit list` lists them.
func (d *Device) commitList() *xmltree.Element {
	rt := xmltree.New(NSXRCfgHist, "record-type", xmltree.NewLeaf(NSXRCfgHist, "record-type", "commit"))
	for i, ev := range d.changes {
		user, line, client := ev.user, ev.host, "netconf"
		if user == "" {
			user, line, client = "system", "", "Rollback"
		}
		info := xmltree.New(NSXRCfgHist, "info",
			xmltree.NewLeaf(NSXRCfgHist, "type", "cfghist-bag-record-commit"),
			xmltree.New(NSXRCfgHist, "commit-info",
				xmltree.NewLeaf(NSXRCfgHist, "commit-id", strconv.FormatUint(ev.commitID, 10)),
				xmltree.NewLeaf(NSXRCfgHist, "user-id", user),
				xmltree.NewLeaf(NSXRCfgHist, "line", line),
				xmltree.NewLeaf(NSXRCfgHist, "client-name", client),
				xmltree.NewLeaf(NSXRCfgHist, "label", ""),
				xmltree.NewLeaf(NSXRCfgHist, "comment", "")))
		rt.Children = append(rt.Children, xmltree.New(NSXRCfgHist, "record",
			xmltree.NewLeaf(NSXRCfgHist, "record", strconv.Itoa(i+1)),
			xmltree.NewLeaf(NSXRCfgHist, "timestamp", strconv.FormatInt(ev.at.Unix(), 10)),
			xmltree.NewLeaf(NSXRCfgHist, "record-type", "cfghist-bag-record-commit"),
			info))
	}
	return xmltree.New(NSXRCfgHist, "cfg-hist-gl", rt)
}
