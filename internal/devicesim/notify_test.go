package devicesim

import (
	"strings"
	"testing"
	"time"

	"github.com/switchyard/switchyard/internal/xmltree"
)

const (
	subscribe  = `<create-subscription xmlns="` + NSNotification + `"><stream>NETCONF</stream></create-subscription>`
	editGi2MTU = `<edit-config><target><candidate/></target><config><interfaces xmlns="` + nsIf +
		`"><interface><name>Gi2</name><config><mtu>9000</mtu></config></interface></interfaces></config></edit-config>`
	capNotifs = NSNetconfNotifications + "?module=ietf-netconf-notifications&revision=2012-02-06"
)

// A subscriber on one session receives, as it happens, the RFC 6470
// netconf-config-change of a commit made on another session: who (user,
// session-id, source host), which datastore, what was edited.
func TestSubscriberReceivesConfigChange(t *testing.T) {
	d, clock := testDevice(t, func(c *Config) { c.Capabilities = append(c.Capabilities, CapNotification, capNotifs) })
	sub := dial11(t, d)
	sub.ok(subscribe)
	clock.Advance(time.Minute)
	editor := dial11(t, d)
	editor.ok(editGi2MTU)
	editor.ok(`<commit/>`)
	b, err := sub.read()
	if err != nil {
		t.Fatal(err)
	}
	n, err := xmltree.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	cc := n.Child(NSNetconfNotifications, "netconf-config-change")
	if n.Name.Local != "notification" || cc == nil {
		t.Fatalf("got %s, want a netconf-config-change notification", b)
	}
	by := cc.Child(NSNetconfNotifications, "changed-by")
	got := []string{n.Child(NSNotification, "eventTime").Text, by.Child(NSNetconfNotifications, "username").Text,
		by.Child(NSNetconfNotifications, "session-id").Text, by.Child(NSNetconfNotifications, "source-host").Text,
		cc.Child(NSNetconfNotifications, "datastore").Text}
	want := []string{clock.Now().UTC().Format(time.RFC3339Nano), testUser, itoa(editor.sessionID), "127.0.0.1", "running"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("notification says %q, want %q", got, want)
	}
	edit := cc.Child(NSNetconfNotifications, "edit")
	if edit == nil || !strings.HasSuffix(edit.Child(NSNetconfNotifications, "target").Text, "[n1:name='Gi2']/n1:config/n1:mtu") {
		t.Errorf("edit %s, want the mtu of Gi2", edit)
	}
}

// create-subscription exists only where the hello advertises RFC 5277, and
// refuses what RFC 5277 refuses.
func TestCreateSubscriptionRefusals(t *testing.T) {
	plain, _ := testDevice(t, nil)
	c := dial11(t, plain)
	if e := firstError(t, c.rpc(subscribe)); e.Tag != TagOperationNotSupported {
		t.Errorf("device without :notification: %+v, want operation-not-supported", e)
	}
	d, clock := testDevice(t, func(c *Config) { c.Capabilities = append(c.Capabilities, CapNotification) })
	c = dial11(t, d)
	future := clock.Now().Add(time.Hour).Format(time.RFC3339)
	for body, tag := range map[string]string{
		`<stream>yang-push</stream>`:            TagInvalidValue,
		`<stopTime>` + future + `</stopTime>`:   TagInvalidValue,
		`<startTime>` + future + `</startTime>`: TagInvalidValue,
		`<startTime>yesterday</startTime>`:      TagInvalidValue,
	} {
		r := c.rpc(`<create-subscription xmlns="` + NSNotification + `">` + body + `</create-subscription>`)
		if e := firstError(t, r); e.Tag != tag {
			t.Errorf("%s: %+v, want %s", body, e, tag)
		}
	}
}

// The IOS-XR release keeps its commit list as Cisco-IOS-XR-config-cfgmgr-exec-oper's
// cfg-hist-gl and answers <get> with it; IOS-XE (which advertises no such module) does not.
func TestReleaseCommitList(t *testing.T) {
	xr, _ := releaseDevice(t, "iosxr", "26.2.1")
	c := dial11(t, xr)
	filter := `<get><filter type="subtree"><cfg-hist-gl xmlns="` + NSXRCfgHist + `"/></filter></get>`
	before := dataOf(t, c.rpc(filter))
	if strings.Contains(before, "<record>") {
		t.Fatalf("commit list before any commit: %s", before)
	}
	c.ok(`<edit-config><target><candidate/></target><config><system xmlns="http://openconfig.net/yang/system"><config><hostname>x</hostname></config></system></config></edit-config>`)
	c.ok(`<commit/>`)
	after := dataOf(t, c.rpc(filter))
	for _, want := range []string{"<commit-id>1000000001</commit-id>", "<user-id>" + testUser + "</user-id>", "<line>127.0.0.1</line>", "<timestamp>"} {
		if !strings.Contains(after, want) {
			t.Errorf("commit list lacks %s:\n%s", want, after)
		}
	}
	xe, _ := releaseDevice(t, "iosxe", "17.18.1")
	if got := dataOf(t, dial11(t, xe).rpc(filter)); strings.Contains(got, "cfg-hist-gl") {
		t.Errorf("IOS-XE answers with a commit list: %s", got)
	}
}
