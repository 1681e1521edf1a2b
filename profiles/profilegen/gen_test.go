package profilegen

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/profiles"
)

func labProfile(t *testing.T) *profiles.Profile {
	t.Helper()
	p, err := Generate(Options{Platform: "iosxe", Release: "1.2.3", Dir: "testdata/lab", Source: "lab"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestGenerateKeepsTheFacts(t *testing.T) {
	p := labProfile(t)
	if p.Source != "lab capability-lab.xml" || p.Hardware != "lab" {
		t.Errorf("source %q, hardware %q", p.Source, p.Hardware)
	}
	wantCaps := []string{"urn:ietf:params:netconf:base:1.1", "urn:ietf:params:netconf:capability:candidate:1.0",
		"urn:ietf:params:netconf:capability:confirmed-commit:1.1"}
	if diff := cmp.Diff(wantCaps, p.Capabilities); diff != "" {
		t.Errorf("capabilities (-want +got):\n%s", diff)
	}
	m := p.Module("openconfig-lab-system")
	if m == nil || m.Revision != "2026-01-01" || m.Namespace != "http://example.net/yang/lab-system" ||
		!cmp.Equal(m.Deviations, []string{"lab-system-deviations"}) {
		t.Errorf("module = %+v", m)
	}
	// Only the config node is kept; the state one is operational data.
	want := []profiles.Unsupported{{Path: "/openconfig-lab-system:system/ntp/servers/server/config/prefer", Source: "lab-system-deviations.yang:17"}}
	if diff := cmp.Diff(want, p.Unsupported); diff != "" {
		t.Errorf("unsupported (-want +got):\n%s", diff)
	}
	if p.Rollback.NETCONF != profiles.RollbackConfirmedCommit {
		t.Errorf("rollback = %+v", p.Rollback)
	}
	if !strings.Contains(strings.Join(p.Warnings, "\n"), "openconfig-not-published is advertised but not published") {
		t.Errorf("warnings = %q", p.Warnings)
	}
	sys := p.Schema.Children["system"]
	if sys == nil || sys.Module != "openconfig-lab-system" {
		t.Fatalf("system = %+v", sys)
	}
	cfg := sys.Children["ntp"].Children["servers"].Children["server"]
	if !cmp.Equal(cfg.Keys, []string{"address"}) || !cfg.List {
		t.Errorf("server list = %+v", cfg)
	}
	leaves := cfg.Children["config"].Children
	if leaves["prefer"] != nil {
		t.Error("deviated leaf prefer is in the writable schema")
	}
	if got := leaves["version"].Type; got != "uint8 1..4" {
		t.Errorf("version type = %q", got)
	}
	if got := leaves["association-type"].Type; got != "enumeration PEER|SERVER" {
		t.Errorf("association-type type = %q", got)
	}
	if sys.Children["state"] != nil {
		t.Error("config false state container is in the writable schema")
	}
}

func TestGeneratedProfileRoundTrips(t *testing.T) {
	p := labProfile(t)
	data, err := p.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	q, err := profiles.Parse(data, "x.json")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p.Schema, q.Schema); diff != "" {
		t.Errorf("schema changed through the file (-before +after):\n%s", diff)
	}
}

func TestCheckXMLRefusesWhatTheReleaseLacks(t *testing.T) {
	p := labProfile(t)
	const ns = "http://example.net/yang/lab-system"
	server := func(leaf, value string) *xmltree.Element {
		return xmltree.New(ns, "system", xmltree.New(ns, "ntp", xmltree.New(ns, "servers", xmltree.New(ns, "server",
			xmltree.NewLeaf(ns, "address", "10.0.0.1"),
			xmltree.New(ns, "config", xmltree.NewLeaf(ns, "address", "10.0.0.1"), xmltree.NewLeaf(ns, leaf, value))))))
	}
	tests := []struct {
		name       string
		node       *xmltree.Element
		wantTag    string
		wantReason string
	}{
		{"accepted leaf", server("version", "4"), "", ""},
		{"deviated leaf names the deviation line", server("prefer", "true"), profiles.TagUnknownElement,
			"not supported by iosxe 1.2.3 (deviate not-supported at lab-system-deviations.yang:17)"},
		{"leaf the module does not have", server("iburst", "true"), profiles.TagUnknownElement,
			"not in the writable schema of openconfig-lab-system@2026-01-01 as iosxe 1.2.3 publishes it"},
		{"out of range", server("version", "7"), profiles.TagInvalidValue, "7 is out of range 1..4 for uint8"},
		{"not an enum value", server("association-type", "POOL"), profiles.TagInvalidValue, `"POOL" is not one of PEER, SERVER`},
		{"module not advertised", xmltree.New("http://openconfig.net/yang/defined-sets", "defined-sets"), profiles.TagUnknownNamespace,
			"namespace http://openconfig.net/yang/defined-sets is not advertised by iosxe 1.2.3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := p.CheckXML([]*xmltree.Element{tt.node})
			if tt.wantTag == "" {
				if len(got) != 0 {
					t.Fatalf("refused: %v", got[0])
				}
				return
			}
			if len(got) != 1 || got[0].Tag != tt.wantTag || got[0].Reason != tt.wantReason {
				t.Fatalf("got %+v, want tag %s reason %q", got, tt.wantTag, tt.wantReason)
			}
		})
	}
}

func TestGenerateErrors(t *testing.T) {
	if _, err := Generate(Options{Platform: "iosxe", Release: "1", Dir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), "no hello") {
		t.Errorf("empty folder: %v", err)
	}
	if _, err := Generate(Options{Platform: "iosxe", Dir: "testdata/lab"}); err == nil {
		t.Error("missing release accepted")
	}
}

func TestGenerateKeepsTheNativeRoots(t *testing.T) {
	p, err := Generate(Options{Platform: "iosxe", Release: "1.2.3", Dir: "testdata/lab", Source: "lab",
		Native: &NativeOptions{Modules: []string{"lab-native"}, Roots: []string{"/native/logging", "/native/interface", "/native/line"},
			YangSet: "yang-set-lab.xml"}})
	if err != nil {
		t.Fatal(err)
	}
	m := p.Module("lab-native")
	if m == nil || m.Namespace != "http://example.net/yang/lab-native" || !cmp.Equal(m.Deviations, []string{"lab-native-deviations"}) {
		t.Fatalf("module from the yang library = %+v", m)
	}
	if !strings.Contains(strings.Join(p.Warnings, "\n"), "module lab-native is not in the published hello; taken from yang-set-lab.xml") {
		t.Errorf("warnings = %q", p.Warnings)
	}
	native := p.Native.Children["native"]
	if native == nil || native.Module != "lab-native" {
		t.Fatalf("native = %+v", native)
	}
	if native.Children["unused"] != nil || native.Children["hostname"] != nil {
		t.Error("a subtree outside the roots is kept")
	}
	trap := native.Children["logging"].Children["trap"]
	if !trap.Presence || trap.Children["severity"].Type != "uint8 0..7" {
		t.Errorf("trap = %+v", trap)
	}
	if native.Children["logging"].Children["buffered"] != nil {
		t.Error("deviated leaf buffered is in the native schema")
	}
	eth := native.Children["interface"].Children["Ethernet"]
	if !eth.List || !cmp.Equal(eth.Keys, []string{"name"}) || eth.Children["counters"] != nil || eth.Children["mtu"] == nil {
		t.Errorf("Ethernet = %+v", eth)
	}
	found := false
	for _, u := range p.Unsupported {
		if u.Path == "/lab-native:native/logging/buffered" && u.Source == "lab-native-deviations.yang:17" {
			found = true
		}
	}
	if !found {
		t.Errorf("unsupported = %+v", p.Unsupported)
	}
	data, err := p.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	q, err := profiles.Parse(data, "x.json")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(p.Native, q.Native); diff != "" {
		t.Errorf("native schema changed through the file (-before +after):\n%s", diff)
	}
}

// An augment inside a uses (RFC 7950 §7.13.1), which goyang drops, is in
// the schema, and a deviation of one of its nodes applies.
func TestGenerateAppliesTheAugmentsOfUses(t *testing.T) {
	p, err := Generate(Options{Platform: "iosxe", Release: "1.2.3", Dir: "testdata/lab", Source: "lab",
		Native: &NativeOptions{Modules: []string{"lab-native"}, Roots: []string{"/native/line"}, YangSet: "yang-set-lab.xml"}})
	if err != nil {
		t.Fatal(err)
	}
	transport := p.Native.Children["native"].Children["line"].Children["vty"].Children["transport"]
	if transport == nil || transport.Children["output"] == nil {
		t.Fatalf("transport = %+v", transport)
	}
	input := transport.Children["input"]
	if input == nil {
		t.Fatal("the augment of the uses is not in the schema: no transport/input")
	}
	if in := input.Children["input"]; in == nil || !in.List || in.Type != "enumeration ssh|telnet" || input.Children["none"] == nil {
		t.Errorf("input = %+v", input)
	}
	if input.Children["escape"] != nil {
		t.Error("the deviated leaf escape (inside the augment of a uses) is in the schema")
	}
	for _, w := range p.Warnings {
		if strings.Contains(w, "cannot find target node to deviate") || strings.Contains(w, "augment") {
			t.Errorf("warning: %s", w)
		}
	}
}

// A native schema without roots (IOS-XR's unified models, kept whole)
// keeps every node, presence containers without children included.
func TestGenerateKeepsWholeNativeModules(t *testing.T) {
	p, err := Generate(Options{Platform: "iosxr", Release: "1.2.3", Dir: "testdata/lab", Source: "lab",
		Native: &NativeOptions{Modules: []string{"lab-native"}, YangSet: "yang-set-lab.xml"}})
	if err != nil {
		t.Fatal(err)
	}
	native := p.Native.Children["native"]
	if native == nil || native.Children["hostname"] == nil || native.Children["unused"] == nil {
		t.Fatalf("native = %+v", native)
	}
	if trap := native.Children["logging"].Children["trap"]; trap == nil || !trap.Presence {
		t.Errorf("trap = %+v", trap)
	}
}
