package inventory

import (
	"fmt"
	"net"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/models"
)

// ResolveOptions tune resolution. The zero value is usable.
type ResolveOptions struct {
	// CheckPlatform, when set, is asked whether a platform can be driven over
	// a transport; its error is reported at the device. When nil, only the
	// names are checked against models.Platforms and models.Transports.
	CheckPlatform func(platform, transport string) error
}

// Resolve turns a loaded repository into an Inventory. The diagnostics hold
// every problem found; the Inventory is nil when they have errors.
func Resolve(repo *Repository, opts ResolveOptions) (*Inventory, diag.Diagnostics) {
	r := &resolver{repo: repo, opts: opts, seen: map[string]int{}}
	r.checkSpecs()
	groups := r.memberships()
	inv := &Inventory{Credentials: repo.Credentials, byName: map[string]*Device{}}
	for _, d := range repo.Devices {
		dev := r.device(d, groups)
		inv.Devices = append(inv.Devices, dev)
		inv.byName[dev.Name] = dev
	}
	slices.SortFunc(inv.Devices, func(a, b *Device) int { return strings.Compare(a.Name, b.Name) })
	inv.Groups = r.groupList(groups)
	ds := r.ds.Sort()
	if ds.HasErrors() {
		return nil, ds
	}
	return inv, ds
}

// LoadAndResolve loads the repository in dir and resolves it.
func LoadAndResolve(dir string, opts ResolveOptions) (*Inventory, diag.Diagnostics) {
	repo, ds := Load(dir)
	if ds.HasErrors() {
		return nil, ds.Sort()
	}
	inv, more := Resolve(repo, opts)
	return inv, append(ds, more...).Sort()
}

type resolver struct {
	repo *Repository
	opts ResolveOptions
	ds   diag.Diagnostics
	// seen dedups diagnostics that many devices share: key -> index in ds.
	seen    map[string]int
	devices map[string][]string // diagnostic key -> affected devices
}

// add records a diagnostic once, noting which devices it affects.
func (r *resolver) add(d diag.Diagnostic, device string) {
	key := d.Range.String() + "\x00" + d.Summary
	if i, ok := r.seen[key]; ok {
		if device != "" {
			r.devices[key] = append(r.devices[key], device)
			r.ds[i].Detail = affected(r.devices[key])
		}
		return
	}
	if r.devices == nil {
		r.devices = map[string][]string{}
	}
	if device != "" {
		r.devices[key] = []string{device}
		if d.Detail == "" {
			d.Detail = affected(r.devices[key])
		}
	}
	r.seen[key] = len(r.ds)
	r.ds = append(r.ds, d)
}

func affected(devs []string) string {
	if len(devs) <= 3 {
		return "device " + strings.Join(devs, ", ")
	}
	return fmt.Sprintf("devices %s and %d more", strings.Join(devs[:3], ", "), len(devs)-3)
}

func (r *resolver) errorf(rng diag.Range, format string, args ...any) {
	r.add(diag.Diagnostic{Severity: diag.Error, Summary: fmt.Sprintf(format, args...), Range: rng}, "")
}

// at returns the range of key in the declaration v, or v's own range.
func at(v *value, key string) diag.Range {
	if f := v.get(key); f != nil {
		return f.rng
	}
	return v.rng
}

func (r *resolver) checkSpecs() {
	creds := map[string]bool{}
	for _, c := range r.repo.Credentials {
		creds[c.Name] = true
		r.checkCredential(c)
	}
	if d := r.repo.Defaults; d != nil && d.Credentials != "" && !creds[d.Credentials] {
		r.errorf(d.Range, "defaults: credentials %q are not declared%s", d.Credentials, suggest(d.Credentials, slices.Sorted(mapKeys(creds))))
	}
	for _, d := range r.repo.Devices {
		r.checkDevice(d, creds)
	}
	for _, g := range r.repo.Groups {
		r.checkAuthoritative(g.src, g.Authoritative)
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func (r *resolver) checkCredential(c *CredentialSpec) {
	if c.Username == "" && c.UsernameRef == nil {
		r.errorf(c.src.rng, "credentials %q: username or username_from is required", c.Name)
	}
	if c.Password == nil && c.SSHKey == nil {
		r.errorf(c.src.rng, "credentials %q: password or ssh_key is required", c.Name)
	}
	for key, ref := range map[string]*models.SecretRef{"username_from": c.UsernameRef, "password": c.Password, "enable_password": c.EnablePassword, "ssh_key": c.SSHKey} {
		if ref != nil && (ref.Env == "") == (ref.File == "") {
			r.errorf(at(c.src, key), "credentials %q: %s must set exactly one of env and file", c.Name, key)
		}
	}
}

func (r *resolver) checkDevice(d *DeviceSpec, creds map[string]bool) {
	if !slices.Contains(models.Platforms, d.Platform) {
		r.errorf(at(d.src, "platform"), "device %q: unknown platform %q; known platforms: %s", d.Name, d.Platform, strings.Join(models.Platforms, ", "))
	}
	if d.Transport == "" {
		d.Transport = DefaultTransport[d.Platform]
	}
	if !slices.Contains(models.Transports, d.Transport) {
		r.errorf(at(d.src, "transport"), "device %q: unknown transport %q; known transports: %s", d.Name, d.Transport, strings.Join(models.Transports, ", "))
	} else if r.opts.CheckPlatform != nil && slices.Contains(models.Platforms, d.Platform) {
		if err := r.opts.CheckPlatform(d.Platform, d.Transport); err != nil {
			r.errorf(at(d.src, "transport"), "device %q: %v", d.Name, err)
		}
	}
	if addr, err := normaliseAddress(d.Address, DefaultPort[d.Transport]); err != nil {
		r.errorf(at(d.src, "address"), "device %q: %v", d.Name, err)
	} else {
		d.Address = addr
	}
	if d.Credentials == "" && r.repo.Defaults != nil {
		d.Credentials = r.repo.Defaults.Credentials
	}
	if d.Credentials != "" && !creds[d.Credentials] {
		r.errorf(at(d.src, "credentials"), "device %q: credentials %q are not declared%s", d.Name, d.Credentials, suggest(d.Credentials, slices.Sorted(mapKeys(creds))))
	}
	for k, v := range d.Labels {
		if checkKey(k) != nil || checkValue(v) != nil {
			r.errorf(at(d.src, "labels"), "device %q: label %s=%s is not valid (letters, digits, '-', '_', '.', '/'; at most 63)", d.Name, k, v)
		}
	}
	r.checkAuthoritative(d.src, d.Authoritative)
}

func (r *resolver) checkAuthoritative(src *value, kinds []string) {
	for i, k := range kinds {
		if !slices.Contains(models.AuthoritativeKinds, k) {
			rng := at(src, "authoritative")
			if l := src.get("authoritative"); l != nil && i < len(l.items) {
				rng = l.items[i].rng
			}
			r.errorf(rng, "%q cannot be authoritative%s", k, suggest(k, models.AuthoritativeKinds))
		}
	}
}

// normaliseAddress checks host[:port] and adds the default port.
func normaliseAddress(addr, defPort string) (string, error) {
	if addr == "" {
		return "", fmt.Errorf("address is required (host or host:port)")
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		host, port = strings.Trim(addr, "[]"), defPort
	}
	if _, err := netip.ParseAddr(host); err != nil && !models.IsHostname(host) {
		return "", fmt.Errorf("address %q: %q is not an IP address or host name", addr, host)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return "", fmt.Errorf("address %q: port %q is not a number from 1 to 65535", addr, port)
	}
	return net.JoinHostPort(host, port), nil
}

