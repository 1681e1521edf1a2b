package models

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestVLANRangeUnmarshalText(t *testing.T) {
	tests := []struct {
		in      string
		want    VLANRange
		wantErr string
	}{
		{in: "10", want: VLANRange{10, 10}},
		{in: " 10-20 ", want: VLANRange{10, 20}},
		{in: "10 - 20", want: VLANRange{10, 20}},
		{in: "0", want: VLANRange{0, 0}}, // the id range is checked by Validate
		{in: "", wantErr: `"" is not a VLAN id or range (want N or N-M)`},
		{in: "ten", wantErr: `"ten" is not a VLAN id or range (want N or N-M)`},
		{in: "10-", wantErr: `"10-" is not a VLAN id or range (want N or N-M)`},
		{in: "10-x", wantErr: `"10-x" is not a VLAN id or range (want N or N-M)`},
		{in: "20-10", wantErr: `VLAN range "20-10" ends before it starts`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got VLANRange
			err := got.UnmarshalText([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || err.Error() != tt.wantErr {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("range (-want +got):\n%s", diff)
			}
			text, _ := got.MarshalText()
			var again VLANRange
			if err := again.UnmarshalText(text); err != nil || again != got {
				t.Errorf("round trip through %q gave %v, %v", text, again, err)
			}
		})
	}
}

func TestVLANRangeContains(t *testing.T) {
	r := VLANRange{10, 20}
	for id, want := range map[int]bool{9: false, 10: true, 15: true, 20: true, 21: false} {
		if got := r.Contains(id); got != want {
			t.Errorf("%v.Contains(%d) = %v, want %v", r, id, got, want)
		}
	}
}

func TestIsReservedVLAN(t *testing.T) {
	for id := 0; id <= 4095; id++ {
		want := id == 1 || (id >= 1002 && id <= 1005)
		if got := IsReservedVLAN(id); got != want {
			t.Errorf("IsReservedVLAN(%d) = %v, want %v", id, got, want)
		}
	}
	for _, id := range ReservedVLANs {
		if !IsReservedVLAN(id) {
			t.Errorf("ReservedVLANs holds %d, which IsReservedVLAN rejects", id)
		}
	}
}

func TestDeviceIsAuthoritative(t *testing.T) {
	d := &Device{Authoritative: []string{"users", "vlans[20].members"}}
	tests := map[string]bool{"users": true, "vlans[20].members": true, "vlans[10].members": false, "vlans": false}
	for sel, want := range tests {
		if got := d.IsAuthoritative(sel); got != want {
			t.Errorf("IsAuthoritative(%q) = %v, want %v", sel, got, want)
		}
	}
}
