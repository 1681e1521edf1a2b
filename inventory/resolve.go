package inventory

import (
	"fmt"
	"net"
	"net/netip"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/profiles"
)

// ResolveOptions tune resolution. The zero value is usable.
type ResolveOptions struct {
	// CheckPlatform, when set, is asked whether a platform can be driven over
	// a transport; its error is reported at the device. When nil, only the
	// names are checked against models.Platforms and models.Transports.
	CheckPlatform func(platform, transport string) error
	// Profiles are the platform profiles os_version selects from; nil
	// means none (devices get no profile and os_version is not checked).
	Profiles *profiles.Set
	// Strict makes warnings that usually mean a mistake (a selector that
	// matches no device) errors.
	Strict bool
	// CheckDevice, when set, is called for every device whose intent is
	// valid; its problems are reported at the intent values they name.
	// It must be safe for concurrent use.
	CheckDevice CheckFunc
}

// Resolve turns a loaded repository into an Inventory. The diagnostics hold
// every problem found; the Inventory is nil when they have errors. Resolve
// does not modify repo, and it accepts the partial Repository that Load
// returns alongside errors, so that one run reports every problem.
func Resolve(repo *Repository, opts ResolveOptions) (*Inventory, diag.Diagnostics) {
	return resolve(repo, opts, runtime.GOMAXPROCS(0))
}

// resolve is Resolve with devices resolved on up to workers goroutines.
// The result does not depend on workers: devices are resolved
// independently and their diagnostics added in declared order.
func resolve(repo *Repository, opts ResolveOptions, workers int) (*Inventory, diag.Diagnostics) {
	if repo == nil {
		repo = &Repository{}
	}
	r := &resolver{repo: repo, opts: opts, workers: workers, seen: map[string]int{}, base: map[*DeviceSpec]*Device{}, types: &typeCache{}}
	r.checkSpecs()
	groups := r.memberships()
	ls := r.prepare(groups)
	out := make([]resolved, len(repo.Devices))
	parallel(len(repo.Devices), r.workers, func(i int) {
		out[i] = r.device(repo.Devices[i], ls)
	})
	inv := &Inventory{Credentials: repo.Credentials, byName: make(map[string]*Device, len(out))}
	for i, res := range out {
		for _, d := range res.ds {
			r.add(d, repo.Devices[i].Name)
		}
		inv.Devices = append(inv.Devices, res.dev)
		inv.byName[res.dev.Name] = res.dev
	}
	slices.SortFunc(inv.Devices, func(a, b *Device) int { return strings.Compare(a.Name, b.Name) })
	inv.Groups = r.groupList(groups)
	ds := r.ds.Sort()
	if ds.HasErrors() {
		return nil, ds
	}
	return inv, ds
}

// LoadAndResolve loads the repository in dir and resolves it. When loading
// finds problems the partial repository is resolved all the same, so the
// diagnostics hold every problem of both passes; the Inventory is nil when
// any of them is an error.
func LoadAndResolve(dir string, opts ResolveOptions) (*Inventory, diag.Diagnostics) {
	repo, ds := Load(dir)
	return resolveLoaded(repo, ds, opts)
}

// resolveLoaded resolves a repository just loaded with diagnostics ds and
// merges both lists of diagnostics.
func resolveLoaded(repo *Repository, ds diag.Diagnostics, opts ResolveOptions) (*Inventory, diag.Diagnostics) {
	if repo == nil {
		return nil, ds.Sort()
	}
	inv, more := Resolve(repo, opts)
	all := append(slices.Clip(ds), more...).Sort()
	if all.HasErrors() {
		return nil, all
	}
	return inv, all
}

type resolver struct {
	repo    *Repository
	opts    ResolveOptions
	workers int // goroutines that resolve devices and match selectors
	ds      diag.Diagnostics
	// base holds each device with its defaults applied (transport,
	// address with port, credentials), so that repo is never modified.
	base map[*DeviceSpec]*Device
	// seen dedups diagnostics that many devices share: key -> index in ds.
	seen    map[string]int
	devices map[string][]string // diagnostic key -> affected devices
	details map[string]string   // diagnostic key -> detail before devices
	types   *typeCache
}

