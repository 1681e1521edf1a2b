package cliconf

import (
	"fmt"
	"strings"
	"testing"
)

// benchConfig generates about n lines of access-switch configuration:
// VLANs, interfaces with switchport settings, sequenced and unsequenced
// ACLs and static routes.
func benchConfig(n int) []string {
	lines := make([]string, 0, n+64)
	lines = append(lines, "version 17.9", "hostname bench-sw")
	for v := 1; v <= 1000; v++ {
		lines = append(lines, fmt.Sprintf("vlan %d", v), fmt.Sprintf(" name VLAN-%04d", v))
	}
	for a := 0; len(lines) < n/4; a++ {
		lines = append(lines, fmt.Sprintf("ip access-list extended ACL-%03d", a))
		for e := 1; e <= 100; e++ {
			lines = append(lines, fmt.Sprintf(" %d permit tcp 10.%d.%d.0 0.0.0.255 any eq %d", e*10, a%250, e, 1000+e))
		}
	}
	for r := 0; len(lines) < n/3; r++ {
		lines = append(lines, fmt.Sprintf("ip route 10.%d.%d.0 255.255.255.0 192.0.2.%d", r/250%250, r%250, r%200+1))
	}
	for i := 0; len(lines) < n; i++ {
		lines = append(lines,
			fmt.Sprintf("interface GigabitEthernet%d/0/%d", i/48+1, i%48+1),
			fmt.Sprintf(" description port %d", i),
			fmt.Sprintf(" switchport access vlan %d", i%1000+1),
			" switchport mode access",
			" switchport voice vlan 20",
			" spanning-tree portfast",
			" ip access-group ACL-001 in",
			" no shutdown",
		)
	}
	return lines
}

// perturb changes one line in every hundred: nested lines get a new last
// word, so values change, ACL entries change and lines appear and vanish.
func perturb(lines []string) []string {
	out := make([]string, len(lines))
	copy(out, lines)
	for i := 50; i < len(out); i += 100 {
		l := out[i]
		if !strings.HasPrefix(l, " ") {
			continue
		}
		j := strings.LastIndexByte(l, ' ')
		out[i] = l[:j] + " 7" + l[j+1:]
	}
	return out
}

func BenchmarkDiff100k(b *testing.B) {
	run := benchConfig(100_000)
	running, err := Parse(strings.Join(run, "\n"))
	if err != nil {
		b.Fatal(err)
	}
	desired, err := Parse(strings.Join(perturb(run), "\n"))
	if err != nil {
		b.Fatal(err)
	}
	var cmds []string
	b.ReportAllocs()
	for b.Loop() {
		cmds = Diff(running, desired, Options{})
	}
	b.ReportMetric(float64(len(run)), "lines")
	b.ReportMetric(float64(len(cmds)), "commands")
}

func BenchmarkParse100k(b *testing.B) {
	text := strings.Join(benchConfig(100_000), "\n")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(text); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBenchConfigIdempotent checks the benchmark's inputs with the same
// property as the golden tests.
func TestBenchConfigIdempotent(t *testing.T) {
	run := benchConfig(20_000)
	running := mustParse(t, strings.Join(run, "\n"))
	desired := mustParse(t, strings.Join(perturb(run), "\n"))
	cmds := Diff(running, desired, Options{})
	if len(cmds) == 0 {
		t.Fatal("no commands for a perturbed config")
	}
	applied, err := Apply(running, cmds)
	if err != nil {
		t.Fatal(err)
	}
	if again := Diff(applied, desired, Options{}); len(again) != 0 {
		t.Errorf("second Diff has %d commands, first %q", len(again), again[:min(len(again), 10)])
	}
}
