package ios

import (
	"strings"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers"
)

// Placeholder returns the token Render writes where the value of ref
// belongs: "{{secret env:NAME}}" or "{{secret file:PATH}}". The apply step
// replaces each token with the secret value at push time, on the way to the
// device only; plans, logs and reports keep the token.
func Placeholder(ref models.SecretRef) string {
	return "{{secret " + ref.String() + "}}"
}

// secret records that the value at path is ref and returns its
// placeholder. A reference that would make an ambiguous token (white space
// or braces in it) is refused.
func (r *renderer) secret(feature, intentPath, path string, ref models.SecretRef) (string, error) {
	if (ref.Env == "") == (ref.File == "") || strings.ContainsAny(ref.String(), " \t\r\n{}") {
		return "", unsupported(feature, intentPath, "secret reference %q must name exactly one env variable or file, without spaces or braces", ref.String())
	}
	r.secrets = append(r.secrets, providers.SecretBinding{Path: path, Ref: ref})
	return Placeholder(ref), nil
}
