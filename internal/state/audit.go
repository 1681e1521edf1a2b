package state

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/switchyard/switchyard/providers"
)

// AuditFile is the name of the live audit log inside the state directory;
// rotated files are AuditFile + ".1" (newest) to AuditFile + ".N".
const AuditFile = "audit.log"

// auditVersion is written in every record's "v" field.
const auditVersion = 1

// OperatorDaemon is the Operator of records written by `switchyard serve`.
const OperatorDaemon = "daemon"

// ChangeSummary names one change without its values: values may be
// secrets (a local user's password hash, a TACACS key), so they never
// reach the audit log.
type ChangeSummary struct {
	Op   string `json:"op"`
	Path string `json:"path"`
}

// Summarize turns provider changes into summaries, dropping their values.
// It returns nil for no changes.
func Summarize(changes []providers.Change) []ChangeSummary {
	if len(changes) == 0 {
		return nil
	}
	out := make([]ChangeSummary, len(changes))
	for i, c := range changes {
		out[i] = ChangeSummary{Op: string(c.Op), Path: c.Path}
	}
	return out
}

// Record is one audit log entry: something the agent did, or tried to do,
// to a device. It deliberately has no field able to hold a configuration
// value or a credential: changes are named by operation and path, and the
// device's configuration before and after is identified by digest only.
// Do not put values into Summary or Error either.
type Record struct {
	// Version is the record format; Append sets it.
	Version int       `json:"v"`
	Time    time.Time `json:"time"`
	// Revision is the Git revision pushed and Author its Git author.
	Revision string `json:"revision,omitempty"`
	Author   string `json:"author,omitempty"`
	Device   string `json:"device,omitempty"`
	// RunID links the record to Store.Runs.
	RunID string `json:"run_id,omitempty"`
	// Operator is OperatorDaemon or, for CLI runs, the OS user
	// (CurrentOperator).
	Operator string `json:"operator"`
	// Result is the outcome, for example "confirmed", "cancelled",
	// "rolled-back", "failed".
	Result  string          `json:"result"`
	Summary string          `json:"summary,omitempty"`
	Changes []ChangeSummary `json:"changes,omitempty"`
	// BeforeDigest and AfterDigest identify the device configuration
	// before and after the change (providers.Running.Digest).
	BeforeDigest string `json:"before_digest,omitempty"`
	AfterDigest  string `json:"after_digest,omitempty"`
	// TxnID is the confirmed commit's handle (providers.Txn.ID).
	TxnID string `json:"txn_id,omitempty"`
	Error string `json:"error,omitempty"`
	// Authors are the authors of the change pushed (for a merge commit,
	// the authors of the commits it merged), CoAuthors its Co-authored-by
	// trailers, Committer the commit's committer, PullRequest the pull or
	// merge request number the commit message names, and MergeCommit the
	// revision when it is a merge commit. Empty when unknown.
	Authors     []Person `json:"authors,omitempty"`
	CoAuthors   []Person `json:"co_authors,omitempty"`
	Committer   string   `json:"committer,omitempty"`
	PullRequest int      `json:"pull_request,omitempty"`
	MergeCommit string   `json:"merge_commit,omitempty"`
	// Covers lists, for a push to a device that had an older revision, the
	// revisions the push brings (the pushed one and those held since the
	// device's last revision, newest first, at most 50), each with its pull
	// request and authors: held revisions pushed together are each named.
	Covers []CoveredRevision `json:"covers,omitempty"`
	// ChangedBy is, for a drift record, who changed the device as the
	// device reports it, or "unknown": never the Git author of the
	// intent the device departed from.
	ChangedBy string `json:"changed_by,omitempty"`
	// ChangedAt is, for a drift record, when the device says it was
	// changed, and ChangedDetail the device's whole account (session,
	// source host, which record); empty when the device does not say.
	ChangedAt     time.Time `json:"changed_at,omitzero"`
	ChangedDetail string    `json:"changed_detail,omitempty"`
	// Seq numbers the records of the hash chain from 1; Append sets it.
	// Zero in records written before the chain existed (legacy).
	Seq int `json:"seq,omitempty"`
	// Prev is the hex SHA-256 of the previous record's line (its exact
	// bytes, without the newline); Append sets it. Empty for the first
	// record of a log and for legacy records.
	Prev string `json:"prev,omitempty"`
}

// Person names someone a record attributes a change to (a Git author or
// co-author), by name only.
type Person struct {
	Name string `json:"name"`
}

