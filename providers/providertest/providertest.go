// Package providertest holds the conformance suite every platform provider
// runs (Run) and helpers for provider tests: golden files, the example
// campus intent, and walking joined UnsupportedErrors.
package providertest

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

// Run checks the behaviour every provider must have: consistent name and
// capabilities, a hostname-only intent renders, Render is deterministic,
// safe for concurrent use and leaves its input alone, no secret value
// reaches the Desired, every listed feature renders and every feature not
// listed is an UnsupportedError. The provider's platform must be in
// PlatformNames. Run sets an environment variable, so the calling test
// must not be parallel.
func Run(t *testing.T, p providers.Provider) {
	t.Helper()
	names, ok := PlatformNames[p.Name()]
	if !ok {
		t.Fatalf("providertest has no sample interface names for platform %q; add them to PlatformNames", p.Name())
	}
	t.Run("name and capabilities are consistent", func(t *testing.T) { checkCapabilities(t, p) })
	t.Run("hostname only renders", func(t *testing.T) {
		d := device(p, func(c *models.Config) { c.Hostname = "only-hostname" })
		render(t, p, d)
	})
	full := device(p, func(c *models.Config) {
		for _, f := range p.Capabilities().Features {
			Sample(c, f, names)
		}
	})
	full.Authoritative = []string{"users", "vlans.members"}
	t.Run("render is deterministic and safe for concurrent use", func(t *testing.T) { checkDeterministic(t, p, full) })
	t.Run("render does not modify its input", func(t *testing.T) {
		before := clone(t, full)
		render(t, p, full)
		if diff := cmp.Diff(before, full); diff != "" {
			t.Errorf("Render modified the device (-before +after):\n%s", diff)
		}
	})
	t.Run("no secret value reaches the desired state", func(t *testing.T) { checkSecrets(t, p, full) })
	for _, f := range AllFeatures {
		listed := slices.Contains(p.Capabilities().Features, f)
		name := "listed feature " + f + " renders"
		if !listed {
			name = "unlisted feature " + f + " is unsupported"
		}
		t.Run(name, func(t *testing.T) {
			d := device(p, func(c *models.Config) { Sample(c, f, names) })
			if listed {
				render(t, p, d)
				return
			}
			checkUnsupported(t, p, d, f)
		})
	}
}

// device returns a valid device of p's platform whose config is built by
// fill.
func device(p providers.Provider, fill func(*models.Config)) *models.Device {
	d := &models.Device{Name: "conformance-1", Platform: p.Name()}
	fill(&d.Config)
	return d
}

// render validates the intent (a sample bug otherwise) and renders it,
// failing the test on error.
func render(t *testing.T, p providers.Provider, d *models.Device) *providers.Desired {
	t.Helper()
	if errs := d.Config.Validate(); errs != nil {
		t.Fatalf("sample intent is invalid (a providertest bug): %v", errs)
	}
	got, err := p.Render(d)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	if got.Device != d.Name || got.Platform != p.Name() {
		t.Errorf("Render = Desired{Device: %q, Platform: %q}, want %q, %q", got.Device, got.Platform, d.Name, p.Name())
	}
	if diff := cmp.Diff(d.Authoritative, got.Authoritative); diff != "" {
		t.Errorf("Desired.Authoritative differs from the intent (-want +got):\n%s", diff)
	}
	if got.Tree != nil {
		if _, err := providers.JSON(got); err != nil {
			t.Errorf("providers.JSON: %v", err)
		}
	}
	return got
}

func checkCapabilities(t *testing.T, p providers.Provider) {
	if !slices.Contains(models.Platforms, p.Name()) {
		t.Errorf("Name() = %q, not one of models.Platforms %v", p.Name(), models.Platforms)
	}
	c := p.Capabilities()
	if len(c.Transports) == 0 {
		t.Error("Capabilities().Transports is empty")
	}
	kinds := []string{providers.ConfirmNETCONF, providers.ConfirmGNMI, providers.ConfirmReplaceTimer, providers.ConfirmCheckpoint}
	for _, tr := range c.Transports {
		if !slices.Contains(models.Transports, tr) {
			t.Errorf("transport %q is not one of models.Transports %v", tr, models.Transports)
		}
		if k, ok := c.Confirm[tr]; !ok || !slices.Contains(kinds, k) {
			t.Errorf("Confirm[%q] = %q, want one of %v", tr, k, kinds)
		}
	}
	for tr := range c.Confirm {
		if !slices.Contains(c.Transports, tr) {
			t.Errorf("Confirm has transport %q that Transports does not list", tr)
		}
	}
	seen := map[string]bool{}
	for _, f := range c.Features {
		if !slices.Contains(AllFeatures, f) || seen[f] {
			t.Errorf("feature %q is unknown or listed twice", f)
		}
		seen[f] = true
	}
	c.Features = append(c.Features[:0], "mutated")
	c.Transports[0] = "mutated"
	if again := p.Capabilities(); slices.Contains(again.Features, "mutated") || again.Transports[0] == "mutated" {
		t.Error("Capabilities() returns slices shared between calls; return copies")
	}
}