// add records a diagnostic once, noting in its detail which devices it
// affects.
func (r *resolver) add(d diag.Diagnostic, device string) {
	key := d.Range.String() + "\x00" + d.Summary
	i, ok := r.seen[key]
	if !ok {
		if r.devices == nil {
			r.devices, r.details = map[string][]string{}, map[string]string{}
		}
		r.details[key] = d.Detail
		i = len(r.ds)
		r.seen[key] = i
		r.ds = append(r.ds, d)
	}
	if device == "" {
		return
	}
	if devs := r.devices[key]; len(devs) > 0 && devs[len(devs)-1] == device {
		return // the same device, once more
	}
	r.devices[key] = append(r.devices[key], device)
	detail := affected(r.devices[key])
	if base := r.details[key]; base != "" {
		detail = base + " (" + detail + ")"
	}
	r.ds[i].Detail = detail
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

// at returns the range of key's value in the declaration v, or v's own
// range.
func at(v *value, key string) diag.Range {
	if f := v.get(key); f != nil {
		return f.rng
	}
	return v.pos()
}

// keyRange returns the range of key itself in the mapping v, or v's own
// range.
func keyRange(v *value, key string) diag.Range {
	if v != nil {
		if i := fieldIndex(v, key); i >= 0 {
			return v.fields[i].keyRng
		}
	}
	return v.pos()
}

func (r *resolver) checkSpecs() {
	creds := map[string]bool{}
	for _, c := range r.repo.Credentials {
		creds[c.Name] = true
		r.checkCredential(c)
	}
	if d := r.repo.Defaults; d != nil && d.Credentials != "" && !creds[d.Credentials] {
		r.errorf(at(d.src, "credentials"), "defaults: credentials %q are not declared%s", d.Credentials, suggest(d.Credentials, slices.Sorted(mapKeys(creds)), "credentials"))
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
		r.errorf(c.src.pos(), "credentials %q: username or username_from is required", c.Name)
	}
	if c.Password == nil && c.SSHKey == nil {
		r.errorf(c.src.pos(), "credentials %q: password or ssh_key is required", c.Name)
	}
	for key, ref := range map[string]*models.SecretRef{"username_from": c.UsernameRef, "password": c.Password, "enable_password": c.EnablePassword, "ssh_key": c.SSHKey} {
		if v := c.src.get(key); ref != nil && (ref.Env == "") == (ref.File == "") && (v == nil || v.kind == kindMap) {
			r.errorf(at(c.src, key), "credentials %q: %s must set exactly one of env and file", c.Name, key)
		}
	}
}

// checkDevice checks the device's own fields and records it, with its
// defaults applied, in r.base.
func (r *resolver) checkDevice(d *DeviceSpec, creds map[string]bool) {
	dev := &Device{Name: d.Name, Address: d.Address, Platform: d.Platform, Transport: d.Transport,
		Credentials: d.Credentials, CAFile: d.CAFile, Labels: d.Labels}
	r.base[d] = dev
	if dev.CAFile == "" && r.repo.Defaults != nil {
		dev.CAFile = r.repo.Defaults.CAFile
	}
	r.checkTransport(d, dev)
	if addr, err := normaliseAddress(d.Address, DefaultPort[dev.Transport]); err != nil {
		r.errorf(at(d.src, "address"), "device %q: %v", d.Name, err)
	} else {
		dev.Address = addr
	}
	if dev.Credentials == "" && r.repo.Defaults != nil {
		dev.Credentials = r.repo.Defaults.Credentials
	}
	if d.Credentials != "" && !creds[d.Credentials] {
		r.errorf(at(d.src, "credentials"), "device %q: credentials %q are not declared%s", d.Name, d.Credentials, suggest(d.Credentials, slices.Sorted(mapKeys(creds)), "credentials"))
	}
	for _, k := range slices.Sorted(mapKeys(d.Labels)) {
		if v := d.Labels[k]; checkKey(k) != nil || checkValue(v) != nil {
			r.errorf(keyRange(d.src.get("labels"), k), "device %q: label %s=%s is not valid (letters, digits, '-', '_', '.', '/'; at most 63)", d.Name, k, v)
		}
	}
	r.checkAuthoritative(d.src, d.Authoritative)
}

// checkTransport checks the platform and the transport, applying the
// platform's default transport to dev. An unknown platform is reported
// once, without a second error about its (unknowable) default transport.
func (r *resolver) checkTransport(d *DeviceSpec, dev *Device) {
	known := strings.Join(models.Platforms, ", ")
	switch {
	case d.Platform == "":
		r.errorf(d.src.pos(), "device %q: platform is required; known platforms: %s", d.Name, known)
	case !slices.Contains(models.Platforms, d.Platform):
		r.errorf(at(d.src, "platform"), "device %q: unknown platform %q; known platforms: %s", d.Name, d.Platform, known)
	}
	if dev.Transport == "" {
		dev.Transport = DefaultTransport[d.Platform]
		if dev.Transport == "" {
			return
		}
	}
	if !slices.Contains(models.Transports, dev.Transport) {
		r.errorf(at(d.src, "transport"), "device %q: unknown transport %q; known transports: %s", d.Name, dev.Transport, strings.Join(models.Transports, ", "))
	} else if r.opts.CheckPlatform != nil && slices.Contains(models.Platforms, d.Platform) {
		if err := r.opts.CheckPlatform(d.Platform, dev.Transport); err != nil {
			r.errorf(at(d.src, "transport"), "device %q: %v", d.Name, err)
		}
	}
}

func (r *resolver) checkAuthoritative(src *value, kinds []string) {
	for i, k := range kinds {
		if !slices.Contains(models.AuthoritativeKinds, k) {
			rng := at(src, "authoritative")
			if l := src.get("authoritative"); l != nil && i < len(l.items) {
				rng = l.items[i].rng
			}
			r.errorf(rng, "%q cannot be authoritative%s", k, suggest(k, models.AuthoritativeKinds, "kinds"))
		}
	}
}

// normaliseAddress checks host[:port] and adds the default port. When the
// address has no port and there is no default (the transport is unknown,
// which is reported on its own), only the host is checked.
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
	if port == "" && defPort == "" {
		return addr, nil
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return "", fmt.Errorf("address %q: port %q is not a number from 1 to 65535", addr, port)
	}
	return net.JoinHostPort(host, port), nil
}
