// Command genshipped regenerates the profiles switchyard ships (profiles/shipped)
// from Cisco's published YANG in ../shared/cisco-yang (beside the repository).
// It is run by `go generate ./profiles` (make generate); the build and the
// tests never need the published files.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/switchyard/switchyard/profiles/profilegen"
)

// releases are the shipped profiles: the folder of each release under the
// cisco-yang root and the hello of the hardware the campus runs on.
var releases = []profilegen.Options{
	{Platform: "iosxe", Release: "17.18.1", Dir: "xe/17181", Hello: "capability-cat9k.xml"},
	{Platform: "iosxr", Release: "26.2.1", Dir: "xr/2621", Hello: "capabilities-asr9k-x64.xml",
		// IOS-XR's published hellos list modules only (see the folder's
		// README); these are the protocol capabilities IOS-XR sends.
		ExtraCapabilities: []string{
			"urn:ietf:params:netconf:base:1.0", "urn:ietf:params:netconf:base:1.1",
			"urn:ietf:params:netconf:capability:candidate:1.0",
			"urn:ietf:params:netconf:capability:rollback-on-error:1.0",
			"urn:ietf:params:netconf:capability:validate:1.1",
			"urn:ietf:params:netconf:capability:confirmed-commit:1.1",
			"urn:ietf:params:netconf:capability:notification:1.0",
			"urn:ietf:params:netconf:capability:interleave:1.0",
		}},
	{Platform: "nxos", Release: "10.6(3)", Dir: "nx/10.6-3", Hello: "netconf-capabilities.xml"},
}

func main() {
	root := flag.String("yang", "../../shared/cisco-yang", "the cisco-yang folder (YangModels vendor/cisco layout)")
	out := flag.String("out", "shipped", "where to write the profiles")
	flag.Parse()
	for _, o := range releases {
		o.Source = "YangModels vendor/cisco/" + o.Dir
		o.Dir = filepath.Join(*root, o.Dir)
		p, err := profilegen.Generate(profilegen.Defaults(o))
		if err != nil {
			fmt.Fprintln(os.Stderr, "genshipped:", err)
			os.Exit(1)
		}
		data, err := p.Marshal()
		if err != nil {
			fmt.Fprintln(os.Stderr, "genshipped:", err)
			os.Exit(1)
		}
		name := filepath.Join(*out, profilegen.FileName(p))
		if err := os.WriteFile(name, append(data, '\n'), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "genshipped:", err)
			os.Exit(1)
		}
		fmt.Printf("%s: %d modules, %d unsupported paths, %d bytes\n", name, len(p.Modules), len(p.Unsupported), len(data))
		if p.Native != nil {
			nb, _ := json.Marshal(p.Native)
			fmt.Printf("  native schema: %d bytes\n", len(nb))
		}
	}
}
