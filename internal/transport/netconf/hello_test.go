package netconf

import (
	"encoding/xml"
	"errors"
	"io"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/internal/identity"
)

// The previous hello handling, kept here as the reference the parser must
// agree with: scrapligo v1.4.3's capability regular expression (its
// processServerCapabilities), the encoding/xml decoding of each capability
// that newSession did, and ncsession's url.ParseQuery reading of modules.
var refCapability = regexp.MustCompile(`(?i)(?:<(?:\w+:)?capability>)(.*?)(?:</(?:\w+:)?capability>)`)

func refCaps(hello []byte) []string {
	var out []string
	for _, m := range refCapability.FindAllSubmatch(hello, -1) {
		out = append(out, refUnescape(string(m[1])))
	}
	return out
}

func refUnescape(s string) string {
	dec := xml.NewDecoder(strings.NewReader(s))
	var b strings.Builder
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return strings.TrimSpace(b.String())
		}
		if err != nil {
			return strings.TrimSpace(s)
		}
		cd, ok := tok.(xml.CharData)
		if !ok {
			return strings.TrimSpace(s)
		}
		b.Write(cd)
	}
}

func refModules(caps []string) map[string]string {
	out := map[string]string{}
	for _, c := range caps {
		_, query, ok := strings.Cut(c, "?")
		if !ok || !strings.Contains(query, "module=") {
			continue
		}
		q, err := url.ParseQuery(query)
		if err != nil || q.Get("module") == "" {
			continue
		}
		out[q.Get("module")] = q.Get("revision")
	}
	return out
}

const (
	nsBase = `urn:ietf:params:xml:ns:netconf:base:1.0`
	capSys = "http://openconfig.net/yang/system?module=openconfig-system&revision=2024-09-24" +
		"&features=x,y&deviations=cisco-xe-openconfig-system-deviation"
)

func TestParseHello(t *testing.T) {
	for _, tc := range []struct {
		name, hello string
		caps        []string
		id          string
		// ref: the previous handling read the same capabilities.
		ref bool
	}{
		{"plain", `<?xml version="1.0" encoding="UTF-8"?><hello xmlns="` + nsBase + `"><capabilities>` +
			`<capability>urn:ietf:params:netconf:base:1.1</capability>` +
			`<capability>http://openconfig.net/yang/system?module=openconfig-system&amp;revision=2024-09-24&amp;features=x,y&amp;deviations=cisco-xe-openconfig-system-deviation</capability>` +
			`</capabilities><session-id>42</session-id></hello>`,
			[]string{CapBase11, capSys}, "42", true},
		{"odd whitespace", "\n <hello xmlns=\"" + nsBase + "\" >\r\n\t<capabilities >\n  <capability>\n\t  urn:ietf:params:netconf:base:1.0\r\n  </capability>\n" +
			"<capability>   urn:ietf:params:netconf:base:1.1</capability  >\n </capabilities>\n <session-id>\n 7 \n</session-id>\n</hello>\n",
			[]string{CapBase10, CapBase11}, "7", false},
		{"byte order mark", "\xEF\xBB\xBF<hello><capabilities><capability>" + CapBase10 + "</capability></capabilities></hello>",
			[]string{CapBase10}, "", true},
		{"prefixed, session-id first", `<nc:hello xmlns:nc="` + nsBase + `"><nc:session-id>3</nc:session-id><nc:capabilities>` +
			`<nc:capability>urn:ietf:params:netconf:base:1.0</nc:capability></nc:capabilities></nc:hello>`,
			[]string{CapBase10}, "3", true},
		{"character references, CDATA, comment", `<hello><capabilities><!-- a <capability>x</capability> comment -->` +
			`<capability>a&#38;b&#x26;c&lt;d&gt;&quot;&apos;</capability>` +
			`<capability><![CDATA[urn:x?module=m&revision=1]]></capability></capabilities></hello>`,
			[]string{`a&b&c<d>"'`, "urn:x?module=m&revision=1"}, "", false},
		{"undefined entity kept as sent", `<hello><capabilities><capability>urn:x?a=1&nbsp;b</capability></capabilities></hello>`,
			[]string{"urn:x?a=1&nbsp;b"}, "", true},
		{"attributes with > inside quotes, empty and unknown elements", `<hello a='x>y'><capabilities><capability/>` +
			`<capability b=">"> urn:y </capability><extra><capability>not one</capability></extra></capabilities>` +
			`<capability>not one either</capability><session-id>abc</session-id></hello>`,
			[]string{"urn:y"}, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := parseHello([]byte(tc.hello))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(p.caps, tc.caps) || p.id != tc.id {
				t.Errorf("caps %q id %q, want %q %q", p.caps, p.id, tc.caps, tc.id)
			}
			if ref := refCaps([]byte(tc.hello)); tc.ref && !slices.Equal(ref, p.caps) {
				t.Errorf("previous handling read %q", ref)
			}
		})
	}
}

