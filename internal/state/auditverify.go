package state

import (
	"fmt"
	"path/filepath"
)

// ChainBreak is the first place where the audit log's hash chain shows
// that a record was edited, removed or reordered.
type ChainBreak struct {
	File string // base name, for example "audit.log.1"
	Line int    // 1-based; 0 when the break is at the end of the log
	// Record is the record named (the one edited, or the first one after
	// the removal or reordering); zero at the end of the log.
	Record Record
	Reason string
}

// String formats the break as "file:line: reason (record seq N, time,
// device)".
func (b ChainBreak) String() string {
	s := fmt.Sprintf("%s:%d: %s", b.File, b.Line, b.Reason)
	if b.Record.Seq > 0 || !b.Record.Time.IsZero() {
		s += fmt.Sprintf(" (record seq %d, %s", b.Record.Seq, b.Record.Time.Format("2006-01-02T15:04:05Z"))
		if b.Record.Device != "" {
			s += ", device " + b.Record.Device
		}
		s += ")"
	}
	return s
}

// Verification is the result of VerifyAudit.
type Verification struct {
	// Records counts the valid records; Legacy the leading ones written
	// before the chain existed (not verifiable); Chained the others.
	Records, Legacy, Chained int
	// RotatedAway counts chained records older than the oldest file kept
	// (rotation deleted them); the chain is verified from there.
	RotatedAway int
	// Head is the hash of the newest record, for anchoring elsewhere.
	Head string
	// Break is the first break of the chain; nil when it is intact.
	Break *ChainBreak
	// Warnings are lines skipped (as ReadAudit reports them) and anchor
	// remarks that do not prove tampering.
	Warnings []Warning
}

// chainEntry is a record with its place in the log and its line hash.
type chainEntry struct {
	rec        Record
	hash, file string
	line       int
}

// VerifyAudit reads the audit log of dir in file order (rotated files
// oldest first) and checks the hash chain: each record's Prev must be the
// hash of the record before it and Seq must count up by one; the newest
// record must match the head anchor. Records from before the chain
// existed form a legacy prefix that is counted but cannot be verified.
// Only I/O errors are returned as errors; tampering is reported in Break.
func VerifyAudit(dir string) (Verification, error) {
	var v Verification
	names, err := auditFiles(dir)
	if err != nil {
		return v, fmt.Errorf("verify audit log: %w", err)
	}
	var entries []chainEntry
	for _, name := range names {
		err := eachLine(filepath.Join(dir, name), func(n int, line []byte, final bool) {
			r, reason, ok := parseRecord(line, final)
			switch {
			case ok:
				entries = append(entries, chainEntry{rec: r, hash: lineHash(trimLine(line)), file: name, line: n})
			case reason != "":
				v.Warnings = append(v.Warnings, Warning{File: name, Line: n, Reason: reason})
			}
		})
		if err != nil {
			return v, fmt.Errorf("verify audit log: %w", err)
		}
	}
	v.Records = len(entries)
	headSeq, headHash, headOK, headErr := readHead(dir)
	// confirmed reports whether entry i's hash is vouched for by what
	// follows it: the next record's prev, or the head anchor.
	confirmed := func(i int) bool {
		if i+1 < len(entries) {
			return entries[i+1].rec.Prev == entries[i].hash
		}
		return headErr == nil && headOK && headSeq == entries[i].rec.Seq && headHash == entries[i].hash
	}
	v.Break = walkChain(entries, confirmed, &v)
	if len(entries) > 0 {
		v.Head = entries[len(entries)-1].hash
	}
	if v.Break == nil && v.Chained > 0 {
		if err := checkHead(dir, entries, &v); err != nil {
			return v, fmt.Errorf("verify audit log: %w", err)
		}
	}
	return v, nil
}

