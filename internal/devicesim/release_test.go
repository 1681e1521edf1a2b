package devicesim

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/profiles"
)

const nsVLAN = "http://openconfig.net/yang/vlan"

func releaseDevice(t *testing.T, platform, release string) (*Device, *profiles.Profile) {
	t.Helper()
	set, err := profiles.Shipped()
	if err != nil {
		t.Fatal(err)
	}
	p, err := set.Select(platform, release)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := testDevice(t, func(c *Config) { c.Release = p })
	return d, p
}

// The IOS-XE 17.18.1 simulator says exactly what Cisco publishes for a
// Catalyst 9000 (capability-cat9k.xml): these are its protocol capabilities.
func TestReleaseHelloIsThePublishedOne(t *testing.T) {
	d, p := releaseDevice(t, "iosxe", "17.18.1")
	c := dial11(t, d)
	defer c.close()
	published := []string{
		"urn:ietf:params:netconf:base:1.0",
		"urn:ietf:params:netconf:base:1.1",
		"urn:ietf:params:netconf:capability:writable-running:1.0",
		"urn:ietf:params:netconf:capability:candidate:1.0",
		"urn:ietf:params:netconf:capability:rollback-on-error:1.0",
		"urn:ietf:params:netconf:capability:validate:1.0",
		"urn:ietf:params:netconf:capability:validate:1.1",
		"urn:ietf:params:netconf:capability:xpath:1.0",
		"urn:ietf:params:netconf:capability:notification:1.0",
		"urn:ietf:params:netconf:capability:interleave:1.0",
		"urn:ietf:params:netconf:capability:partial-lock:1.0",
		"urn:ietf:params:netconf:capability:with-defaults:1.0?basic-mode=explicit&also-supported=report-all-tagged,report-all",
		"urn:ietf:params:netconf:capability:with-operational-defaults:1.0?basic-mode=explicit&also-supported=report-all-tagged,report-all",
		"urn:ietf:params:netconf:capability:yang-library:1.0?revision=2019-01-04&module-set-id=dac0317e8f6f38441e24acacc5e3de7a",
		"urn:ietf:params:netconf:capability:yang-library:1.1?revision=2019-01-04&content-id=dac0317e8f6f38441e24acacc5e3de7a",
		"urn:ietf:params:netconf:capability:notification:1.1", // last in the file, after the modules
	}
	var base []string
	for _, cp := range c.caps {
		if strings.HasPrefix(cp, "urn:ietf:params:netconf:") {
			base = append(base, cp)
		}
	}
	if !slices.Equal(base, published) {
		t.Errorf("protocol capabilities:\n got %q\nwant %q", base, published)
	}
	if len(c.caps) != len(p.Hello()) || !slices.Contains(c.caps, "http://cisco.com/yang/cisco-ia?module=cisco-ia&revision=2024-07-01") {
		t.Errorf("hello has %d capabilities, the profile %d", len(c.caps), len(p.Hello()))
	}
}

func TestReleaseRefusesAtEditTime(t *testing.T) {
	d, _ := releaseDevice(t, "iosxe", "17.18.1")
	c := dial11(t, d)
	defer c.close()
	edit := func(target, body string) string {
		return `<edit-config><target><` + target + `/></target><config><interfaces xmlns="` + nsIf + `">` +
			`<interface><name>Gi1</name>` + body + `</interface></interfaces></config></edit-config>`
	}
	tests := []struct {
		name, body, wantTag, wantMsg string
	}{
		{"deviated leaf", `<config><mtu>9000</mtu></config>`, "unknown-element",
			"not supported by iosxe 17.18.1 (deviate not-supported at cisco-xe-switching-openconfig-interfaces-deviation.yang:31)"},
		{"unknown leaf", `<config><no-such-leaf>1</no-such-leaf></config>`, "unknown-element",
			"not in the writable schema of openconfig-interfaces@2018-01-05 as iosxe 17.18.1 publishes it"},
		{"out-of-range value", `<ethernet xmlns="http://openconfig.net/yang/interfaces/ethernet"><switched-vlan xmlns="` + nsVLAN + `">` +
			`<config><access-vlan>5000</access-vlan></config></switched-vlan></ethernet>`, "invalid-value", "5000 is out of range 1..4094 for uint16"},
	}
	for _, tt := range tests {
		for _, target := range []string{Candidate, Running} {
			t.Run(tt.name+" in "+target, func(t *testing.T) {
				got := firstError(t, c.rpc(edit(target, tt.body)))
				if got.Tag != tt.wantTag || got.Message != tt.wantMsg {
					t.Errorf("edit-config reply: tag %q message %q; want %q %q", got.Tag, got.Message, tt.wantTag, tt.wantMsg)
				}
			})
		}
	}
	// What the release takes is accepted, and nothing refused reached the datastore.
	c.ok(edit(Candidate, `<config><description>ok</description></config>`))
	if data := dataOf(t, c.rpc(`<get-config><source><candidate/></source></get-config>`)); strings.Contains(data, "5000") || strings.Contains(data, "no-such-leaf") {
		t.Errorf("a refused edit reached the candidate: %s", data)
	}
}

func TestReleaseWithoutConfirmedCommit(t *testing.T) {
	d, _ := releaseDevice(t, "iosxe", "17.18.1")
	c := dial11(t, d)
	defer c.close()
	got := firstError(t, c.rpc(`<commit><confirmed/><confirm-timeout>60</confirm-timeout></commit>`))
	if got.Tag != "unknown-element" {
		t.Errorf("confirmed commit on a release without :confirmed-commit: %+v", got)
	}
	c.ok(`<commit/>`)
	if got := firstError(t, c.rpc(`<cancel-commit/>`)); got.Tag != "operation-not-supported" {
		t.Errorf("cancel-commit: %+v", got)
	}
}

// The hello encoded once per device is the hello encoded whole for each
// session (only the session-id differs).
func TestHelloMessageIsTheWholeEncoding(t *testing.T) {
	d, _ := releaseDevice(t, "iosxr", "26.2.1")
	for _, id := range []uint32{1, 42, 4294967295} {
		h := xmltree.New(NSBase, "hello", xmltree.New(NSBase, "capabilities"),
			xmltree.NewLeaf(NSBase, "session-id", strconv.FormatUint(uint64(id), 10)))
		for _, c := range d.capabilities() {
			h.Children[0].Children = append(h.Children[0].Children, xmltree.NewLeaf(NSBase, "capability", c))
		}
		want := append([]byte(xmlDecl), xmltree.Marshal(h)...)
		if got := d.helloMessage(id); !bytes.Equal(got, want) {
			t.Fatalf("session %d hello:\n got %.300s\nwant %.300s", id, got, want)
		}
	}
}
