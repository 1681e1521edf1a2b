package models

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

const password = "hunter2-correct-horse"

func TestSecretIsRedactedEverywhere(t *testing.T) {
	s := NewSecret(password)
	type exported struct{ Password Secret }
	type unexported struct{ password Secret }
	jsonOf := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	slogJSON := func(args ...any) string {
		var buf bytes.Buffer
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("login", args...)
		return buf.String()
	}
	slogText := func(args ...any) string {
		var buf bytes.Buffer
		slog.New(slog.NewTextHandler(&buf, nil)).Info("login", args...)
		return buf.String()
	}
	tests := []struct {
		name string
		got  string
		// redacted says the output must show the placeholder; output of
		// an unexported field shows an address instead.
		redacted bool
	}{
		{"%v", fmt.Sprintf("%v", s), true},
		{"%s", fmt.Sprintf("%s", s), true},
		{"%+v", fmt.Sprintf("%+v", s), true},
		{"%#v", fmt.Sprintf("%#v", s), true},
		{"%q", fmt.Sprintf("%q", s), true},
		{"%x", fmt.Sprintf("%x", s), true},
		{"%d", fmt.Sprintf("%d", s), true},
		{"pointer %v", fmt.Sprintf("%v", &s), true},
		{"in a struct %+v", fmt.Sprintf("%+v", exported{s}), true},
		{"in a struct %#v", fmt.Sprintf("%#v", exported{s}), true},
		{"in an unexported field %+v", fmt.Sprintf("%+v", unexported{s}), false},
		{"in an unexported field %#v", fmt.Sprintf("%#v", unexported{s}), false},
		{"in an error", fmt.Errorf("login with %v failed", s).Error(), true},
		{"json.Marshal", jsonOf(s), true},
		{"json.Marshal in a struct", jsonOf(exported{s}), true},
		{"json.Marshal in a map key", jsonOf(map[Secret]int{s: 1}), true},
		{"slog JSON handler", slogJSON("password", s), true},
		{"slog JSON handler in a struct", slogJSON("creds", exported{s}), true},
		{"slog text handler", slogText("password", s), true},
		{"slog text handler in a struct", slogText("creds", exported{s}), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.Contains(tt.got, password) {
				t.Fatalf("the secret leaked: %s", tt.got)
			}
			if tt.redacted && !strings.Contains(tt.got, "[redacted]") {
				t.Errorf("got %s, want [redacted]", tt.got)
			}
		})
	}
}

func TestSecretRevealAndZero(t *testing.T) {
	if got := NewSecret(password).Reveal(); got != password {
		t.Errorf("Reveal() = %q", got)
	}
	var zero Secret
	if !zero.IsZero() || zero.Reveal() != "" || !NewSecret("").IsZero() || NewSecret("x").IsZero() {
		t.Error("IsZero is wrong")
	}
}

func TestSecretRefString(t *testing.T) {
	for ref, want := range map[SecretRef]string{{Env: "PW"}: "env:PW", {File: "/run/pw"}: "file:/run/pw"} {
		if got := ref.String(); got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
	}
}