// walkChain checks every link and returns the first break.
func walkChain(es []chainEntry, confirmed func(int) bool, v *Verification) *ChainBreak {
	bySeq := map[int]int{}
	for i, e := range es {
		if e.rec.Seq > 0 {
			if _, dup := bySeq[e.rec.Seq]; !dup {
				bySeq[e.rec.Seq] = i
			}
		}
	}
	for i, e := range es {
		if e.rec.Seq == 0 && e.rec.Prev == "" {
			if v.Chained > 0 {
				return brk(e, "record without a hash after the chain began: inserted, or its seq and prev were removed")
			}
			v.Legacy++
			continue
		}
		v.Chained++
		if i == 0 {
			v.RotatedAway = e.rec.Seq - 1
			continue
		}
		if b := checkLink(es[i-1], e, confirmed(i), bySeq, es); b != nil {
			return b
		}
	}
	return nil
}

// checkLink checks that r follows q; rConfirmed (r's hash is what the
// next record or the anchor holds) tells an edit of q from an edit of r.
func checkLink(q, r chainEntry, rConfirmed bool, bySeq map[int]int, es []chainEntry) *ChainBreak {
	want := q.rec.Seq + 1
	switch {
	case q.rec.Seq == 0: // the first chained record after the legacy prefix
		if r.rec.Prev != q.hash {
			return brk(q, "edited: its hash no longer matches the one the next record holds")
		}
		return nil
	case r.rec.Seq != want && r.rec.Prev == q.hash:
		return brk(r, fmt.Sprintf("edited: it follows seq %d but says seq %d", q.rec.Seq, r.rec.Seq))
	case r.rec.Seq > want:
		if j, ok := bySeq[want]; ok {
			return brk(es[j], fmt.Sprintf("reordered: seq %d comes after seq %d at %s:%d", want, r.rec.Seq, r.file, r.line))
		}
		return brk(r, fmt.Sprintf("%d record(s) removed before this one (seq %d to %d)", r.rec.Seq-want, want, r.rec.Seq-1))
	case r.rec.Seq < want:
		return brk(r, fmt.Sprintf("reordered or duplicated: seq %d comes after seq %d", r.rec.Seq, q.rec.Seq))
	case r.rec.Prev == q.hash:
		return nil
	case rConfirmed:
		return brk(q, "edited: its hash no longer matches the one the next record holds")
	}
	return brk(r, "edited: it does not hold the hash of the record before it")
}

func brk(e chainEntry, reason string) *ChainBreak {
	return &ChainBreak{File: e.file, Line: e.line, Record: e.rec, Reason: reason}
}

// checkHead compares the newest records with the head anchor.
func checkHead(dir string, es []chainEntry, v *Verification) error {
	seq, hash, ok, err := readHead(dir)
	if err != nil {
		v.Warnings = append(v.Warnings, Warning{File: AuditHeadFile, Reason: err.Error() + "; the newest record is not verified"})
		return nil
	}
	last := es[len(es)-1]
	switch {
	case !ok:
		v.Warnings = append(v.Warnings, Warning{File: AuditHeadFile, Reason: "missing; the newest record is not verified"})
	case seq > last.rec.Seq:
		v.Break = &ChainBreak{File: last.file, Reason: fmt.Sprintf("the newest %d record(s) were removed: the log ends at seq %d, the head anchor says %d", seq-last.rec.Seq, last.rec.Seq, seq)}
	case seq == last.rec.Seq && hash != last.hash:
		v.Break = brk(last, "edited: its hash does not match the head anchor")
	case seq < last.rec.Seq:
		v.Warnings = append(v.Warnings, Warning{File: AuditHeadFile, Reason: fmt.Sprintf("anchors seq %d, %d record(s) behind the log (an interrupted append?)", seq, last.rec.Seq-seq)})
		for _, e := range es {
			if e.rec.Seq == seq && e.hash != hash {
				v.Break = brk(e, "edited: its hash does not match the head anchor")
			}
		}
	}
	return nil
}
