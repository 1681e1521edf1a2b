package ocrender

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers"
)

// Renderer maps intent to OpenConfig for one platform. It is immutable and
// safe for concurrent use.
type Renderer struct {
	p        Profile
	names    *nameTable
	features map[string]bool
}

// New returns a renderer for p, or the error of p.Validate. New keeps its
// own copies of p's slices and maps.
func New(p Profile) (*Renderer, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	p.Features = slices.Clone(p.Features)
	p.Interfaces = slices.Clone(p.Interfaces)
	roles := make(map[string]string, len(p.Roles))
	for k, v := range p.Roles {
		roles[k] = v
	}
	p.Roles = roles
	reasons := make(map[string]string, len(p.Reasons))
	for k, v := range p.Reasons {
		reasons[k] = v
	}
	p.Reasons = reasons
	r := &Renderer{p: p, names: newNameTable(p.Interfaces), features: map[string]bool{}}
	for _, f := range p.Features {
		r.features[f] = true
	}
	return r, nil
}

// MustNew is New for profiles fixed at compile time; it panics when the
// profile is invalid, which the platform package's tests catch.
func MustNew(p Profile) *Renderer {
	r, err := New(p)
	if err != nil {
		panic(err)
	}
	return r
}

// Features returns a copy of the profile's features, sorted.
func (r *Renderer) Features() []string {
	f := slices.Clone(r.p.Features)
	slices.Sort(f)
	return f
}

// render is the state of one Render call.
type render struct {
	*Renderer
	dev  *models.Device
	cfg  *models.Config
	tree *oc.Device
	// prof is the device's release (nil: every part over OpenConfig);
	// nativeTree holds the parts routed to its native model, origins
	// where each comes from.
	prof       *profiles.Profile
	nativeTree map[string]any
	origins    []providers.NativeOrigin
	// ownNative: native.yang is authoritative; nativeOwned are the list
	// paths its blocks set.
	ownNative   bool
	nativeOwned []string
	// nativeAbsent are the native paths the device must not have.
	nativeAbsent []string
	secrets      []providers.SecretBinding
	// secretKeyed are the release's native lists keyed by a secret, and
	// keyRefs the references behind the placeholders written as such keys.
	secretKeyed []providers.SecretKeyed
	keyRefs     map[string]models.SecretRef
	errs        []error
	// noroute is the intent no route can carry (Desired.NoRoute).
	noroute []*providers.UnsupportedError
	// ifaces are the intent interfaces by canonical name.
	ifaces map[string]*ifaceRef
	// l2 is the switched-vlan intent by interface, in l2Order.
	l2      map[string]*l2
	l2Order []string
	// lags are the channel-group members by aggregate, in lagOrder.
	lags     map[string][]lagMember
	lagOrder []string
}

// ifaceRef is an intent interface with its canonical name, kind and path.
type ifaceRef struct {
	name string
	kind *InterfaceKind
	path string
	in   *models.Interface
}

// Render turns d into the platform's OpenConfig tree. It does no I/O and
// does not modify d. Intent the platform cannot express is reported as
// *providers.UnsupportedError (all of them, joined); a tree that fails
// YANG validation is an error naming the device.
func (r *Renderer) Render(d *models.Device) (*providers.Desired, error) {
	if d == nil {
		return nil, errors.New("render: nil device")
	}
	if d.Platform != "" && d.Platform != r.p.Platform {
		return nil, fmt.Errorf("render %s: device platform is %s, not %s", d.Name, d.Platform, r.p.Platform)
	}
	s := &render{Renderer: r, dev: d, cfg: &d.Config, tree: &oc.Device{}, prof: d.Profile,
		ownNative: d.IsAuthoritative("native.yang")}
	s.run()
	if err := errors.Join(s.errs...); err != nil {
		return nil, fmt.Errorf("render %s for %s: %w", d.Name, r.p.Platform, err)
	}
	if err := oc.ValidateStructure(s.tree); err != nil {
		return nil, fmt.Errorf("render %s for %s: the OpenConfig tree fails YANG validation: %w", d.Name, r.p.Platform, err)
	}
	return &providers.Desired{
		Device:        d.Name,
		Platform:      r.p.Platform,
		Tree:          s.tree,
		Authoritative: slices.Clone(d.Authoritative),
		Secrets:       s.secrets,
		NoRoute:       s.noroute,
		Native:        s.nativeTree,
		Profile:       d.Profile,
		NativeOrigins: s.origins,
		NativeOwned:   slices.Compact(slices.Sorted(slices.Values(s.nativeOwned))),
		NativeAbsent:  s.nativeAbsent,
		SecretKeyed:   s.secretKeyed,
		KeyRefs:       s.keyRefs,
	}, nil
}

func (s *render) run() {
	if s.p.Check != nil {
		for _, e := range s.p.Check(s.cfg) {
			s.errs = append(s.errs, e)
		}
	}
	s.indexInterfaces()
	s.system()
	s.users()
	s.aaa()
	s.interfaces()
	s.portChannels()
	s.vlans()
	s.staticRoutes()
	s.objectGroups()
	s.acls()
	s.areas()
	s.nativeYANG()
}

// unsupported records that the intent at path cannot be expressed.
func (s *render) unsupported(feature, path, format string, args ...any) {
	s.errs = append(s.errs, &providers.UnsupportedError{
		Feature:  feature,
		Platform: s.p.Platform,
		Path:     path,
		Reason:   fmt.Sprintf(format, args...),
	})
}

// supports reports whether the platform renders feature, recording an
// UnsupportedError at path when it does not.
func (s *render) supports(feature, path string) bool {
	if s.features[feature] {
		return true
	}
	reason := s.p.Reasons[feature]
	if reason == "" {
		reason = "the platform's OpenConfig implementation has no equivalent"
	}
	s.unsupported(feature, path, "%s", reason)
	return false
}

// bind records that the configuration value at path comes from ref.
func (s *render) bind(path string, ref *models.SecretRef) {
	if ref != nil {
		s.secrets = append(s.secrets, providers.SecretBinding{Path: path, Ref: *ref})
	}
}

// defaultInstance returns the default network-instance, creating it.
func (s *render) defaultInstance() *oc.NetworkInstance {
	ni := s.tree.GetOrCreateNetworkInstance(s.p.DefaultInstance)
	ni.Type = oc.OpenconfigNetworkInstanceTypes_NETWORK_INSTANCE_TYPE_DEFAULT_INSTANCE
	return ni
}

// keyEscape escapes a gNMI path key value.
func keyEscape(v string) string {
	return strings.NewReplacer(`\`, `\\`, `]`, `\]`).Replace(v)
}
