package inventory

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strconv"

	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/models"
)

// device resolves one device: its memberships in precedence order, and its
// intent merged from defaults, groups and itself, then validated.
func (r *resolver) device(d *DeviceSpec, groups map[string]*groupState) *Device {
	dev := r.base[d]
	var mine []*groupState
	for _, g := range r.repo.Groups {
		if gs := groups[g.Name]; gs != nil && gs.spec == g && len(gs.members[d.Name]) > 0 {
			mine = append(mine, gs)
		}
	}
	slices.SortStableFunc(mine, func(a, b *groupState) int {
		return cmp.Or(cmp.Compare(a.layer.priority, b.layer.priority), cmp.Compare(a.spec.order, b.spec.order))
	})
	m := &merger{types: r.types}
	var merged *value
	if def := r.repo.Defaults; def != nil {
		merged = m.merge(merged, def.Config, configType, "", &layer{name: "defaults"}, "config")
	}
	auth := map[string]bool{}
	for _, gs := range mine {
		dev.Groups = append(dev.Groups, Membership{Group: gs.spec.Name, Priority: gs.layer.priority, Reasons: gs.members[d.Name]})
		merged = m.merge(merged, gs.spec.Config, configType, "", gs.layer, "config")
		expandAuthoritative(auth, gs.spec.Authoritative, gs.spec.Config)
	}
	merged = m.merge(merged, d.Config, configType, "", &layer{name: fmt.Sprintf("device %q", d.Name)}, "config")
	expandAuthoritative(auth, d.Authoritative, d.Config)
	for _, c := range m.conflicts {
		r.add(c.diagnostic(), d.Name)
	}
	dev.Intent = &models.Device{Name: d.Name, Platform: d.Platform, Authoritative: slices.Sorted(mapKeys(auth))}
	failed := map[string]bool{}
	if merged != nil {
		// Every layer was type-checked when it was loaded, and merging two
		// well-typed layers gives a well-typed tree, so these diagnostics
		// would only repeat what Load reported.
		// The values that failed are zero, and not validated either.
		var ignored diag.Diagnostics
		dec := &decoder{ds: &ignored, failed: failed, types: r.types}
		dec.decode(merged, reflect.ValueOf(&dev.Intent.Config).Elem(), "config")
	}
	for _, fe := range dev.Intent.Config.Validate() {
		if underFailed(failed, "config."+fe.Path) {
			continue
		}
		rng := d.src.pos()
		if merged != nil {
			rng = merged.lookup(fe.Path)
		}
		r.add(diag.Diagnostic{Severity: diag.Error, Summary: fe.Error(), Range: rng}, d.Name)
	}
	return dev
}

// underFailed reports whether path, or a value that contains it, is in
// failed: "config.vlans[0].members[1]" is under "config.vlans[0]".
func underFailed(failed map[string]bool, path string) bool {
	if len(failed) == 0 {
		return false
	}
	for i := range len(path) {
		if (path[i] == '.' || path[i] == '[') && failed[path[:i]] {
			return true
		}
	}
	return failed[path]
}

// expandAuthoritative turns the authoritative kinds a layer declares into
// selectors for the list instances that layer's intent declares: a group
// that owns "vlans.members" and declares VLANs 10 and 20 owns
// "vlans[10].members" and "vlans[20].members".
func expandAuthoritative(out map[string]bool, kinds []string, cfg *value) {
	for _, k := range kinds {
		switch k {
		case "vlans.members":
			eachKey(cfg.get("vlans"), "id", func(id string) { out["vlans["+id+"].members"] = true })
		case "object_groups.members":
			eachKey(cfg.get("object_groups"), "name", func(n string) { out["object_groups["+n+"].members"] = true })
		case "aaa.server_groups.servers":
			eachKey(cfg.get("aaa").get("server_groups"), "name", func(n string) { out["aaa.server_groups["+n+"].servers"] = true })
		case "port_channels.members":
			for _, it := range listItems(cfg.get("interfaces")) {
				if id := it.get("channel_group").get("id"); id != nil && id.kind == kindScalar {
					out["port_channels["+canonicalInt(id.text)+"].members"] = true
				}
			}
		default:
			out[k] = true
		}
	}
}

func listItems(v *value) []*value {
	if v == nil || v.kind != kindList {
		return nil
	}
	return v.items
}

func eachKey(list *value, key string, f func(string)) {
	for _, it := range listItems(list) {
		if k := it.get(key); k != nil && k.kind == kindScalar {
			f(canonicalInt(k.text))
		}
	}
}

// canonicalInt writes integers in decimal ("0x14" becomes "20"); other text
// is returned as is.
func canonicalInt(s string) string {
	if n, err := strconv.ParseInt(s, 0, 64); err == nil {
		return strconv.FormatInt(n, 10)
	}
	return s
}
