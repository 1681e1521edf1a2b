package gnmisim

import (
	"github.com/switchyard/switchyard/internal/devicesim"
	oc "github.com/switchyard/switchyard/models/openconfig"
)

// storeSecrets rewrites the clear-text secrets of d the way Cisco devices
// store them, so that Get shows the stored form and never the value: a
// user's password becomes password-hashed (a crypt hash with a new salt
// for every write), an AAA server's secret-key becomes secret-key-hashed
// (type 7).
func storeSecrets(d *oc.Device) {
	aaa := d.GetSystem().GetAaa()
	if aaa == nil {
		return
	}
	var users map[string]*oc.System_Aaa_Authentication_User
	if aaa.Authentication != nil {
		users = aaa.Authentication.User
	}
	for _, u := range users {
		if u.Password != nil {
			h := devicesim.CryptHash(*u.Password)
			u.PasswordHashed, u.Password = &h, nil
		}
	}
	for _, g := range aaa.ServerGroup {
		for _, s := range g.Server {
			if t := s.Tacacs; t != nil && t.SecretKey != nil {
				h := devicesim.Type7(*t.SecretKey)
				t.SecretKeyHashed, t.SecretKey = &h, nil
			}
			if r := s.Radius; r != nil && r.SecretKey != nil {
				h := devicesim.Type7(*r.SecretKey)
				r.SecretKeyHashed, r.SecretKey = &h, nil
			}
		}
	}
}

// storeNativeSecrets rewrites the clear-text secrets of the native tree
// the way the device stores them: IOS-XR's password leaves ("!CLEAR")
// keep their type 7 encryption (devicesim.StoreXRPasswords).
func storeNativeSecrets(native map[string]any) {
	devicesim.StoreXRPasswords(native)
}