func TestParseHelloRefuses(t *testing.T) {
	for _, tc := range []struct{ hello, want string }{
		{``, "no <hello> element"},
		{`<rpc-reply/>`, "root element is <rpc-reply>, want <hello>"},
		{`<hello><capabilities><capability>x</capabilities></hello>`, "unexpected </capabilities>"},
		{`<hello><capabilities>`, "<capabilities> is not closed"},
		{`<hello/>trailing`, "text outside the hello element"},
		{`<hello/><hello/>`, "second root element"},
		{`<!DOCTYPE hello [<!ENTITY x "y">]><hello/>`, "DOCTYPE"},
		{`<hello><capabilities><capability>a<b/>c</capability></capabilities></hello>`, "element <b> inside <capability>"},
		{`<hello><capabilities><capability a="x>`, "is not closed"},
		{`<hello><!-- never ends`, "comment is not closed"},
	} {
		_, err := parseHello([]byte(tc.hello))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err %v, want %q", tc.hello, err, tc.want)
		}
	}
}

func TestModuleOfAgreesWithParseQuery(t *testing.T) {
	caps := []string{
		CapBase10, capSys,
		"http://cisco.com/ns/yang/Cisco-IOS-XE-native?module=Cisco-IOS-XE-native&revision=2025-03-01",
		"urn:ietf:params:xml:ns:yang:ietf-interfaces?module=ietf-interfaces&revision=2014-05-08&features=pre-provisioning,if-mib,arbitrary-names&deviations=ietf-ip-devs",
		"urn:x?revision=2020-01-01&module=late-name",
		"urn:x?module=first&module=second&revision=a&revision=b",
		"urn:x?submodule=only-sub",
		"urn:x?module=&revision=2020-01-01",
		"urn:x?module=no-revision",
		"urn:x?module=esc%2Dname&revision=2020%2D01%2D01",
		"urn:x?module=plus+name",
		"urn:x?module=semi;colon",
		"urn:x?module=bad%zz",
		"urn:x?=x&module=m2&&revision=r2",
		"urn:ietf:params:netconf:capability:with-defaults:1.0?basic-mode=explicit&also-supported=report-all",
	}
	got, want := ModulesOf(caps), refModules(caps)
	if !maps.Equal(got, want) {
		t.Errorf("ModulesOf = %v\nParseQuery reading = %v", got, want)
	}
	if got["openconfig-system"] != "2024-09-24" || got["late-name"] != "2020-01-01" || got["first"] != "a" {
		t.Errorf("ModulesOf = %v", got)
	}
}

func TestDecodeText(t *testing.T) {
	for in, want := range map[string]string{
		"  a&amp;b ":   "a&b",
		"x\r\ny":       "x\ny",
		"&#60;&#x3e;":  "<>",
		"&#0;":         "&#0;",
		"&#xD800;":     "\uFFFD",
		"&#x110000;":   "&#x110000;",
		"a&amp":        "a&amp",
		"&unknown;":    "&unknown;",
		"\t&#32;x&#9;": "x",
	} {
		if got := decodeText([]byte(in)); got != want {
			t.Errorf("decodeText(%q) = %q, want %q", in, got, want)
		}
		if ref := refUnescape(strings.ReplaceAll(in, "\r", "")); ref != decodeText([]byte(in)) {
			t.Errorf("decodeText(%q) = %q, encoding/xml %q", in, decodeText([]byte(in)), ref)
		}
	}
}

