package state

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Filter selects audit records. The zero Filter selects all.
type Filter struct {
	// Device keeps only records of this device when not empty.
	Device string
	// Since keeps only records at or after this time when not zero.
	Since time.Time
	// Limit keeps only the newest Limit records when positive.
	Limit int
}

// Warning is a line of the audit log that ReadAudit skipped.
type Warning struct {
	File   string // base name, for example "audit.log.2"
	Line   int    // 1-based
	Reason string
}

// String formats the warning as "file:line: reason".
func (w Warning) String() string {
	return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Reason)
}

// ReadAudit reads the audit log in dir, rotated files included, and
// returns the records that match f in time order (oldest first; records
// with equal times keep their order in the log). Lines that are not valid
// records, such as a final line torn by a crash mid-append, are skipped and
// reported as warnings; only I/O errors fail the read. A directory with no
// audit log yet gives no records.
//
// ReadAudit takes no lock and may run while another process appends; a
// rotation happening during the read can make it miss or repeat records of
// that moment, and a record being written can show as a torn final line.
func ReadAudit(dir string, f Filter) ([]Record, []Warning, error) {
	names, err := auditFiles(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("read audit log: %w", err)
	}
	var recs []Record
	var warns []Warning
	for _, name := range names {
		err := readAuditFile(filepath.Join(dir, name), func(r Record) {
			if f.matches(&r) {
				recs = append(recs, r)
			}
		}, func(w Warning) { warns = append(warns, w) })
		if err != nil {
			return nil, nil, fmt.Errorf("read audit log: %w", err)
		}
	}
	slices.SortStableFunc(recs, func(a, b Record) int { return a.Time.Compare(b.Time) })
	if f.Limit > 0 && len(recs) > f.Limit {
		recs = recs[len(recs)-f.Limit:]
	}
	return recs, warns, nil
}

func (f *Filter) matches(r *Record) bool {
	if f.Device != "" && r.Device != f.Device {
		return false
	}
	return f.Since.IsZero() || !r.Time.Before(f.Since)
}

// auditFiles returns the audit file names in dir, oldest first: the
// highest-numbered rotated file down to audit.log.1, then audit.log.
func auditFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	type file struct {
		name string
		n    int // 0 for the live file
	}
	var files []file
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		name := e.Name()
		if name == AuditFile {
			files = append(files, file{name, 0})
			continue
		}
		suffix, ok := strings.CutPrefix(name, AuditFile+".")
		if !ok {
			continue
		}
		if n, err := strconv.Atoi(suffix); err == nil && n > 0 && strconv.Itoa(n) == suffix {
			files = append(files, file{name, n})
		}
	}
	slices.SortFunc(files, func(a, b file) int { return b.n - a.n })
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.name
	}
	return names, nil
}

// readAuditFile calls rec for each valid record of the file at path and
// warn for each line it skips. A file that vanished (rotated away since it
// was listed) is skipped silently.
func readAuditFile(path string, rec func(Record), warn func(Warning)) error {
	return eachLine(path, func(n int, line []byte, final bool) {
		if r, reason, ok := parseRecord(line, final); ok {
			rec(r)
		} else if reason != "" {
			warn(Warning{File: filepath.Base(path), Line: n, Reason: reason})
		}
	})
}

// parseRecord decodes one line. It returns ok false with an empty reason
// for a blank line, and with the reason to report for anything else that
// is not a record. final says the line has no terminating newline.
func parseRecord(line []byte, final bool) (Record, string, bool) {
	line = bytes.TrimRight(line, "\r\n")
	if len(bytes.TrimSpace(line)) == 0 {
		return Record{}, "", false
	}
	var r Record
	err := json.Unmarshal(line, &r)
	switch {
	case err != nil && final:
		return Record{}, "truncated final line skipped (interrupted write)", false
	case err != nil:
		return Record{}, "not a valid record, skipped: " + err.Error(), false
	case r.Time.IsZero():
		return Record{}, "record without time skipped", false
	}
	return r, "", true
}
