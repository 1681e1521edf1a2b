package clitext

import (
	"errors"
	"testing"
)

func TestMaskAndWildcard(t *testing.T) {
	tests := []struct {
		bits           int
		mask, wildcard string
	}{
		{0, "0.0.0.0", "255.255.255.255"},
		{1, "128.0.0.0", "127.255.255.255"},
		{8, "255.0.0.0", "0.255.255.255"},
		{12, "255.240.0.0", "0.15.255.255"},
		{22, "255.255.252.0", "0.0.3.255"},
		{24, "255.255.255.0", "0.0.0.255"},
		{26, "255.255.255.192", "0.0.0.63"},
		{31, "255.255.255.254", "0.0.0.1"},
		{32, "255.255.255.255", "0.0.0.0"},
	}
	for _, tt := range tests {
		if got := Mask(tt.bits); got != tt.mask {
			t.Errorf("Mask(%d) = %s, want %s", tt.bits, got, tt.mask)
		}
		if got := Wildcard(tt.bits); got != tt.wildcard {
			t.Errorf("Wildcard(%d) = %s, want %s", tt.bits, got, tt.wildcard)
		}
	}
}

func TestMaskPanicsOutOfRange(t *testing.T) {
	for _, bits := range []int{-1, 33} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Mask(%d) did not panic", bits)
				}
			}()
			Mask(bits)
		}()
	}
}

func TestParseIPv4Prefix(t *testing.T) {
	if _, err := ParseIPv4Prefix("2001:db8::/32"); err == nil {
		t.Error("ParseIPv4Prefix(IPv6) = nil error")
	}
	if p, err := ParseIPv4Prefix("10.1.2.3/24"); err != nil || p.Addr().String() != "10.1.2.3" || p.Bits() != 24 {
		t.Errorf("ParseIPv4Prefix(10.1.2.3/24) = %v, %v", p, err)
	}
}

func TestCompactVLANs(t *testing.T) {
	tests := []struct {
		name string
		ids  []int
		want string
	}{
		{"empty", nil, ""},
		{"one", []int{10}, "10"},
		{"pair stays a list", []int{10, 11}, "10,11"},
		{"three make a range", []int{10, 11, 12}, "10-12"},
		{"brief example", []int{10, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30}, "10,20-30"},
		{"unsorted with duplicates", []int{30, 10, 20, 30, 21, 22, 10}, "10,20-22,30"},
		{"mixed", []int{1, 2, 4, 5, 6, 8, 4094}, "1,2,4-6,8,4094"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]int(nil), tt.ids...)
			if got := CompactVLANs(tt.ids); got != tt.want {
				t.Errorf("CompactVLANs(%v) = %q, want %q", in, got, tt.want)
			}
			for i := range in {
				if in[i] != tt.ids[i] {
					t.Fatalf("CompactVLANs modified its input")
				}
			}
		})
	}
}

func TestBannerDelimiter(t *testing.T) {
	tests := []struct {
		name, text, want string
		err              error
	}{
		{"plain text uses ^C", "Authorised access only.", "^C", nil},
		{"caret alone is fine", "press ^ then C", "^C", nil},
		{"text with ^C falls back to #", "press ^C to quit", "#", nil},
		{"raw ETX falls back too", "a\x03b", "#", nil},
		{"skips delimiters in the text", "^C #1 100% R&D", "$", nil},
		{"none left", "^C#%&$@~|+", "", ErrNoDelimiter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := BannerDelimiter(tt.text)
			if got != tt.want || !errors.Is(err, tt.err) {
				t.Errorf("BannerDelimiter(%q) = %q, %v; want %q, %v", tt.text, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestBannerText(t *testing.T) {
	if got, want := BannerText("\r\nline 1\r\nline 2\r\n\n"), "line 1\nline 2"; got != want {
		t.Errorf("BannerText = %q, want %q", got, want)
	}
}

func TestWriterSeparators(t *testing.T) {
	var w Writer
	w.Bang() // nothing written yet: no leading "!"
	w.Line("hostname a")
	w.Bang()
	w.Bang() // never two in a row
	w.Block("vlan 10", "name X")
	w.Bang()
	w.Linef("ntp server ", "10.0.0.1")
	w.Line("end")
	want := "hostname a\n!\nvlan 10\n name X\n!\nntp server 10.0.0.1\nend\n"
	if got := w.String(); got != want {
		t.Errorf("Writer wrote %q, want %q", got, want)
	}
}