// hello builds a server hello with session-id id (none when "").
func hello(id string, caps ...string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<hello xmlns="` + nsBase + `"><capabilities>`)
	for _, c := range caps {
		b.WriteString("<capability>" + strings.ReplaceAll(c, "&", "&amp;") + "</capability>")
	}
	b.WriteString("</capabilities>")
	if id != "" {
		b.WriteString("<session-id>" + id + "</session-id>")
	}
	b.WriteString("</hello>")
	return []byte(b.String())
}

func TestReadHelloSharesParse(t *testing.T) {
	ids := identity.New()
	read := func(b []byte) (*serverHello, string) {
		t.Helper()
		h, id, err := readHello(b, ids)
		if err != nil {
			t.Fatal(err)
		}
		return h, id
	}
	a, idA := read(hello("1", CapBase10, CapBase11, capSys))
	b, idB := read(hello("123456", CapBase10, CapBase11, capSys))
	if a != b || idA != "1" || idB != "123456" {
		t.Errorf("same hello, other session-id: shared %t, ids %q %q", a == b, idA, idB)
	}
	c, _ := read(hello("2", CapBase10, CapBase11))
	if c == a || len(c.caps) != 2 {
		t.Errorf("a different hello shares the parse of another: %q", c.caps)
	}
	n1, idN1 := read(hello("", CapBase11))
	n2, idN2 := read(hello("", CapBase11))
	if n1 != n2 || idN1 != "" || idN2 != "" {
		t.Errorf("hellos without session-id: shared %t, ids %q %q", n1 == n2, idN1, idN2)
	}
	// "session-id>" in a capability before the element: the quick scan
	// finds the wrong text, the parse the right one, and nothing is shared
	// on the wrong key.
	tricky := func(id string) []byte {
		return []byte(`<hello><capabilities><capability>urn:x:session-id>9</capability>` +
			`<capability>` + CapBase10 + `</capability></capabilities><session-id>` + id + `</session-id></hello>`)
	}
	for _, id := range []string{"5", "6"} {
		h, got := read(tricky(id))
		if got != id || !slices.Equal(h.caps, []string{"urn:x:session-id>9", CapBase10}) {
			t.Errorf("tricky hello %s: id %q caps %q", id, got, h.caps)
		}
	}
	if h, id, err := readHello(hello("8", CapBase10), nil); err != nil || id != "8" || !h.base10 || h.base11 {
		t.Errorf("without a cache: %v %q %+v", err, id, h)
	}
	if _, _, err := readHello([]byte(`<hello><capabilities>`), ids); err == nil {
		t.Error("a broken hello was read")
	}
}

func TestServerHelloHas(t *testing.T) {
	h := newServerHello([]string{CapBase10, CapCandidate, "urn:ietf:params:netconf:capability:with-defaults:1.0?basic-mode=explicit"})
	for c, want := range map[string]bool{
		CapBase10: true, CapBase11: false, CapCandidate: true,
		"urn:ietf:params:netconf:capability:with-defaults:1.0":                       true,
		"urn:ietf:params:netconf:capability:with-defaults:1.0?basic-mode=explicit":   true,
		"urn:ietf:params:netconf:capability:with-defaults:1.0?basic-mode=report-all": false,
	} {
		if h.has(c) != want {
			t.Errorf("has(%q) = %t, want %t", c, !want, want)
		}
	}
	if _, err := scrapligoHello(newServerHello([]string{CapCandidate}), "1"); !errors.Is(err, errNoBase) {
		t.Errorf("a hello without base capability: %v", err)
	}
	b, err := scrapligoHello(h, "12")
	if err != nil || !strings.Contains(string(b), "<capability>"+CapBase10+"</capability>") ||
		strings.Contains(string(b), CapBase11) || !strings.Contains(string(b), "<session-id>12</session-id>") {
		t.Errorf("scrapligo's hello: %s, %v", b, err)
	}
}
