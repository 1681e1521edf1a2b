package ocxml

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/internal/xmltree"
	"github.com/switchyard/switchyard/models/openconfig"
)

// TestRandomRoundTrip fills devices at random over the whole schema (every
// struct, list and leaf type the generated code has) and checks that
// Marshal, xmltree bytes and Unmarshal give back an equal device, and that
// marshalling that device gives the same bytes.
func TestRandomRoundTrip(t *testing.T) {
	m, err := compiled()
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for seed := range uint64(30) {
		g := &filler{m: m, r: rand.New(rand.NewPCG(seed, 0x0c))}
		want := &openconfig.Device{}
		g.fillStruct(m.root, reflect.ValueOf(want).Elem())
		els, err := Marshal(want)
		if err != nil {
			t.Fatalf("seed %d: Marshal: %v", seed, err)
		}
		b := xmltree.Marshal(xmltree.New("urn:test", "config", els...))
		root, err := xmltree.Parse(b)
		if err != nil {
			t.Fatalf("seed %d: Parse: %v", seed, err)
		}
		got, err := Unmarshal(root.Children)
		if err != nil {
			t.Fatalf("seed %d: Unmarshal: %v\n%s", seed, err, b)
		}
		n, err := ygot.Diff(want, got)
		if err != nil {
			t.Fatalf("seed %d: Diff: %v", seed, err)
		}
		if len(n.GetUpdate())+len(n.GetDelete()) > 0 {
			t.Errorf("seed %d: round trip differs: %v", seed, n)
		}
		els2, err := Marshal(got)
		if err != nil {
			t.Fatalf("seed %d: second Marshal: %v", seed, err)
		}
		if b2 := xmltree.Marshal(xmltree.New("urn:test", "config", els2...)); !bytes.Equal(b, b2) {
			t.Errorf("seed %d: second Marshal gives different bytes", seed)
		}
		total += g.leaves
	}
	if total < 3000 {
		t.Errorf("only %d leaves set over all seeds; the filler is broken", total)
	}
	t.Logf("%d leaves round-tripped", total)
}

// filler sets random values on the fields of generated structs. Values
// that would not survive the XML round trip by the rules of the union they
// belong to (a string "10" in a union whose first member is uint16) are
// skipped.
type filler struct {
	m      *model
	r      *rand.Rand
	leaves int
}

func (g *filler) fillStruct(si *structInfo, sv reflect.Value) {
	for _, f := range fieldsOf(si.node, nil) {
		if f.isKey || g.r.IntN(10) < 2 {
			continue
		}
		fv := sv.Field(f.index)
		switch f.kind {
		case kindLeaf:
			if v, ok := g.leafValue(f, fv.Type()); ok {
				fv.Set(v)
				g.leaves++
			}
		case kindLeafList:
			for range 1 + g.r.IntN(3) {
				if v, ok := g.leafValue(f, fv.Type().Elem()); ok {
					fv.Set(reflect.Append(fv, v))
					g.leaves++
				}
			}
		case kindContainer:
			fv.Set(reflect.New(f.elem.typ))
			g.fillStruct(f.elem, fv.Elem())
		case kindList, kindOrderedList:
			g.fillList(f, fv)
		}
	}
}

func (g *filler) fillList(f *field, fv reflect.Value) {
	for range 1 + g.r.IntN(2) {
		keys := make([]reflect.Value, len(f.elem.keys))
		for i, kn := range f.elem.keys {
			v, ok := g.leafValue(kn.field, f.elem.typ.Field(kn.field.index).Type)
			if !ok {
				return
			}
			keys[i] = v
		}
		ev, err := findOrAddEntry(fv, f, keys)
		if err != nil {
			panic(err)
		}
		g.fillStruct(f.elem, ev.Elem())
	}
}

// fieldsOf returns the fields below n, each once, in node order.
func fieldsOf(n *node, out []*field) []*field {
	for _, c := range n.children {
		switch {
		case c.field == nil:
			out = fieldsOf(c, out)
		case !slices.Contains(out, c.field):
			out = append(out, c.field)
		}
	}
	return out
}

// leafValue returns a random value of Go type t for leaf f that decodes
// back to itself.
func (g *filler) leafValue(f *field, t reflect.Type) (reflect.Value, bool) {
	for range 10 {
		v := g.candidate(f, t)
		if !v.IsValid() {
			continue
		}
		text, module, ok, err := g.m.formatValue(v)
		if err != nil || !ok {
			continue
		}
		if module != "" {
			text = openconfig.YANGModules[module].Prefix + ":" + text
		}
		back, err := g.m.parseValue(text, t, f, nil)
		if err == nil && reflect.DeepEqual(back.Interface(), v.Interface()) {
			return v, true
		}
	}
	return reflect.Value{}, false
}

func (g *filler) candidate(f *field, t reflect.Type) reflect.Value {
	switch {
	case t.Kind() == reflect.Pointer:
		v := g.candidate(f, t.Elem())
		if !v.IsValid() {
			return v
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(v)
		return p
	case t.Kind() == reflect.Interface:
		if len(f.enumTypes) > 0 && g.r.IntN(2) == 0 {
			return g.enumValue(f.enumTypes[g.r.IntN(len(f.enumTypes))])
		}
		if len(f.members) == 0 {
			return reflect.Value{}
		}
		gt := unionGoType(f.members[g.r.IntN(len(f.members))].Kind)
		if gt == nil || !gt.Implements(t) {
			return reflect.Value{}
		}
		return g.scalar(gt)
	case isEnum(t):
		return g.enumValue(t)
	}
	return g.scalar(t)
}

func (g *filler) enumValue(t reflect.Type) reflect.Value {
	ei := g.m.enums[t]
	vals := make([]int64, 0, len(ei.byValue))
	for v := range ei.byValue {
		vals = append(vals, v)
	}
	slices.Sort(vals)
	return reflect.ValueOf(vals[g.r.IntN(len(vals))]).Convert(t)
}

func (g *filler) scalar(t reflect.Type) reflect.Value {
	var v any
	switch {
	case t == yangEmptyType:
		v = true
	case t == binaryType:
		v = []byte{byte(g.r.IntN(256)), byte(g.r.IntN(256))}
	default:
		switch t.Kind() {
		case reflect.String:
			const chars = "abcXYZ019 -_./:<>&'\"é"
			s := []rune("s")
			for range g.r.IntN(12) {
				s = append(s, []rune(chars)[g.r.IntN(len([]rune(chars)))])
			}
			v = string(append(s, 'z'))
		case reflect.Bool:
			v = g.r.IntN(2) == 0
		case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			v = g.r.Int64N(200) - 100
		case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			v = g.r.Uint64N(250)
		case reflect.Float64:
			v = float64(g.r.IntN(10000)) / 100
		default:
			return reflect.Value{}
		}
	}
	return reflect.ValueOf(v).Convert(t)
}
