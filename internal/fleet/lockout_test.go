package fleet

import (
	"strings"
	"testing"

	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/models"
)

func TestCheckLockout(t *testing.T) {
	dev := func(authoritative bool, users ...string) *inventory.Device {
		d := &inventory.Device{Name: "sw1", Intent: &models.Device{Name: "sw1"}}
		for _, u := range users {
			d.Intent.Config.Users = append(d.Intent.Config.Users, models.User{Name: u})
		}
		if authoritative {
			d.Intent.Authoritative = []string{"users"}
		}
		return d
	}
	tests := []struct {
		name    string
		d       *inventory.Device
		user    string
		wantErr bool
	}{
		{"authoritative without the login user locks out", dev(true, "netops"), "admin", true},
		{"authoritative with the login user is fine", dev(true, "netops", "admin"), "admin", false},
		{"not authoritative never removes the login user", dev(false, "netops"), "admin", false},
		{"unknown login user is checked at connect time", dev(true, "netops"), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckLockout(tt.d, tt.user)
			if (err != nil) != tt.wantErr {
				t.Fatalf("CheckLockout = %v, want error %v", err, tt.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), `"admin"`) {
				t.Errorf("error %q does not name the account", err)
			}
		})
	}
}
