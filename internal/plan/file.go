package plan

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/switchyard/switchyard/internal/diff"
)

// MaxFileSize is the largest plan file Load reads.
const MaxFileSize = 64 << 20

const digestPrefix = "sha256:"

// file is a plan as saved: the plan's members plus its digest.
type file struct {
	Plan
	Digest string `json:"digest,omitempty"`
}

// Save writes p, redacted, as indented JSON with a digest (see the package
// documentation for the schema). Its output is what Load reads and what
// `plan --format json` prints.
func (p *Plan) Save(w io.Writer) error {
	f := file{Plan: *p.redacted()}
	sum, err := contentDigest(&f)
	if err != nil {
		return fmt.Errorf("save plan: %w", err)
	}
	f.Digest = sum
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&f); err != nil {
		return fmt.Errorf("save plan: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("save plan: %w", err)
	}
	return nil
}

// JSON writes p in the plan file format; it is Save.
func JSON(w io.Writer, p *Plan) error { return p.Save(w) }

// contentDigest is the digest of f without its Digest member.
func contentDigest(f *file) (string, error) {
	g := *f
	g.Digest = ""
	b, err := marshal(&g)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return digestPrefix + hex.EncodeToString(sum[:]), nil
}

// marshal is json.Marshal without HTML escaping.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Load reads a plan written by Save. It refuses, with an error that says
// what is wrong, a file larger than MaxFileSize (ErrTooLarge), of another
// format version (ErrUnsupportedVersion), whose digest is missing or does
// not match (ErrTampered), or that is not a consistent plan (ErrInvalid).
func Load(r io.Reader) (*Plan, error) { return load(r, MaxFileSize) }

func load(r io.Reader, limit int64) (*Plan, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read plan file: %w", err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	var probe struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return nil, fmt.Errorf("%w: not JSON: %v", ErrInvalid, err)
	}
	switch {
	case probe.Version == nil:
		return nil, fmt.Errorf("%w: no version member (is this a switchyard plan?)", ErrInvalid)
	case *probe.Version != Version:
		return nil, fmt.Errorf("%w: version %d (this switchyard reads version %d)", ErrUnsupportedVersion, *probe.Version, Version)
	}
	var f file
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if f.Digest == "" {
		return nil, fmt.Errorf("%w: no digest", ErrTampered)
	}
	want, err := contentDigest(&f)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	if f.Digest != want {
		return nil, fmt.Errorf("%w: digest %s does not match the content (%s)", ErrTampered, f.Digest, want)
	}
	p := f.Plan
	if err := p.validate(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	return &p, nil
}

// validate checks what the digest cannot: that the content is a plan.
func (p *Plan) validate() error {
	var errs []error
	seen := map[string]bool{}
	for i, d := range p.Devices {
		switch {
		case d.Name == "":
			errs = append(errs, fmt.Errorf("devices[%d]: no name", i))
		case seen[d.Name]:
			errs = append(errs, fmt.Errorf("devices[%d]: device %q appears twice", i, d.Name))
		}
		seen[d.Name] = true
		if d.Changes == nil {
			errs = append(errs, fmt.Errorf("device %q: no changes member", d.Name))
		}
		for j, c := range d.Changes {
			if err := validChange(c); err != nil {
				errs = append(errs, fmt.Errorf("device %q: changes[%d]: %w", d.Name, j, err))
			}
		}
	}
	if s := Summarize(p.Devices); s != p.Summary {
		errs = append(errs, fmt.Errorf("summary %+v does not match the devices (%+v)", p.Summary, s))
	}
	return errors.Join(errs...)
}

func validChange(c diff.Change) error {
	if !slices.Contains([]diff.Op{diff.Create, diff.Update, diff.Delete}, c.Op) {
		return fmt.Errorf("op %q is not create, update or delete", c.Op)
	}
	// OpenConfig paths start with "/"; CLI paths are the command lines
	// from the top of the configuration, joined by " > ".
	if strings.TrimSpace(c.Path) == "" || strings.ContainsFunc(c.Path, unicode.IsControl) {
		return fmt.Errorf("path %q is empty or has control characters", c.Path)
	}
	if c.Op != diff.Delete && c.After == nil {
		return fmt.Errorf("%s of %s has no after value", c.Op, c.Path)
	}
	return nil
}
