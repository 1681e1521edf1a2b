package identity

import "crypto/sha256"

// MaxShared bounds how many values Shared keeps in one Cache; past it,
// Shared builds every new value without keeping it, so a run whose
// devices all send different material holds no more than this many.
const MaxShared = 64

// Shared returns the value build made of content identified by sum (its
// SHA-256) earlier in the run, or calls build once (concurrent first
// callers wait for it) and keeps the value and error. kind separates
// unrelated uses. The value is shared: callers must not modify it. A nil
// Cache calls build every time.
//
// Transports use it for what many devices send alike, such as the
// NETCONF hello of a release: parsed once per run instead of once per
// session.
func (c *Cache) Shared(kind string, sum [sha256.Size]byte, build func() (any, error)) (any, error) {
	if c == nil {
		return build()
	}
	k := key{kind: "shared:" + kind, path: string(sum[:])}
	c.mu.Lock()
	e := c.entries[k]
	if e == nil {
		if c.shared >= MaxShared {
			c.mu.Unlock()
			return build()
		}
		e = &entry{}
		c.entries[k] = e
		c.shared++
	}
	c.mu.Unlock()
	e.once.Do(func() { e.val, e.err = build() })
	return e.val, e.err
}
