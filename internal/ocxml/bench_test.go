package ocxml_test

import (
	"testing"

	"github.com/switchyard/switchyard/internal/ocxml"
	"github.com/switchyard/switchyard/internal/xmltree"
)

func BenchmarkMarshal(b *testing.B) {
	d := switch48(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ocxml.Marshal(d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshal(b *testing.B) {
	root, err := xmltree.Parse(marshalDoc(b, switch48(b)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ocxml.Unmarshal(root.Children); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSchemaValidate(b *testing.B) {
	root, err := xmltree.Parse(marshalDoc(b, switch48(b)))
	if err != nil {
		b.Fatal(err)
	}
	s := newSchema(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := s.Validate(root); err != nil {
			b.Fatal(err)
		}
	}
}
