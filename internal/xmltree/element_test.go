package xmltree

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMarshalCanonical(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"default namespace declared where it changes",
			`<a xmlns="urn:a"><b><c xmlns="urn:c">x</c></b></a>`,
			`<a xmlns="urn:a"><b><c xmlns="urn:c">x</c></b></a>`},
		{"prefixes become default namespaces",
			`<p:a xmlns:p="urn:a"><p:b/></p:a>`,
			`<a xmlns="urn:a"><b/></a>`},
		{"whitespace between elements dropped and text trimmed",
			"<a>\n  <b>  v  </b>\n</a>",
			`<a><b>v</b></a>`},
		{"qualified attributes get generated prefixes",
			`<a xmlns:x="urn:x" x:k="1" plain="2"/>`,
			`<a xmlns:ns1="urn:x" ns1:k="1" plain="2"/>`},
		{"text is escaped",
			`<a>&lt;&amp;&gt;</a>`,
			`<a>&lt;&amp;&gt;</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Parse([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(Marshal(e))); diff != "" {
				t.Errorf("marshal (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCloneIsDeep(t *testing.T) {
	e := MustParse(`<a><b>1</b></a>`)
	c := e.Clone()
	c.Children[0].Text = "2"
	if e.Children[0].Text != "1" || e.Equal(c) {
		t.Error("clone shares children with the original")
	}
	if !e.Equal(e.Clone()) {
		t.Error("clone differs from original")
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{"", "   ", "<a>", "<a></b>"} {
		if _, err := Parse([]byte(in)); err == nil {
			t.Errorf("Parse(%q) succeeded", in)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(`<a xmlns="urn:a"><b x="1">t</b></a>`)
	f.Add(`<p:a xmlns:p="urn:p" xmlns:q="urn:q" q:k="v"><p:b/></p:a>`)
	f.Fuzz(func(t *testing.T, in string) {
		e, err := Parse([]byte(in))
		if err != nil {
			return
		}
		out := Marshal(e)
		e2, err := Parse(out)
		if err != nil {
			t.Fatalf("re-parse of %q: %v", out, err)
		}
		if got := Marshal(e2); string(got) != string(out) {
			t.Fatalf("round trip changed:\n%s\n%s", out, got)
		}
	})
}
