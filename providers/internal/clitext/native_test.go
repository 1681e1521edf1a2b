package clitext

import (
	"errors"
	"strings"
	"testing"

	"github.com/switchyard/switchyard/models"
)

func TestNative(t *testing.T) {
	rendered := "hostname sw1\n!\ninterface Gi0/1\n description uplink\n!\nlogging host 10.0.0.5\nend\n"
	tests := []struct {
		name, block string
		wantPath    string
		wantMsg     string
	}{
		{name: "new global and section lines", block: "snmp-server location ams\nline vty 0 4\n exec-timeout 10 0\n"},
		{name: "a second value of a list-like line", block: "logging host 10.0.0.6\n"},
		{name: "a new line in a section the intent renders", block: "interface Gi0/1\n speed 100\n"},
		{name: "the same setting twice", block: "hostname other\n", wantPath: "native.cli[0]",
			wantMsg: "line 1 `hostname other` sets what the structured intent renders as `hostname sw1`: set it in one place"},
		{name: "the same setting in a section", block: "interface Gi0/1\n description other\n", wantPath: "native.cli[0]",
			wantMsg: "line 2 `description other` sets under `interface Gi0/1` what the structured intent renders as `description uplink`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &models.Config{Native: &models.Native{CLI: []string{tt.block}}}
			got, err := Native(c, rendered)
			if tt.wantPath == "" {
				if err != nil || got != tt.block {
					t.Fatalf("Native = %q, %v; want the block back", got, err)
				}
				return
			}
			var fe models.FieldError
			if !errors.As(err, &fe) || fe.Path != tt.wantPath || !strings.Contains(fe.Message, tt.wantMsg) {
				t.Fatalf("Native error = %v; want %s: %s", err, tt.wantPath, tt.wantMsg)
			}
		})
	}
}