// CoveredRevision is one revision a push brought to a device.
type CoveredRevision struct {
	Revision    string   `json:"revision"`
	PullRequest int      `json:"pull_request,omitempty"`
	Authors     []Person `json:"authors,omitempty"`
}

// People turns names into Persons; nil for none.
func People(names []string) []Person {
	if len(names) == 0 {
		return nil
	}
	out := make([]Person, len(names))
	for i, n := range names {
		out[i] = Person{Name: n}
	}
	return out
}

// String is the person's name.
func (p Person) String() string { return p.Name }

// CurrentOperator returns the name of the OS user running this process,
// the Operator of CLI runs, or "uid:N" if the name cannot be found.
func CurrentOperator() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "uid:" + strconv.Itoa(os.Getuid())
}

// Audit appends records to the audit log of one state directory. It is
// safe for concurrent use within a process. Across processes, the holder
// of the directory's Store is the only writer (the Store's lock).
type Audit struct {
	mu       sync.Mutex
	dir      string
	path     string
	maxBytes int64
	maxFiles int
	now      func() time.Time
	log      *slog.Logger

	f      *os.File // nil when closed or when reopening failed
	closed bool
	size   int64
	// torn is set when the file may not end with a newline (a crash or a
	// failed write mid-record): the next record starts on a fresh line.
	torn bool
	// seq and prev are the last record's Seq and line hash: the next
	// record continues the chain from them.
	seq  int
	prev string
	head *os.File // the head anchor (AuditHeadFile); nil if it cannot be opened
}

// AuditOption configures OpenAudit.
type AuditOption func(*auditConfig) error

type auditConfig struct {
	maxBytes int64
	maxFiles int
	now      func() time.Time
	log      *slog.Logger
}

// defaultAuditConfig holds every default of the audit log in one place.
func defaultAuditConfig() auditConfig {
	return auditConfig{
		maxBytes: 10 << 20,
		maxFiles: 5,
		now:      time.Now,
		log:      slog.New(slog.DiscardHandler),
	}
}

// WithAuditMaxBytes sets the size past which the live file is rotated
// (default 10 MiB). A single record larger than n still goes in one file.
func WithAuditMaxBytes(n int64) AuditOption {
	return func(c *auditConfig) error {
		if n <= 0 {
			return fmt.Errorf("audit max bytes %d: %w: must be positive", n, ErrInvalid)
		}
		c.maxBytes = n
		return nil
	}
}

// WithAuditMaxFiles sets how many rotated files are kept besides the live
// one (default 5); the oldest is deleted when another is rotated out.
func WithAuditMaxFiles(n int) AuditOption {
	return func(c *auditConfig) error {
		if n < 1 {
			return fmt.Errorf("audit max files %d: %w: must be at least 1", n, ErrInvalid)
		}
		c.maxFiles = n
		return nil
	}
}

// WithAuditClock sets the clock that stamps records whose Time is zero
// (default time.Now). A nil now keeps the default.
func WithAuditClock(now func() time.Time) AuditOption {
	return func(c *auditConfig) error {
		if now != nil {
			c.now = now
		}
		return nil
	}
}

// WithAuditLogger sets the logger that reports a failed rotation (the
// record is still written, to the live file). A nil logger discards.
func WithAuditLogger(l *slog.Logger) AuditOption {
	return func(c *auditConfig) error {
		if l != nil {
			c.log = l
		}
		return nil
	}
}

// OpenAudit opens (creating if needed, mode 0600) the audit log in dir,
// with the same directory rules as Open. If the file does not end with a
// newline (a previous process died mid-append), the next record starts on
// a new line.
func OpenAudit(dir string, opts ...AuditOption) (*Audit, error) {
	cfg := defaultAuditConfig()
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, fmt.Errorf("open audit log: %w", err)
		}
	}
	if err := prepareDir(dir); err != nil {
		return nil, fmt.Errorf("open audit log: %w", err)
	}
	a := &Audit{
		dir:      dir,
		path:     filepath.Join(dir, AuditFile),
		maxBytes: cfg.maxBytes,
		maxFiles: cfg.maxFiles,
		now:      cfg.now,
		log:      cfg.log.With("component", "audit"),
	}
	if err := a.open(); err != nil {
		return nil, fmt.Errorf("open audit log: %w", err)
	}
	if err := a.loadChain(); err != nil {
		_ = a.f.Close()
		return nil, fmt.Errorf("open audit log: %w", err)
	}
	return a, nil
}

