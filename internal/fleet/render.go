package fleet

import (
	"context"
	"errors"
	"fmt"
	"runtime"

	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/providers"
	"golang.org/x/sync/errgroup"
)

// RenderAll renders every device of inv, on all cores, and returns every
// failure joined (each naming its device), or nil. Rendering is pure, so it
// contacts nothing.
func RenderAll(ctx context.Context, inv *inventory.Inventory, reg *providers.Registry) error {
	errs := make([]error, len(inv.Devices))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, d := range inv.Devices {
		g.Go(func() error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			p, err := reg.Get(d.Platform)
			if err == nil {
				_, err = p.Render(d.Intent)
			}
			if err != nil {
				errs[i] = fmt.Errorf("device %s: %w", d.Name, err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return errors.Join(errs...)
}
