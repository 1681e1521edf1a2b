// Package ocdriver is what the OpenConfig platform drivers (iosxe, iosxr,
// nxos) share beyond rendering: connecting over the device's transport and
// diffing within the intent's scope.
package ocdriver

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/switchyard/switchyard/internal/diff"
	"github.com/switchyard/switchyard/models"
	oc "github.com/switchyard/switchyard/models/openconfig"
	"github.com/switchyard/switchyard/providers"
	"github.com/switchyard/switchyard/providers/internal/gnmisession"
	"github.com/switchyard/switchyard/providers/internal/ncsession"
	"github.com/switchyard/switchyard/providers/internal/ocrender"
)

// Base implements providers.Connector and providers.Differ for an
// OpenConfig platform. Embed it in the platform's driver.
type Base struct {
	Renderer *ocrender.Renderer
	Platform string
}

// Connect opens a session over t's transport.
func (b Base) Connect(ctx context.Context, t providers.Target) (providers.Session, error) {
	switch t.Transport {
	case "netconf":
		return ncsession.Dial(ctx, t)
	case gnmisession.Transport:
		return gnmisession.Dial(ctx, t)
	default:
		return nil, &providers.UnsupportedError{Feature: "transport " + t.Transport, Platform: b.Platform,
			Reason: "OpenConfig platforms are managed over netconf or gnmi"}
	}
}

// Diff computes the changes that turn running into desired, within the
// scope the intent declares (see ocrender.Renderer.Scope), plus the
// releases of what switchyard set and the intent no longer declares
// (desired.Owned, see diff.Release) and the re-sends of rotated secrets.
func (b Base) Diff(desired *providers.Desired, running *providers.Running) ([]providers.Change, error) {
	if desired.Tree == nil || running.Tree == nil {
		return nil, errors.New("diff: an OpenConfig tree is missing")
	}
	scope, nscope := b.Renderer.Scope(desired.Authoritative), nativeScope(desired.NativeOwned)
	if desired.Owned != nil {
		scope.OwnedLeaves = slices.Clone(scope.OwnedLeaves)
		for _, o := range diff.ClaimedValues(desired.Owned.Claims) {
			if diff.Route(o.Path) == diff.RouteNative {
				nscope.OwnedLeaves = append(nscope.OwnedLeaves, o)
			} else {
				scope.OwnedLeaves = append(scope.OwnedLeaves, o)
			}
		}
	}
	d, err := diff.Compute(desired.Tree, running.Tree, scope)
	if err != nil {
		return nil, err
	}
	nd, err := diff.ComputeNative(desired.Profile.NativeEntry(), desired.Native, running.Native, nscope)
	if err != nil {
		return nil, fmt.Errorf("diff native subtrees of %s: %w", desired.Device, err)
	}
	all := append(slices.Clone(d.Changes), nd.Changes...)
	all = diff.AbsentNativeSecrets(desired.Profile.NativeEntry(), running.Native, secretPaths(desired.Secrets), all)
	all = diff.AbsentNative(desired.Profile.NativeEntry(), running.Native, desired.NativeAbsent, all)
	if desired.Owned != nil {
		diff.MarkValueRemovals(all, desired.Owned.Claims)
	}
	changes, err := desired.Owned.Merge(all, func(claims []diff.Claim) ([]providers.Change, error) {
		rel, err := diff.Release(desired.Tree, running.Tree, claims)
		if err != nil {
			return nil, err
		}
		nrel, err := diff.ReleaseNative(desired.Profile.NativeEntry(), desired.Native, running.Native, claims)
		return append(rel, nrel...), err
	})
	if err != nil {
		return nil, err
	}
	if err := checkVLANsInUse(desired.Device, running.Tree, changes); err != nil {
		return nil, err
	}
	return changes, nil
}

var _ providers.SecretFormer = Base{}

// SecretForms returns the stored forms running shows for desired's
// secrets (password-hashed, secret-key-hashed; see diff.StoredForms), and
// for its native secret leaves the value the leaf shows.
func (b Base) SecretForms(desired *providers.Desired, running *providers.Running) map[string]string {
	if desired == nil || running == nil || len(desired.Secrets) == 0 {
		return nil
	}
	paths := make([]string, len(desired.Secrets))
	for i, s := range desired.Secrets {
		paths[i] = s.Path
	}
	forms, err := diff.StoredForms(running.Tree, paths)
	if err != nil {
		return nil // the Diff of the same trees reports it
	}
	if forms == nil {
		forms = map[string]string{}
	}
	maps.Copy(forms, diff.NativeStoredForms(desired.Profile.NativeEntry(), running.Native, paths))
	return forms
}

// IntentPath names the intent value that produced a payload path (see
// ocrender.IntentPath), so that validation places a refusal at its YAML.
func (b Base) IntentPath(c *models.Config, path string) string {
	return ocrender.IntentPath(c, path)
}

var _ providers.Prover = Base{}

// ProofChange is the timer proof's harmless change on an OpenConfig
// device: the description of the first interface running has (by name)
// set to marker. A description changes no forwarding; the device's timer
// restores the one it had.
func (b Base) ProofChange(running *providers.Running, marker string) (*providers.Desired, []providers.Change, error) {
	if running.Tree == nil || len(running.Tree.Interface) == 0 {
		return nil, nil, errors.New("proof change: the running configuration has no interface whose description could carry it")
	}
	names := make([]string, 0, len(running.Tree.Interface))
	for n := range running.Tree.Interface {
		names = append(names, n)
	}
	slices.Sort(names)
	tree := &oc.Device{}
	iface := tree.GetOrCreateInterface(names[0])
	iface.Description = &marker
	desired := &providers.Desired{Platform: b.Platform, Tree: tree}
	changes, err := b.Diff(desired, running)
	if err != nil {
		return nil, nil, err
	}
	if len(changes) == 0 {
		return nil, nil, errors.New("proof change: the interface description already is the marker")
	}
	return desired, changes, nil
}

// nativeScope owns whole the native lists of authoritative native.yang.
func nativeScope(owned []string) diff.Scope {
	var sc diff.Scope
	for _, p := range owned {
		sc.Owned = append(sc.Owned, diff.OwnedList{Path: p})
	}
	return sc
}

// secretPaths returns the paths of bindings.
func secretPaths(bindings []providers.SecretBinding) []string {
	out := make([]string, len(bindings))
	for i, b := range bindings {
		out[i] = b.Path
	}
	return out
}