// fingerprint is everything a Desired shows: its JSON form and its tree's
// RFC 7951 JSON.
func fingerprint(t *testing.T, d *providers.Desired) string {
	t.Helper()
	meta, err := json.Marshal(d)
	if err != nil {
		t.Fatalf("marshal Desired: %v", err)
	}
	tree := ""
	if d.Tree != nil {
		if tree, err = providers.JSON(d); err != nil {
			t.Fatalf("providers.JSON: %v", err)
		}
	}
	return string(meta) + "\n" + tree
}

func checkDeterministic(t *testing.T, p providers.Provider, d *models.Device) {
	want := fingerprint(t, render(t, p, d))
	const n = 8
	got := make([]*providers.Desired, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { got[i], errs[i] = p.Render(d) })
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("concurrent Render %d: %v", i, errs[i])
		}
		if diff := cmp.Diff(want, fingerprint(t, got[i])); diff != "" {
			t.Fatalf("Render %d differs from the first (-first +this):\n%s", i, diff)
		}
	}
}

func checkSecrets(t *testing.T, p providers.Provider, d *models.Device) {
	const canary = "c4n4ry-s3cr3t-must-not-leak"
	t.Setenv(CanaryEnv, canary)
	got := render(t, p, d)
	for what, s := range map[string]string{
		"Desired":       fingerprint(t, got),
		"Desired (%+v)": fmt.Sprintf("%+v", got),
		"Desired.CLI":   got.CLI,
	} {
		if strings.Contains(s, canary) {
			t.Errorf("%s contains the secret value", what)
		}
	}
	caps := p.Capabilities().Features
	if slices.Contains(caps, providers.FeatureUsers) || slices.Contains(caps, providers.FeatureAAA) {
		if !slices.ContainsFunc(got.Secrets, func(b providers.SecretBinding) bool { return b.Ref == canaryRef && b.Path != "" }) {
			t.Errorf("Desired.Secrets = %+v, want a binding to %s for each secret reference", got.Secrets, canaryRef)
		}
	}
}

func checkUnsupported(t *testing.T, p providers.Provider, d *models.Device, feature string) {
	if errs := d.Config.Validate(); errs != nil {
		t.Fatalf("sample intent is invalid (a providertest bug): %v", errs)
	}
	_, err := p.Render(d)
	if err == nil {
		t.Fatalf("Render succeeded, want an UnsupportedError for %s", feature)
	}
	for _, u := range Unsupported(err) {
		if u.Feature == feature && u.Platform == p.Name() && u.Path != "" {
			return
		}
	}
	t.Errorf("Render error = %v, want an *providers.UnsupportedError{Feature: %q, Platform: %q} with a path", err, feature, p.Name())
}

// Unsupported returns every *providers.UnsupportedError in err's tree
// (through wrapping and errors.Join), in order.
func Unsupported(err error) []*providers.UnsupportedError {
	var out []*providers.UnsupportedError
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		if u, ok := e.(*providers.UnsupportedError); ok {
			out = append(out, u)
			return
		}
		switch w := e.(type) {
		case interface{ Unwrap() []error }:
			for _, c := range w.Unwrap() {
				walk(c)
			}
		case interface{ Unwrap() error }:
			walk(w.Unwrap())
		}
	}
	walk(err)
	if out == nil {
		var u *providers.UnsupportedError
		if errors.As(err, &u) {
			out = append(out, u)
		}
	}
	return out
}

// clone returns a deep copy of d.
func clone(t *testing.T, d *models.Device) *models.Device {
	t.Helper()
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var c models.Device
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return &c
}
