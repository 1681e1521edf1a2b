package ios_test

import (
	"fmt"
	"testing"

	"github.com/switchyard/switchyard/models"
	"github.com/switchyard/switchyard/providers/ios"
)

// accessSwitch is a 48-port access switch with 20 VLANs, two uplinks in a
// port-channel and a 50-entry ACL.
func accessSwitch() *models.Device {
	c := models.Config{Hostname: "bench-sw", DomainName: "example.net"}
	for v := range 20 {
		c.VLANs = append(c.VLANs, models.VLAN{ID: 100 + v, Name: fmt.Sprintf("V%d", 100+v)})
	}
	for p := 1; p <= 48; p++ {
		ifc := models.Interface{Name: fmt.Sprintf("Gi1/0/%d", p), Description: fmt.Sprintf("port %d", p)}
		switch {
		case p >= 47:
			ifc.PortChannel = &models.ChannelGroup{ID: 1, Mode: "active"}
		default:
			vl := &c.VLANs[p%20]
			vl.Members = append(vl.Members, ifc.Name)
			ifc.ACLIn = "EDGE-IN"
		}
		c.Interfaces = append(c.Interfaces, ifc)
	}
	c.Interfaces = append(c.Interfaces, models.Interface{Name: "Po1",
		Switchport: &models.Switchport{Mode: "trunk", AllowedVLANs: []models.VLANRange{{Low: 100, High: 119}}}})
	acl := models.ACL{Name: "EDGE-IN"}
	for i := range 50 {
		acl.Entries = append(acl.Entries, models.ACLEntry{Seq: 10 * (i + 1), Action: "permit", Protocol: "tcp",
			Source: fmt.Sprintf("10.%d.0.0/16", i), Destination: "any", DestinationPort: fmt.Sprint(1000 + i)})
	}
	c.ACLs = []models.ACL{acl}
	return &models.Device{Name: "bench-sw", Platform: "ios", Config: c}
}

func BenchmarkRender(b *testing.B) {
	d := accessSwitch()
	if errs := d.Config.Validate(); errs != nil {
		b.Fatalf("invalid intent: %v", errs)
	}
	p := ios.New()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Render(d); err != nil {
			b.Fatal(err)
		}
	}
}
