package yangjson

import (
	"encoding/json"
	"fmt"
	"github.com/switchyard/switchyard/profiles"
	"strconv"
	"strings"
)

// kindOf is the base type of a profile type descriptor ("uint16 1..4094").
func kindOf(typ string) string {
	k, _, _ := strings.Cut(typ, " ")
	return k
}

// jsonNumber reports whether RFC 7951 writes values of kind as JSON numbers
// (integers up to 32 bits; 64-bit integers and decimal64 are strings).
func jsonNumber(kind string) bool {
	switch kind {
	case "int8", "int16", "int32", "uint8", "uint16", "uint32":
		return true
	}
	return false
}

// FromText returns the RFC 7951 value of the XML text of a leaf of type typ.
func FromText(typ, text string) any {
	switch kind := kindOf(typ); {
	case kind == "empty":
		return []any{nil}
	case kind == "boolean":
		if b, err := strconv.ParseBool(text); err == nil {
			return b
		}
	case kind == "identityref":
		return identity(typ, text)
	case jsonNumber(kind), kind == "union":
		if n, err := strconv.ParseInt(text, 10, 64); err == nil && n >= -(1<<31) && n < 1<<32 {
			return float64(n)
		}
	}
	return text
}

// Normalize returns v (a value as YAML or JSON gave it) in the RFC 7951
// form of a leaf of type typ: "1500" becomes 1500 for a uint16, 9000
// becomes "9000" for a string, true stays true for a boolean.
func Normalize(typ string, v any) any {
	switch x := v.(type) {
	case []any:
		if kindOf(typ) == "empty" {
			return []any{nil}
		}
		out := make([]any, len(x))
		for i, it := range x {
			out[i] = Normalize(typ, it)
		}
		return out
	case nil:
		if kindOf(typ) == "empty" {
			return []any{nil}
		}
		return nil
	}
	return FromText(typ, Text(v))
}

// Text is the XML text of a scalar RFC 7951 value.
func Text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// DigestText is the part of a running configuration's digest that covers
// its native subtrees: their canonical JSON (encoding/json sorts members)
// after "native:", or "" when there are none.
func DigestText(native map[string]any) string {
	if len(native) == 0 {
		return ""
	}
	b, err := json.Marshal(native)
	if err != nil {
		return ""
	}
	return "native:" + string(b)
}

// identity is the RFC 7951 value of an identityref's text (see
// profiles.Identity); text as is when the type lists no such identity.
func identity(typ, text string) any {
	if v, ok := profiles.Identity(typ, text); ok {
		return v
	}
	return text
}
