package diag

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDiagnosticsSortAndErr(t *testing.T) {
	var ds Diagnostics
	if ds.Err() != nil {
		t.Fatal("empty diagnostics must give a nil error")
	}
	ds.Warnf(Range{File: "b.yaml", Line: 1, Col: 1}, "unused group %q", "x")
	if ds.Err() != nil {
		t.Fatal("warnings alone must give a nil error")
	}
	ds.Errorf(Range{File: "b.yaml", Line: 10, Col: 3}, "second")
	ds.Errorf(Range{File: "a.yaml", Line: 2, Col: 5}, "first")
	ds.Errorf(Range{File: "b.yaml", Line: 2, Col: 1}, "middle")
	err := fmt.Errorf("load: %w", ds.Err())
	got := From(err).String()
	want := "a.yaml:2:5: error: first\n" +
		"b.yaml:1:1: warning: unused group \"x\"\n" +
		"b.yaml:2:1: error: middle\n" +
		"b.yaml:10:3: error: second"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sorted diagnostics (-want +got):\n%s", diff)
	}
	if From(errors.New("plain")) != nil {
		t.Error("From on a plain error must be nil")
	}
}

func TestRangeString(t *testing.T) {
	tests := []struct {
		r    Range
		want string
	}{
		{Range{}, ""},
		{Range{File: "f.yaml"}, "f.yaml"},
		{Range{File: "f.yaml", Line: 3}, "f.yaml:3"},
		{Range{File: "f.yaml", Line: 3, Col: 7}, "f.yaml:3:7"},
	}
	for _, tt := range tests {
		if got := tt.r.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.r, got, tt.want)
		}
	}
}
