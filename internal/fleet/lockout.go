package fleet

import (
	"fmt"

	"github.com/switchyard/switchyard/inventory"
)

// Lock-out guard: a device whose local user list is authoritative
// must declare the account switchyard itself logs in with, or the push
// would delete that account and lock switchyard (and the confirm) out. The
// device would revert by itself, but only after the confirm timeout, and a
// writable-running device would not revert at all; refuse up front.

// CheckLockout returns an error when d's intent owns the local user list
// but does not declare username, the account switchyard connects with. An
// empty username (not known yet) passes.
func CheckLockout(d *inventory.Device, username string) error {
	if username == "" || d.Intent == nil || !d.Intent.IsAuthoritative("users") {
		return nil
	}
	for _, u := range d.Intent.Config.Users {
		if u.Name == username {
			return nil
		}
	}
	return fmt.Errorf("device %s: the local user list is authoritative but does not declare %q, the account switchyard logs in with: "+
		"the push would delete it and lock switchyard out; declare the user in the intent, or drop users from authoritative", d.Name, username)
}

// CheckLockouts runs CheckLockout for every device whose credentials name
// a plain user name, for validate (credentials read from references are
// checked when switchyard connects).
func CheckLockouts(inv *inventory.Inventory) []error {
	var errs []error
	for _, d := range inv.Devices {
		c := inv.Credential(d.Credentials)
		if c == nil {
			continue
		}
		if err := CheckLockout(d, c.Username); err != nil {
			errs = append(errs, err)
		}
	}
	return errs
}
