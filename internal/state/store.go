package state

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// DBFile is the name of the database file inside the state directory.
const DBFile = "state.db"

// schemaVersion is the layout this build reads and writes. Bump it when a
// bucket or value changes incompatibly, and migrate in Open.
const schemaVersion = 1

var (
	bucketMeta    = []byte("meta")
	bucketDevices = []byte("devices")
	bucketRuns    = []byte("runs")
	keySchema     = []byte("schema")
)

// Store is the agent's embedded database. It is safe for concurrent use by
// multiple goroutines: reads run in parallel, writes are serialised, and
// every write is durable (fsynced) when its method returns.
type Store struct {
	db       *bolt.DB
	dir      string
	keepRuns int
}

// Option configures Open.
type Option func(*config) error

type config struct {
	lockTimeout time.Duration
	keepRuns    int
	holder      string
}

// defaultConfig holds every default of the Store in one place.
func defaultConfig() config {
	return config{
		lockTimeout: time.Second,
		keepRuns:    1000,
	}
}

// WithLockTimeout sets how long Open waits for another process to release
// the state directory before failing with ErrLocked. The default is one
// second; d must be positive (waiting forever is not offered).
func WithLockTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("lock timeout %s: %w: must be positive", d, ErrInvalid)
		}
		c.lockTimeout = d
		return nil
	}
}

// WithRunRetention sets how many runs RecordRun keeps; older ones are
// deleted in the same transaction that adds a new one. The default is
// 1000; n must be at least 1.
func WithRunRetention(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("run retention %d: %w: must be at least 1", n, ErrInvalid)
		}
		c.keepRuns = n
		return nil
	}
}

// Open opens (creating if needed) the store in dir. See the package
// documentation for the permissions it sets and checks. It fails with
// ErrLocked if another process has dir open, ErrUnsafeDir if dir is
// writable by others, and ErrSchema if a newer agent wrote the database.
func Open(dir string, opts ...Option) (*Store, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, fmt.Errorf("open state: %w", err)
		}
	}
	if err := prepareDir(dir); err != nil {
		return nil, fmt.Errorf("open state: %w", err)
	}
	path := filepath.Join(dir, DBFile)
	db, err := bolt.Open(path, fileMode, &bolt.Options{
		Timeout:      cfg.lockTimeout,
		FreelistType: bolt.FreelistMapType,
	})
	if errors.Is(err, bolterrors.ErrTimeout) {
		holder := readHolder(dir)
		if holder == "" {
			holder = "a process that did not say"
		}
		return nil, fmt.Errorf("open state %s: %w: held by %s (gave up waiting for its lock after %s)", path, ErrLocked, holder, cfg.lockTimeout)
	}
	if err != nil {
		return nil, fmt.Errorf("open state %s: %w", path, err)
	}
	s := &Store{db: db, dir: dir, keepRuns: cfg.keepRuns}
	if err := s.init(path); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open state %s: %w", path, err)
	}
	if err := writeHolder(dir, cfg.holder); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open state %s: record the lock holder: %w", path, err)
	}
	return s, nil
}

// init fixes the file mode and creates buckets and the schema marker.
func (s *Store) init(path string) error {
	// The file may predate us with a looser mode, or the umask may have
	// cleared bits of 0600: either way, make it exactly 0600.
	if err := os.Chmod(path, fileMode); err != nil {
		return err
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketMeta, bucketDevices, bucketRuns} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		raw := meta.Get(keySchema)
		if raw == nil {
			return meta.Put(keySchema, []byte(strconv.Itoa(schemaVersion)))
		}
		v, err := strconv.Atoi(string(raw))
		if err != nil {
			return fmt.Errorf("%w: unreadable version %q", ErrSchema, raw)
		}
		if v > schemaVersion {
			return fmt.Errorf("%w: version %d is newer than this build's %d", ErrSchema, v, schemaVersion)
		}
		return nil
	})
}

// Dir returns the state directory the store was opened in.
func (s *Store) Dir() string { return s.dir }

// Close releases the database and its lock. Calling it twice is safe.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close state: %w", err)
	}
	return nil
}

// Check runs bbolt's consistency check over the whole database (page
// accounting, key order, freelist) and returns every problem it finds,
// joined, or nil. It takes the write lock for its duration.
func (s *Store) Check() error {
	tx, err := s.db.Begin(true)
	if err != nil {
		return fmt.Errorf("check state: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	var errs []error
	for err := range tx.Check() {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("check state: %w", err)
	}
	return nil
}

// seqKey encodes a run sequence number so that keys sort numerically.
func seqKey(n uint64) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), n)
}
