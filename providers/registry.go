package providers

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Registry holds the providers by platform name. It is safe for concurrent
// use; the zero value is not, use NewRegistry.
type Registry struct {
	mu        sync.RWMutex
	providers map[string]Provider
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{providers: map[string]Provider{}}
}

// Register adds p. A second provider with the same name is ErrDuplicate.
func (r *Registry) Register(p Provider) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.providers[p.Name()]; dup {
		return fmt.Errorf("register %q: %w", p.Name(), ErrDuplicate)
	}
	r.providers[p.Name()] = p
	return nil
}

// Get returns the provider for platform, or an error wrapping
// ErrUnknownPlatform that lists the known platforms, sorted.
func (r *Registry) Get(platform string) (Provider, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	p, ok := r.providers[platform]
	if !ok {
		return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknownPlatform, platform, strings.Join(r.namesLocked(), ", "))
	}
	return p, nil
}

// Names returns the registered platform names, sorted.
func (r *Registry) Names() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	return r.namesLocked()
}

func (r *Registry) namesLocked() []string {
	names := make([]string, 0, len(r.providers))
	for n := range r.providers {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// CheckTransport returns an error unless platform is registered and can be
// reached over transport. Its signature fits inventory.ResolveOptions.
func (r *Registry) CheckTransport(platform, transport string) error {
	p, err := r.Get(platform)
	if err != nil {
		return err
	}
	ts := p.Capabilities().Transports
	if !slices.Contains(ts, transport) {
		return fmt.Errorf("platform %s cannot be managed over %s (supported: %s)", platform, transport, strings.Join(ts, ", "))
	}
	return nil
}
