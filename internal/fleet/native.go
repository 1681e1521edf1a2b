package fleet

import (
	"fmt"
	"strings"

	"github.com/switchyard/switchyard/internal/yangjson"
	"github.com/switchyard/switchyard/inventory"
	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/profiles"
	"github.com/switchyard/switchyard/providers"
)

// checkNativeRoute refuses native subtrees on a transport that cannot
// carry them: switchyard pushes native YANG over NETCONF and gNMI.
func checkNativeRoute(d *inventory.Device, desired *providers.Desired) []models.FieldError {
	if len(desired.Native) == 0 || usesSchema(d.Transport) {
		return nil
	}
	var out []models.FieldError
	seen := map[string]bool{}
	for _, o := range desired.NativeOrigins {
		if seen[o.Intent] {
			continue
		}
		seen[o.Intent] = true
		out = append(out, models.FieldError{Path: o.Intent, Message: fmt.Sprintf(
			"%s over %s: this part goes through the release's native model (%s), which switchyard pushes over NETCONF or gNMI only",
			d.Platform, d.Transport, topOf(o.Path))})
	}
	if len(out) == 0 {
		out = append(out, models.FieldError{Message: fmt.Sprintf("%s over %s: native subtrees go over NETCONF only", d.Platform, d.Transport)})
	}
	return out
}

func topOf(path string) string {
	first, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	first, _, _ = strings.Cut(first, "[")
	return first
}

// checkNative checks the native subtrees leaf by leaf against the
// release's native schema; each refusal is placed at the intent value the
// subtree comes from (the longest origin path it lies under).
func checkNative(prof *profiles.Profile, desired *providers.Desired) ([]models.FieldError, []models.FieldError) {
	if len(desired.Native) == 0 {
		return nil, nil
	}
	elems, err := yangjson.ToXML(prof, desired.Native)
	if err != nil {
		return nil, []models.FieldError{{Path: firstOrigin(desired), Message: err.Error()}}
	}
	var out []models.FieldError
	for _, r := range prof.CheckXML(elems) {
		out = append(out, models.FieldError{Path: originOf(desired, r.Path),
			Message: fmt.Sprintf("%s cannot take %s: %s", prof.ID(), r.Path, r.Reason)})
	}
	return out, nil
}

func firstOrigin(desired *providers.Desired) string {
	if len(desired.NativeOrigins) == 0 {
		return ""
	}
	return desired.NativeOrigins[0].Intent
}

// originOf returns the intent of the origin whose path (keys and module
// prefixes aside) is the longest prefix of data path p.
func originOf(desired *providers.Desired, p string) string {
	lp := schemaPath(p)
	best, bestLen := "", -1
	for _, o := range desired.NativeOrigins {
		op := schemaPath(o.Path)
		// >=: of equal paths the last block's (whose value won) is named.
		if (lp == op || strings.HasPrefix(lp, op+"/") || strings.HasPrefix(op, lp+"/")) && len(op) >= bestLen {
			best, bestLen = o.Intent, len(op)
		}
	}
	return best
}

// schemaPath strips keys and module prefixes from a data path.
func schemaPath(p string) string {
	var b strings.Builder
	depth := 0
	for _, c := range p {
		switch {
		case c == '[':
			depth++
		case c == ']':
			depth--
		case depth == 0:
			b.WriteRune(c)
		}
	}
	parts := strings.Split(strings.TrimPrefix(b.String(), "/"), "/")
	for i, seg := range parts {
		if _, l, ok := strings.Cut(seg, ":"); ok {
			parts[i] = l
		}
	}
	return "/" + strings.Join(parts, "/")
}
