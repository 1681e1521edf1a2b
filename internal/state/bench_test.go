package state

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/switchyard/switchyard/providers"
)

// BenchmarkUpdate measures one durable read-modify-write of a device
// record of realistic size (a pending txn and a few drift paths) in a
// store holding 500 devices.
func BenchmarkUpdate(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "state"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close() })
	names := make([]string, 500)
	for i := range names {
		names[i] = fmt.Sprintf("leaf%03d", i)
		if err := s.Update(names[i], func(*DeviceState) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	txn := &providers.Txn{Device: "x", Transport: "netconf", Kind: "netconf-confirmed", ID: "persist-1", Deadline: t0}
	paths := []string{"/vlans/vlan[vlan-id=20]/members", "/interfaces/interface[name=Ethernet1/1]/config/description"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		err := s.Update(names[i%len(names)], func(st *DeviceState) error {
			st.LastObservedAt = t0.Add(time.Duration(i) * time.Second)
			st.LastObservedDigest = "3f2a9c"
			st.InFlight = txn
			st.DriftPaths = paths
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAppendAudit measures one fsynced audit append with the default
// rotation settings.
func BenchmarkAppendAudit(b *testing.B) {
	a, err := OpenAudit(b.TempDir(), WithAuditClock(func() time.Time { return t0 }))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = a.Close() })
	r := Record{
		Revision: "9f1c2e7", Author: "Ada <ada@example.net>", Device: "leaf1", RunID: "42",
		Operator: OperatorDaemon, Result: "confirmed",
		Changes: []ChangeSummary{
			{Op: "update", Path: "/vlans/vlan[vlan-id=20]/members/member[interface=Ethernet1/1]"},
			{Op: "delete", Path: "/vlans/vlan[vlan-id=20]/members/member[interface=Ethernet1/9]"},
		},
		BeforeDigest: "aa11", AfterDigest: "bb22", TxnID: "persist-1",
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := a.Append(r); err != nil {
			b.Fatal(err)
		}
	}
}
