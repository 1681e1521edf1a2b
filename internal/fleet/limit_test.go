package fleet

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/switchyard/switchyard/inventory"
)

func TestSelect(t *testing.T) {
	inv, ds := inventory.LoadAndResolve("../../examples/campus", inventory.ResolveOptions{})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	names := func(ds []*inventory.Device) []string {
		var out []string
		for _, d := range ds {
			out = append(out, d.Name)
		}
		return out
	}
	tests := []struct {
		name  string
		exprs []string
		want  []string
		err   bool
	}{
		{"device name", []string{"ams-acc-1"}, []string{"ams-acc-1"}, false},
		{"group name", []string{"legacy-closets"}, []string{"ams-closet-1", "fra-closet-1"}, false},
		{"group prefix", []string{"group:core"}, []string{"ams-core-1", "fra-core-1"}, false},
		{"selector", []string{"site=fra,role!=access"}, []string{"fra-core-1", "fra-dist-1"}, false},
		{"union", []string{"ams-core-1", "fra-core-1"}, []string{"ams-core-1", "fra-core-1"}, false},
		{"typo is an error", []string{"ams-acc-9"}, nil, true},
		{"bad selector", []string{"site in ams"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Select(inv, tt.exprs)
			if (err != nil) != tt.err {
				t.Fatalf("err = %v, want error %v", err, tt.err)
			}
			if diff := cmp.Diff(tt.want, names(got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
