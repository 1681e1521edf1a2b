package inventory

import (
	"github.com/switchyard/switchyard/models"
)

// Inventory is a resolved intent repository: every device with its groups
// and its merged intent. It is immutable once built and safe to share.
type Inventory struct {
	Devices     []*Device         `json:"devices"`
	Groups      []*Group          `json:"groups"`
	Credentials []*CredentialSpec `json:"credentials,omitempty"`
	byName      map[string]*Device
}

// Device is a device with its defaults applied, its group memberships and
// its resolved intent.
type Device struct {
	Name        string `json:"name"`
	Address     string `json:"address"`
	Platform    string `json:"platform"`
	Transport   string `json:"transport"`
	Credentials string `json:"credentials,omitempty"`
	// CAFile is the CA certificate file that verifies the device's TLS
	// certificate (gNMI, NX-API).
	CAFile string            `json:"ca_file,omitempty"`
	Labels map[string]string `json:"labels,omitempty"`
	// Release is the platform release and its profile; nil for a platform
	// switchyard has no profile of.
	Release *Release `json:"release,omitempty"`
	// AllowWithoutDeviceTimer is allow_without_device_timer as resolved
	// (device < group < defaults); nil when nothing declares it, which
	// means no.
	AllowWithoutDeviceTimer *TimerOptIn `json:"allow_without_device_timer,omitempty"`
	// Groups are the groups the device belongs to, in precedence order
	// (the last one wins over earlier ones).
	Groups []Membership   `json:"groups,omitempty"`
	Intent *models.Device `json:"intent"`
}

// Membership says that a device belongs to a group, and why.
type Membership struct {
	Group    string `json:"group"`
	Priority int    `json:"priority"`
	// Reasons holds "listed", "selector: EXPR" and "via group: NAME"
	// entries, one per way the device is a member.
	Reasons []string `json:"reasons"`
}

// Group is a group with its resolved members.
type Group struct {
	Name          string   `json:"name"`
	Description   string   `json:"description,omitempty"`
	Priority      int      `json:"priority"`
	Authoritative []string `json:"authoritative,omitempty"`
	// Members are sorted by device name.
	Members []Member `json:"members"`
}

// Member is one device of a group and why it belongs.
type Member struct {
	Device  string   `json:"device"`
	Reasons []string `json:"reasons"`
}

// Device returns the device called name, or nil.
func (inv *Inventory) Device(name string) *Device {
	return inv.byName[name]
}

// Credential returns the credentials called name, or nil.
func (inv *Inventory) Credential(name string) *CredentialSpec {
	for _, c := range inv.Credentials {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// DefaultTransport is the transport of each platform when a device does not
// name one.
var DefaultTransport = map[string]string{
	"ios":   "cli",
	"iosxe": "netconf",
	"iosxr": "netconf",
	"nxos":  "netconf",
}

// DefaultPort is the port of each transport when an address has none.
var DefaultPort = map[string]string{
	"cli":     "22",
	"gnmi":    "9339",
	"netconf": "830",
	"nxapi":   "443",
}
