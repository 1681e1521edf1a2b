package gnmisim

import (
	"fmt"
	"sync"
	"time"

	gpb "github.com/openconfig/gnmi/proto/gnmi"
	"github.com/openconfig/ygot/ygot"
)

// Knobs inject target behaviour for tests. Every method is safe for
// concurrent use and takes effect for the next RPC any client sends.
type Knobs struct {
	mu        sync.Mutex
	latency   time.Duration
	failSet   string
	failArmed bool
	rejects   []rejectRule
	dropArmed bool
	dropAfter int
	loseArmed bool
	loseAfter int
}

type rejectRule struct {
	raw     string
	elems   []*gpb.PathElem
	message string
}

// SetLatency delays every RPC by d before it is processed (0 turns it
// off). The delay is real time, not the target's Clock; it ends early when
// the RPC's context does.
func (k *Knobs) SetLatency(d time.Duration) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.latency = d
}

// FailNextSet makes the next Set RPC (of any kind, including a confirm or
// cancel) fail with codes.Internal and message, changing nothing.
func (k *Knobs) FailNextSet(message string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.failSet, k.failArmed = message, true
}

// RejectPath makes any Set operation that touches the node at path or
// below it fail with codes.InvalidArgument naming path and message, as a
// platform that cannot configure that path would; nothing of that Set is
// applied. An update or replace whose path is an ancestor of path is
// refused when its value reaches path; a delete or replace of an ancestor
// is always refused, since it would remove the node. path is a gNMI path
// string: "/interfaces/interface[name=Ethernet1]/config/mtu".
func (k *Knobs) RejectPath(path, message string) error {
	p, err := ygot.StringToStructuredPath(path)
	if err != nil {
		return fmt.Errorf("reject path %q: %w", path, err)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.rejects = append(k.rejects, rejectRule{raw: path, elems: p.GetElem(), message: message})
	return nil
}

// DropConnectionAfter lets the next n RPCs (counted across all clients of
// the target) run normally and then closes the connection that carries the
// one after, without processing or answering it. A pending confirmed
// commit is not affected: gNMI commits are not bound to a connection.
func (k *Knobs) DropConnectionAfter(n int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.dropArmed, k.dropAfter = true, n
}

// LoseReplyAfter lets the next n unary RPCs (counted across all clients)
// run normally, then processes the one after in full (a Set is applied, a
// commit started or confirmed) but closes its connection instead of
// answering: the client sees the RPC fail although the target did it.
func (k *Knobs) LoseReplyAfter(n int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.loseArmed, k.loseAfter = true, n
}

// Reset turns every knob off.
func (k *Knobs) Reset() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.latency, k.failArmed, k.failSet, k.rejects, k.dropArmed, k.loseArmed = 0, false, "", nil, false, false
}

// onRPC returns the latency to apply and whether to drop this RPC.
func (k *Knobs) onRPC() (time.Duration, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if !k.dropArmed {
		return k.latency, false
	}
	if k.dropAfter == 0 {
		k.dropArmed = false
		return k.latency, true
	}
	k.dropAfter--
	return k.latency, false
}

// loseReply reports whether the reply to this unary RPC is to be lost (see
// LoseReplyAfter); it counts every unary RPC while armed.
func (k *Knobs) loseReply() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	if !k.loseArmed {
		return false
	}
	if k.loseAfter == 0 {
		k.loseArmed = false
		return true
	}
	k.loseAfter--
	return false
}

// takeSetFailure consumes an armed Set failure.
func (k *Knobs) takeSetFailure() (string, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if !k.failArmed {
		return "", false
	}
	k.failArmed = false
	return k.failSet, true
}

// rejected returns the rule that refuses an operation on elems with value
// (nil for a delete), or nil.
func (k *Knobs) rejected(kind gpb.UpdateResult_Operation, elems []*gpb.PathElem, value any) *rejectRule {
	k.mu.Lock()
	defer k.mu.Unlock()
	for i := range k.rejects {
		r := &k.rejects[i]
		if rejects(r.elems, kind, elems, value) {
			return r
		}
	}
	return nil
}

// rejects reports whether an operation at op (value v) touches rule.
func rejects(rule []*gpb.PathElem, kind gpb.UpdateResult_Operation, op []*gpb.PathElem, v any) bool {
	n := min(len(rule), len(op))
	for i := range n {
		if localName(rule[i].GetName()) != localName(op[i].GetName()) {
			return false
		}
		if len(op[i].GetKey()) == 0 && len(rule[i].GetKey()) > 0 {
			// op names the whole list: its value is the array of entries.
			return kind != gpb.UpdateResult_UPDATE || reaches(v, rule[i:], true)
		}
		for key, want := range rule[i].GetKey() {
			if got, ok := op[i].GetKey()[key]; !ok || !sameKey(got, want) {
				return false
			}
		}
	}
	if len(op) >= len(rule) {
		return true
	}
	return kind != gpb.UpdateResult_UPDATE || reaches(v, rule[n:], false)
}

// reaches reports whether the JSON value v holds data at the relative path
// elems. With inList, v is the array of the list elems[0] names.
func reaches(v any, elems []*gpb.PathElem, inList bool) bool {
	if len(elems) == 0 {
		return true
	}
	if inList {
		list, _ := v.([]any)
		i := findEntry(list, elems[0].GetKey())
		return i >= 0 && reaches(list[i], elems[1:], false)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return false
	}
	m, ok := member(obj, elems[0].GetName())
	if !ok {
		return false
	}
	if len(elems[0].GetKey()) > 0 {
		return reaches(obj[m], elems, true)
	}
	return reaches(obj[m], elems[1:], false)
}
