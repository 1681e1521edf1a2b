package cli

import (
	"errors"
	"strings"
	"testing"
)

func TestSendCommandShowRunning(t *testing.T) {
	d, _ := startSim(t, nil)
	s := dial(t, simConfig(t, d))
	out, err := s.SendCommand(t.Context(), "show running-config")
	if err != nil {
		t.Fatalf("show running-config: %v", err)
	}
	for _, want := range []string{"Building configuration...", "Current configuration : ", "hostname sw1", "interface GigabitEthernet1/0/1", "\nend"} {
		if !strings.Contains(out, want) {
			t.Errorf("show running-config output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "sw1#") {
		t.Errorf("output contains the prompt:\n%s", out)
	}
}

func TestSendConfigs(t *testing.T) {
	d, _ := startSim(t, nil)
	s := dial(t, simConfig(t, d))
	err := s.SendConfigs(t.Context(), []string{
		"interface Gi1/0/2", " description printer", " switchport access vlan 10", " exit",
		"banner motd ^C\nNo entry.\nReally.\n^C",
	})
	if err != nil {
		t.Fatalf("SendConfigs: %v", err)
	}
	run := d.Running()
	for _, want := range []string{"interface GigabitEthernet1/0/2\n description printer\n switchport access vlan 10\n", "banner motd ^C\nNo entry.\nReally.\n^C\n"} {
		if !strings.Contains(run, want) {
			t.Errorf("running lacks %q:\n%s", want, run)
		}
	}
	if _, err := s.SendCommand(t.Context(), "show running-config"); err != nil {
		t.Fatalf("show after configure: %v", err)
	}
}

func TestSendConfigsInvalid(t *testing.T) {
	d, _ := startSim(t, nil)
	s := dial(t, simConfig(t, d))
	before := d.Running()
	err := s.SendConfigs(t.Context(), []string{"interface Gi1/0/2", " mtu 9000", " description x"})
	var ce *CommandError
	if !errors.As(err, &ce) {
		t.Fatalf("SendConfigs error = %v, want a *CommandError", err)
	}
	if ce.Command != " mtu 9000" || !strings.Contains(err.Error(), d.Addr()) || !strings.Contains(err.Error(), "Invalid input") {
		t.Errorf("error = %v (command %q)", err, ce.Command)
	}
	if d.Running() != before {
		t.Errorf("running changed although the first refused line stops the push")
	}
}