// open opens the live file for appending and learns its size and whether
// it ends mid-line.
func (a *Audit) open() error {
	f, err := os.OpenFile(a.path, os.O_RDWR|os.O_APPEND|os.O_CREATE, fileMode)
	if err != nil {
		return err
	}
	size, torn, err := inspect(f)
	if err == nil {
		err = os.Chmod(a.path, fileMode)
	}
	if err == nil {
		err = syncDir(a.dir)
	}
	if err != nil {
		_ = f.Close()
		return fmt.Errorf("%s: %w", a.path, err)
	}
	a.f, a.size, a.torn = f, size, torn
	return nil
}

// inspect returns the size of f and whether its last byte is not a
// newline.
func inspect(f *os.File) (size int64, torn bool, err error) {
	fi, err := f.Stat()
	if err != nil || fi.Size() == 0 {
		return 0, false, err
	}
	var last [1]byte
	if _, err := f.ReadAt(last[:], fi.Size()-1); err != nil {
		return 0, false, err
	}
	return fi.Size(), last[0] != '\n', nil
}

// Append writes rec as one line and fsyncs it before returning. A zero
// Time is set from the clock; Time is stored in UTC. Operator and Result
// are required. The live file is rotated first if rec would take it past
// the size limit; if rotation fails, that is logged and rec is appended to
// the live file anyway, since losing an audit record is worse than
// overshooting the limit.
func (a *Audit) Append(rec Record) error {
	if rec.Operator == "" || rec.Result == "" {
		return fmt.Errorf("append audit record: %w: operator and result are required", ErrInvalid)
	}
	rec.Version = auditVersion
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return fmt.Errorf("append audit record: %w", os.ErrClosed)
	}
	if rec.Time.IsZero() {
		rec.Time = a.now()
	}
	rec.Time = rec.Time.UTC()
	if err := a.resync(); err != nil {
		return fmt.Errorf("append audit record: %w", err)
	}
	rec.Seq, rec.Prev = a.seq+1, a.prev
	line, err := json.Marshal(&rec)
	if err != nil {
		return fmt.Errorf("append audit record: encode: %w", err)
	}
	sum := lineHash(line)
	line = append(line, '\n')
	if a.f != nil && a.size > 0 && a.size+int64(len(line)) > a.maxBytes {
		if err := a.rotate(); err != nil {
			a.log.Warn("audit log rotation failed", "path", a.path, "err", err)
		}
	}
	if a.f == nil { // a failed rotation could not reopen the live file
		if err := a.open(); err != nil {
			return fmt.Errorf("append audit record: reopen: %w", err)
		}
	}
	if a.torn {
		line = append([]byte{'\n'}, line...)
	}
	n, err := a.f.Write(line)
	a.size += int64(n)
	if err != nil {
		a.torn = true
		return fmt.Errorf("append audit record: %w", err)
	}
	a.torn = false
	a.seq, a.prev = rec.Seq, sum
	a.writeHead()
	if err := a.f.Sync(); err != nil {
		return fmt.Errorf("append audit record: sync: %w", err)
	}
	return nil
}

// rotate shifts audit.log.i to audit.log.i+1 (dropping the oldest),
// renames the live file to audit.log.1 and opens a new one. Whatever
// happens, it tries to leave a.f open on the live path so that the log
// stays writable.
func (a *Audit) rotate() error {
	err := a.f.Close()
	a.f = nil
	if err != nil {
		return errors.Join(err, a.open())
	}
	var errs []error
	for i := a.maxFiles - 1; i >= 1; i-- {
		err := os.Rename(rotated(a.path, i), rotated(a.path, i+1))
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	if len(errs) == 0 {
		errs = append(errs, os.Rename(a.path, rotated(a.path, 1)))
	}
	errs = append(errs, a.open())
	return errors.Join(errs...)
}

// rotated returns the name of the i-th rotated file.
func rotated(path string, i int) string {
	return path + "." + strconv.Itoa(i)
}

// Close closes the file. Appends after Close fail; a second Close is a
// no-op.
func (a *Audit) Close() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		return nil
	}
	a.closed = true
	if a.head != nil {
		_ = a.head.Close()
		a.head = nil
	}
	if a.f == nil {
		return nil
	}
	err := a.f.Close()
	a.f = nil
	if err != nil {
		return fmt.Errorf("close audit log: %w", err)
	}
	return nil
}
