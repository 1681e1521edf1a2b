package cliconf

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// tree renders a Config as nested lines for comparisons.
func tree(n *Node) []any {
	var out []any
	for _, c := range n.Children {
		if len(c.Children) == 0 {
			out = append(out, c.Line)
			continue
		}
		out = append(out, c.Line, tree(c))
	}
	return out
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []any
	}{
		{
			name: "headers comments and end are dropped version kept",
			in:   "Building configuration...\n\nCurrent configuration : 1234 bytes\n!\nversion 15.2\n!\nhostname sw1\nend\n",
			want: []any{"version 15.2", "hostname sw1"},
		},
		{
			name: "nx-os comment lines",
			in:   "\n!Command: show running-config\n!Time: Tue Mar  4 10:20:41 2025\n\nversion 9.3(10)\nfeature lacp\n",
			want: []any{"version 9.3(10)", "feature lacp"},
		},
		{
			name: "parent is nearest less indented line",
			in:   "a\n  b\n c\n  d\ne   \n",
			want: []any{"a", []any{"b", "c", []any{"d"}}, "e"},
		},
		{
			name: "address family ended by exit-address-family",
			in:   "router bgp 1\n neighbor 1.1.1.1 remote-as 2\n !\n address-family ipv4\n  neighbor 1.1.1.1 activate\n exit-address-family\n !\n address-family ipv6\n exit-address-family\n",
			want: []any{"router bgp 1", []any{"neighbor 1.1.1.1 remote-as 2", "address-family ipv4", []any{"neighbor 1.1.1.1 activate"}, "address-family ipv6"}},
		},
		{
			name: "banner with caret C",
			in:   "banner motd ^C\nHello !\n\n  world\n^C\nhostname x\n",
			want: []any{"banner motd ^C\nHello !\n\n  world\n^C", "hostname x"},
		},
		{
			name: "banner with literal ETX",
			in:   "banner login \x03\nend\n!\n\x03\nhostname x\n",
			want: []any{"banner login \x03\nend\n!\n\x03", "hostname x"},
		},
		{
			name: "banner on one line with hash",
			in:   "banner exec #Welcome#\nhostname x\n",
			want: []any{"banner exec #Welcome#", "hostname x"},
		},
		{
			name: "banner closing delimiter after text",
			in:   "banner motd %\nline one\nline two%\nhostname x\n",
			want: []any{"banner motd %\nline one\nline two%", "hostname x"},
		},
		{
			name: "acl entries keep sequence numbers",
			in:   "ip access-list extended A\n 10 permit tcp any any eq 22\n 20 deny ip any any log\n",
			want: []any{"ip access-list extended A", []any{"10 permit tcp any any eq 22", "20 deny ip any any log"}},
		},
		{
			name: "crlf and trailing blanks",
			in:   "interface Gi1\r\n description x  \r\n",
			want: []any{"interface Gi1", []any{"description x"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse(tc.in)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if d := cmp.Diff(tc.want, tree(c.Root)); d != "" {
				t.Errorf("tree (-want +got):\n%s", d)
			}
		})
	}
}

func TestParseLineNumbers(t *testing.T) {
	c, err := Parse("!\nhostname x\ninterface Gi1\n description y\n")
	if err != nil {
		t.Fatal(err)
	}
	want := &Node{Children: []*Node{
		{Line: "hostname x", LineNo: 2},
		{Line: "interface Gi1", LineNo: 3, Children: []*Node{{Line: "description y", LineNo: 4}}},
	}}
	if d := cmp.Diff(want, c.Root); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestParseUnterminatedBanner(t *testing.T) {
	_, err := Parse("hostname x\n!\nbanner motd ^C\nno end in sight\n")
	var pe *ParseError
	if !errors.As(err, &pe) || !errors.Is(err, ErrUnterminatedBanner) {
		t.Fatalf("err = %v, want *ParseError wrapping ErrUnterminatedBanner", err)
	}
	if pe.Line != 3 {
		t.Errorf("Line = %d, want 3", pe.Line)
	}
}

func TestStringRoundTrip(t *testing.T) {
	in := "hostname x\nbanner motd ^C\n hi\n^C\ninterface Gi1\n description y\n ip address 1.1.1.1 255.0.0.0\nrouter bgp 1\n address-family ipv4\n  network 1.0.0.0\n"
	c, err := Parse(in)
	if err != nil {
		t.Fatal(err)
	}
	want := "hostname x\nbanner motd ^C\n hi\n^C\ninterface Gi1\n description y\n ip address 1.1.1.1 255.0.0.0\n!\nrouter bgp 1\n address-family ipv4\n  network 1.0.0.0\n!\n"
	if d := cmp.Diff(want, c.String()); d != "" {
		t.Errorf("String (-want +got):\n%s", d)
	}
	again, err := Parse(c.String())
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(c.Root, again.Root, cmpopts.IgnoreFields(Node{}, "LineNo")); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
}
