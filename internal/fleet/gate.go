package fleet

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/internal/ocxml"
	"github.com/switchyard/switchyard/internal/yangjson"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers"
)

// IntentLocator is implemented by providers that can say which intent
// value (an intent path such as "users[0].ssh_keys") produced a path of
// their rendered payload, so that a refusal names the YAML that caused it.
type IntentLocator interface {
	IntentPath(c *models.Config, payloadPath string) string
}

// Load is the one gate every command and the daemon pass before anything
// contacts a device: it loads the intent repository in dir with its
// platform profiles (shipped, plus dir/profiles), resolves it, and renders
// every device for its platform release, checking each leaf of the
// payload against the release's writable schema. Every problem is a
// diagnostic at the intent value that caused it; the Inventory is nil
// when any is an error.
func Load(dir string, reg *providers.Registry, opts ...LoadOption) (*inventory.Inventory, diag.Diagnostics) {
	set, err := profiles.Load(dir)
	if err != nil {
		return nil, diag.Diagnostics{{Severity: diag.Error, Summary: err.Error(),
			Range: diag.Range{File: filepath.Join(dir, profiles.Dir)}}}
	}
	ro := inventory.ResolveOptions{
		CheckPlatform: reg.CheckTransport,
		Profiles:      set,
		CheckDevice:   func(d *inventory.Device) []models.FieldError { return CheckDevice(reg, d) },
	}
	for _, o := range opts {
		o(&ro)
	}
	return inventory.LoadAndResolve(dir, ro)
}

// LoadOption adjusts how Load resolves a repository.
type LoadOption func(*inventory.ResolveOptions)

// Strict makes Load treat warnings that usually mean a mistake (a selector
// that matches no device) as errors.
func Strict(on bool) LoadOption {
	return func(o *inventory.ResolveOptions) { o.Strict = on }
}

// CheckDevice renders d and checks the payload against d's profile. It
// does no I/O and is safe for concurrent use.
func CheckDevice(reg *providers.Registry, d *inventory.Device) []models.FieldError {
	p, err := reg.Get(d.Platform)
	if err != nil {
		return []models.FieldError{{Message: err.Error()}}
	}
	desired, err := p.Render(d.Intent)
	if err != nil {
		return renderErrors(err)
	}
	if n := d.Intent.Config.Native; n != nil && len(n.CLI) > 0 && usesSchema(d.Transport) {
		return []models.FieldError{{Path: "native.cli", Message: fmt.Sprintf(
			"%s over %s is managed through its YANG models, not CLI: native.cli blocks go to CLI routes (classic IOS over SSH, NX-OS over NX-API)",
			d.Platform, d.Transport)}}
	}
	if n := d.Intent.Config.Native; n != nil && len(n.YANG) > 0 && !usesSchema(d.Transport) {
		return []models.FieldError{{Path: "native.yang", Message: fmt.Sprintf(
			"%s over %s is managed through native CLI, not YANG: native.yang blocks go to YANG routes (IOS-XE, IOS-XR over NETCONF or gNMI); use native.cli here",
			d.Platform, d.Transport)}}
	}
	var out []models.FieldError
	if usesSchema(d.Transport) {
		out = noRouteErrors(d, desired.NoRoute)
	}
	prof := d.Profile()
	if prof == nil || desired.Tree == nil || !usesSchema(d.Transport) {
		return out
	}
	if fes := checkNativeRoute(d, desired); fes != nil {
		return append(out, fes...)
	}
	elems, err := ocxml.Marshal(desired.Tree)
	if err != nil {
		return []models.FieldError{{Message: fmt.Sprintf("encode payload: %v", err)}}
	}
	refusals := prof.CheckXML(elems)
	nativeRefusals, fes := checkNative(prof, desired)
	if fes != nil {
		return append(out, fes...)
	}
	for _, s := range desired.Secrets {
		if !strings.HasPrefix(s.Path, "/") {
			continue // a native CLI line, not a schema path
		}
		if diff.Route(s.Path) == diff.RouteNative {
			if err := yangjson.Set(prof, map[string]any{}, s.Path, ""); err != nil {
				refusals = append(refusals, &profiles.Refusal{Path: s.Path, Reason: err.Error()})
			}
			continue // a native secret leaf: its schema is the native one
		}
		if r := prof.CheckPath(s.Path); r != nil {
			refusals = append(refusals, r)
		}
	}
	loc, _ := p.(IntentLocator)
	out = append(out, nativeRefusals...)
	for _, r := range refusals {
		fe := models.FieldError{Message: fmt.Sprintf("%s cannot take %s: %s", prof.ID(), r.Path, r.Reason)}
		if loc != nil {
			fe.Path = loc.IntentPath(&d.Intent.Config, r.Path)
		}
		out = append(out, fe)
	}
	return out
}

// noRouteErrors names, for each intent value the OpenConfig rendering
// could not carry, the platform, release and transport that cannot take it.
func noRouteErrors(d *inventory.Device, nr []*providers.UnsupportedError) []models.FieldError {
	release := d.Platform
	if prof := d.Profile(); prof != nil {
		release = prof.ID()
	}
	out := make([]models.FieldError, 0, len(nr))
	for _, e := range nr {
		out = append(out, models.FieldError{Path: e.Path, Message: fmt.Sprintf(
			"%s over %s cannot take %s: %s", release, d.Transport, e.Feature, e.Reason)})
	}
	return out
}

// usesSchema reports whether a transport carries the YANG payload the
// profile describes (NETCONF, gNMI), rather than native CLI.
func usesSchema(transport string) bool {
	return transport == "netconf" || transport == "gnmi"
}

// renderErrors turns a render failure into field errors, each at the
// intent value an UnsupportedError names.
func renderErrors(err error) []models.FieldError {
	var out []models.FieldError
	for _, e := range flatten(err) {
		fe := models.FieldError{Message: e.Error()}
		var ue *providers.UnsupportedError
		if errors.As(e, &fe) {
			out = append(out, fe)
			continue
		}
		if errors.As(e, &ue) {
			fe.Path = ue.Path
			c := *ue
			c.Path = ""
			fe.Message = c.Error()
		}
		out = append(out, fe)
	}
	return out
}

func flatten(err error) []error {
	if w, ok := err.(interface{ Unwrap() error }); ok {
		if inner := w.Unwrap(); inner != nil {
			if _, multi := inner.(interface{ Unwrap() []error }); multi {
				return flatten(inner) // "render D for P: " around the joined problems
			}
		}
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}
