package inventory

import (
	"reflect"

	"github.com/switchyard/switchyard/internal/diag"
	"github.com/switchyard/switchyard/models"
)

// decl is one declaration of a file, decoded on its own, so that files can
// be decoded concurrently and added to the repository in order after.
type decl struct {
	// spec is a *DeviceSpec, *GroupSpec, *CredentialSpec or *DefaultsSpec,
	// or nil for diagnostics that belong to no declaration.
	spec any
	v    *value
	// ds are reported always; cfg, from type-checking the declaration's
	// config, only when the declaration is kept (not a duplicate).
	ds, cfg diag.Diagnostics
}

// decodedFile is the declarations of one file, with the diagnostics of
// parsing it, in the order the loader reports them.
type decodedFile []decl

// decodeFile decodes every document of a parsed file into declarations.
// It only reads types, which may be shared.
func decodeFile(pf parsedFile, types *typeCache) decodedFile {
	out := decodedFile{{ds: pf.ds}}
	for _, v := range pf.docs {
		var fsp fileSpec
		doc := decl{}
		newDecoder(&doc.ds, types, "").decode(v, reflect.ValueOf(&fsp).Elem())
		out = append(out, doc)
		out = decodeSections(out, &fsp, types)
	}
	return out
}

// decodeSections appends the declarations of one document, section by
// section.
func decodeSections(out decodedFile, fsp *fileSpec, types *typeCache) decodedFile {
	for _, v := range fsp.Devices {
		d := &DeviceSpec{src: v}
		out = append(out, decodeDecl(d, v, "device", &d.Config, types))
	}
	for _, v := range fsp.Groups {
		g := &GroupSpec{src: v}
		out = append(out, decodeDecl(g, v, "group", &g.Config, types))
	}
	for _, v := range fsp.Credentials {
		c := &CredentialSpec{src: v}
		out = append(out, decodeDecl(c, v, "credentials", nil, types))
	}
	if v := fsp.Defaults; v != nil && v.kind != kindNull {
		d := &DefaultsSpec{src: v}
		out = append(out, decodeDecl(d, v, "defaults", &d.Config, types))
	}
	return out
}

// decodeDecl decodes v into spec (a pointer), then type-checks the config
// it has, if any, so that unknown keys and wrong types are reported once,
// where they are written.
func decodeDecl(spec any, v *value, what string, config **value, types *typeCache) decl {
	dc := decl{spec: spec, v: v}
	newDecoder(&dc.ds, types, what).decode(v, reflect.ValueOf(spec).Elem())
	if config != nil && *config != nil {
		var c models.Config
		newDecoder(&dc.cfg, types, "config").decode(*config, reflect.ValueOf(&c).Elem())
	}
	return dc
}
