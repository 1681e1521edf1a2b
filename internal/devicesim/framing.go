package devicesim

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
)

const (
	eomDelimiter = "]]>]]>"
	// maxMessage bounds one message; larger input is a framing error.
	maxMessage = 64 << 20
	// maxChunk is the largest chunk-size RFC 6242 §4.2 allows.
	maxChunk = 4294967295
)

// frameReader reads NETCONF messages in end-of-message (base:1.0) or, after
// the switch, chunked (base:1.1) framing.
type frameReader struct {
	r       *bufio.Reader
	chunked bool
}

func newFrameReader(r io.Reader) *frameReader {
	return &frameReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// ReadMessage returns the next message. io.EOF means the peer closed cleanly
// between messages; ErrFraming wraps any framing violation.
func (fr *frameReader) ReadMessage() ([]byte, error) {
	if fr.chunked {
		return fr.readChunked()
	}
	return fr.readEOM()
}

func (fr *frameReader) readEOM() ([]byte, error) {
	var msg []byte
	for {
		b, err := fr.r.ReadSlice('>')
		msg = append(msg, b...)
		if bytes.HasSuffix(msg, []byte(eomDelimiter)) {
			return msg[:len(msg)-len(eomDelimiter)], nil
		}
		if len(msg) > maxMessage {
			return nil, fmt.Errorf("%w: message exceeds %d bytes", ErrFraming, maxMessage)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil {
			if errors.Is(err, io.EOF) && len(bytes.TrimSpace(msg)) > 0 {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
	}
}

// readChunked reads chunks until end-of-chunks (RFC 6242 §4.2).
func (fr *frameReader) readChunked() ([]byte, error) {
	var msg []byte
	for first := true; ; first = false {
		size, err := fr.readChunkHeader(first)
		if err != nil {
			return nil, err
		}
		if size == 0 {
			if first {
				return nil, fmt.Errorf("%w: end-of-chunks before any chunk", ErrFraming)
			}
			return msg, nil
		}
		if len(msg)+size > maxMessage {
			return nil, fmt.Errorf("%w: message exceeds %d bytes", ErrFraming, maxMessage)
		}
		start := len(msg)
		msg = append(msg, make([]byte, size)...)
		if _, err := io.ReadFull(fr.r, msg[start:]); err != nil {
			return nil, fmt.Errorf("%w: short chunk: %v", ErrFraming, err)
		}
	}
}

// readChunkHeader reads "\n#<size>\n" and returns size, or "\n##\n" and
// returns 0. A clean EOF before the first chunk of a message is io.EOF.
func (fr *frameReader) readChunkHeader(first bool) (int, error) {
	lead := make([]byte, 2)
	if _, err := io.ReadFull(fr.r, lead); err != nil {
		if first && errors.Is(err, io.EOF) {
			return 0, io.EOF
		}
		return 0, fmt.Errorf("%w: truncated chunk header: %v", ErrFraming, err)
	}
	if lead[0] != '\n' || lead[1] != '#' {
		return 0, fmt.Errorf("%w: expected LF HASH, got %q", ErrFraming, lead)
	}
	line, err := fr.r.ReadSlice('\n')
	if err != nil || len(line) > 12 {
		return 0, fmt.Errorf("%w: bad chunk size line %q", ErrFraming, line)
	}
	digits := string(line[:len(line)-1])
	if digits == "#" && !first {
		return 0, nil
	}
	if digits == "" || digits[0] < '1' || digits[0] > '9' {
		return 0, fmt.Errorf("%w: bad chunk size %q", ErrFraming, digits)
	}
	n, err := strconv.ParseUint(digits, 10, 64)
	if err != nil || n > maxChunk {
		return 0, fmt.Errorf("%w: bad chunk size %q", ErrFraming, digits)
	}
	return int(n), nil
}

// frameWriter writes messages in the framing of the session.
type frameWriter struct {
	w         io.Writer
	chunked   bool
	chunkSize int
}

// WriteMessage frames msg and writes it in one Write call.
func (fw *frameWriter) WriteMessage(msg []byte) error {
	var b bytes.Buffer
	if !fw.chunked {
		b.Grow(len(msg) + len(eomDelimiter))
		b.Write(msg)
		b.WriteString(eomDelimiter)
	} else {
		for rest := msg; len(rest) > 0; {
			n := min(len(rest), fw.chunkSize)
			fmt.Fprintf(&b, "\n#%d\n", n)
			b.Write(rest[:n])
			rest = rest[n:]
		}
		b.WriteString("\n##\n")
	}
	_, err := fw.w.Write(b.Bytes())
	return err
}
