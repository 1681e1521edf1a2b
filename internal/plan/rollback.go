package plan

import "strings"

// Rollback says how a change pushed to a device reverts by itself unless
// switchyard confirms it, and whether that has been proven on the device.
type Rollback struct {
	// Mechanism is the providers.Confirm* kind ("cisco-ia-revert-timer",
	// "netconf-confirmed-commit", …), "none" without one.
	Mechanism string `json:"mechanism"`
	// DeviceTimer reports whether the device reverts by itself if
	// switchyard dies before confirming.
	DeviceTimer bool `json:"device_timer"`
	// Proof is the timer proof's state: "proven DATE", "failed DATE:
	// detail", "not proven yet" (apply proves it first), or "" where no
	// proof applies.
	Proof string `json:"proof,omitempty"`
	// OptIn is where allow_without_device_timer is declared, for a device
	// pushed to without a device timer.
	OptIn string `json:"opt_in,omitempty"`
}

// Text is the one-line form the renderers show.
func (r *Rollback) Text() string {
	if r == nil {
		return ""
	}
	parts := []string{clean(r.Mechanism)}
	switch {
	case r.DeviceTimer && r.Proof != "":
		parts = append(parts, "("+clean(r.Proof)+")")
	case !r.DeviceTimer && r.OptIn != "":
		parts = append(parts, "(no device-side timer; allowed by allow_without_device_timer in "+clean(r.OptIn)+")")
	case !r.DeviceTimer:
		parts = append(parts, "(no device-side timer)")
	}
	return strings.Join(parts, " ")
}
