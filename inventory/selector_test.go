package inventory

import (
	"strings"
	"testing"
)

func TestSelectorMatches(t *testing.T) {
	amsAccess := map[string]string{"site": "ams", "role": "access"}
	tests := []struct {
		selector string
		labels   map[string]string
		want     bool
	}{
		{"site = ams", amsAccess, true},
		{"site == ams", amsAccess, true},
		{"site=fra", amsAccess, false},
		{"role != core", amsAccess, true},
		{"role != access", amsAccess, false},
		{"floor != 1", amsAccess, true}, // a missing label is not equal
		{"site in (ams, fra)", amsAccess, true},
		{"site in(fra,nyc)", amsAccess, false},
		{"floor in (1)", amsAccess, false},
		{"site notin (fra, nyc)", amsAccess, true},
		{"site notin (ams)", amsAccess, false},
		{"floor notin (1)", amsAccess, true},
		{"site", amsAccess, true},
		{"floor", amsAccess, false},
		{"!floor", amsAccess, true},
		{"! site", amsAccess, false},
		{"site in (ams, fra), role = access, !legacy", amsAccess, true},
		{"site in (ams, fra), role = core", amsAccess, false},
		{"site = ams", nil, false},
		{"legacy != true", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.selector, func(t *testing.T) {
			sel, err := ParseSelector(tt.selector)
			if err != nil {
				t.Fatal(err)
			}
			if got := sel.Matches(tt.labels); got != tt.want {
				t.Errorf("Matches(%v) = %v, want %v", tt.labels, got, tt.want)
			}
			if sel.String() != strings.TrimSpace(tt.selector) {
				t.Errorf("String() = %q, want the selector as written", sel.String())
			}
		})
	}
}

func TestParseSelectorErrors(t *testing.T) {
	tests := []struct {
		selector string
		want     string
	}{
		{"", "empty selector"},
		{"   ", "empty selector"},
		{"site = ams,", "at character 12: empty requirement"},
		{"site in ams", "must be in parentheses"},
		{"site in (ams", "must be in parentheses"},
		{"site in ()", `bad value ""`},
		{"site in (a b)", `bad value "a b"`},
		{"site = a b", `"a b" is not a valid label value`},
		{"si te = ams", `"si te" is not a valid label key`},
		{"!", `"" is not a valid label key`},
		{"= ams", `"" is not a valid label key`},
		{"site ~ ams", "want key = value"},
		{"role = core, site in ams", "at character 13"},
	}
	for _, tt := range tests {
		t.Run(tt.selector, func(t *testing.T) {
			_, err := ParseSelector(tt.selector)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseSelector(%q) error = %v, want one containing %q", tt.selector, err, tt.want)
			}
		})
	}
}
