package providers

import "github.com/switchyard/switchyard/profiles"

// Mechanism returns how a change pushed over transport to a device whose
// provider has caps reverts by itself unless it is confirmed: a Confirm*
// constant, ConfirmNone when the device has no such mechanism. Over
// NETCONF the release profile p decides (confirmed commit where the hello
// advertises it, cisco-ia's revert timer where the release ships it, else
// none); without a profile (or over another transport) the provider's
// capabilities do. The driver still checks the device's own hello at
// connect: a device that lacks what its profile promised is refused.
func Mechanism(caps Capabilities, transport string, p *profiles.Profile) string {
	if transport == "netconf" && p != nil {
		switch p.Rollback.NETCONF {
		case profiles.RollbackConfirmedCommit:
			return ConfirmNETCONF
		case profiles.RollbackCiscoIA:
			return ConfirmCiscoIA
		}
		return ConfirmNone
	}
	if k, ok := caps.Confirm[transport]; ok && k != "" {
		return k
	}
	return ConfirmNone
}
