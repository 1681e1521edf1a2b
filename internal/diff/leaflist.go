package diff

import (
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Leaf-list values are []any of RFC 7951 scalars. Integer elements and
// OpenConfig range strings "N..M" (as in trunk-vlans) are compared as sets
// of integers, so [10, "11..12"] equals ["10..12"]; other elements are
// compared by value.

// interval is an inclusive integer range.
type interval struct{ lo, hi int64 }

// asInterval returns v as an integer interval when it is an integer or an
// "N..M" range string.
func asInterval(v any) (interval, bool) {
	switch x := v.(type) {
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return interval{int64(x), int64(x)}, true
		}
	case string:
		lo, hi, ok := strings.Cut(x, "..")
		if !ok {
			return interval{}, false
		}
		l, err1 := strconv.ParseInt(lo, 10, 64)
		h, err2 := strconv.ParseInt(hi, 10, 64)
		if err1 == nil && err2 == nil && l <= h {
			return interval{l, h}, true
		}
	}
	return interval{}, false
}

// llSet is a leaf-list as a set: merged integer intervals plus the other
// elements.
type llSet struct {
	ivs    []interval
	others []any
}

func toSet(vs []any) llSet {
	var s llSet
	for _, v := range vs {
		if iv, ok := asInterval(v); ok {
			s.ivs = append(s.ivs, iv)
		} else if !slices.ContainsFunc(s.others, func(o any) bool { return equalValue(o, v) }) {
			s.others = append(s.others, v)
		}
	}
	s.ivs = mergeIntervals(s.ivs)
	return s
}

func mergeIntervals(ivs []interval) []interval {
	if len(ivs) < 2 {
		return ivs
	}
	slices.SortFunc(ivs, func(a, b interval) int { return cmpInt(a.lo, b.lo) })
	out := ivs[:1]
	for _, iv := range ivs[1:] {
		last := &out[len(out)-1]
		if iv.lo <= last.hi+1 {
			last.hi = max(last.hi, iv.hi)
			continue
		}
		out = append(out, iv)
	}
	return out
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// contains reports whether element v is in s (a range: entirely).
func (s llSet) contains(v any) bool {
	if iv, ok := asInterval(v); ok {
		return slices.ContainsFunc(s.ivs, func(o interval) bool { return o.lo <= iv.lo && iv.hi <= o.hi })
	}
	return slices.ContainsFunc(s.others, func(o any) bool { return equalValue(o, v) })
}

func (s llSet) equal(o llSet) bool {
	if !slices.Equal(s.ivs, o.ivs) || len(s.others) != len(o.others) {
		return false
	}
	for _, v := range s.others {
		if !o.contains(v) {
			return false
		}
	}
	return true
}

// llEqual compares leaf-lists, by order when ordered is true, else as sets.
func llEqual(a, b []any, ordered bool) bool {
	if ordered {
		return equalValue(a, b)
	}
	return toSet(a).equal(toSet(b))
}

// llUnion returns run with the elements of des that run lacks appended.
func llUnion(run, des []any) []any {
	s := toSet(run)
	out := slices.Clone(run)
	for _, v := range des {
		if !s.contains(v) {
			out = append(out, v)
		}
	}
	return out
}

// llRemove returns vs without value x; a range containing integer x is
// split around it.
func llRemove(vs []any, x any) []any {
	xi, isInt := asInterval(x)
	isInt = isInt && xi.lo == xi.hi
	var out []any
	for _, v := range vs {
		iv, ok := asInterval(v)
		switch {
		case isInt && ok && iv.lo <= xi.lo && xi.lo <= iv.hi:
			out = appendInterval(out, interval{iv.lo, xi.lo - 1})
			out = appendInterval(out, interval{xi.lo + 1, iv.hi})
		case !isInt && equalValue(v, x):
		default:
			out = append(out, v)
		}
	}
	return out
}

// appendInterval appends iv as a number or an "N..M" string; an empty
// interval appends nothing.
func appendInterval(vs []any, iv interval) []any {
	switch {
	case iv.lo > iv.hi:
		return vs
	case iv.lo == iv.hi:
		return append(vs, float64(iv.lo))
	}
	return append(vs, strconv.FormatInt(iv.lo, 10)+".."+strconv.FormatInt(iv.hi, 10))
}

// llContains reports whether leaf-list vs contains x.
func llContains(vs []any, x any) bool { return toSet(vs).contains(x) }

// equalValue compares decoded JSON values.
func equalValue(a, b any) bool {
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x == y
	case float64:
		y, ok := b.(float64)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case nil:
		return b == nil
	}
	return reflect.DeepEqual(a, b)
}
