package ocxml_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/openconfig/ygot/ygot"

	"github.com/switchyard/switchyard/internal/ocxml"
	"github.com/switchyard/switchyard/internal/xmltree"
	oc "github.com/switchyard/switchyard/models/openconfig"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// nsBase is the NETCONF base namespace, used for the <config> wrapper.
const nsBase = "urn:ietf:params:xml:ns:netconf:base:1.0"

// marshalDoc marshals d under a NETCONF <config> element and returns the
// canonical bytes.
func marshalDoc(t testing.TB, d *oc.Device) []byte {
	t.Helper()
	els, err := ocxml.Marshal(d)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	return xmltree.Marshal(xmltree.New(nsBase, "config", els...))
}

// unmarshalDoc parses b and unmarshals the children of its root element.
func unmarshalDoc(t testing.TB, b []byte) (*oc.Device, error) {
	t.Helper()
	root, err := xmltree.Parse(b)
	if err != nil {
		t.Fatalf("xmltree.Parse: %v", err)
	}
	return ocxml.Unmarshal(root.Children)
}

// diffDevices returns a description of the differences between want and
// got, or "" when there are none.
func diffDevices(t testing.TB, want, got *oc.Device) string {
	t.Helper()
	n, err := ygot.Diff(want, got)
	if err != nil {
		t.Fatalf("ygot.Diff: %v", err)
	}
	var b strings.Builder
	for _, u := range n.GetUpdate() {
		b.WriteString("+ " + u.String() + "\n")
	}
	for _, p := range n.GetDelete() {
		b.WriteString("- " + p.String() + "\n")
	}
	return b.String()
}

// pretty renders e indented, declaring the default namespace where it
// changes, for golden files that humans review.
func pretty(e *xmltree.Element) string {
	var b strings.Builder
	writePretty(&b, e, "", 0)
	return b.String()
}

func writePretty(b *strings.Builder, e *xmltree.Element, parentNS string, depth int) {
	b.WriteString(strings.Repeat("  ", depth) + "<" + e.Name.Local)
	if e.Name.Space != parentNS {
		b.WriteString(` xmlns="` + e.Name.Space + `"`)
	}
	for _, a := range e.Attrs {
		name := a.Name.Local
		if a.Name.Space == "xmlns" {
			name = "xmlns:" + name
		}
		b.WriteString(" " + name + `="` + escape(a.Value) + `"`)
	}
	switch {
	case len(e.Children) == 0 && e.Text == "":
		b.WriteString("/>\n")
	case len(e.Children) == 0:
		b.WriteString(">" + escape(e.Text) + "</" + e.Name.Local + ">\n")
	default:
		b.WriteString(">\n")
		for _, c := range e.Children {
			writePretty(b, c, e.Name.Space, depth+1)
		}
		b.WriteString(strings.Repeat("  ", depth) + "</" + e.Name.Local + ">\n")
	}
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

// golden compares got with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, diff)
	}
}

// walk follows local names from e, taking the first matching child each step.
func walk(e *xmltree.Element, path []string) *xmltree.Element {
	for _, p := range path {
		if e = e.Child("", p); e == nil {
			return nil
		}
	}
	return e
}

// findEntry returns the entry of the list below top-level container top
// whose key leaf key has value value.
func findEntry(t *testing.T, root *xmltree.Element, top, key, value string) *xmltree.Element {
	t.Helper()
	c := root.Child("", top)
	if c == nil {
		t.Fatalf("no <%s>", top)
	}
	for _, e := range c.Children {
		if k := e.Child("", key); k != nil && k.Text == value {
			return e
		}
	}
	t.Fatalf("no %s entry with %s=%s", top, key, value)
	return nil
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// asError is errors.As for *ocxml.Error.
func asError(err error, target **ocxml.Error) bool {
	return errors.As(err, target)
}
