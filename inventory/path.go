package inventory

import (
	"strconv"
	"strings"
)

// segment is the kind of one step of a path.
type segment uint8

const (
	segRoot  segment = iota // the whole path so far: "device", "config" or ""
	segKey                  // ".key" (or "key" under the empty root)
	segIndex                // "[3]"
	segEntry                // `[id "10"]`: a keyed-list entry, see describeKey
)

// step is one step of a path.
type step struct {
	seg   segment
	name  string // root or key; the key tag of an entry
	key   string // the key of an entry
	index int
}

// path names the value being visited in messages
// ("config.vlans[0].members"). Decoding and merging visit every value but
// report on few, so a path is a stack of steps, pushed and popped as they
// descend, and formatted only when a message needs it.
type path []step

// rootPath returns the path called name ("" for the top level of a file).
func rootPath(name string) path {
	p := make(path, 1, 8) // deep enough for the intent model
	p[0] = step{seg: segRoot, name: name}
	return p
}

// field descends to key.
func (p *path) field(key string) { *p = append(*p, step{seg: segKey, name: key}) }

// item descends to the i'th item of a list.
func (p *path) item(i int) { *p = append(*p, step{seg: segIndex, index: i}) }

// entry descends to the entry of a list whose key fields (keyTag) hold key,
// as entryKey returns it.
func (p *path) entry(keyTag, key string) {
	*p = append(*p, step{seg: segEntry, name: keyTag, key: key})
}

// up returns to where the last step started.
func (p *path) up() { *p = (*p)[:len(*p)-1] }

// String formats p as the messages have always written it.
func (p path) String() string {
	var b strings.Builder
	for _, s := range p {
		switch s.seg {
		case segRoot:
			b.WriteString(s.name)
		case segKey:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(s.name)
		case segIndex:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
		case segEntry:
			b.WriteByte('[')
			b.WriteString(describeKey(s.name, s.key))
			b.WriteByte(']')
		}
	}
	return b.String()
}
