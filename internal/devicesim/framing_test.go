package devicesim

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFrameReaderChunked(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []string
		wantErr error
	}{
		{name: "single chunk", in: "\n#5\nhello\n##\n", want: []string{"hello"}},
		{name: "multi chunk message", in: "\n#4\n<rpc\n#1\n>\n#6\n</rpc>\n##\n", want: []string{"<rpc></rpc>"}},
		{name: "two messages", in: "\n#1\na\n##\n\n#2\nbc\n##\n", want: []string{"a", "bc"}},
		{name: "chunk holding newlines", in: "\n#3\n\n#\n\n##\n", want: []string{"\n#\n"}},
		{name: "missing leading LF", in: "#5\nhello\n##\n", wantErr: ErrFraming},
		{name: "zero size", in: "\n#0\n\n##\n", wantErr: ErrFraming},
		{name: "leading zero", in: "\n#05\nhello\n##\n", wantErr: ErrFraming},
		{name: "not a number", in: "\n#x\nhello\n##\n", wantErr: ErrFraming},
		{name: "size too large", in: "\n#4294967296\nx\n##\n", wantErr: ErrFraming},
		{name: "end before chunk", in: "\n##\n", wantErr: ErrFraming},
		{name: "short chunk", in: "\n#10\nabc", wantErr: ErrFraming},
		{name: "garbage after chunk", in: "\n#1\naXX", wantErr: ErrFraming},
		{name: "extra LF between messages", in: "\n#1\na\n##\n\n\n#1\nb\n##\n", want: []string{"a"}, wantErr: ErrFraming},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fr := newFrameReader(strings.NewReader(tt.in))
			fr.chunked = true
			var got []string
			var err error
			for {
				var m []byte
				if m, err = fr.ReadMessage(); err != nil {
					break
				}
				got = append(got, string(m))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("messages (-want +got):\n%s", diff)
			}
			if tt.wantErr == nil && !errors.Is(err, io.EOF) || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("final error = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestFrameReaderEOM(t *testing.T) {
	fr := newFrameReader(strings.NewReader("<a/>]]>]]>\n<b>]]</b>]]>]]>"))
	var got []string
	for {
		m, err := fr.ReadMessage()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				t.Fatalf("error = %v, want EOF", err)
			}
			break
		}
		got = append(got, string(m))
	}
	if diff := cmp.Diff([]string{"<a/>", "\n<b>]]</b>"}, got); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
}

func TestFrameWriterChunks(t *testing.T) {
	var b bytes.Buffer
	fw := &frameWriter{w: &b, chunked: true, chunkSize: 4}
	if err := fw.WriteMessage([]byte("0123456789")); err != nil {
		t.Fatal(err)
	}
	if want := "\n#4\n0123\n#4\n4567\n#2\n89\n##\n"; b.String() != want {
		t.Errorf("framed = %q, want %q", b.String(), want)
	}
}

func FuzzFrameReader(f *testing.F) {
	f.Add("\n#5\nhello\n##\n", true)
	f.Add("\n#4\n<rpc\n#1\n>\n##\n", true)
	f.Add("<rpc/>]]>]]>", false)
	f.Fuzz(func(t *testing.T, in string, chunked bool) {
		fr := newFrameReader(strings.NewReader(in))
		fr.chunked = chunked
		for range 100 {
			if _, err := fr.ReadMessage(); err != nil {
				return
			}
		}
	})
}
