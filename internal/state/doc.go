// Package state is the agent's memory: an embedded store of what it last did
// to each device, the confirmed commits still in flight, a bounded history
// of runs, and the append-only audit log of every change pushed.
//
// # Store
//
// The Store keeps one file, state.db, in bbolt (go.etcd.io/bbolt). bbolt was
// chosen because it is a single file with no server or background process,
// gives serialisable read-write transactions (one writer, many readers), is
// crash-safe (copy-on-write B+tree pages, a meta page switched atomically
// and fsync on every commit, so a process killed mid-write reopens on the
// last committed transaction), is pure Go (no cgo, cross-compiles with the
// binary), and is maintained by the etcd project, which depends on it.
//
// Values are JSON, so a state file can be inspected with `bbolt get` and
// decoded by a newer agent; a meta bucket holds the schema version and a
// newer schema than this build knows is refused (ErrSchema) rather than
// rewritten.
//
// Only one process may have a state directory open: Open takes an exclusive
// flock on state.db and gives up after a short timeout (WithLockTimeout)
// with ErrLocked, so a second agent or a CLI run next to the daemon fails
// fast with a clear error instead of hanging. That lock is also what makes
// the process holding the Store the only writer of the audit log.
//
// # Permissions
//
// Open creates the state directory (and missing parents) with mode 0700 and
// state.db with 0600, whatever the umask. On Unix it refuses an existing
// directory that is writable by group or others, or that belongs to another
// user (ErrUnsafeDir): whoever can write there can replace the database or
// the audit log. It does not loosen or tighten the mode of a directory it
// did not create; it does tighten state.db and audit files to 0600 if they
// were found more open.
//
// # Audit log
//
// The audit log is audit.log in the state directory: one JSON object per
// line (JSON Lines), appended with O_APPEND and fsynced per record, rotated
// by size to audit.log.1 … audit.log.N (1 is the newest rotated file). A
// record has no field that can carry a secret value: changes are summarised
// by operation and path only, and the device configuration before and after
// is identified by digest, never by content. The values themselves live in
// the reviewed plan and in Git, both of which redact secrets.
//
// Records are hash-chained: Append gives each one a Seq (counting up from
// 1 across rotations) and Prev, the hex SHA-256 of the previous record's
// line exactly as written (without its newline), and rewrites the head
// anchor (audit.head: the newest Seq and hash) after each append. The chain
// continues across rotation and across processes (an Audit that finds the
// live file grown by another writer rescans before appending). VerifyAudit
// walks the files in order and names the first record edited, removed or
// reordered; records written before the chain existed form a legacy prefix
// that is counted but cannot be verified. The chain has no key: it catches
// edits by anyone who does not recompute it; for more, keep the head hash
// (or the records) somewhere the state directory's writers cannot reach.
//
// ReadAudit reads all files in time order and tolerates damage: a final line
// torn by a crash mid-append, or any line that is not a valid record, is
// skipped and reported as a Warning rather than failing the read. The next
// Append after such a crash starts on a fresh line.
package state
