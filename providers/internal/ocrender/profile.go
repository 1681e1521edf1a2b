package ocrender

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
)

// Profile is what one platform's OpenConfig implementation needs the shared
// renderer to know. Platform packages fill one in; it must not be modified
// after it is given to New.
type Profile struct {
	// Platform is the platform name (iosxe, iosxr, nxos).
	Platform string
	// Features are the intent features (providers.Feature*) the platform
	// renders. Intent using any other feature is an UnsupportedError.
	Features []string
	// Reasons explain, by feature, why a feature missing from Features is
	// unsupported; they become UnsupportedError.Reason.
	Reasons map[string]string
	// Interfaces are the interface kinds the platform has. Interface names
	// in the intent are normalised against them (see InterfaceKind).
	Interfaces []InterfaceKind
	// AggregatePrefix names the aggregate interface of a channel-group:
	// AggregatePrefix + id ("Port-channel" gives Port-channel10). It must
	// be the Name of one of Interfaces, of type ieee8023adLag.
	AggregatePrefix string
	// DefaultInstance is the name of the default network-instance
	// (the global routing table and the VLAN database).
	DefaultInstance string
	// StaticProtocol is the name of the STATIC protocol instance under a
	// network-instance (/protocols/protocol[identifier=STATIC][name=...]).
	StaticProtocol string
	// Roles maps intent user roles other than network-admin (which is
	// always SYSTEM_ROLE_ADMIN) to the platform's role names. A role not
	// in the map is an UnsupportedError.
	Roles map[string]string
	// Check, when set, returns the platform's own restrictions on intent
	// that the shared mapping would otherwise accept. It must not modify
	// its argument.
	Check func(c *models.Config) []*providers.UnsupportedError
}

// InterfaceKind is a family of interfaces that share a name prefix and an
// IANA interface type.
type InterfaceKind struct {
	// Name is the canonical name prefix, spelled as the platform spells it
	// ("GigabitEthernet", "port-channel", "Bundle-Ether").
	Name string
	// Aliases are abbreviations accepted for Name, compared without regard
	// to case ("gi", "te"). Besides its aliases, a kind is matched by its
	// Name or by any prefix of it (at least two letters) that no other
	// kind shares, the way the Cisco CLI accepts abbreviations.
	Aliases []string
	// Type is the IANA interface type of the kind.
	Type oc.E_IETFInterfaces_InterfaceType
}

// Validate reports a profile that cannot work: a programming error in the
// platform package.
func (p *Profile) Validate() error {
	var errs []error
	if p.Platform == "" {
		errs = append(errs, errors.New("platform is empty"))
	}
	if p.DefaultInstance == "" || p.StaticProtocol == "" {
		errs = append(errs, errors.New("default network-instance and static protocol names are required"))
	}
	seen := map[string]string{}
	agg := false
	for _, k := range p.Interfaces {
		if k.Name == "" || k.Type == 0 {
			errs = append(errs, fmt.Errorf("interface kind %q needs a name and a type", k.Name))
		}
		for _, a := range append([]string{k.Name}, k.Aliases...) {
			a = strings.ToLower(a)
			if prev, dup := seen[a]; dup {
				errs = append(errs, fmt.Errorf("interface alias %q is used by %s and %s", a, prev, k.Name))
			}
			seen[a] = k.Name
		}
		if k.Name == p.AggregatePrefix && k.Type == oc.IETFInterfaces_InterfaceType_ieee8023adLag {
			agg = true
		}
	}
	if slices.Contains(p.Features, providers.FeaturePortChannels) && !agg {
		errs = append(errs, fmt.Errorf("aggregate prefix %q is not an ieee8023adLag interface kind", p.AggregatePrefix))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("ocrender profile %s: %w", p.Platform, err)
	}
	return nil
}

// nameTable normalises interface names for one profile.
type nameTable struct {
	exact map[string]*InterfaceKind // lower-cased names and aliases
	kinds []InterfaceKind
}

func newNameTable(kinds []InterfaceKind) *nameTable {
	t := &nameTable{exact: map[string]*InterfaceKind{}, kinds: kinds}
	for i := range kinds {
		k := &kinds[i]
		t.exact[strings.ToLower(k.Name)] = k
		for _, a := range k.Aliases {
			t.exact[strings.ToLower(a)] = k
		}
	}
	return t
}

// normalise returns the canonical spelling of name and its kind, or nil
// when the prefix names no kind of the platform.
func (t *nameTable) normalise(name string) (string, *InterfaceKind) {
	cut := strings.IndexAny(name, "0123456789")
	if cut <= 0 {
		return name, nil
	}
	prefix, rest := strings.ToLower(name[:cut]), name[cut:]
	if k := t.exact[prefix]; k != nil {
		return k.Name + rest, k
	}
	if len(prefix) < 2 {
		return name, nil
	}
	var found *InterfaceKind
	for i := range t.kinds {
		if strings.HasPrefix(strings.ToLower(t.kinds[i].Name), prefix) {
			if found != nil {
				return name, nil // ambiguous
			}
			found = &t.kinds[i]
		}
	}
	if found == nil {
		return name, nil
	}
	return found.Name + rest, found
}

// Normalise returns the canonical name of an interface on the platform
// ("Gi1/0/1" becomes "GigabitEthernet1/0/1" on IOS-XE) and whether the name
// is of a kind the platform has.
func (r *Renderer) Normalise(name string) (string, bool) {
	n, k := r.names.normalise(name)
	return n, k != nil
}
