package diff

import (
	"slices"
	"strings"
)

// claimValues returns the values of a multi-valued setting switchyard
// owns after change c: prev with the values c added and without those it
// removed. A multi-valued setting is an OpenConfig leaf-list (After is a
// list) or a CLI line that holds a set of words and whose update path is
// the words its Before and After share ("ip name-server A B" updated to
// "ip name-server A B C": C is added). Other changes keep prev.
func claimValues(prev []any, c Change) []any {
	before, after, ok := valuesOf(c)
	if !ok {
		return prev
	}
	out := slices.DeleteFunc(slices.Clone(prev), func(v any) bool { return !llContains(after, v) })
	for _, v := range after {
		if !llContains(before, v) && !llContains(out, v) {
			out = append(out, v)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// ReasonRemove starts the reason of a change that removes, from a
// multi-valued setting the intent still declares (a leaf-list, a CLI line
// holding a set), values switchyard added and the intent no longer has:
// "remove: no longer in intent, set by switchyard at REV". Unlike a
// release, the claim stays (with its other values).
const ReasonRemove = "remove"

// MarkValueRemovals gives each change without a reason that removes a
// value switchyard added (Claim.Values of a claim at the change's path)
// the reason ReasonRemove.
func MarkValueRemovals(changes []Change, claims []Claim) {
	for i := range changes {
		c := &changes[i]
		if c.Reason != "" {
			continue
		}
		before, after, ok := valuesOf(*c)
		if !ok {
			continue
		}
		for _, cl := range claims {
			if cl.Path == c.Path && slices.ContainsFunc(cl.Values, func(v any) bool { return llContains(before, v) && !llContains(after, v) }) {
				c.Reason = ReasonRemove + ": no longer in intent, set by switchyard at " + ShortRev(cl.Rev)
			}
		}
	}
}

// valuesOf returns the values of c's setting before and after c (see
// claimValues); ok is false for a change of a single value.
func valuesOf(c Change) (before, after []any, ok bool) {
	if a, isList := c.After.([]any); isList {
		b, _ := c.Before.([]any)
		return b, a, true
	}
	if b, isList := c.Before.([]any); isList && c.After == nil {
		return b, nil, true
	}
	b, okB := c.Before.(string)
	a, okA := c.After.(string)
	line := c.Path[strings.LastIndex(c.Path, " > ")+1:]
	line = strings.TrimPrefix(line, "> ")
	if !okB || !okA || c.Op != Update || strings.HasPrefix(c.Path, "/") ||
		!strings.HasPrefix(b+" ", line+" ") || !strings.HasPrefix(a+" ", line+" ") {
		return nil, nil, false
	}
	words := func(s string) []any {
		var out []any
		for _, w := range strings.Fields(s) {
			out = append(out, w)
		}
		return out
	}
	return words(b), words(a), true
}

// ClaimedValues returns the leaf-list values switchyard added (see
// Claim.Values) as owned leaves of a Scope: a value the desired tree no
// longer has is removed from the device's leaf-list, like an owned value.
func ClaimedValues(claims []Claim) []OwnedLeaf {
	var out []OwnedLeaf
	for _, c := range claims {
		for _, v := range c.Values {
			out = append(out, OwnedLeaf{Path: c.Path, Value: v})
		}
	}
	return out
}
