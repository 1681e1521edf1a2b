package inventory

import (
	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/models"
)

// fileSpec is the top level of one intent file. Every section is optional.
type fileSpec struct {
	Devices     []*value `yaml:"devices"`
	Groups      []*value `yaml:"groups"`
	Credentials []*value `yaml:"credentials"`
	Defaults    *value   `yaml:"defaults"`
}

// DeviceSpec is a device as declared in the intent repository.
type DeviceSpec struct {
	Name        string `yaml:"name" json:"name"`
	Address     string `yaml:"address" json:"address"`
	Platform    string `yaml:"platform" json:"platform"`
	Transport   string `yaml:"transport" json:"transport"`
	Credentials string `yaml:"credentials" json:"credentials,omitempty"`
	CAFile      string `yaml:"ca_file" json:"ca_file,omitempty"`
	OSVersion   string `yaml:"os_version" json:"os_version,omitempty"`
	// AllowWithoutDeviceTimer lets switchyard push to the device although
	// its mechanism has no device-side rollback timer.
	AllowWithoutDeviceTimer *bool             `yaml:"allow_without_device_timer" json:"allow_without_device_timer,omitempty"`
	Labels                  map[string]string `yaml:"labels" json:"labels,omitempty"`
	Authoritative           []string          `yaml:"authoritative" json:"authoritative,omitempty"`
	Config                  *value            `yaml:"config" json:"-"`
	// Range is where the device is declared.
	Range diag.Range `yaml:"-" json:"-"`
	src   *value
	order int
}

// GroupSpec is a group as declared in the intent repository.
type GroupSpec struct {
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description" json:"description,omitempty"`
	Priority    *int   `yaml:"priority" json:"priority"`
	OSVersion   string `yaml:"os_version" json:"os_version,omitempty"`
	// AllowWithoutDeviceTimer is the members' allow_without_device_timer,
	// unless they set their own.
	AllowWithoutDeviceTimer *bool      `yaml:"allow_without_device_timer" json:"allow_without_device_timer,omitempty"`
	Members                 MemberSpec `yaml:"members" json:"members"`
	Authoritative           []string   `yaml:"authoritative" json:"authoritative,omitempty"`
	Config                  *value     `yaml:"config" json:"-"`
	// Range is where the group is declared.
	Range diag.Range `yaml:"-" json:"-"`
	src   *value
	order int
}

// MemberSpec says which devices belong to a group: the union of the listed
// devices, the devices whose labels match Selector, and the members of the
// nested Groups.
type MemberSpec struct {
	Devices  []string `yaml:"devices" json:"devices,omitempty"`
	Selector string   `yaml:"selector" json:"selector,omitempty"`
	Groups   []string `yaml:"groups" json:"groups,omitempty"`
}

// CredentialSpec is a named set of login credentials. Values are references
// to environment variables or files, resolved at connect time.
type CredentialSpec struct {
	Name string `yaml:"name" json:"name"`
	// Username is a plain user name (not secret) ...
	Username string `yaml:"username" json:"username,omitempty"`
	// ... or a reference to one.
	UsernameRef    *models.SecretRef `yaml:"username_from" json:"username_from,omitempty"`
	Password       *models.SecretRef `yaml:"password" json:"password,omitempty"`
	EnablePassword *models.SecretRef `yaml:"enable_password" json:"enable_password,omitempty"`
	SSHKey         *models.SecretRef `yaml:"ssh_key" json:"ssh_key,omitempty"`
	// Range is where the credentials are declared.
	Range diag.Range `yaml:"-" json:"-"`
	src   *value
}

// DefaultsSpec holds what applies to every device unless overridden.
type DefaultsSpec struct {
	Credentials string `yaml:"credentials" json:"credentials,omitempty"`
	// CAFile verifies the TLS certificates of devices (gNMI, NX-API) that
	// do not name their own.
	CAFile string `yaml:"ca_file" json:"ca_file,omitempty"`
	// OSVersion is the release of devices that declare none themselves
	// and get none from a group.
	OSVersion string `yaml:"os_version" json:"os_version,omitempty"`
	// AllowWithoutDeviceTimer is allow_without_device_timer of devices
	// that declare none themselves and get none from a group.
	AllowWithoutDeviceTimer *bool  `yaml:"allow_without_device_timer" json:"allow_without_device_timer,omitempty"`
	Config                  *value `yaml:"config" json:"-"`
	// Range is where the defaults are declared.
	Range diag.Range `yaml:"-" json:"-"`
	src   *value
}

// DefaultPriority is the priority of a group that does not set one.
const DefaultPriority = 100
