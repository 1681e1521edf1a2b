package sshauth

import (
	"bytes"
	"fmt"
	"slices"
)

// HelloFilter is given the server's NETCONF hello (the first message of
// the session, without its ]]>]]> delimiter) and returns the message
// scrapligo reads in its place, without delimiter. An error fails the
// session's open with that error.
type HelloFilter func(hello []byte) ([]byte, error)

// MaxHello bounds the server hello a filtered session reads (16 MiB; the
// largest published Cisco hello, IOS XR's, is about 200 KB).
const MaxHello = 16 << 20

// eom ends the hello in both NETCONF framings (RFC 6242 §4.1).
var eom = []byte("]]>]]>")

// readHello reads the server's hello up to its delimiter, in reads of n
// bytes, passes it through t.hello and keeps the replacement, the
// delimiter and whatever followed it for Read to return.
func (t *sshTransport) readHello(n int) error {
	n = max(n, 32<<10)
	var buf []byte
	for {
		from := max(0, len(buf)-len(eom)+1)
		buf = slices.Grow(buf, n)
		m, err := t.reader.Read(buf[len(buf) : len(buf)+n])
		buf = buf[:len(buf)+m]
		if i := bytes.Index(buf[from:], eom); i >= 0 {
			end := from + i
			out, ferr := t.hello(buf[:end])
			if ferr != nil {
				return ferr
			}
			t.pending = slices.Concat(out, eom, buf[end+len(eom):])
			return nil
		}
		if err != nil {
			return err
		}
		if len(buf) > MaxHello {
			return fmt.Errorf("read netconf hello: no ]]>]]> in the first %d bytes", MaxHello)
		}
	}
}
