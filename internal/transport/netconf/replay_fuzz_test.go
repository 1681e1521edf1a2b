package netconf

import (
	"bufio"
	"bytes"
	"testing"

	"github.com/switchyard/switchyard/internal/xmltree"
)

// FuzzStreamRead: the framing reader of the notification session and the
// notification decoder take any bytes without panicking; a chunked message
// read back is what was framed.
func FuzzStreamRead(f *testing.F) {
	f.Add([]byte("\n#5\nhello\n##\n"), true)
	f.Add([]byte("<hello/>]]>]]>"), false)
	f.Add([]byte(`<notification xmlns="`+NSNotification+`"><eventTime>2026-12-04T19:04:36Z</eventTime><replayComplete xmlns="`+NSNetmodNotification+`"/></notification>]]>]]>`), false)
	f.Add([]byte("\n#99999999999\n"), true)
	f.Fuzz(func(t *testing.T, in []byte, chunked bool) {
		s := &stream{r: bufio.NewReader(bytes.NewReader(in)), chunked: chunked}
		for range 4 {
			msg, err := s.read()
			if err != nil {
				return
			}
			if el, err := xmltree.Parse(msg); err == nil {
				notification(el)
			}
		}
	})
}

func TestStreamFramingRoundTrip(t *testing.T) {
	for _, chunked := range []bool{false, true} {
		var b bytes.Buffer
		s := &stream{w: &b, chunked: chunked}
		if err := s.write([]byte("<rpc/>")); err != nil {
			t.Fatal(err)
		}
		s.r = bufio.NewReader(&b)
		if got, err := s.read(); err != nil || string(got) != "<rpc/>" {
			t.Errorf("chunked %v: read back %q, %v", chunked, got, err)
		}
	}
}
