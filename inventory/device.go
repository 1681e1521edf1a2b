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

// layers is what every device merges, prepared once per Resolve: each
// layer's tree is marked with its layer once, so that merging shares it.
type layers struct {
	defaults *layer
	config   *value                 // the defaults' config, marked
	groups   map[*groupState]*value // each group's config, marked
	// of lists the groups of each device, in declared order.
	of map[string][]*groupState
}

// prepare builds the layers of every device from the resolved groups.
func (r *resolver) prepare(groups map[string]*groupState) *layers {
	ls := &layers{defaults: &layer{name: "defaults"}, groups: map[*groupState]*value{}, of: map[string][]*groupState{}}
	if def := r.repo.Defaults; def != nil {
		ls.config = marked(def.Config, ls.defaults)
	}
	for _, g := range r.repo.Groups {
		gs := groups[g.Name]
		if gs == nil || gs.spec != g {
			continue
		}
		ls.groups[gs] = marked(g.Config, gs.layer)
		for dev, reasons := range gs.members {
			if len(reasons) > 0 {
				ls.of[dev] = append(ls.of[dev], gs)
			}
		}
	}
	return ls
}

// resolved is one device resolved, with the diagnostics it adds, in order.
type resolved struct {
	dev *Device
	ds  []diag.Diagnostic
}

// device resolves one device: its memberships in precedence order, and its
// intent merged from defaults, groups and itself, then validated. It only
// reads the resolver, so devices can be resolved concurrently; their
// diagnostics are returned for the caller to add.
func (r *resolver) device(d *DeviceSpec, ls *layers) resolved {
	dev := r.base[d]
	out := resolved{dev: dev}
	mine := slices.Clone(ls.of[d.Name])
	slices.SortStableFunc(mine, func(a, b *groupState) int {
		return cmp.Or(cmp.Compare(a.layer.priority, b.layer.priority), cmp.Compare(a.spec.order, b.spec.order))
	})
	m := &merger{types: r.types, at: rootPath("config")}
	merged := m.merge(nil, ls.config, configType, "", ls.defaults)
	auth := map[string]bool{}
	for _, gs := range mine {
		dev.Groups = append(dev.Groups, Membership{Group: gs.spec.Name, Priority: gs.layer.priority, Reasons: gs.members[d.Name]})
		merged = m.merge(merged, ls.groups[gs], configType, "", gs.layer)
		expandAuthoritative(auth, gs.spec.Authoritative, gs.spec.Config)
	}
	// The device's own layer is the last: no layer merges over its values,
	// so they need no origin and are shared as loaded.
	merged = m.merge(merged, d.Config, configType, "", &layer{name: fmt.Sprintf("device %q", d.Name)})
	expandAuthoritative(auth, d.Authoritative, d.Config)
	for _, c := range m.conflicts {
		out.ds = append(out.ds, c.diagnostic())
	}
	rel, rds := r.release(d, mine)
	dev.Release = rel
	dev.AllowWithoutDeviceTimer = r.timerOptIn(d, mine)
	out.ds = append(out.ds, rds...)
	dev.Intent = &models.Device{Name: d.Name, Platform: d.Platform, Authoritative: slices.Sorted(mapKeys(auth)),
		Profile: dev.Profile()}
	failed := map[string]bool{}
	if merged != nil {
		// Every layer was type-checked when it was loaded, and merging two
		// well-typed layers gives a well-typed tree, so these diagnostics
		// would only repeat what Load reported.
		// The values that failed are zero, and not validated either.
		var ignored diag.Diagnostics
		dec := newDecoder(&ignored, r.types, "config")
		dec.failed = failed
		dec.decode(merged, reflect.ValueOf(&dev.Intent.Config).Elem())
	}
	for _, fe := range dev.Intent.Config.Validate() {
		if underFailed(failed, "config."+fe.Path) {
			continue
		}
		rng := d.src.pos()
		if merged != nil {
			rng = merged.lookup(fe.Path)
		}
		out.ds = append(out.ds, diag.Diagnostic{Severity: diag.Error, Summary: fe.Error(), Range: rng})
	}
	if len(out.ds) == 0 {
		out.ds = r.checkIntent(dev, d, merged)
	}
	return out
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
		case "interfaces.allowed_vlans":
			for _, it := range listItems(cfg.get("interfaces")) {
				if n := it.get("name"); n != nil && n.kind == kindScalar && it.get("switchport") != nil {
					out["interfaces["+n.text+"].allowed_vlans"] = true
				}
			}
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
