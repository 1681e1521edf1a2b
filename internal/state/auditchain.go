package state

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// AuditHeadFile is the head anchor of the audit log's hash chain, in the
// state directory: the Seq and line hash of the newest record, rewritten
// after every append. It lets `history --verify` notice an edit of the
// newest record or the removal of the newest records, which the chain
// alone cannot show.
const AuditHeadFile = "audit.head"

// headLen is the fixed length of the anchor line: 20 digits, a space, 64
// hex digits and a newline, overwritten in place.
const headLen = 20 + 1 + 64 + 1

// lineHash is the chain hash of a record line (without its newline).
func lineHash(line []byte) string {
	sum := sha256.Sum256(line)
	return hex.EncodeToString(sum[:])
}

// eachLine calls fn for every line of the file at path, with its 1-based
// number and whether it is the final, unterminated one. A missing file has
// no lines.
func eachLine(path string, fn func(n int, line []byte, final bool)) error {
	fh, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer func() { _ = fh.Close() }()
	br := bufio.NewReaderSize(fh, 64<<10)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("%s: %w", path, err)
		}
		final := errors.Is(err, io.EOF)
		if len(line) > 0 {
			fn(n, line, final)
		}
		if final {
			return nil
		}
	}
}

// lastRecord returns the Seq and line hash of the newest valid record of
// the log in dir (rotated files included); ok is false for an empty log.
func lastRecord(dir string) (seq int, hash string, ok bool, err error) {
	names, err := auditFiles(dir)
	if err != nil {
		return 0, "", false, err
	}
	for i := len(names) - 1; i >= 0 && !ok; i-- {
		err := eachLine(filepath.Join(dir, names[i]), func(_ int, line []byte, final bool) {
			if r, _, valid := parseRecord(line, final); valid {
				seq, hash, ok = r.Seq, lineHash(trimLine(line)), true
			}
		})
		if err != nil {
			return 0, "", false, err
		}
	}
	return seq, hash, ok, nil
}

// trimLine drops the line terminator: the hashed bytes are the record as
// written.
func trimLine(line []byte) []byte {
	return []byte(strings.TrimRight(string(line), "\r\n"))
}

// loadChain learns where the chain stands (the newest record) and opens
// the head anchor. A log of legacy records continues from the last one's
// hash with Seq 1.
func (a *Audit) loadChain() error {
	seq, hash, _, err := lastRecord(a.dir)
	if err != nil {
		return err
	}
	a.seq, a.prev = seq, hash
	path := filepath.Join(a.dir, AuditHeadFile)
	head, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, fileMode)
	if err == nil {
		if err = os.Chmod(path, fileMode); err != nil {
			_ = head.Close()
		}
	}
	if err != nil {
		a.log.Warn("audit head anchor unavailable; the newest record cannot be verified", "err", err)
		return nil
	}
	a.head = head
	return nil
}

// resync rescans the chain when the live file changed size behind this
// Audit's back (another process appended), so the chain does not fork.
func (a *Audit) resync() error {
	if a.f == nil {
		return nil
	}
	fi, err := a.f.Stat()
	if err != nil || fi.Size() == a.size {
		return err
	}
	seq, hash, _, err := lastRecord(a.dir)
	if err != nil {
		return err
	}
	size, torn, err := inspect(a.f)
	if err != nil {
		return err
	}
	a.seq, a.prev, a.size, a.torn = seq, hash, size, torn
	return nil
}

// writeHead records the newest record in the head anchor. A failure is
// logged, not returned: the record itself is safely written.
func (a *Audit) writeHead() {
	if a.head == nil {
		return
	}
	line := fmt.Sprintf("%020d %s\n", a.seq, a.prev)
	if _, err := a.head.WriteAt([]byte(line), 0); err != nil {
		a.log.Warn("audit head anchor not updated", "err", err)
		return
	}
	if err := a.head.Sync(); err != nil {
		a.log.Warn("audit head anchor not synced", "err", err)
	}
}

// readHead reads the head anchor of dir; ok is false when there is none.
func readHead(dir string) (seq int, hash string, ok bool, err error) {
	raw, err := os.ReadFile(filepath.Join(dir, AuditHeadFile))
	if errors.Is(err, os.ErrNotExist) || (err == nil && len(raw) == 0) {
		return 0, "", false, nil
	}
	if err != nil {
		return 0, "", false, err
	}
	f := strings.Fields(string(raw))
	if len(raw) != headLen || len(f) != 2 || len(f[1]) != 64 {
		return 0, "", false, fmt.Errorf("%s is malformed", AuditHeadFile)
	}
	seq, err = strconv.Atoi(f[0])
	if err != nil {
		return 0, "", false, fmt.Errorf("%s is malformed", AuditHeadFile)
	}
	return seq, f[1], true, nil
}
