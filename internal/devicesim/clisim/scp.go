package clisim

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/crypto/ssh"
)

// maxFile bounds the size of a file received over SCP.
const maxFile = 16 << 20

// scpSink receives one file with the SCP protocol ("scp -t target") and
// stores it on flash:. It returns the exit status.
func (d *Device) scpSink(ch ssh.Channel, target string) uint32 {
	d.mu.Lock()
	enabled := d.running.Find("ip scp server enable") != nil
	d.mu.Unlock()
	if !enabled {
		_, _ = io.WriteString(ch, "\x02scp: SCP server is not enabled (configure \"ip scp server enable\")\n")
		return 1
	}
	r := bufio.NewReader(ch)
	ack := func() { _, _ = ch.Write([]byte{0}) }
	fail := func(msg string) uint32 {
		_, _ = io.WriteString(ch, "\x02scp: "+msg+"\n")
		return 1
	}
	ack()
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return 0 // the client closed its side: done
		}
		switch line[0] {
		case 'T':
			ack()
		case 'C':
			f := strings.Fields(strings.TrimSpace(line[1:]))
			if len(f) != 3 {
				return fail("protocol error: " + strings.TrimSpace(line))
			}
			size, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil || size < 0 || size > maxFile {
				return fail("bad file size " + f[1])
			}
			ack()
			buf := make([]byte, size+1)
			if _, err := io.ReadFull(r, buf); err != nil || buf[size] != 0 {
				return fail("short file")
			}
			path := flashPath(target)
			if strings.HasSuffix(target, ":") || strings.HasSuffix(target, "/") {
				path = flashPath(target + f[2])
			}
			d.mu.Lock()
			d.files[path] = string(buf[:size])
			d.mu.Unlock()
			d.log.Info("file received over scp", "file", path, "bytes", size)
			ack()
		default:
			return fail(fmt.Sprintf("unsupported scp request %q", line[0]))
		}
	}
}
